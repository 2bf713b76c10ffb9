"""The Review page's "Needs a look": every article's unreviewed figures, least confident first.

Each entry shows the figure in its sentence, the field most likely to be wrong and the words that
decided it; Confirm or a correction of that field records a decision, and the figure, now certain,
leaves the queue. Every piece of article text is escaped.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import display
from dashboard.data import Dataset
from dashboard.highlight import escape_markdown, sentence_with_figure
from dashboard.review_table import logged
from etl import BASES, METRICS, QUALIFIERS, Decision, InputError, QueueEntry, review_queue

FIELD_COLUMNS = {"value": ["value", "currency", "qualifier"], "metric": ["metric"], "basis": ["basis"],
                 "period": ["period_start", "period_end"], "sides": ["source_country", "target_country"]}
FIELD_NAMES = {"value": "value", "metric": "metric", "basis": "actual or planned", "period": "period",
               "sides": "countries"}
LABELS = {"value": "Value (as printed, e.g. 48.5 billion)", "currency": "Currency (ISO 4217)", "qualifier": "Qualifier",
          "metric": "Metric", "basis": "Basis", "period_start": "Period start (YYYY-MM-DD)",
          "period_end": "Period end (YYYY-MM-DD)", "source_country": "Investing country (alpha-3)",
          "target_country": "Receiving country (alpha-3)"}
CHOICES = {"metric": (METRICS, display.metric_name), "basis": (BASES, display.basis_name),
           "qualifier": (QUALIFIERS, display.qualifier_name)}
Save = Callable[[list[Decision], str], None]


def queue_entries(ds: Dataset) -> list[QueueEntry]:
    """The queue, or a warning and none when the tables predate confidence or carry a broken value."""
    unreviewed = ds.figures[ds.figures["reviewed"] == ""]
    rows = unreviewed[["figure_id", "article_id", "text", "confidence", "doubtful_field", "reasons", "reviewed",
                       "char_start"]].astype(str).to_dict("records")
    try:
        return review_queue(rows, source="figures.csv")
    except InputError as error:
        st.warning(escape_markdown(str(error)))
        return []


def _current(row: pd.Series, column: str) -> str:
    if column == "value":
        value = pd.to_numeric(row["value"], errors="coerce")
        return display.number(float(value), 6) if pd.notna(value) else ""
    return "" if pd.isna(row[column]) else str(row[column])


def _correction_form(row: pd.Series, entry: QueueEntry, reviewer: str, save: Save) -> None:
    figure_id = entry.figure_id
    columns = FIELD_COLUMNS.get(entry.doubtful_field, ["value"])
    with st.form(f"fix-{figure_id}"):
        typed = {}
        for column in columns:
            key = f"fix-{figure_id}-{column}"
            if column in CHOICES:
                options, name = CHOICES[column]
                current = _current(row, column)
                typed[column] = st.selectbox(LABELS[column], options, format_func=name, key=key,
                                             index=options.index(current) if current in options else 0)
            else:
                typed[column] = st.text_input(LABELS[column], _current(row, column), key=key)
        if st.form_submit_button("Save correction", disabled=not reviewer):
            decisions = [Decision(figure_id, entry.article_id, "correct", column, logged(column, _current(row, column)),
                                  str(typed[column]).strip(), reviewer)
                         for column in columns if str(typed[column]).strip() != _current(row, column)]
            if not decisions:
                st.warning("Nothing changed: if the figure is right, confirm it.")
            else:
                save(decisions, f"Corrected {entry.text}: it is off the queue.")


def render_queue(ds: Dataset, reviewer: str, threshold: float, save: Save) -> None:
    entries = queue_entries(ds)
    under = sum(e.confidence < threshold for e in entries)
    st.caption(f"{display.plural(len(entries), 'figure')} nobody has reviewed, {under:,} of them under "
               f"{threshold:g} confidence. Least confident first: confirm a figure that is right, or correct the "
               "field in doubt; either takes it off the queue.")
    if not entries:
        st.success("Nothing left to review.")
        return
    shown = int(st.number_input("Show", min_value=1, max_value=max(1, len(entries)), value=min(10, len(entries)),
                                step=5, key="queue-shown"))
    position = ds.figure_position
    for rank, entry in enumerate(entries[:shown], start=1):
        row = ds.figures.iloc[position[entry.figure_id]]
        with st.container(border=True, key=f"queue-{entry.figure_id}"):
            field = FIELD_NAMES.get(entry.doubtful_field, entry.doubtful_field)
            st.markdown(f"{rank}. **{entry.confidence:.2f}** · **{escape_markdown(entry.text)}** · "
                        f"{escape_markdown(str(row['article_title']))} · *{escape_markdown(str(row['outlet']))}*")
            st.markdown(sentence_with_figure(str(row["quote"]), entry.text), unsafe_allow_html=True)
            st.markdown(f"In doubt: **{escape_markdown(field)}** — {escape_markdown(entry.reason)}")
            reasons = [r for r in str(row["reasons"]).split(" | ") if r]
            with st.expander("Why each field is as it is"):
                st.markdown("\n".join(f"- {escape_markdown(r)}" for r in reasons))
            left, right = st.columns([1, 3])
            if left.button("Confirm", key=f"confirm-{entry.figure_id}", disabled=not reviewer):
                save([Decision(entry.figure_id, entry.article_id, "confirm", reviewer=reviewer)],
                     f"Confirmed {entry.text}: it is off the queue.")
            with right.expander(f"Correct the {field}"):
                _correction_form(row, entry, reviewer, save)
    if not reviewer:
        st.caption("Enter your name above to confirm or correct.")
