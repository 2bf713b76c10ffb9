"""Figures: filter every cited figure, read it in its sentence, download the rows."""

from __future__ import annotations

import streamlit as st

from dashboard import ui
from dashboard.exports import csv_bytes, xlsx_bytes
from dashboard.highlight import escape_markdown, sentence_with_figure
from dashboard.queries import Pair, filter_figures, pairs

st.title("Figures")
ds = ui.dataset_or_stop()
ranked = pairs(ds)
pair_options = ["all", *ranked["key"]]
labels = dict(zip(ranked["key"], ranked["label"], strict=True)) | {"all": "all pairs"}
focus = ui.query_value("figure")

with st.container(border=True):
    c1, c2, c3, c4 = st.columns(4)
    wanted_pair = ui.query_value("pair", "all")
    pair_key = c1.selectbox("Country pair", pair_options, format_func=lambda k: labels.get(k, k),
                            index=pair_options.index(wanted_pair) if wanted_pair in pair_options else 0)
    metrics_all = sorted(ds.figures["metric"].unique())
    metrics = c2.multiselect("Metric", metrics_all,
                             default=[m for m in ui.query_value("metric").split(",") if m in metrics_all])
    bases = c3.multiselect("Basis", ["actual", "planned"],
                           default=[b for b in ui.query_value("basis").split(",") if b in ("actual", "planned")])
    outlets_all = sorted(ds.figures["outlet"].unique())
    outlets = c4.multiselect("Outlet", outlets_all,
                             default=[o for o in ui.query_value("outlet").split("|") if o in outlets_all])
    c5, c6, c7, c8 = st.columns(4)
    start = c5.text_input("Period from (YYYY or YYYY-MM-DD)", ui.query_value("start"))
    end = c6.text_input("Period to", ui.query_value("end"))
    text = c7.text_input("Search text, sentence, title or company", ui.query_value("q"))
    reviewed = c8.radio("Figures", ["all", "reviewed", "automatic"], horizontal=True,
                        index=["all", "reviewed", "automatic"].index(ui.query_value("reviewed", "all"))
                        if ui.query_value("reviewed", "all") in ("all", "reviewed", "automatic") else 0)

end_bound = f"{end}-12-31" if len(end) == 4 else end
rows = filter_figures(ds, pair=None if pair_key == "all" else Pair.parse(pair_key), metrics=metrics, bases=bases,
                      outlets=outlets, start=start, end=end_bound, text=text, reviewed=reviewed)
if focus:
    rows = rows[rows["figure_id"] == focus] if (rows["figure_id"] == focus).any() else rows
    st.info("Showing one figure from a link. Clear the filter to see all.")
    if st.button("Show all figures"):
        focus = ""
        st.query_params.pop("figure", None)
        st.rerun()
ui.keep_in_url(pair=None if pair_key == "all" else pair_key, metric=",".join(metrics), basis=",".join(bases),
               outlet="|".join(outlets), start=start, end=end, q=text,
               reviewed=None if reviewed == "all" else reviewed, figure=focus)

PAGE = 500
pages = max(1, -(-len(rows) // PAGE))
st.caption(f"{len(rows):,} of {len(ds.figures):,} figures")
page = st.number_input(f"Page (of {pages:,}, {PAGE} rows each)", min_value=1, max_value=pages, value=1, step=1) \
    if pages > 1 else 1
matching = rows[["figure_id", "text", "value", "currency", "kind", "metric", "basis", "qualifier", "period_start",
              "period_end", "source_country", "target_country", "entities", "outlet", "published", "quote",
              "article_id", "reviewed"]].reset_index(drop=True)
table = matching.iloc[(int(page) - 1) * PAGE:int(page) * PAGE].reset_index(drop=True)  # one page to the browser
event = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                     column_config={"value": st.column_config.NumberColumn(format="%,.2f"),
                                    "quote": st.column_config.TextColumn(width="large")}, key="figures-table")
d1, d2 = st.columns(2)
d1.download_button(f"Download rows as CSV ({len(matching):,})", lambda: csv_bytes(matching), "flowcite-figures.csv",
                   "text/csv")
d2.download_button(f"Download rows as Excel ({len(matching):,})", lambda: xlsx_bytes(matching), "flowcite-figures.xlsx",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

selected = event.selection.rows if event and event.selection else []
chosen = table.iloc[selected[0]] if selected else (table.iloc[0] if len(table) == 1 else None)
if chosen is not None:
    with st.container(border=True):
        reviewed = f" — {chosen['reviewed']} by an analyst" if chosen["reviewed"] else " — automatic"
        st.markdown(f"**{escape_markdown(str(chosen['text']))}** = {float(chosen['value']):,.2f} "
                    f"{escape_markdown(str(chosen['currency']))}{reviewed}, in "
                    f"*{escape_markdown(str(chosen['outlet']))}*, {escape_markdown(str(chosen['published']))}")
        st.markdown(sentence_with_figure(str(chosen["quote"]), str(chosen["text"])), unsafe_allow_html=True)
        st.page_link("views/sources.py", label="Read it in the article", icon=":material/article:",
                     query_params={"article": str(chosen["article_id"]), "figure": str(chosen["figure_id"])})
        st.page_link("views/review.py", label="Correct this figure", icon=":material/edit:",
                     query_params={"article": str(chosen["article_id"]), "figure": str(chosen["figure_id"])})
else:
    st.caption("Select a row to read the figure in its sentence.")
