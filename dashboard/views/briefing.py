"""Briefing: one chart per screen in large type with its source line, and downloads for slides."""

from __future__ import annotations

import re

import streamlit as st

from dashboard import charts, ui
from dashboard.briefing import build_deck, deck_views
from dashboard.exports import image_bytes
from dashboard.overview import build_overview
from dashboard.queries import pair_currencies

st.title("Briefing")
ds = ui.dataset_or_stop()
c1, c2, c3 = st.columns([3, 2, 2], vertical_alignment="bottom")
with c1:
    pair = ui.pair_selector(ds, key="briefing-pair")
with c2:
    currency = ui.currency_selector(pair_currencies(ds, pair), key="briefing-currency")
with c3:
    ui.seed("briefing-planned", "planned", lambda text: text == "1")
    planned = st.toggle("Include planned figures", key="briefing-planned")
overview = build_overview(ds, pair, currency=currency, planned=planned, size=charts.LARGE)
views = overview.drawable
if not views:
    ui.keep_in_url(pair=pair.key, currency=currency, planned=planned, chart=None)
    st.info(f"Nothing to chart for {ui.escape_markdown(pair.label())}: no inflows, cumulative totals, deals or "
            f"growth rates{'' if planned else ' reported (planned ones are off)'}. "
            + ui.escape_markdown(overview.uncharted_note()))
    st.stop()
NAMES = {"inflows": "Inflows by period", "cumulative": "Cumulative totals", "deals": "Deals", "growth": "Growth rates"}
titles = {view.key: NAMES.get(view.key, view.title) for view in views}
keys = list(titles)
ui.seed("briefing-chart", "chart", ui.one_of(keys, keys[0]), keys)
chosen = st.radio("Chart", keys, format_func=lambda k: titles.get(k, k), horizontal=True,
                  label_visibility="collapsed", key="briefing-chart")
view = views[keys.index(chosen)]
ui.keep_in_url(pair=pair.key, currency=currency, planned=planned, chart=view.key)

st.plotly_chart(view.figure, width="stretch", key=f"briefing-{view.key}")

slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{pair.key}-{view.key}-{currency}").strip("-").lower()


d1, d2, d3 = st.columns(3)
slides = 1 + len(deck_views(ds, pair, planned=planned)[1])
d1.download_button(f"PowerPoint deck ({slides} slides, native charts)",
                   lambda: build_deck(None, pair, planned=planned, ds=ds), f"flowcite-{pair.key.lower()}.pptx",
                   "application/vnd.openxmlformats-officedocument.presentationml.presentation", on_click="ignore")
d2.download_button("This chart as PNG (16:9)", lambda: image_bytes(view.render(charts.EXPORT), "png"),
                   f"{slug}.png", "image/png", on_click="ignore")
d3.download_button("This chart as SVG (16:9)", lambda: image_bytes(view.render(charts.EXPORT), "svg"),
                   f"{slug}.svg", "image/svg+xml", on_click="ignore")
