"""Checks: derived figures with their inputs and rule, conflicts with their spread, facts cited by several outlets."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import ui
from dashboard.queries import citation_text

st.title("Checks")
ds = ui.dataset_or_stop()
texts = dict(zip(ds.figures["figure_id"], ds.figures["text"], strict=True))

st.subheader("Derived figures")
st.caption("Values implied by other figures, with the figures they come from and the rule used.")
derived = ds.derived.assign(
    inputs=ds.derived["input_ids"].map(lambda ids: " + ".join(texts.get(i, i) for i in str(ids).split(";") if i)),
    sources=ds.derived["input_ids"].map(lambda ids: citation_text(ds, ids)),
    check=ds.derived.get("check_figure_id", pd.Series("", index=ds.derived.index)).map(lambda i: texts.get(i, "")),
)
st.dataframe(derived[["rule", "description", "value", "unit", "inputs", "sources", "check",
                      *(["check_difference_pct"] if "check_difference_pct" in derived else [])]],
             hide_index=True, width="stretch")

KEY = ["metric", "source_country", "target_country", "period_start", "period_end", "value", "currency"]


def show_facts(chosen: pd.DataFrame, extra: str, empty: str) -> None:
    """Facts with the figures behind them and the outlets that cite them."""
    if chosen.empty:
        st.info(empty)
        return
    shown = chosen.assign(
        figures=chosen["figure_ids"].map(lambda ids: ", ".join(texts.get(i, i) for i in str(ids).split(";"))),
        cited_by=chosen["figure_ids"].map(lambda ids: citation_text(ds, ids)))
    st.dataframe(shown[[*KEY, extra, "figures", "cited_by"]], hide_index=True, width="stretch")


facts = ds.facts
st.subheader("Conflicts")
st.caption("The same metric, pair and period with clearly different values from different outlets.")
show_facts(facts[facts["conflict"].astype(str).str.lower() == "true"], "spread_pct", "No conflicting figures.")
st.subheader("Facts cited by several outlets")
show_facts(facts[facts["citations"] >= 2], "citations", "No fact is cited by more than one outlet yet.")
