"""Overview: a country pair's headline cards and charts, every number one click from its sentence."""

from __future__ import annotations

import streamlit as st

from dashboard import ui
from dashboard.data import confidence_threshold
from dashboard.overview import build_overview, unreviewed_note
from dashboard.queries import pair_currencies

st.title("Overview")
ds = ui.dataset_or_stop()
pair = ui.pair_selector(ds)
currency = ui.currency_selector(pair_currencies(ds, pair), key="overview-currency")
ui.seed("overview-planned", "planned", lambda text: text == "1")
planned = st.toggle("Show planned figures (targets, pledges, forecasts), drawn distinctly", key="overview-planned")
ui.keep_in_url(pair=pair.key, currency=currency, planned=planned)
overview = build_overview(ds, pair, currency=currency, planned=planned)
ui.render_cards(overview.cards)
if overview.uncharted_note():
    st.caption(overview.uncharted_note())
left, right = st.columns(2)
for index, view in enumerate(overview.charts):
    with left if index % 2 == 0 else right:
        st.plotly_chart(view.figure, width="stretch", key=f"chart-{view.key}")
        if view.doubtful:
            st.caption(f":orange[{unreviewed_note(len(view.doubtful), confidence_threshold())}] — the tooltips say "
                       "why; check them under Review → Needs a look.")
        if "series" in view.rows and (view.rows["series"] == "derived").any():
            for note in view.rows.loc[view.rows["series"] == "derived", "note"]:
                st.caption(f"Hatched bar: {ui.escape_markdown(note)}")
