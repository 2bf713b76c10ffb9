"""Chart builders: plain functions from query rows to plotly figures, tested without Streamlit.

Every chart carries a title, units on the axis, period labels and a source line naming each outlet
and date. Values are drawn in the rows' own currency, scaled to the axis (billion, million) and
labelled with their qualifier ("> 3.7"); tooltips say it in words ("more than US$3.7 billion").
Derived figures are drawn pale and hatched; planned figures only appear when asked for, outlined
and hatched in their own color.

The layout is computed, not guessed per chart: the title and source line are wrapped for the
narrowest place a chart is shown (half of a 1280 px page, or the Briefing page), and the margins
grow with their lines, so labels, legend and source never overlap or run off the edge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard import display
from dashboard.theme import FONT, SERIES, outlet_color

UNIT = "US$ billion"
VALIDATE = False  # plotly's property checks (tests turn them on to compare)
TEMPLATE = pio.templates["plotly_white"]  # read from plotly's package data once, at import, not on a first chart


@dataclass(frozen=True)
class Size:
    """A chart's type size and the narrowest width (px) it must fit in."""

    font: int
    height: int
    width: int


SMALL = Size(font=13, height=520, width=400)  # one of two columns on a 1280 px page
LARGE = Size(font=17, height=510, width=860)  # the Briefing page: all of it above the fold at 1280×800
EXPORT = Size(font=20, height=720, width=1280)  # PNG and SVG: a 16:9 slide


def _lines(text: str, chars: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > chars:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else []


def _chars(size: Size, font: float) -> int:
    return max(20, int(size.width / (font * 0.6)))  # an average character is about 0.55 em wide, bold more


def _layout(fig: go.Figure, title: str, source: str, *, y_title: str, size: Size = SMALL, legend_items: int = 0,
            tick_lines: int = 1) -> go.Figure:
    title_font, source_font = size.font + 5, size.font - 1
    title_lines = _lines(title, _chars(size, title_font) + 6)  # the title spans the whole width
    source_lines = _lines(source, _chars(size, source_font))
    legend_rows = math.ceil(legend_items * 150 / size.width) if legend_items > 1 else 0
    title_h = len(title_lines) * title_font * 1.3
    legend_h = legend_rows * size.font * 1.9
    top = int(16 + title_h + legend_h + size.font * 2.2)  # room for labels above the tallest bar
    ticks_h = tick_lines * size.font * 1.35 + size.font * 2.2  # tick labels and the axis title
    source_h = len(source_lines) * source_font * 1.35
    bottom = int(ticks_h + source_h + 24)
    plot_h = size.height - top - bottom
    fig.update_layout(
        title={"text": "<br>".join(title_lines), "x": 0, "xanchor": "left", "xref": "container", "pad": {"l": 8},
               "y": 1 - (10 + (len(title_lines) - 1) * title_font * 0.5) / size.height, "yanchor": "top",
               "yref": "container", "font": {"size": title_font}},
        font={"family": FONT, "size": size.font}, template=TEMPLATE, height=size.height,
        margin={"l": 16 + size.font * 4, "r": 24, "t": top, "b": bottom, "autoexpand": False},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1 + (size.font * 2.2) / plot_h, "x": 0,
                "font": {"size": size.font - 1}},
        yaxis={"title": {"text": y_title}}, hoverlabel={"namelength": -1}, showlegend=legend_items > 1,
    )
    fig.add_annotation(text="<br>".join(source_lines), xref="paper", yref="paper", x=0,
                       y=-(bottom - 10) / plot_h, xanchor="left", yanchor="bottom", showarrow=False, align="left",
                       font={"size": source_font, "color": "#444"}, name="source")
    return fig


def _figure(traces: list[dict[str, object]]) -> go.Figure:
    """A figure of ready-made traces. The builders give every property in plotly's own full form (a title
    as ``{"text": ...}``, never a shorthand), so plotly is told not to check each of them again: at thousands
    of bars the checks cost many times the drawing. tests/test_charts_unchecked.py holds each chart to the
    JSON plotly's checks would give."""
    return go.Figure({"data": traces, "layout": {}}, _validate=VALIDATE)


def _empty(fig: go.Figure, message: str) -> go.Figure:
    fig.add_annotation(text=message, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False,
                       font={"size": 14, "color": "#555"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _span_ms(start: str, end: str) -> tuple[str, float]:
    first, last = date.fromisoformat(start), date.fromisoformat(end) + timedelta(days=1)
    return start, (last - first).total_seconds() * 1000


def axis_scale(rows: pd.DataFrame, currency: str) -> tuple[float, str]:
    """(the divisor of the rows' values on the axis, the axis unit: 'US$ billion')."""
    scale, word = display.scale_of(list(rows["value"])) if not rows.empty else (1e9, "billion")
    return scale, display.axis_unit(currency, word)


def _labels(values: pd.Series, qualifiers: pd.Series, suffix: str = "") -> list[str]:
    return [display.short_label(v, str(q), suffix=suffix) for v, q in zip(values.tolist(), qualifiers.tolist(),
                                                                                      strict=True)]


def inflows_chart(rows: pd.DataFrame, *, title: str, source: str, currency: str = "USD",
                  size: Size = SMALL) -> go.Figure:
    """Bars that span their real periods (H1 2018 next to H1 2019, full years as full years)."""
    traces: list[dict[str, object]] = []
    scale, unit = axis_scale(rows, currency)
    styles = {
        "stated": {"marker": {"color": SERIES["stated"]}, "name": "stated"},
        "derived": {"marker": {"color": SERIES["derived"], "pattern": {"shape": "/", "fgcolor": SERIES["stated"]},
                               "line": {"color": SERIES["stated"], "width": 1}}, "name": "derived from a growth rate"},
        "planned": {"marker": {"color": SERIES["planned_fill"], "pattern": {"shape": "x", "fgcolor": SERIES["planned"]},
                               "line": {"color": SERIES["planned"], "width": 2}}, "name": "planned (target)"},
    }
    drawn = 0
    for series, style in styles.items():
        part = rows[rows["series"] == series]
        if part.empty:
            continue
        drawn += 1
        spans = [_span_ms(s, e) for s, e in zip(part["start"], part["end"], strict=True)]
        traces.append({"type": "bar", "x": [s for s, _ in spans], "width": [w for _, w in spans], "offset": 0,
                       "y": (part["value"] / scale).to_numpy(),
                       "text": _labels(part["value"] / scale, part["qualifier"]),
                       "textposition": "outside", "customdata": part[["period", "label", "note"]].to_numpy(),
                       "hovertemplate": "%{customdata[0]}: %{customdata[1]}<br>%{customdata[2]}<extra></extra>",
                       "cliponaxis": False, **style})
    fig = _figure(traces)
    if rows.empty:
        _empty(fig, "No inflows in this currency for this pair")
    else:
        first = pd.to_datetime(rows["start"]).min() - pd.Timedelta(days=60)
        last = pd.to_datetime(rows["end"]).max() + pd.Timedelta(days=60)
        fig.update_xaxes(range=[first, last])
    fig.update_xaxes(type="date", title={"text": "period"})
    return _layout(fig, title, source, y_title=unit, size=size, legend_items=drawn)


def cumulative_chart(rows: pd.DataFrame, *, title: str, source: str, currency: str = "USD",
                     size: Size = SMALL) -> go.Figure:
    """Each outlet's claimed cumulative total at its publication date, side by side, not averaged."""
    traces: list[dict[str, object]] = []
    scale, unit = axis_scale(rows, currency)
    symbols = {"more_than": "triangle-up", "at_least": "triangle-up", "less_than": "triangle-down",
               "up_to": "triangle-down", "about": "diamond", "exact": "circle"}
    outlets = 0
    for outlet, part in rows.groupby("outlet", sort=True):
        outlets += 1
        traces.append({
            "type": "scatter", "x": part["published"].tolist(), "y": (part["value"] / scale).to_numpy(),
            "mode": "markers+text", "name": str(outlet),
            "marker": {"size": 12 if size is SMALL else 15, "color": outlet_color(str(outlet)),
                       "symbol": [symbols.get(q, "circle") for q in part["qualifier"]]},
            "text": _labels(part["value"] / scale, part["qualifier"]), "textposition": "top center",
            "customdata": part[["period", "label", "reviewed", "text"]].to_numpy(), "cliponaxis": False,
            "hovertemplate": f"{outlet}, %{{x}}<br>%{{customdata[1]}}<br>as printed: %{{customdata[3]}}<br>"
                             "period: %{customdata[0]}<br>%{customdata[2]}<extra></extra>"})
    fig = _figure(traces)
    if rows.empty:
        _empty(fig, "No cumulative totals in this currency for this pair")
    fig.update_xaxes(type="date", title={"text": "publication date"})
    if not rows.empty:
        dates = pd.to_datetime(rows["published"], errors="coerce").dropna()
        if not dates.empty:
            fig.update_xaxes(range=[dates.min() - pd.Timedelta(days=75), dates.max() + pd.Timedelta(days=75)])
    fig.update_yaxes(rangemode="tozero")
    return _layout(fig, title, source, y_title=unit, size=size, legend_items=outlets)


def _wrap_name(name: str, chars: int = 14) -> str:
    return "<br>".join(_lines(name, chars)[:3])


def deals_chart(rows: pd.DataFrame, *, title: str, source: str, currency: str = "USD",
                size: Size = SMALL) -> go.Figure:
    """Deal values by year signed, one bar per deal, named by its companies (no legend to read)."""
    scale, unit = axis_scale(rows, currency)
    tick_lines = 1
    fig = _figure([])
    if not rows.empty:
        names = [_wrap_name(str(n)) for n in rows["deal"]]
        tick_lines = 1 + max(n.count("<br>") + 1 for n in names)
        planned = rows["basis"] == "planned"
        fig = _figure([{
            "type": "bar", "x": [list(rows["year"]), names], "y": (rows["value"] / scale).to_numpy(),
            "showlegend": False, "marker": {
                "color": [SERIES["planned_fill"] if p else outlet_color(str(c)) for c, p in
                          zip(rows["company"].tolist(), planned.tolist(), strict=True)],
                "pattern": {"shape": ["x" if p else "" for p in planned.tolist()], "fgcolor": SERIES["planned"]},
                "line": {"color": [SERIES["planned"] if p else "rgba(0,0,0,0)" for p in planned], "width": 2}},
            "customdata": rows[["label", "note", "company", "text"]].to_numpy(),
            "text": _labels(rows["value"] / scale, rows["qualifier"]), "textposition": "outside", "cliponaxis": False,
            "hovertemplate": "%{customdata[2]}: %{customdata[0]}<br>as printed: %{customdata[3]}<br>"
                             "%{customdata[1]}<extra></extra>"}])
        fig.update_xaxes(type="multicategory", title={"text": "year signed and companies"}, tickangle=0)
    else:
        _empty(fig, "No deals in this currency for this pair")
    return _layout(fig, title, source, y_title=unit, size=size, tick_lines=tick_lines)


def growth_chart(rows: pd.DataFrame, *, title: str, source: str, currency: str = "",
                 size: Size = SMALL) -> go.Figure:
    """Growth rates by period, planned ones outlined."""
    traces: list[dict[str, object]] = []
    bases = 0
    names = {p: _wrap_name(str(p), 12) for p in rows["period"]}  # '2023-01-01 – 2023-11-07' on two lines
    tick_lines = 1 + max((n.count("<br>") + 1 for n in names.values()), default=1)
    for basis, part in rows.groupby("basis", sort=True):
        bases += 1
        planned = basis == "planned"
        traces.append({
            "type": "bar", "x": [names[p] for p in part["period"]], "y": part["value"].to_numpy(),
            "name": "planned (target)" if planned else "reported",
            "marker": {"color": SERIES["planned_fill"] if planned else SERIES["stated"],
                       "pattern": {"shape": "x" if planned else "", "fgcolor": SERIES["planned"]},
                       "line": {"color": SERIES["planned"] if planned else SERIES["stated"], "width": 1}},
            "text": [display.short_label(v, str(q), suffix="%", signed=True)
                     for v, q in zip(part["value"], part["qualifier"], strict=True)],
            "textposition": "outside", "cliponaxis": False, "customdata": part[["label", "note", "text"]].to_numpy(),
            "hovertemplate": "%{x}: %{customdata[0]}<br>as printed: %{customdata[2]}<br>"
                             "%{customdata[1]}<extra></extra>"})
    fig = _figure(traces)
    if rows.empty:
        _empty(fig, "No growth rates cited for this pair")
    fig.update_xaxes(type="category", title={"text": "period"}, tickangle=0)
    return _layout(fig, title, source, y_title="percent change", size=size, legend_items=bases,
                   tick_lines=tick_lines)
