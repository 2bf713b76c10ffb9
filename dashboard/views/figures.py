"""Figures: filter every cited figure, read it in its sentence, download the rows."""

from __future__ import annotations

import streamlit as st

from dashboard import display, ui
from dashboard.exports import csv_bytes, xlsx_bytes
from dashboard.highlight import escape_markdown, sentence_with_figure
from dashboard.periods import date_bound, period_label
from dashboard.queries import Pair, filter_figures, pairs, shown_figures
from etl import BASES

st.title("Figures")
ds = ui.dataset_or_stop()
ranked = pairs(ds)
pair_options = ["all", *ranked["key"]]
labels = dict(zip(ranked["key"], ranked["label"], strict=True)) | {"all": "all pairs"}
focus = ui.query_value("figure")

SHOWING = ["all", "reviewed", "automatic"]
metrics_all = sorted(ds.figures["metric"].unique())
outlets_all = sorted(ds.figures["outlet"].unique())
# each widget's value lives under its key, seeded from the URL (ui.seed); the URL is written after
ui.seed("figures-pair", "pair", ui.one_of(pair_options, "all"), pair_options)
ui.seed("figures-metric", "metric", ui.some_of(metrics_all), metrics_all)
ui.seed("figures-basis", "basis", ui.some_of(BASES), BASES)
ui.seed("figures-outlet", "outlet", ui.some_of(outlets_all, "|"), outlets_all)
ui.seed("figures-start", "start", str)
ui.seed("figures-end", "end", str)
ui.seed("figures-q", "q", str)
ui.seed("figures-reviewed", "reviewed", ui.one_of(SHOWING, "all"), SHOWING)
ui.seed("figures-confidence", "below", ui.number_in(0.05, 1.0, 1.0))
with st.container(border=True):
    c1, c2, c3, c4 = st.columns([2, 3, 2, 2])  # room for several metrics' tags without scrolling them
    pair_key = c1.selectbox("Country pair", pair_options, format_func=lambda k: labels.get(k, k), key="figures-pair")
    metrics = c2.multiselect("Metric", metrics_all, format_func=display.metric_name, key="figures-metric")
    bases = c3.multiselect("Basis", BASES, format_func=display.basis_name, key="figures-basis")
    outlets = c4.multiselect("Outlet", outlets_all, key="figures-outlet")
    c5, c6, c7, c8 = st.columns(4)
    start = c5.text_input("Period from (YYYY or YYYY-MM-DD)", key="figures-start").strip()
    end = c6.text_input("Period to", key="figures-end").strip()
    text = c7.text_input("Search text, sentence, title or company", key="figures-q")
    reviewed = c8.radio("Figures", SHOWING, horizontal=True, key="figures-reviewed")
    below = st.slider("Confidence under (1.0 shows every figure)", min_value=0.05, max_value=1.0, step=0.05,
                      key="figures-confidence", help="A figure's confidence is the probability that every field is "
                      "right; a reviewed figure is 1.")

bounds = []
for typed, is_end in ((start, False), (end, True)):
    try:
        bounds.append(date_bound(typed, end=is_end))
    except ValueError as error:
        st.error(f"{'Period to' if is_end else 'Period from'}: {ui.escape_markdown(str(error))}; not applied.")
        bounds.append("")
start_bound, end_bound = bounds
rows = filter_figures(ds, pair=None if pair_key == "all" else Pair.parse(pair_key), metrics=metrics, bases=bases,
                      outlets=outlets, start=start_bound, end=end_bound, text=text, reviewed=reviewed,
                      confidence_below=None if below >= 1.0 else below)
if focus:
    rows = rows[rows["figure_id"] == focus] if (rows["figure_id"] == focus).any() else rows
    st.info("Showing one figure from a link. Clear the filter to see all.")
    if st.button("Show all figures"):
        focus = ""
        st.query_params.pop("figure", None)
        st.rerun()
ui.keep_in_url(pair=None if pair_key == "all" else pair_key, metric=",".join(metrics), basis=",".join(bases),
               outlet="|".join(outlets), start=start, end=end, q=text,
               reviewed=None if reviewed == "all" else reviewed, below=None if below >= 1.0 else f"{below:g}",
               figure=focus)

PAGE = 500
pages = max(1, -(-len(rows) // PAGE))
st.caption(f"{len(rows):,} of {len(ds.figures):,} figures")
page = st.number_input(f"Page (of {pages:,}, {PAGE} rows each)", min_value=1, max_value=pages, value=1, step=1) \
    if pages > 1 else 1
matching = shown_figures(rows.reset_index(drop=True))  # the reviewed values in words, ids last
table = matching.iloc[(int(page) - 1) * PAGE:int(page) * PAGE].reset_index(drop=True)  # one page to the browser
event = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                     column_config={"value": st.column_config.NumberColumn("value (base units)", format="localized"),
                                    "sentence": st.column_config.TextColumn(width="large"),
                                    "confidence": st.column_config.ProgressColumn(
                                        "confidence", min_value=0.0, max_value=1.0, format="%.2f",
                                        help="The probability that every field is right; 1 once reviewed"),
                                    "why": st.column_config.TextColumn(
                                        "why in doubt", help="The words that decided the doubtful field"),
                                    "corrected from": st.column_config.TextColumn(
                                        help="What the article printed, when an analyst corrected the value")},
                     key="figures-table")
d1, d2 = st.columns(2)
d1.download_button(f"Download rows as CSV ({len(matching):,})", lambda: csv_bytes(matching), "flowcite-figures.csv",
                   "text/csv", on_click="ignore")
d2.download_button(f"Download rows as Excel ({len(matching):,})", lambda: xlsx_bytes(matching), "flowcite-figures.xlsx",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore")

selected = event.selection.rows if event and event.selection else []
chosen = rows.iloc[(int(page) - 1) * PAGE + selected[0]] if selected else (rows.iloc[0] if len(rows) == 1 else None)
if chosen is not None:
    with st.container(border=True):
        reviewed = f" — {chosen['reviewed']} by an analyst" if chosen["reviewed"] else " — automatic"
        st.markdown(f"**{escape_markdown(display.with_correction(chosen.to_dict()))}**, "
                    f"{escape_markdown(display.metric_name(str(chosen['metric'])))}, "
                    f"{escape_markdown(period_label(str(chosen['period_start']), str(chosen['period_end'])))}"
                    f"{reviewed}; printed as “{escape_markdown(str(chosen['text']))}” in "
                    f"*{escape_markdown(str(chosen['outlet']))}*, {escape_markdown(str(chosen['published']))}")
        st.markdown(sentence_with_figure(str(chosen["quote"]), str(chosen["text"])), unsafe_allow_html=True)
        if not chosen["reviewed"] and str(chosen.get("reasons") or ""):
            st.caption(f"Confidence {float(chosen['confidence']):.2f}; least sure of its "
                       f"{escape_markdown(str(chosen['doubtful_field']))}: "
                       + "; ".join(escape_markdown(r) for r in str(chosen["reasons"]).split(" | ")))
        st.page_link("views/sources.py", label="Read it in the article", icon=":material/article:",
                     query_params={"article": str(chosen["article_id"]), "figure": str(chosen["figure_id"])})
        st.page_link("views/review.py", label="Correct this figure", icon=":material/edit:",
                     query_params={"article": str(chosen["article_id"]), "figure": str(chosen["figure_id"])})
else:
    st.caption("Select a row to read the figure in its sentence.")
