"""Review: the figures most likely to be wrong first ("Needs a look"), or one article's figures to confirm,
correct or reject, and a figure the extractor missed to add."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from dashboard import display, ui
from dashboard.cached import article_text
from dashboard.data import confidence_threshold, data_root
from dashboard.highlight import escape_markdown
from dashboard.queue_view import render_queue
from dashboard.review_table import EDIT_COLUMNS, decisions_from_edit, editable_frame, logged
from etl import (
    BASES,
    KINDS,
    METRICS,
    QUALIFIERS,
    DataFolder,
    Decision,
    InputError,
    ReviewLogError,
    added_figure_id,
    check_log,
    record_decisions,
    review_log_problems,
)

st.title("Review figures")
ds = ui.dataset_or_stop()
reviewer = st.text_input("Your name (recorded with every decision)", st.session_state.get("reviewer", ""),
                         key="review-reviewer")
st.session_state["reviewer"] = reviewer
folder = DataFolder(data_root())


def save(new: list[Decision], message: str) -> None:
    """Record decisions, then rerun to show the rebuilt tables; an error is shown, nothing is saved."""
    try:
        _, result = record_decisions(folder, new)
    except (ReviewLogError, InputError) as error:
        st.error(escape_markdown(str(error)))
        return
    st.session_state["review-saved"] = message
    st.session_state["review-clear-note"] = True
    st.session_state["review-round"] = st.session_state.get("review-round", 0) + 1  # a fresh editor
    st.session_state["unapplied"] = [f"{d.action} {d.field} on {d.figure_id}: {why}" for d, why in result.unapplied]
    st.rerun()


MODES = ["Needs a look", "One article"]
linked = bool(ui.query_value("figure") or ui.query_value("article"))  # 'Correct this figure' opens its article
ui.seed("review-mode", "mode", lambda text: {"queue": MODES[0], "article": MODES[1]}.get(
    text, MODES[1] if linked else MODES[0]), MODES)
mode = st.radio("Review", MODES, horizontal=True, key="review-mode", label_visibility="collapsed")
for problem in review_log_problems(folder):  # rows edited by hand or left by an older version: skipped, said
    st.warning(escape_markdown(problem))
if mode == MODES[0]:
    ui.keep_in_url(mode=None, article=None, figure=None)
    if st.session_state.get("review-saved"):
        st.success(st.session_state.pop("review-saved"))
    render_queue(ds, reviewer.strip(), confidence_threshold(), save)
    st.stop()
ids = list(ds.articles["article_id"])
titles = dict(zip(ds.articles["article_id"], ds.articles["title"], strict=True))
ui.seed("review-article", "article", ui.one_of(ids, ids[0]), ids)
article_id = st.selectbox("Article", ids, format_func=lambda i: titles.get(i) or i, key="review-article")
ui.keep_in_url(mode="article", article=article_id, figure=ui.query_value("figure"))

figures = ds.figures[ds.figures["article_id"] == article_id].sort_values("char_start")
focus = ui.query_value("figure")
if focus in set(figures["figure_id"]):  # from "Correct this figure": that figure first, and named
    linked = figures[figures["figure_id"] == focus].iloc[0]
    st.info(f"Correcting {escape_markdown(display.with_correction(linked.to_dict()))}, printed as "
            f"“{escape_markdown(str(linked['text']))}”: its row is first in the table, and the form below is open "
            "on it.")
    figures = pd.concat([figures[figures["figure_id"] == focus], figures[figures["figure_id"] != focus]])
before = editable_frame(figures)
st.caption("Set a decision (confirm or reject) or edit any field; each change is saved as a decision in "
           "data/reviews.csv and applied on every later ETL run.")
saves = st.session_state.get("review-round", 0)  # after a save, a fresh editor: old edits name old rows
edited = st.data_editor(before, key=f"review-editor-{article_id}" + (f"-{saves}" if saves else ""), hide_index=True,
                        width="stretch",
                        disabled=["text", "reviewed", "quote", "figure_id", "article_id"],
                        column_config=ui.editor_columns())
if st.session_state.pop("review-clear-note", False):
    st.session_state["review-note"] = ""  # a saved note is not carried to the next decision
note = st.text_input("Note (why)", key="review-note")
decisions = decisions_from_edit(before, edited, reviewer.strip(), note.strip())


if decisions:
    st.session_state.pop("review-saved", None)  # a new change: the last save's message has been read
if st.button(f"Save {display.plural(len(decisions), 'decision')}", type="primary",
             disabled=not decisions or not reviewer.strip()):
    save(decisions, f"Saved {display.plural(len(decisions), 'decision')}.")
if st.session_state.get("review-saved"):
    st.success(st.session_state["review-saved"])  # until the next change, not for one rerun
if not reviewer.strip():
    st.caption("Enter your name to save decisions.")

options = list(before["figure_id"])
with st.expander("Correct one figure by form (keyboard-friendly)", expanded=focus in options), st.form("correct-one"):
    labels = dict(zip(before["figure_id"], before["text"], strict=True))
    chosen = st.selectbox("Figure", options, format_func=lambda i: labels.get(i, i),
                          index=options.index(focus) if focus in options else 0)
    field = st.selectbox("Field", [c for c in EDIT_COLUMNS])
    new_value = st.text_input("New value (a value as printed, e.g. 48.5 billion or $48.5bn; codes such as KAZ)")
    if st.form_submit_button("Save this correction", disabled=not reviewer.strip()) and chosen:
        row = before[before["figure_id"] == chosen].iloc[0]
        save([Decision(str(chosen), article_id, "correct", field, logged(field, row[field]), new_value.strip(),
                       reviewer.strip(), note=note.strip())], f"Saved the correction of {labels.get(chosen, chosen)}.")

with st.expander("Add a figure the extractor missed"), st.form("add-figure"):
    text = st.text_input("The figure exactly as written in the article (e.g. $1.1 billion)")
    c1, c2, c3, c4 = st.columns(4)
    occurrence = c1.number_input("Occurrence", min_value=1, value=1, step=1)
    kind = c2.selectbox("Kind", KINDS)
    value = c3.text_input("Value as printed (e.g. 1.1 billion)")
    currency = c4.text_input("Currency (ISO 4217)")
    c5, c6, c7, c8 = st.columns(4)
    metric = c5.selectbox("Metric", METRICS, format_func=display.metric_name)
    basis = c6.selectbox("Basis", BASES, format_func=display.basis_name)
    period_start = c7.text_input("Period start (YYYY-MM-DD)")
    period_end = c8.text_input("Period end (YYYY-MM-DD)")
    c9, c10, c11 = st.columns(3)
    source = c9.text_input("Investing country (alpha-3)")
    target = c10.text_input("Receiving country (alpha-3)")
    qualifier = c11.selectbox("Qualifier", QUALIFIERS, format_func=display.qualifier_name)
    if st.form_submit_button("Add this figure", disabled=not reviewer.strip()):
        spec = {"text": text, "occurrence": int(occurrence), "kind": kind, "value": value, "currency": currency,
                "metric": metric, "basis": basis, "period_start": period_start, "period_end": period_end,
                "source_country": source, "target_country": target, "qualifier": qualifier}
        try:
            new_id = added_figure_id(folder, article_id, json.dumps(spec))
        except InputError as error:
            st.error(str(error))
        else:
            save([Decision(new_id, article_id, "add", new_value=json.dumps(spec), reviewer=reviewer.strip(),
                           note=note.strip())], f"Added {text}.")

text_of_article = article_text(article_id)
if text_of_article:
    with st.expander("Article text"):
        st.text(text_of_article)

if st.button("Check the review log"):
    try:
        checked = check_log(folder)
    except ReviewLogError as error:
        st.error(escape_markdown(str(error)))
    else:
        st.session_state["unapplied"] = [f"{d.action} {d.field} on {d.figure_id} by {d.reviewer}: {why}"
                                         for d, why in checked.unapplied]
        st.info(f"{len(checked.decisions)} decisions in the log, {len(checked.unapplied)} no longer apply, "
                f"{len(checked.skipped)} rows skipped.")
for line in st.session_state.get("unapplied", []):
    st.warning(escape_markdown(line))
