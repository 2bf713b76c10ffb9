"""Sources: every article with its metadata and figure count; read one with its figures marked."""

from __future__ import annotations

import streamlit as st

from dashboard import ui
from dashboard.cached import article_text
from dashboard.highlight import escape_markdown, highlight

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
text = article_text(article_id)
if text is None:
    st.warning("The article's text is not available; its figures are listed with their sentences below.")
else:
    spans = [(int(start), int(end), str(figure_id), f"{metric}, {basis}") for start, end, figure_id, metric, basis
             in zip(figures["char_start"], figures["char_end"], figures["figure_id"], figures["metric"],
                    figures["basis"], strict=True)]
    st.markdown(f'<div class="article">{highlight(text, spans, link="figures?figure=")}</div>',
                unsafe_allow_html=True)
st.dataframe(figures[["text", "value", "currency", "metric", "basis", "period_start", "period_end",
                      "source_country", "target_country", "reviewed", "quote"]], hide_index=True, width="stretch")
for text_of, figure_id in zip(figures["text"], figures["figure_id"], strict=True):
    st.page_link("views/figures.py", label=f"Figure row: {escape_markdown(str(text_of))}",
                 query_params={"figure": str(figure_id)})
