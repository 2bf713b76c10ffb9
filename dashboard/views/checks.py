"""Checks: derived figures with their inputs and rule, conflicts with their spread, facts cited by several outlets."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import display, ui
from dashboard.periods import period_label
from dashboard.queries import citation_text

st.title("Checks")
ds = ui.dataset_or_stop()
texts = dict(zip(ds.figures["figure_id"], ds.figures["text"], strict=True))
RULES = {"growth_implied_earlier": "earlier amount implied by a growth rate",
         "exchange_rate": "exchange rate implied by a restated amount"}


def _value(row: dict) -> str:
    if row.get("rule") == "exchange_rate" or not row.get("currency"):
        return display.number(float(row["value"]), 4)
    return display.money(float(row["value"]), str(row["currency"]))


st.subheader("Derived figures")
st.caption("Values implied by other figures, with the figures they come from and the rule used.")
d = ds.derived
derived = pd.DataFrame({
    "derived": [_value(r) for r in d.to_dict("records")],
    "rule": [RULES.get(str(r), str(r).replace("_", " ")) for r in d["rule"]],
    "metric": [display.metric_name(str(m)) for m in d["metric"]],
    "period": [period_label(str(s), str(e)) for s, e in zip(d["period_start"], d["period_end"], strict=True)],
    "from": d["input_ids"].map(lambda ids: " + ".join(texts.get(i, i) for i in str(ids).split(";") if i)),
    "sources": d["input_ids"].map(lambda ids: citation_text(ds, ids)),
    "stated by an article": d.get("check_figure_id", pd.Series("", index=d.index)).map(lambda i: texts.get(i, "")),
    "difference": [f"{display.number(float(v), 1)}%" if str(v) not in ("", "nan") else "" for v in
                   d.get("check_difference_pct", pd.Series("", index=d.index))],
    "description": d["description"],
})
st.dataframe(derived, hide_index=True, width="stretch")


def _fact_value(row: dict) -> str:
    return display.figure_text({"kind": row.get("kind"), "value": row.get("value"), "currency": row.get("currency"),
                                "metric": row.get("metric"), "unit": row.get("unit", "")})


def show_facts(chosen: pd.DataFrame, extra: str, empty: str) -> None:
    """Facts with the figures behind them and the outlets that cite them, values in words."""
    if chosen.empty:
        st.info(empty)
        return
    rows = chosen.to_dict("records")
    shown = pd.DataFrame({
        "value": [_fact_value(r) for r in rows],
        "metric": [display.metric_name(str(r["metric"])) for r in rows],
        "pair": [f"{r['source_country'] or '—'} → {r['target_country'] or '—'}" for r in rows],
        "period": [period_label(str(r["period_start"]), str(r["period_end"])) for r in rows],
        extra: [f"{display.number(float(r['spread_pct']), 1)}%" if extra == "spread" else int(r["citations"])
                for r in rows],
        "figures": [", ".join(texts.get(i, i) for i in str(r["figure_ids"]).split(";")) for r in rows],
        "cited by": [citation_text(ds, r["figure_ids"]) for r in rows],
    })
    st.dataframe(shown, hide_index=True, width="stretch")


facts = ds.facts
conflicts = facts[facts["conflict"].astype(str).str.lower() == "true"]
if "conflict_set" in conflicts.columns:  # the facts in conflict with each other side by side
    conflicts = conflicts.sort_values(["conflict_set", "value"], kind="stable")
st.subheader("Conflicts")
st.caption("The same metric, pair, period and currency (for counts, the same thing counted) with clearly different "
           "values from articles that do not cite each other's value. An article that gives two values (a package "
           "and its parts, a total and a sector) is not in conflict with itself.")
show_facts(conflicts, "spread", "No conflicting figures.")
st.subheader("Facts cited by several outlets")
show_facts(facts[facts["citations"] >= 2], "citations", "No fact is cited by more than one outlet yet.")
