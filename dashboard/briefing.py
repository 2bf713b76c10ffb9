"""A PowerPoint deck of a pair's overview with native, editable charts (python-pptx chart data, not pictures).

    python -m dashboard.briefing --pair USA-KAZ --out deck.pptx [--data data/processed] [--planned]

The slides are rendered from the same chart specifications as the app's pages (``build_overview``):
one bar per deal, derived bars lighter, planned ones in their own color, values labelled with their
currency and qualifier, and a source line on every slide. A title slide says what the deck is, for
which pair, and as of which publication date. Every currency the pair's amounts come in gets its
own slides; nothing is converted.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import date
from pathlib import Path

from pptx import Presentation
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from dashboard import charts, display
from dashboard.data import Dataset, read_dataset
from dashboard.overview import ChartView, Overview, build_overview
from dashboard.queries import Pair, pair_currencies
from dashboard.theme import SERIES, outlet_color
from etl import atomic_write_files

WIDE = (Inches(13.333), Inches(7.5))
TEXT = RGBColor(0x22, 0x22, 0x22)
MUTED = RGBColor(0x44, 0x44, 0x44)
SOURCE_PT = 14
LABEL_PT = 14
PLANNED_FILL = "#e8d5b5"  # SERIES['planned'] at 22% on white: pptx fills take no transparency here


class NothingToDrawError(ValueError):
    """The pair has no figure any chart can draw; a deck would be empty."""


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#")[:6].upper())


def _series_color(series: str) -> str:
    return {"stated": SERIES["stated"], "derived": SERIES["derived"], "planned": PLANNED_FILL}.get(series,
                                                                                                   SERIES["stated"])


def _labels(view: ChartView) -> list[str]:
    rows = view.rows
    if view.key == "growth":
        return [display.short_label(v, str(q), suffix="%", signed=True)
                for v, q in zip(rows["value"], rows["qualifier"], strict=True)]
    return [display.figure_text({"kind": "money", "value": v, "currency": view.currency, "qualifier": q})
            for v, q in zip(rows["value"], rows["qualifier"], strict=True)]


def _excel_date(text: str) -> float:
    return float((date.fromisoformat(text) - date(1899, 12, 30)).days)


def chart_data(view: ChartView) -> tuple[CategoryChartData | XyChartData, XL_CHART_TYPE, list[list[tuple[str, str]]]]:
    """The chart's numbers as PowerPoint chart data, from the rows the app draws, and per series the
    (label, color) of each point."""
    rows = view.rows
    labels = _labels(view)
    if view.key == "cumulative":
        xy = XyChartData(number_format="#,##0.##")
        styles: list[list[tuple[str, str]]] = []
        for outlet in sorted(set(rows["outlet"])):
            series = xy.add_series(str(outlet), number_format="#,##0.##")
            points = []
            for i in [i for i, o in enumerate(rows["outlet"]) if o == outlet]:
                series.add_data_point(_excel_date(str(rows["published"].iat[i])),
                                      float(rows["value"].iat[i]) / view.scale)
                points.append((labels[i], outlet_color(str(outlet))))
            styles.append(points)
        return xy, XL_CHART_TYPE.XY_SCATTER, styles
    data = CategoryChartData(number_format="#,##0.##")
    if view.key == "deals":  # one bar per deal, as on the page: a package and its parts are never summed
        data.categories = [f"{year}: {deal}" for year, deal in zip(rows["year"], rows["deal"], strict=True)]
        data.add_series("deal value", [float(v) / view.scale for v in rows["value"]])
        colors = [PLANNED_FILL if b == "planned" else outlet_color(str(c))
                  for c, b in zip(rows["company"], rows["basis"], strict=True)]
        return data, XL_CHART_TYPE.COLUMN_CLUSTERED, [list(zip(labels, colors, strict=True))]
    if view.key == "inflows":
        categories = list(dict.fromkeys(rows["period"]))
        data.categories = categories
        styles = []
        for series in ("stated", "derived", "planned"):
            positions = [i for i, s in enumerate(rows["series"]) if s == series]
            if positions:
                at = {str(rows["period"].iat[i]): i for i in positions}
                data.add_series({"stated": "stated", "derived": "derived from a growth rate",
                                 "planned": "planned (target)"}[series],
                                [float(rows["value"].iat[at[c]]) / view.scale if c in at else None for c in categories])
                styles.append([(labels[at[c]] if c in at else "", _series_color(series)) for c in categories])
        return data, XL_CHART_TYPE.COLUMN_CLUSTERED, styles
    data.categories = list(rows["period"])
    data.add_series("growth rate", [float(v) for v in rows["value"]])
    colors = [PLANNED_FILL if b == "planned" else SERIES["stated"] for b in rows["basis"]]
    return data, XL_CHART_TYPE.COLUMN_CLUSTERED, [list(zip(labels, colors, strict=True))]


def _text(slide: Slide, box: tuple[float, float, float, float], text: str, size: int, *, bold: bool = False,
          color: RGBColor = TEXT) -> None:
    left, top, width, height = (Inches(v) for v in box)
    frame = slide.shapes.add_textbox(left, top, width, Emu(height)).text_frame
    frame.word_wrap = True
    for index, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, color


def _style(chart: Chart, view: ChartView, styles: list[list[tuple[str, str]]]) -> None:
    chart.has_title = False  # the slide's title says it once
    chart.font.size = Pt(LABEL_PT)
    chart.has_legend = len(styles) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(LABEL_PT)
    chart.value_axis.has_title = True
    chart.value_axis.axis_title.text_frame.text = view.unit
    chart.value_axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(LABEL_PT)
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.major_gridlines.format.line.color.rgb = RGBColor(0xDD, 0xDD, 0xDD)
    if view.key == "cumulative":
        axis = chart.category_axis
        axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = "yyyy-mm", False
        dates = [_excel_date(str(d)) for d in view.rows["published"]]
        axis.minimum_scale, axis.maximum_scale = min(dates) - 120, max(dates) + 120
        chart.value_axis.minimum_scale = 0
    positions = _label_positions(view) if view.key == "cumulative" else {}
    for series_index, (series, points) in enumerate(zip(chart.plots[0].series, styles, strict=True)):
        main = next((color for label, color in points if label), SERIES["stated"])
        if view.key == "cumulative":  # the legend shows the series' own color
            series.marker.style, series.marker.size = XL_MARKER_STYLE.CIRCLE, 12
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = _rgb(main)
        elif len(styles) > 1:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(main)
        for index, (label, color) in enumerate(points):
            point = series.points[index]
            if view.key == "cumulative":
                point.marker.style, point.marker.size = XL_MARKER_STYLE.CIRCLE, 12
                point.marker.format.fill.solid()
                point.marker.format.fill.fore_color.rgb = _rgb(color)
            else:
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = _rgb(color)
                if color == PLANNED_FILL:
                    point.format.line.color.rgb = _rgb(SERIES["planned"])
            if label:
                frame = point.data_label.text_frame
                frame.text = label
                frame.paragraphs[0].runs[0].font.size = Pt(LABEL_PT)
                point.data_label.position = positions[(series_index, index)] if view.key == "cumulative" else \
                    XL_LABEL_POSITION.OUTSIDE_END
        if view.key == "cumulative":
            series.format.line.fill.background()  # points, not a line through them


def _label_positions(view: ChartView) -> dict[tuple[int, int], XL_LABEL_POSITION]:
    """(series, point) → where its label goes: of two claims published within 90 days of each other,
    the lower one is labelled below, so their labels never print over each other."""
    rows = view.rows
    keyed = []
    for series_index, outlet in enumerate(sorted(set(rows["outlet"]))):
        at = [i for i, o in enumerate(rows["outlet"]) if o == outlet]
        keyed += [(series_index, point, _excel_date(str(rows["published"].iat[i])), float(rows["value"].iat[i]))
                  for point, i in enumerate(at)]
    return {(s_, p): XL_LABEL_POSITION.BELOW if any(abs(x2 - x) < 90 and y2 > y for _, _, x2, y2 in keyed)
            else XL_LABEL_POSITION.ABOVE for s_, p, x, y in keyed}


def _title_slide(deck: Deck, overviews: list[Overview], articles: int) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    first = overviews[0]
    _text(slide, (0.8, 2.0, 11.7, 1.2), f"Investment: {first.pair.label()}", 40, bold=True)
    currencies = ", ".join(o.currency for o in overviews)
    _text(slide, (0.8, 3.3, 11.7, 1.0), f"Figures as the articles printed them, published up to {first.as_of} "
                                       f"(amounts in {currencies}, never converted)", 22, color=MUTED)
    outlets = ", ".join(first.outlets) or "—"
    _text(slide, (0.8, 4.5, 11.7, 1.8), f"Sources: {outlets}\n"
                                       f"{display.plural(articles, 'article')}; built with flowcite on "
                                       f"{date.today().isoformat()}", SOURCE_PT + 2, color=MUTED)


def _chart_slide(deck: Deck, view: ChartView) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _text(slide, (0.5, 0.3, 12.3, 0.9), view.title, 28, bold=True)
    data, kind, styles = chart_data(view)
    frame = slide.shapes.add_chart(kind, Inches(0.5), Inches(1.2), Inches(12.3), Inches(4.9), data)
    _style(frame.chart, view, styles)
    _text(slide, (0.5, 6.25, 12.3, 1.1), view.source, SOURCE_PT, color=MUTED)


def deck_views(ds: Dataset, pair: Pair, *, planned: bool = False) -> tuple[list[Overview], list[ChartView]]:
    """The overviews (one per currency) and the chart views that have something to draw."""
    currencies = pair_currencies(ds, pair) or [""]
    overviews = [build_overview(ds, pair, currency=c, planned=planned, size=charts.LARGE) for c in currencies]
    views = [v for o in overviews for v in o.drawable if v.key != "growth"]
    views += [v for v in overviews[0].drawable if v.key == "growth"]
    return overviews, views


def build_deck(data_dir: Path | None, pair: Pair, *, planned: bool = False, ds: Dataset | None = None) -> bytes:
    """A title slide, then one slide per chart that has figures; NothingToDrawError when none has."""
    ds = ds if ds is not None else read_dataset(data_dir)
    overviews, views = deck_views(ds, pair, planned=planned)
    if not views:
        raise NothingToDrawError(f"{pair.label()}: nothing to chart (no inflows, cumulative totals, deals or growth "
                            f"rates{'' if planned else ' reported; planned ones are left out without --planned'})")
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDE
    articles = int(ds.figures.loc[(ds.figures["source_country"] == pair.source)
                                  & (ds.figures["target_country"] == pair.target), "article_id"].nunique())
    _title_slide(deck, overviews, articles)
    for view in views:
        _chart_slide(deck, view)
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
    try:
        content = build_deck(args.data, pair, planned=args.planned, ds=ds)
        atomic_write_files({args.out: content})
    except NothingToDrawError as error:
        print(f"{args.out} not written: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{args.out} not written: {error.strerror or error}", file=sys.stderr)
        return 1
    slides = sum(1 for _ in Presentation(io.BytesIO(content)).slides)
    print(f"{args.out}: {display.plural(slides, 'slide')} for {pair.label()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


