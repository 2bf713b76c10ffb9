"""Streamlit helpers shared by the pages: data problems, the pair selector kept in the URL, cards."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import display
from dashboard.cached import get_dataset
from dashboard.data import REQUIRED, Dataset
from dashboard.highlight import escape_markdown

__all__ = ["escape_markdown"]
from dashboard.queries import Card, Pair, default_pair, pairs
from etl import BASES, METRICS, QUALIFIERS


def dataset_or_stop() -> Dataset:
    """The dataset; with a clear message (what is wrong, the command that fixes it) instead of a traceback."""
    ds = get_dataset()
    if len(ds.problems) == len(REQUIRED) and all(" is missing." in problem for problem in ds.problems):  # none yet
        st.info("No data yet. Add articles on the Add articles page, or put article files in "
                "data/articles and run: make data")
        st.page_link("views/add.py", label="Add articles", icon=":material/upload_file:")
        st.stop()
    for problem in ds.problems:
        st.error(problem)
    for line in ds.skipped:
        st.warning(escape_markdown(line))
    if ds.problems:
        st.stop()  # a table that cannot be read would make every number on the page a guess
    if ds.figures.empty:
        if not ds.problems:
            st.warning("No figures yet. Add articles to data/articles and run: make data")
        st.stop()
    return ds


def query_value(name: str, default: str = "") -> str:
    value = st.query_params.get(name, default)
    return value if isinstance(value, str) else default


WRITTEN = "_url_written"  # what this session last wrote to each URL parameter


def seed(key: str, name: str, parse: Callable[[str], Any], options: Sequence[str] | None = None) -> None:
    """Give the widget ``key`` its value from the URL parameter ``name`` — on the session's first run
    and when the URL holds a value this session did not write (a pasted or followed link) — and
    otherwise leave it alone. Call it before the widget, which then takes its value from its key
    alone: a widget whose default changes between runs is made anew by Streamlit, and the change
    the user just made is lost (every second change snapped back). ``parse`` maps the URL's text
    ('' when absent) to a value the widget accepts; with ``options``, a value kept from before that is
    no longer among them (the data changed) is replaced too."""
    url = query_value(name)
    written = st.session_state.setdefault(WRITTEN, {})
    kept = st.session_state.get(key)
    stale = options is not None and key in st.session_state and not (
        set(kept) <= set(options) if isinstance(kept, list) else kept in options)
    if key not in st.session_state or stale or (url and url != written.get(name)):
        st.session_state[key] = parse(url)
        written[name] = url


def keep_in_url(**values: str | bool | None) -> None:
    """Write the view's state to the URL query (after the widgets) so a pasted link reproduces it."""
    written = st.session_state.setdefault(WRITTEN, {})
    for name, value in values.items():
        if value in (None, "", False):
            if name in st.query_params:
                del st.query_params[name]
            written[name] = ""
        else:
            text = "1" if value is True else str(value)
            if query_value(name) != text:
                st.query_params[name] = text
            written[name] = text


def one_of(options: Sequence[str], fallback: str) -> Callable[[str], str]:
    """A parser for ``seed``: the URL's value if it is one of the options, else the fallback."""
    return lambda text: text if text in options else fallback


def number_in(low: float, high: float, fallback: float) -> Callable[[str], float]:
    """A number from the URL, kept inside [low, high]."""
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            return fallback
        return value if low <= value <= high else fallback
    return parse


def some_of(options: Sequence[str], separator: str = ",") -> Callable[[str], list[str]]:
    """A parser for ``seed``: the URL's values that are options, in the URL's order."""
    return lambda text: [value for value in text.split(separator) if value in options]


def pair_selector(ds: Dataset, *, key: str = "pair") -> Pair:
    """Choose a country pair; from the URL, else the pair last chosen, else the pair with the most facts.
    A pair in the URL that the data does not hold is said, not silently replaced."""
    ranked = pairs(ds)
    keys = list(ranked["key"])
    if not keys:
        st.info("No figure in the data names a country on either side, so there is no pair to show. "
                "The Figures page lists every figure.")
        st.stop()
    labels = dict(zip(ranked["key"], ranked["label"], strict=True))
    fallback = default_pair(ds)
    last = st.session_state.get("pair_key")
    usual = str(last) if last in keys else (fallback.key if fallback else "")
    wanted = query_value("pair")
    if wanted and wanted not in keys:
        st.warning(f"The data holds no figures for the pair {escape_markdown(Pair.parse(wanted).label())} "
                   "from the link; showing another pair.")
    seed(key, "pair", one_of(keys, usual), keys)
    chosen = st.selectbox("Country pair (investor → recipient)", keys, format_func=lambda k: labels.get(k, k),
                          key=key)
    st.session_state["pair_key"] = chosen
    return Pair.parse(chosen)


def currency_selector(currencies: list[str], *, key: str) -> str:
    """Choose the currency the charts draw, when the pair's amounts come in several; '' when none.
    Amounts are shown in their own currency: the app never converts at a rate of its own."""
    if len(currencies) <= 1:
        return currencies[0] if currencies else ""
    seed(key, "currency", one_of(currencies, currencies[0]), currencies)
    return str(st.segmented_control("Currency (amounts as the articles give them, never converted)", currencies,
                                    key=key, selection_mode="single") or currencies[0])


def render_cards(cards: list[Card]) -> None:
    if not cards:
        st.info("No headline figures for this pair in this currency.")
        return
    for column, card in zip(st.columns(len(cards)), cards, strict=False):
        with column, st.container(border=True):
            st.caption(card.title)
            st.markdown(f"### {escape_markdown(card.value)}")
            st.markdown(escape_markdown(card.detail))
            st.caption(f"Source: {escape_markdown(card.source)}")
            st.page_link("views/figures.py", label="See the figure and its sentence", icon=":material/search:",
                         query_params={"figure": card.figure_id})


def figures_frame(figures: list) -> pd.DataFrame:
    """Extracted Figure records (from a preview) as a frame with the processed table's columns."""
    rows = [f.row() for f in figures]
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame["value"] = pd.to_numeric(frame["value"])
    return frame


def editor_columns() -> dict:
    """Column settings for the review editors: decisions and controlled vocabularies as dropdowns."""
    return {
        "decision": st.column_config.SelectboxColumn("decision", options=["keep", "confirm", "reject"],
                                                     required=True),
        "value": st.column_config.TextColumn("value", help="Type it as printed (48.5 billion, $48.5bn) or in base "
                                             "units (48500000000)"),
        "qualifier": st.column_config.SelectboxColumn("qualifier", options=QUALIFIERS,
                                                      format_func=lambda v: display.qualifier_name(str(v))),
        "metric": st.column_config.SelectboxColumn("metric", options=METRICS,
                                                   format_func=lambda v: display.metric_name(str(v))),
        "basis": st.column_config.SelectboxColumn("basis", options=BASES,
                                                  format_func=lambda v: display.basis_name(str(v))),
        "quote": st.column_config.TextColumn("quote", width="large"),
    }


def edited_frame(key: str, before: pd.DataFrame | None) -> pd.DataFrame | None:
    """The editor's current content: ``before`` with the edits the widget recorded under ``key``."""
    if before is None:
        return None
    state = st.session_state.get(key)
    after = before.copy()
    if not state:
        return after
    for row, changes in state.get("edited_rows", {}).items():
        for column, value in changes.items():
            after.loc[int(row), column] = value
    return after
