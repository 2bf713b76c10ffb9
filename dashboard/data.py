"""The one data module: reads the ETL's processed tables into a Dataset.

``read_dataset`` is pure pandas, with no Streamlit import, so the deck's command line and the tests
use it as it is; ``dashboard.cached`` caches it per file signature for the app. A missing, empty or malformed table
becomes a one-line problem naming the file and the command that fixes it, never a traceback.
"""

from __future__ import annotations

import csv
import os
import re
import tomllib
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
from pyarrow.lib import ArrowInvalid

from etl import DEFAULT_THRESHOLD

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "processed"
FIX = "make data   (or: .venv/bin/python -m etl extract data/articles --out data/processed)"
REQUIRED = {
    "articles": ["article_id", "source_file", "title", "author", "publisher", "published", "url"],
    "figures": ["figure_id", "article_id", "text", "char_start", "char_end", "quote", "kind", "value", "currency",
                "qualifier", "metric", "basis", "period_start", "period_end", "source_country", "target_country",
                "entities"],
    "derived": ["derived_id", "rule", "value", "unit", "metric", "period_start", "period_end", "source_country",
                "target_country", "input_ids", "description"],
    "facts": ["fact_id", "metric", "kind", "basis", "currency", "source_country", "target_country", "period_start",
              "period_end", "value", "citations", "figure_ids", "publishers", "conflict", "spread_pct"],
}
CONFIDENCE_COLUMNS = ["confidence", "confidence_value", "confidence_metric", "confidence_basis", "confidence_period",
                      "confidence_sides"]
LARGE_BYTES = 20_000_000  # above this, tables are read with Arrow
# what each cell must be; a row that breaks it is skipped and said (optional columns when present)
CELLS: dict[str, dict[str, str]] = {
    "articles": {"published": "date"},
    "figures": {"value": "number", "char_start": "integer", "char_end": "integer", "period_start": "date",
                "period_end": "date", "sentence_start": "integer", "extracted_value": "number",
                "confidence": "number", "confidence_value": "number", "confidence_metric": "number",
                "confidence_basis": "number", "confidence_period": "number", "confidence_sides": "number"},
    "derived": {"value": "number", "period_start": "date", "period_end": "date"},
    "facts": {"value": "number", "value_min": "number", "value_max": "number", "citations": "integer",
              "spread_pct": "number", "period_start": "date", "period_end": "date", "conflict": "boolean"},
}
SAID = {"number": "is not a number", "integer": "is not a whole number", "date": "is not a date (YYYY-MM-DD)",
        "boolean": "is not True or False"}
SHOWN_PER_TABLE = 3  # row problems said one by one; the rest are counted


def confidence_threshold() -> float:
    """Under it, a figure nobody reviewed is marked on the Overview and in briefings
    (``FLOWCITE_CONFIDENCE_THRESHOLD``, default 0.7)."""
    raw = os.environ.get("FLOWCITE_CONFIDENCE_THRESHOLD", "")
    try:
        value = float(raw) if raw.strip() else DEFAULT_THRESHOLD
    except ValueError:
        return DEFAULT_THRESHOLD
    return value if 0.0 <= value <= 1.0 else DEFAULT_THRESHOLD


def data_dir() -> Path:
    """The processed tables' folder (FLOWCITE_DATA, default data/processed)."""
    return Path(os.environ.get("FLOWCITE_DATA", DEFAULT_DIR))


def data_root() -> Path:
    """The data folder the processed tables belong to: articles/, processed/ and reviews.csv."""
    return data_dir().parent


def upload_limit_bytes() -> int:
    """The upload size limit, read from .streamlit/config.toml (server.maxUploadSize, in MB)."""
    config = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"
    try:
        megabytes = tomllib.loads(config.read_text(encoding="utf-8"))["server"]["maxUploadSize"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        megabytes = 5
    return int(float(megabytes) * 1024 * 1024)


@dataclass
class Dataset:
    articles: pd.DataFrame = field(default_factory=pd.DataFrame)
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)
    derived: pd.DataFrame = field(default_factory=pd.DataFrame)
    facts: pd.DataFrame = field(default_factory=pd.DataFrame)
    problems: list[str] = field(default_factory=list)  # a table that cannot be used: the pages stop
    skipped: list[str] = field(default_factory=list)  # rows left out, each said: the pages go on

    @property
    def ok(self) -> bool:
        return not self.problems and not self.figures.empty

    def with_lookups(self) -> Dataset:
        """The dataset with its lookup tables built (what the app caches)."""
        _ = (self.figure_position, self.citation, self.fact_of_figure, self.confidence)
        return self

    @cached_property
    def figure_position(self) -> dict[str, int]:
        """figure_id → row position in ``figures`` (one pass, so lookups never scan the table)."""
        return {figure_id: i for i, figure_id in enumerate(self.figures["figure_id"].tolist())}

    @cached_property
    def citation(self) -> dict[str, tuple[str, str, str]]:
        """figure_id → (published, outlet, reviewed) — reviewed is '' for an automatic figure."""
        f = self.figures  # tolist(): iterating Arrow-backed columns item by item is slow
        return dict(zip(f["figure_id"].tolist(), zip(f["published"].tolist(), f["outlet"].tolist(),
                                                      f["reviewed"].tolist(), strict=True), strict=True))

    @cached_property
    def confidence(self) -> dict[str, tuple[float, str, str]]:
        """figure_id → (confidence, reviewed, the doubtful field's reason); confidence is NaN when unknown."""
        f = self.figures
        reasons = [str(r).split(" | ")[0] for r in f["reasons"].tolist()]
        return dict(zip(f["figure_id"].tolist(), zip(pd.to_numeric(f["confidence"], errors="coerce").tolist(),
                                                      f["reviewed"].tolist(), reasons, strict=True), strict=True))

    @cached_property
    def fact_of_figure(self) -> dict[str, str]:
        """figure_id → the fact_id that consolidates it."""
        return {figure_id: fact_id for fact_id, ids in zip(self.facts["fact_id"].tolist(),
                                                           self.facts["figure_ids"].tolist(), strict=True)
                for figure_id in str(ids).split(";") if figure_id}


def _read(folder: Path, name: str) -> tuple[pd.DataFrame, str | None]:
    path = folder / f"{name}.csv"
    if not path.is_file():
        return pd.DataFrame(columns=REQUIRED[name]), f"{path} is missing. Build it with: {FIX}"
    try:
        frame = _read_large(path) if path.stat().st_size > LARGE_BYTES else _read_small(path)
    except pd.errors.EmptyDataError:
        return pd.DataFrame(columns=REQUIRED[name]), f"{path} is empty. Rebuild it with: {FIX}"
    except (pd.errors.ParserError, pd.errors.ParserWarning, UnicodeDecodeError, ValueError, ArrowInvalid) as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        cut = re.search(r"EOF inside string starting at row (\d+)", reason)
        if cut:  # a copy interrupted or a full disk: the file ends inside a quoted cell
            return pd.DataFrame(columns=REQUIRED[name]), (
                f"{path} is cut off: row {int(cut.group(1)) + 1} ends inside a quoted cell. Rebuild it with: {FIX}")
        return pd.DataFrame(columns=REQUIRED[name]), f"{path} is malformed ({reason}). Rebuild it with: {FIX}"
    missing = [c for c in REQUIRED[name] if c not in frame.columns]
    if missing:
        return pd.DataFrame(columns=REQUIRED[name]), (
            f"{path} lacks the columns {', '.join(missing)}. Rebuild it with: {FIX}")
    return frame, None


def _check_cells(path: Path, name: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The rows whose every cell is what its column holds, typed; and one line per skipped row (a few,
    then a count): a truncated last row, a number that is not one, an impossible date."""
    bad = pd.Series(False, index=frame.index)
    said: list[str] = []

    def flag(mask: pd.Series, reason: Callable[[int], str]) -> None:
        nonlocal bad
        for position in [int(p) for p in mask.to_numpy().nonzero()[0] if not bad.iat[int(p)]][:SHOWN_PER_TABLE]:
            said.append(f"{path} row {position + 2}: {reason(position)}; the row is skipped. Rebuild it with: {FIX}")
        bad = bad | mask

    fields = dict(frame.attrs.get("fields", []))  # rows with fewer fields than the header
    short = pd.Series([p in fields for p in range(len(frame))], index=frame.index, dtype=bool)
    flag(short, lambda p: f"cut off ({fields[p]} of {len(frame.columns)} fields)")
    frame = frame.fillna("")
    typed: dict[str, pd.Series] = {}
    for column, kind in CELLS.get(name, {}).items():
        if column not in frame.columns:
            continue
        cells = frame[column].astype(str).str.strip()
        value, wrong = _typed(cells, kind)
        def reason(p: int, c: str = column, k: str = kind) -> str:
            return f"{c} {frame[c].iat[p]!r} {SAID[k]}"

        flag(wrong & ~bad, reason)
        typed[column] = value
    for column, value in typed.items():
        frame[column] = value
    skipped = int(bad.sum())
    if skipped > len(said):
        said.append(f"{path}: {skipped - len(said):,} more rows skipped for the same reasons. Rebuild it with: {FIX}")
    return frame[~bad].reset_index(drop=True), said


def _typed(cells: pd.Series, kind: str) -> tuple[pd.Series, pd.Series]:
    """(the column typed, where a non-empty cell is not of ``kind``)."""
    empty = cells == ""
    if kind in ("number", "integer"):
        numbers = pd.to_numeric(cells.where(~empty, None), errors="coerce")
        wrong = ~empty & numbers.isna()
        if kind == "integer":
            wrong = wrong | (~empty & numbers.notna() & (numbers != numbers.round()))
        return numbers, wrong
    if kind == "date":
        parsed = pd.to_datetime(cells.where(~empty, None), format="%Y-%m-%d", errors="coerce")
        return cells, ~empty & (parsed.isna() | ~cells.str.fullmatch(r"\d{4}-\d{2}-\d{2}"))
    lowered = cells.str.lower()
    return lowered == "true", ~empty & ~lowered.isin(["true", "false"])


def _read_small(path: Path) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)  # a row of the wrong length is an error
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8", index_col=False)
    frame = frame.reset_index(drop=True)
    # pandas fills the missing cells of a short row with '' here; count each row's fields to tell
    with path.open(encoding="utf-8", newline="") as handle:
        rows = (len(row) for row in csv.reader(handle) if row)
        width = next(rows, 0)
        frame.attrs["fields"] = [(position, count) for position, count in enumerate(rows) if count < width]
    return frame


def _read_large(path: Path) -> pd.DataFrame:
    """Big tables through Arrow's multithreaded CSV reader: every column as text, empty cells kept empty."""
    with path.open("rb") as handle:
        header = handle.readline()
    if not header.strip():
        raise pd.errors.EmptyDataError("no header")
    columns = next(csv.reader([header.decode("utf-8")]))
    table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
        column_types={name: pa.string() for name in columns}, strings_can_be_null=False))
    return table.to_pandas()


def read_dataset(folder: Path | None = None) -> Dataset:
    """All four tables, figures joined with their article's outlet, date and title."""
    folder = folder or data_dir()
    tables: dict[str, pd.DataFrame] = {}
    problems: list[str] = []
    skipped: list[str] = []
    for name in REQUIRED:
        tables[name], problem = _read(folder, name)
        if problem:
            problems.append(problem)
        else:
            tables[name], said = _check_cells(folder / f"{name}.csv", name, tables[name])
            skipped += said
    articles, figures = tables["articles"], tables["figures"]
    meta = articles[["article_id", "title", "publisher", "published", "url", "source_file"]].rename(
        columns={"title": "article_title", "publisher": "outlet"})
    figures = figures.merge(meta, on="article_id", how="left")
    for column in ("article_title", "outlet", "published", "url", "source_file"):
        figures[column] = figures[column].fillna("")
    figures["outlet"] = figures["outlet"].where(figures["outlet"] != "", figures["source_file"])
    if "reviewed" not in figures.columns:
        figures["reviewed"] = ""
    for column in CONFIDENCE_COLUMNS:  # tables from before confidence existed: unknown, never a made-up number
        if column not in figures.columns:
            figures[column] = float("nan")
    for column in ("doubtful_field", "reasons"):
        if column not in figures.columns:
            figures[column] = ""
    return Dataset(articles, figures, tables["derived"], tables["facts"], problems, skipped)


def signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """What the cache keys on: each table's name, size and modification time."""
    parts = []
    for name in REQUIRED:
        path = folder / f"{name}.csv"
        stat = path.stat() if path.exists() else None
        parts.append((name, stat.st_size if stat else -1, stat.st_mtime_ns if stat else -1))
    return tuple(parts)
