"""The one cached data module: reads the processed tables, never raises a traceback into the page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl.paths import PROCESSED

TABLES = ("articles", "figures", "derived", "facts")
FIX = "make data   (or: python -m etl extract data/articles --out data/processed)"


@dataclass
class Loaded:
    tables: dict[str, pd.DataFrame]
    problems: list[str]


def load_tables(folder: Path = PROCESSED) -> Loaded:
    """Read every processed table; a missing, empty or malformed file becomes a one-line problem."""
    tables: dict[str, pd.DataFrame] = {}
    problems: list[str] = []
    for name in TABLES:
        path = folder / f"{name}.csv"
        if not path.is_file():
            problems.append(f"{path} is missing. Build it with: {FIX}")
            continue
        try:
            tables[name] = pd.read_csv(path, dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
            problems.append(f"{path} cannot be read ({str(error).splitlines()[0]}). Rebuild it with: {FIX}")
    return Loaded(tables, problems)
