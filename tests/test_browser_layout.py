"""In real Chromium: the charts' title, legend, labels, ticks and source line never overlap each other or
run off the chart, at 1280×800 and 1400 px wide on the Overview and Briefing pages, and on a 16:9 slide
(the exported SVG); at 1280×800 the Briefing chart's source line is above the fold."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

import pytest
from playwright.sync_api import Browser, Page

from dashboard import charts
from dashboard.data import read_dataset
from dashboard.exports import image_bytes
from dashboard.overview import build_overview
from dashboard.queries import Pair
from tests.browser import running_app, settle
from tests.conftest import ROOT

DATA = ROOT / "data" / "processed"
PAIRS = ["USA-KAZ", "CHN-KAZ", "JPN-IND", "ARE-EGY"]
SIZES = [(1280, 800), (1400, 900)]

# every text of a plotly chart with its part: title, legend, source, or other (ticks, labels, axis titles)
COLLECT = """(plot) => {
  const box = plot.getBoundingClientRect();
  const parts = [];
  for (const text of plot.querySelectorAll('text')) {
    const b = text.getBoundingClientRect();
    if (b.width < 1 || b.height < 1 || !text.textContent.trim()) continue;
    let part = 'other';
    if (text.closest('.g-gtitle')) part = 'title';
    else if (text.closest('.legend')) part = 'legend';
    else if (text.closest('.annotation') && text.textContent.startsWith('Source')) part = 'source';
    else if (text.closest('.annotation')) part = 'note';
    parts.push({part, text: text.textContent.slice(0, 40), l: b.left, t: b.top, r: b.right, b: b.bottom});
  }
  for (const legend of plot.querySelectorAll('.legend .bg')) {
    const b = legend.getBoundingClientRect();
    if (b.width > 1) parts.push({part: 'legend', text: '(legend box)', l: b.left, t: b.top, r: b.right, b: b.bottom});
  }
  return {plot: {l: box.left, t: box.top, r: box.right, b: box.bottom}, parts};
}"""
SLACK = 1.0  # px of anti-aliasing


def _overlap(a: dict, b: dict) -> bool:
    return a["l"] < b["r"] - SLACK and b["l"] < a["r"] - SLACK and a["t"] < b["b"] - SLACK and b["t"] < a["b"] - SLACK


def problems(layout: dict) -> list[str]:
    """Texts that run off the chart, and pairs of parts that overlap (title, legend, source, the rest)."""
    plot, parts = layout["plot"], layout["parts"]
    found = [f"{p['part']} {p['text']!r} runs off the chart" for p in parts
             if p["l"] < plot["l"] - SLACK or p["r"] > plot["r"] + SLACK or p["t"] < plot["t"] - SLACK
             or p["b"] > plot["b"] + SLACK]
    for a, b in combinations(parts, 2):
        if a["part"] == b["part"] and a["part"] in ("legend", "title", "source"):
            continue  # a legend's entries lie in its own box; a title's lines are one block
        if a["part"] == b["part"] == "other":
            continue  # tick labels and bar labels are placed by plotly, which keeps them apart
        if _overlap(a, b):
            found.append(f"{a['part']} {a['text']!r} overlaps {b['part']} {b['text']!r}")
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[tuple[Browser, str]]:
    with running_app(ROOT, DATA) as running:
        yield running


def _charts(page: Page, count: int = 1) -> list[dict]:
    """The layout of every chart on the page, once at least ``count`` of them are drawn (on a loaded machine
    the page may still be drawing its last charts when the first has settled)."""
    plots = page.locator(".js-plotly-plot")
    plots.nth(count - 1).wait_for(timeout=60_000)
    return [plots.nth(i).evaluate(COLLECT) for i in range(plots.count())]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_overview_and_briefing_charts_have_no_overlapping_or_clipped_text(browser: tuple[Browser, str],
                                                                          size: tuple[int, int]) -> None:
    launched, url = browser
    page = launched.new_page(viewport={"width": size[0], "height": size[1]})
    try:
        found: list[str] = []
        for pair in PAIRS:
            page.goto(f"{url}/overview?pair={pair}", timeout=60_000)
            settle(page, drawn=800)
            layouts = _charts(page, 4)
            assert len(layouts) == 4, pair
            found += [f"overview {pair}: {p}" for layout in layouts for p in problems(layout)]
            for chart in ("inflows", "cumulative", "deals", "growth"):
                page.goto(f"{url}/briefing?pair={pair}&chart={chart}", timeout=60_000)
                settle(page, drawn=800)
                if page.locator(".js-plotly-plot").count() == 0:
                    continue  # nothing to chart for this pair
                [layout] = _charts(page)
                found += [f"briefing {pair} {chart}: {p}" for p in problems(layout)]
                if size == (1280, 800):
                    source = [p for p in layout["parts"] if p["part"] == "source"]
                    assert source and max(p["b"] for p in source) <= size[1], f"{pair} {chart}: below the fold"
        assert not found, "\n".join(found)
    finally:
        page.close()


def test_exported_slides_have_no_overlapping_or_clipped_text(browser: tuple[Browser, str]) -> None:
    launched, _ = browser
    page = launched.new_page(viewport={"width": 1280, "height": 720})
    ds = read_dataset(DATA)
    found: list[str] = []
    try:
        for pair in PAIRS:
            for view in build_overview(ds, Pair.parse(pair), size=charts.LARGE).drawable:
                svg = image_bytes(view.render(charts.EXPORT), "svg").decode("utf-8")
                page.set_content(f'<div class="js-plotly-plot" style="margin:0;width:1280px">{svg}</div>')
                layout = page.locator(".js-plotly-plot").evaluate(COLLECT)
                found += [f"slide {pair} {view.key}: {p}" for p in problems(layout)]
    finally:
        page.close()
    assert not found, "\n".join(found)
