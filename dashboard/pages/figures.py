"""Figures: every extracted figure with its sentence and source (placeholder until the dashboard issue)."""

from __future__ import annotations

import streamlit as st

from dashboard.data import load_tables

st.title("Cited figures")
loaded = load_tables()
for problem in loaded.problems:
    st.error(problem)
if "figures" in loaded.tables and "articles" in loaded.tables:
    figures = loaded.tables["figures"].merge(
        loaded.tables["articles"][["article_id", "title", "publisher", "published"]], on="article_id", how="left")
    st.caption(f"{len(loaded.tables['articles'])} articles, {len(figures)} figures")
    metric = st.selectbox("Metric", ["all", *sorted(figures["metric"].unique())])
    if metric != "all":
        figures = figures[figures["metric"] == metric]
    st.dataframe(figures[["text", "value", "currency", "metric", "basis", "period_start", "period_end",
                          "source_country", "target_country", "publisher", "published", "quote"]],
                 hide_index=True, use_container_width=True)
