"""Briefing: one chart per screen in large type with its source line, and downloads for slides."""

from __future__ import annotations

import re

import streamlit as st

from dashboard import ui
from dashboard.briefing import build_deck
from dashboard.data import data_dir
from dashboard.exports import image_bytes
from dashboard.overview import build_overview

st.title("Briefing")
ds = ui.dataset_or_stop()
pair = ui.pair_selector(ds, key="briefing-pair")
ui.seed("briefing-planned", "planned", lambda text: text == "1")
planned = st.toggle("Include planned figures", key="briefing-planned")
overview = build_overview(ds, pair, planned=planned, large=True)
titles = {view.key: view.title for view in overview.charts}
keys = list(titles)
if not keys:
    st.info("Nothing to chart for this pair.")
    st.stop()
ui.seed("briefing-chart", "chart", ui.one_of(keys, keys[0]), keys)
chosen = st.radio("Chart", keys, format_func=lambda k: titles.get(k, k), horizontal=True,
                  label_visibility="collapsed", key="briefing-chart")
view = overview.charts[keys.index(chosen)]
ui.keep_in_url(pair=pair.key, planned=planned, chart=view.key)

st.plotly_chart(view.figure, width="stretch", key=f"briefing-{view.key}")

slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{pair.key}-{view.key}").strip("-").lower()
c1, c2, c3 = st.columns(3)
c1.download_button("PowerPoint deck (native charts)", lambda: build_deck(data_dir(), pair, planned=planned),
                   f"flowcite-{pair.key.lower()}.pptx",
                   "application/vnd.openxmlformats-officedocument.presentationml.presentation")
c2.download_button("This chart as PNG", lambda: image_bytes(view.figure, "png"), f"{slug}.png", "image/png")
c3.download_button("This chart as SVG", lambda: image_bytes(view.figure, "svg"), f"{slug}.svg", "image/svg+xml")
