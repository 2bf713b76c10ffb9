"""The overview of one country pair: headline cards and the four charts, as plain data and figures.

Shared by the Overview page, the Briefing page and the PowerPoint deck, so all three show the same
numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts, queries
from dashboard.data import Dataset
from dashboard.queries import Card, Pair


@dataclass
class ChartView:
    key: str
    title: str
    unit: str
    rows: pd.DataFrame
    source: str
    figure: go.Figure


@dataclass
class Overview:
    pair: Pair
    cards: list[Card]
    charts: list[ChartView]


def build_overview(ds: Dataset, pair: Pair, *, planned: bool = False, large: bool = False) -> Overview:
    label = pair.label()
    specs = [
        ("inflows", f"Investment inflows by period, {label}", charts.UNIT,
         queries.inflow_bars(ds, pair, planned=planned), charts.inflows_chart),
        ("cumulative", f"Cumulative investment as cited over time, {label}", charts.UNIT,
         queries.cumulative_claims(ds, pair), charts.cumulative_chart),
        ("deals", f"Deals signed by year and company, {label}", charts.UNIT,
         queries.deals_by_year(ds, pair, planned=planned), charts.deals_chart),
        ("growth", f"Growth rates by period, {label}", "percent",
         queries.growth_by_period(ds, pair, planned=planned), charts.growth_chart),
    ]
    views = []
    for key, title, unit, rows, builder in specs:
        ids = list(rows["figure_ids"]) if "figure_ids" in rows else list(rows.get("figure_id", []))
        source = queries.source_line(ds, ids)
        views.append(ChartView(key, title, unit, rows, source, builder(rows, title=title, source=source, large=large)))
    return Overview(pair, queries.headline_cards(ds, pair), views)
