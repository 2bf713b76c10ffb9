"""The one data module: reads the ETL's processed tables into a Dataset.

``read_dataset`` is pure pandas, with no Streamlit import, so the deck's command line and the tests
use it as it is; ``dashboard.cached`` caches it per file signature for the app. A missing, empty or malformed table
becomes a one-line problem naming the file and the command that fixes it, never a traceback.
"""

from __future__ import annotations

import csv
import os
import re
import threading
import tomllib
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from pyarrow.lib import ArrowInvalid

from dashboard.lookups import (
    ROW_CELLS,
    Citations,
    Confidences,
    FactOfFigure,
    PairIndex,
    Positions,
    Rows,
    arrow_text,
    take_rows,
)
from etl import DEFAULT_THRESHOLD, read_parquet_table

# Arrow's own allocator (mimalloc) is slow, and uneven, to take the first few hundred MB from the system,
# which is all a one-time load does; the C library's allocator reads a million figures in half the time
pa.set_memory_pool(pa.system_memory_pool())

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
    "articles": {"published": "date", "char_count": "integer", "undated": "boolean"},
    "figures": {"value": "number", "char_start": "integer", "char_end": "integer", "period_start": "date",
                "period_end": "date", "sentence_start": "integer", "extracted_value": "number",
                "confidence": "number", "confidence_value": "number", "confidence_metric": "number",
                "confidence_basis": "number", "confidence_period": "number", "confidence_sides": "number"},
    "derived": {"value": "number", "period_start": "date", "period_end": "date", "check_difference_pct": "number"},
    "facts": {"value": "number", "value_min": "number", "value_max": "number", "citations": "integer",
              "spread_pct": "number", "period_start": "date", "period_end": "date", "conflict": "boolean"},
}
SAID = {"number": "is not a number", "integer": "is not a whole number", "date": "is not a date (YYYY-MM-DD)",
        "boolean": "is not True or False"}
SHOWN_PER_TABLE = 3
MEMO_SIZE = 32  # pairs and rankings kept per dataset
T = TypeVar("T")  # row problems said one by one; the rest are counted


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
    _memo: dict[object, object] = field(default_factory=dict, repr=False, compare=False)
    _memo_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def memo(self, key: object, compute: Callable[[], T]) -> T:
        """``compute()``, kept for the next ask of ``key`` (the tables never change under a Dataset: the
        app loads a new one when a file does). The few most recent keys are kept; the app's sessions
        share one Dataset, so the memo changes under a lock (computed outside it)."""
        with self._memo_lock:
            if key in self._memo:
                return self._memo[key]  # type: ignore[return-value]
        value = compute()
        with self._memo_lock:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.pop(next(iter(self._memo)), None)
            self._memo[key] = value
        return value

    def pair_tables(self, source: str, target: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(figures, facts) of one investing and receiving side, each table scanned once per pair."""
        def scan() -> tuple[pd.DataFrame, pd.DataFrame]:
            rows = self.figure_pairs.rows(source, target)
            figures = take_rows(self.figures, rows)
            self.figure_position.remember(figures["figure_id"].tolist(), rows)  # the charts ask for each
            if "reasons" in figures:
                self.confidence.remember(rows, figures["reasons"].tolist())
            self.rows.remember(rows, figures, ROW_CELLS)
            return figures, take_rows(self.facts, self.fact_pairs.rows(source, target))
        return self.memo(("pair", source, target), scan)

    @cached_property
    def figure_pairs(self) -> PairIndex:
        return PairIndex(self.figures)

    @cached_property
    def fact_pairs(self) -> PairIndex:
        return PairIndex(self.facts)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.figures.empty

    def with_lookups(self) -> Dataset:
        """The dataset with its lookup tables built (what the app caches)."""
        _ = (self.figure_position, self.citation, self.fact_of_figure, self.confidence, self.figure_pairs,
             self.fact_pairs, self.rows.prepare())
        return self

    @cached_property
    def figure_position(self) -> Positions:
        """figure_id → row position in ``figures`` (hashed once, so lookups never scan the table)."""
        index = Positions(self.figures["figure_id"])
        _ = "" in index  # build the hash table now, with the rest of the load
        return index

    @cached_property
    def rows(self) -> Rows:
        """Cells of figure rows by position, read for many rows at once."""
        return Rows(self.figures)

    @cached_property
    def citation(self) -> Citations:
        """figure_id → (published, outlet, reviewed) — reviewed is '' for an automatic figure."""
        return Citations(self.figure_position, self.figures)

    @cached_property
    def confidence(self) -> Confidences:
        """figure_id → (confidence, reviewed, the doubtful field's reason); confidence is NaN when unknown."""
        return Confidences(self.figure_position, self.figures)

    @cached_property
    def fact_of_figure(self) -> FactOfFigure:
        """figure_id → the fact_id that consolidates it (``.of_figures(ids)`` for many at once)."""
        return FactOfFigure(self.facts)


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
        if kind == "number":  # always floats, as the Parquet tables hold them
            numbers = numbers.astype(float)
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


def _from_parquet(folder: Path, name: str) -> pd.DataFrame | None:
    """The table from the Parquet the ETL wrote beside its CSV, typed as ``_check_cells`` types the CSV's
    cells (the ETL typed them as it wrote them, so no row needs checking); None when there is no Parquet
    made from the CSV as it is now, or it lacks a column the pages need."""
    table = read_parquet_table(folder / f"{name}.csv")
    if table is None or not set(REQUIRED[name]) <= set(table.column_names):
        return None
    frame = table.to_pandas()
    for column in frame.columns:
        kind = CELLS.get(name, {}).get(column)
        if kind in ("number", "integer") or not frame[column].isna().any():
            continue
        frame[column] = frame[column].fillna(False).astype(bool) if kind == "boolean" else frame[column].fillna("")
    return frame


def _join(figures: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """Each figure with its article's columns of ``meta`` ('' for an article not in the table; the first
    article of a repeated id): a left merge, done in Arrow (one hash of the articles, one take per column)."""
    meta = meta.drop_duplicates("article_id")
    where = pc.index_in(arrow_text(figures["article_id"]), value_set=arrow_text(meta["article_id"]))
    joined = figures.copy(deep=False)
    for column in meta.columns[1:]:
        values = pc.fill_null(arrow_text(meta[column]).take(where), "")
        joined[column] = pd.Series(values.to_pandas(), index=figures.index) if len(figures) else ""
    return joined


def read_dataset(folder: Path | None = None) -> Dataset:
    """All four tables, figures joined with their article's outlet, date and title. Each is read from
    its Parquet when that was made from the CSV as it is now (many times faster at a million figures),
    else from the CSV, every cell checked."""
    folder = folder or data_dir()
    tables: dict[str, pd.DataFrame] = {}
    problems: list[str] = []
    skipped: list[str] = []
    for name in REQUIRED:
        typed = _from_parquet(folder, name) if (folder / f"{name}.csv").is_file() else None
        if typed is not None:
            tables[name] = typed
            continue
        tables[name], problem = _read(folder, name)
        if problem:
            problems.append(problem)
        else:
            tables[name], said = _check_cells(folder / f"{name}.csv", name, tables[name])
            skipped += said
    articles, figures = tables["articles"], tables["figures"]
    meta = articles[["article_id", "title", "publisher", "published", "url", "source_file"]].rename(
        columns={"title": "article_title", "publisher": "outlet"})
    figures = _join(figures, meta)
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
