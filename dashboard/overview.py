"""The overview of one country pair: headline cards and the four charts, as plain data and figures.

Shared by the Overview page, the Briefing page, the PNG/SVG exports and the PowerPoint deck, so all
of them draw the same rows: one chart specification, several renderers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts, display, queries
from dashboard.data import Dataset, confidence_threshold
from dashboard.queries import Card, Pair


@dataclass
class ChartView:
    key: str
    title: str
    unit: str  # the axis: 'US$ billion', 'JPY billion', 'percent change'
    currency: str
    scale: float  # values are divided by it on the axis
    rows: pd.DataFrame
    source: str
    figure: go.Figure
    render: Callable[[charts.Size], go.Figure]  # the same chart at another size (PNG, SVG)
    doubtful: list[str] = field(default_factory=list)  # figures under the confidence threshold nobody reviewed

    @property
    def empty(self) -> bool:
        return self.rows.empty


@dataclass
class Overview:
    pair: Pair
    currency: str
    currencies: list[str]
    cards: list[Card]
    charts: list[ChartView]
    uncharted: dict[str, int] = field(default_factory=dict)
    as_of: str = ""  # the latest publication date among the pair's figures
    outlets: list[str] = field(default_factory=list)

    @property
    def drawable(self) -> list[ChartView]:
        return [view for view in self.charts if not view.empty]

    def uncharted_note(self) -> str:
        """Why some of the pair's facts are on no chart: '2 counts and 1 trade value are not charted'."""
        if not self.uncharted:
            return ""
        parts = [display.plural(n, display.metric_name(metric)) for metric, n in self.uncharted.items()]
        listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
        return f"Not charted here: {listed} (they are listed on the Figures page)."


Builder = Callable[..., go.Figure]


def unreviewed_note(count: int, threshold: float) -> str:
    """What a chart, slide or image says of the doubtful figures it shows."""
    return (f"Includes {display.plural(count, 'figure')} not yet reviewed (confidence under {threshold:g})"
            if count else "")


def build_overview(ds: Dataset, pair: Pair, *, currency: str = "", planned: bool = False,
                   size: charts.Size = charts.SMALL, threshold: float | None = None) -> Overview:
    threshold = confidence_threshold() if threshold is None else threshold
    currencies = queries.pair_currencies(ds, pair)
    currency = currency if currency in currencies else (currencies[0] if currencies else queries.CHART_CURRENCY)
    label = pair.label()
    specs: list[tuple[str, str, pd.DataFrame, Builder]] = [
        ("inflows", f"Investment inflows by period, {label}",
         queries.inflow_bars(ds, pair, currency=currency, planned=planned), charts.inflows_chart),
        ("cumulative", f"Cumulative investment as cited over time, {label}",
         queries.cumulative_claims(ds, pair, currency=currency), charts.cumulative_chart),
        ("deals", f"Deals signed by year and company, {label}",
         queries.deals_by_year(ds, pair, currency=currency, planned=planned), charts.deals_chart),
        ("growth", f"Growth rates by period, {label}",
         queries.growth_by_period(ds, pair, planned=planned), charts.growth_chart),
    ]
    views = []
    for key, title, rows, builder in specs:
        # .tolist(), not iteration: a text column iterated cell by cell costs a microsecond a cell
        column = "figure_ids" if "figure_ids" in rows else "figure_id"
        ids = rows[column].tolist() if column in rows else []
        doubtful = queries.doubtful_ids(ds, ids, threshold)
        source = queries.source_line(ds, ids)
        if doubtful:  # on the page, the PNG, the SVG and the slide alike: no one shows one unknowingly
            source = f"{source} · {unreviewed_note(len(doubtful), threshold)}"
        scale, unit = (1.0, "percent change") if key == "growth" else charts.axis_scale(rows, currency)
        def render(at: charts.Size, rows: pd.DataFrame = rows, title: str = title, source: str = source,
                   builder: Builder = builder) -> go.Figure:
            return builder(rows, title=title, source=source, currency=currency, size=at)

        views.append(ChartView(key, title, unit, currency if key != "growth" else "", scale, rows, source,
                               render(size), render, doubtful))
    figures = queries.pair_figures(ds, pair)
    dates = sorted(d for d in figures["published"].tolist() if d)
    return Overview(pair, currency, currencies, queries.headline_cards(ds, pair, currency=currency), views,
                    queries.uncharted(ds, pair), dates[-1] if dates else "",
                    sorted({str(o) for o in figures["outlet"].tolist() if o}))
