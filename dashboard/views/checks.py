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

st.subheader("Conflicts")
st.caption("The same metric, pair and period with clearly different values from different outlets.")
facts = ds.facts
conflicts = facts[facts["conflict"].astype(str).str.lower() == "true"].assign(
    cited_by=lambda f: f["figure_ids"].map(lambda ids: citation_text(ds, ids)),
    figures=lambda f: f["figure_ids"].map(lambda ids: ", ".join(texts.get(i, i) for i in str(ids).split(";"))))
if conflicts.empty:
    st.success("No conflicting figures.")
else:
    st.dataframe(conflicts[["metric", "source_country", "target_country", "period_start", "period_end", "value",
                            "currency", "spread_pct", "figures", "cited_by"]], hide_index=True,
                 width="stretch")

st.subheader("Facts cited by several outlets")
several = facts[facts["citations"] >= 2].assign(
    cited_by=lambda f: f["figure_ids"].map(lambda ids: citation_text(ds, ids)),
    figures=lambda f: f["figure_ids"].map(lambda ids: ", ".join(texts.get(i, i) for i in str(ids).split(";"))))
if several.empty:
    st.info("No fact is cited by more than one outlet yet.")
else:
    st.dataframe(several[["metric", "source_country", "target_country", "period_start", "period_end", "value",
                          "currency", "citations", "figures", "cited_by"]], hide_index=True, width="stretch")
