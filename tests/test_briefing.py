"""The PowerPoint deck: native charts whose numbers are the app's, a source line on every slide."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from dashboard.briefing import build_deck
from dashboard.data import read_dataset
from dashboard.exports import image_bytes
from dashboard.overview import build_overview
from dashboard.queries import Pair
from tests.browser import chromium_or_skip
from tests.conftest import ROOT

PROCESSED = ROOT / "data" / "processed"


def chart_series(slide) -> list[tuple[str, list[float | None]]]:  # type: ignore[no-untyped-def]
    charts = [shape for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 1, "one native chart per slide"
    return [(series.name, list(series.values)) for series in charts[0].chart.plots[0].series]


@pytest.mark.parametrize("pair", ["USA-KAZ", "CHN-KAZ", "ARE-EGY"])
def test_deck_has_one_native_chart_per_slide_with_the_apps_numbers(pair: str) -> None:
    deck = Presentation(io.BytesIO(build_deck(PROCESSED, Pair.parse(pair))))
    overview = build_overview(read_dataset(PROCESSED), Pair.parse(pair))
    shown = [view for view in overview.charts if not view.rows.empty]
    assert len(deck.slides) == len(shown) > 0
    for slide, view in zip(deck.slides, shown, strict=True):
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert view.title in texts
        assert view.source in texts and view.source.startswith("Source: ")
        plotted = sorted(v for _, values in chart_series(slide) for v in values if v is not None)
        expected = sorted(float(v) for v in view.rows["value"]) if view.key != "deals" else \
            sorted(view.rows.groupby(["year", "company"])["value"].sum())
        assert plotted == pytest.approx(expected)


def test_deck_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    done = subprocess.run([sys.executable, "-m", "dashboard.briefing", "--pair", "USA-KAZ", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    deck = Presentation(str(out))
    assert len(deck.slides) == 4
    inflows = chart_series(deck.slides[0])
    assert inflows == [("stated", [3.7, None, 1.1]), ("derived", [None, pytest.approx(0.83523, rel=1e-4), None])]
    bad = subprocess.run([sys.executable, "-m", "dashboard.briefing", "--pair", "XXX-YYY", "--out", str(out)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "no figures for the pair XXX-YYY" in bad.stderr


def test_chart_images_render_in_system_chromium() -> None:
    chromium_or_skip()
    view = build_overview(read_dataset(PROCESSED), Pair.parse("USA-KAZ")).charts[0]
    png = image_bytes(view.figure, "png")
    svg = image_bytes(view.figure, "svg")
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    assert svg.lstrip().startswith(b"<svg") and b"Source: " in svg
