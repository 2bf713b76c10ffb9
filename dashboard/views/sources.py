"""Sources: every article with its metadata and figure count; read one with its figures marked."""

from __future__ import annotations

import streamlit as st

from dashboard import display, ui
from dashboard.cached import article_text
from dashboard.highlight import LINKED_STYLE, escape_markdown, highlight
from dashboard.queries import shown_figures

st.title("Sources")
ds = ui.dataset_or_stop()
counts = ds.figures.groupby("article_id").size()
articles = ds.articles.assign(figures=ds.articles["article_id"].map(counts).fillna(0).astype(int))
st.dataframe(articles[["title", "publisher", "published", "author", "figures", "url", "source_file", "article_id"]],
             hide_index=True, width="stretch",
             column_config={"url": st.column_config.LinkColumn("url")})

ids = list(articles["article_id"])
titles = dict(zip(articles["article_id"], articles["title"], strict=True))
ui.seed("sources-article", "article", ui.one_of(ids, ids[0]), ids)
article_id = st.selectbox("Read an article", ids, format_func=lambda i: titles.get(i) or i, key="sources-article")
ui.keep_in_url(article=article_id, figure=ui.query_value("figure"))
meta = articles[articles["article_id"] == article_id].iloc[0]
st.subheader(escape_markdown(str(meta["title"]) or str(meta["source_file"])))
st.caption(" · ".join(escape_markdown(str(v)) for v in (meta["publisher"], meta["published"], meta["author"]) if v))

figures = ds.figures[ds.figures["article_id"] == article_id].sort_values("char_start")
focus = ui.query_value("figure")
linked = figures[figures["figure_id"] == focus]
if not linked.empty:
    row = linked.iloc[0].to_dict()
    named = f"{display.with_correction(row)} ({display.metric_name(str(row['metric']))}, printed as “{row['text']}”)"
    st.info(f"The linked figure, marked in orange below: {escape_markdown(named)}.")
text = article_text(article_id)
if text is None:
    st.warning("The article's text is not available; its figures are listed with their sentences below.")
else:
    spans = [(int(r["char_start"]), int(r["char_end"]), str(r["figure_id"]), f"{display.with_correction(r)}: "
              f"{display.metric_name(str(r['metric']))}, {display.basis_name(str(r['basis']))}")
             for r in figures.to_dict("records")]
    st.markdown(LINKED_STYLE + f'<div class="article">{highlight(text, spans, link="figures?figure=", focus=focus)}'
                "</div>", unsafe_allow_html=True)
st.dataframe(shown_figures(figures.reset_index(drop=True)).drop(columns=["outlet", "published", "article_id"]),
             hide_index=True, width="stretch")
for text_of, figure_id in zip(figures["text"], figures["figure_id"], strict=True):
    st.page_link("views/figures.py", label=f"Figure row: {escape_markdown(str(text_of))}",
                 query_params={"figure": str(figure_id)})
