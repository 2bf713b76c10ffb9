"""The app's cached reads of the processed tables: re-read only when a file's size or time changes.

Kept apart from ``dashboard.data`` so that code outside the app (the deck's command line, benchmarks)
never imports Streamlit's caches, which warn when no app is running.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.data import Dataset, data_dir, read_dataset, signature


@st.cache_resource(show_spinner="Loading figures…", max_entries=2)
def _cached_dataset(folder: str, sig: tuple[tuple[str, int, int], ...]) -> Dataset:
    # a shared resource, not a copy per rerun: the dataset is read-only; its lookup tables are built
    # here, once, so no page pays for them
    return read_dataset(Path(folder)).with_lookups()


def get_dataset() -> Dataset:
    """The dataset for the app, cached until a table changes."""
    folder = data_dir()
    return _cached_dataset(str(folder), signature(folder))


@st.cache_data(show_spinner=False, max_entries=4)
def _texts(folder: str, sig: tuple[int, int]) -> dict[str, str]:
    path = Path(folder) / "texts.csv"
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, ValueError):
        return {}
    if not {"article_id", "text"} <= set(frame.columns):
        return {}
    return dict(zip(frame["article_id"], frame["text"], strict=True))


def article_text(article_id: str) -> str | None:
    """The article's plain text (what the figures' offsets refer to), or None when it is not available."""
    path = data_dir() / "texts.csv"
    stat = path.stat() if path.exists() else None
    texts = _texts(str(data_dir()), (stat.st_size, stat.st_mtime_ns) if stat else (-1, -1))
    return texts.get(article_id)
