"""Chart builders: plain functions from query rows to plotly figures, tested without Streamlit.

Every chart carries a title, units on the axis, period labels and a source line naming each outlet
and date. Derived figures are drawn pale and hatched and labelled "derived from …"; planned figures
only appear when asked for, outlined and hatched in their own color.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from dashboard.theme import FONT, SERIES, outlet_color

UNIT = "US$ billion"


def _layout(fig: go.Figure, title: str, source: str, *, y_title: str, large: bool = False) -> go.Figure:
    size = 20 if large else 13
    height = 640 if large else 520
    bottom = 160 if large else 150
    plot_height = height - 110 - bottom
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": size + 6}},
        font={"family": FONT, "size": size}, template="plotly_white", height=height,
        margin={"l": 70, "r": 30, "t": 110, "b": bottom},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0}, yaxis_title=y_title,
        hoverlabel={"namelength": -1},
    )
    fig.add_annotation(text=_wrap(source, 95 if not large else 130), xref="paper", yref="paper", x=0,
                       y=-(size * 5.2) / plot_height, xanchor="left", yanchor="top", showarrow=False, align="left",
                       font={"size": size - 1, "color": "#555"})
    return fig


def _wrap(text: str, width: int) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line]) if line else ""


def _empty(fig: go.Figure, message: str) -> go.Figure:
    fig.add_annotation(text=message, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False,
                       font={"size": 14, "color": "#777"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _span_ms(start: str, end: str) -> tuple[str, float]:
    first, last = date.fromisoformat(start), date.fromisoformat(end) + timedelta(days=1)
    return start, (last - first).total_seconds() * 1000


def inflows_chart(rows: pd.DataFrame, *, title: str, source: str, large: bool = False) -> go.Figure:
    """Bars that span their real periods (H1 2018 next to H1 2019, full years as full years)."""
    fig = go.Figure()
    styles = {
        "stated": {"marker": {"color": SERIES["stated"]}, "name": "stated"},
        "derived": {"marker": {"color": SERIES["derived"], "pattern": {"shape": "/"},
                               "line": {"color": SERIES["stated"], "width": 1}}, "name": "derived from a growth rate"},
        "planned": {"marker": {"color": "rgba(217,139,43,0.25)",
                               "pattern": {"shape": "x", "fgcolor": SERIES["planned"]},
                               "line": {"color": SERIES["planned"], "width": 2}}, "name": "planned (target)"},
    }
    for series, style in styles.items():
        part = rows[rows["series"] == series]
        if part.empty:
            continue
        spans = [_span_ms(s, e) for s, e in zip(part["start"], part["end"], strict=True)]
        fig.add_bar(x=[s for s, _ in spans], width=[w for _, w in spans], offset=0, y=part["value"],
                    text=[f"{v:,.2f}<br>{p}" for v, p in zip(part["value"], part["period"], strict=True)],
                    textposition="outside", customdata=part[["period", "note"]].to_numpy(),
                    hovertemplate="%{customdata[0]}: US$%{y:,.3f} billion<br>%{customdata[1]}<extra></extra>",
                    **style)
    if rows.empty:
        _empty(fig, "No stated inflows for this pair")
    else:
        first = pd.to_datetime(rows["start"]).min() - pd.Timedelta(days=60)
        last = pd.to_datetime(rows["end"]).max() + pd.Timedelta(days=60)
        fig.update_xaxes(range=[first, last])
    fig.update_traces(cliponaxis=False)
    fig.update_xaxes(type="date", title="period")
    return _layout(fig, title, source, y_title=UNIT, large=large)


def cumulative_chart(rows: pd.DataFrame, *, title: str, source: str, large: bool = False) -> go.Figure:
    """Each outlet's claimed cumulative total at its publication date, side by side, not averaged."""
    fig = go.Figure()
    symbols = {"more_than": "triangle-up", "at_least": "triangle-up", "less_than": "triangle-down",
               "up_to": "triangle-down", "about": "diamond", "exact": "circle"}
    for outlet, part in rows.groupby("outlet", sort=True):
        fig.add_scatter(x=part["published"], y=part["value"], mode="markers+text", name=str(outlet),
                        marker={"size": 16 if large else 12, "color": outlet_color(str(outlet)),
                                "symbol": [symbols.get(q, "circle") for q in part["qualifier"]]},
                        text=part["text"], textposition="top center",
                        customdata=part[["period", "qualifier", "reviewed"]].to_numpy(),
                        hovertemplate=f"{outlet}, %{{x}}<br>%{{text}} (%{{customdata[1]}})<br>"
                                      "period: %{customdata[0]}<br>%{customdata[2]}<extra></extra>")
    if rows.empty:
        _empty(fig, "No cumulative totals cited for this pair")
    fig.update_xaxes(type="date", title="publication date")
    if not rows.empty:
        dates = pd.to_datetime(rows["published"], errors="coerce").dropna()
        if not dates.empty:
            fig.update_xaxes(range=[dates.min() - pd.Timedelta(days=75), dates.max() + pd.Timedelta(days=75)])
    fig.update_yaxes(rangemode="tozero")
    fig.update_traces(cliponaxis=False)
    return _layout(fig, title, source, y_title=UNIT, large=large)


def deals_chart(rows: pd.DataFrame, *, title: str, source: str, large: bool = False) -> go.Figure:
    """Deal values by year signed, one bar per deal, colored by company."""
    fig = go.Figure()
    for company, part in rows.groupby("company", sort=True):
        planned = part["basis"] == "planned"
        fig.add_bar(x=[list(part["year"]), list(part["text"])], y=part["value"], name=str(company), marker={
            "color": outlet_color(str(company)), "pattern": {"shape": ["x" if p else "" for p in planned]}},
            customdata=part[["text", "note"]].to_numpy(),
            text=[f"{v:,.1f}" for v in part["value"]], textposition="outside",
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra>" + str(company) + "</extra>")
    if rows.empty:
        _empty(fig, "No deals cited for this pair")
    fig.update_layout(barmode="group")  # each deal its own bar: a package and its parts are never summed
    fig.update_xaxes(type="multicategory", title="year signed")
    return _layout(fig, title, source, y_title=UNIT, large=large).update_layout(
        legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top", "title": "company"})


def growth_chart(rows: pd.DataFrame, *, title: str, source: str, large: bool = False) -> go.Figure:
    """Growth rates by period, planned ones outlined."""
    fig = go.Figure()
    for basis, part in rows.groupby("basis", sort=True):
        color = SERIES["planned"] if basis == "planned" else SERIES["stated"]
        fig.add_bar(x=part["period"], y=part["value"], name=str(basis),
                    marker={"color": color, "pattern": {"shape": "x" if basis == "planned" else ""}},
                    text=[f"{v:+.1f}%" for v in part["value"]], textposition="outside",
                    customdata=part[["text", "note"]].to_numpy(),
                    hovertemplate="%{x}: %{customdata[0]}<br>%{customdata[1]}<extra></extra>")
    if rows.empty:
        _empty(fig, "No growth rates cited for this pair")
    fig.update_xaxes(type="category", title="period")
    return _layout(fig, title, source, y_title="percent change", large=large)
