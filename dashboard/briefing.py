"""A PowerPoint deck of the overview with native, editable charts (python-pptx chart data, not pictures).

    python -m dashboard.briefing --pair USA-KAZ --out deck.pptx [--data data/processed] [--planned]
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Emu, Inches, Pt

from dashboard.data import read_dataset
from dashboard.overview import ChartView, build_overview
from dashboard.queries import Pair
from etl import atomic_write_files

WIDE = (Inches(13.333), Inches(7.5))


def chart_data(view: ChartView) -> tuple[CategoryChartData, XL_CHART_TYPE]:
    """The chart's numbers as PowerPoint chart data: the same rows the app draws."""
    data = CategoryChartData(number_format="#,##0.00")
    rows = view.rows
    if view.key == "inflows":
        categories = list(dict.fromkeys(rows["period"]))
        data.categories = categories
        for series in ("stated", "derived", "planned"):
            part = rows[rows["series"] == series]
            if not part.empty:
                values = dict(zip(part["period"], part["value"], strict=True))
                data.add_series(series, [values.get(c) for c in categories])
        return data, XL_CHART_TYPE.COLUMN_CLUSTERED
    if view.key == "cumulative":
        data.categories = [f"{o} ({p})" for o, p in zip(rows["outlet"], rows["published"], strict=True)]
        data.add_series("claimed cumulative total", list(rows["value"]))
        return data, XL_CHART_TYPE.COLUMN_CLUSTERED
    if view.key == "deals":
        years = sorted(set(rows["year"]))
        data.categories = years
        for company, part in rows.groupby("company", sort=True):
            totals = part.groupby("year")["value"].sum()
            data.add_series(str(company), [float(totals[y]) if y in totals else None for y in years])
        return data, XL_CHART_TYPE.COLUMN_CLUSTERED
    data.categories = list(rows["period"])
    data.add_series("growth rate, %", list(rows["value"]))
    return data, XL_CHART_TYPE.COLUMN_CLUSTERED


def build_deck(data_dir: Path | None, pair: Pair, *, planned: bool = False) -> bytes:
    """One slide per chart, each with its title, a native chart and the source line."""
    ds = read_dataset(data_dir)
    overview = build_overview(ds, pair, planned=planned)
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDE
    blank = deck.slide_layouts[6]
    for view in overview.charts:
        if view.rows.empty:
            continue
        slide = deck.slides.add_slide(blank)
        title = slide.shapes.add_textbox(Inches(0.5), Inches(0.3), Inches(12.3), Inches(0.8)).text_frame
        title.text = view.title
        title.paragraphs[0].runs[0].font.size = Pt(28)
        title.paragraphs[0].runs[0].font.bold = True
        data, kind = chart_data(view)
        frame = slide.shapes.add_chart(kind, Inches(0.5), Inches(1.2), Inches(12.3), Inches(5.2), data)
        chart = frame.chart
        chart.has_legend = len(data._series) > 1  # noqa: SLF001 - python-pptx exposes no public count
        if chart.has_legend:
            chart.legend.position = XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False
        chart.value_axis.has_title = True
        chart.value_axis.axis_title.text_frame.text = view.unit
        plot = chart.plots[0]
        plot.has_data_labels = True
        plot.data_labels.number_format = "#,##0.00"
        plot.data_labels.number_format_is_linked = False
        source = slide.shapes.add_textbox(Inches(0.5), Inches(6.55), Inches(12.3), Emu(Inches(0.8))).text_frame
        source.word_wrap = True
        source.text = view.source
        source.paragraphs[0].runs[0].font.size = Pt(12)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a PowerPoint deck of a country pair's overview.")
    parser.add_argument("--pair", required=True, help="SOURCE-TARGET as ISO alpha-3 codes, e.g. USA-KAZ")
    parser.add_argument("--out", required=True, type=Path, help="the .pptx file to write")
    parser.add_argument("--data", type=Path, default=None, help="processed data folder (default: data/processed)")
    parser.add_argument("--planned", action="store_true", help="include planned figures, drawn as their own series")
    args = parser.parse_args(argv)
    ds = read_dataset(args.data)
    if ds.problems:
        print("\n".join(ds.problems), file=sys.stderr)
        return 1
    pair = Pair.parse(args.pair)
    if ds.figures[(ds.figures["source_country"] == pair.source) & (ds.figures["target_country"] == pair.target)].empty:
        print(f"no figures for the pair {args.pair} in {args.data or 'data/processed'}", file=sys.stderr)
        return 1
    content = build_deck(args.data, pair, planned=args.planned)
    atomic_write_files({args.out: content})
    print(f"{args.out}: {sum(1 for _ in Presentation(io.BytesIO(content)).slides)} slides", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
