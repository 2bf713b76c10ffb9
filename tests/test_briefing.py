"""The PowerPoint deck: the app's chart specifications rendered natively, a title slide, every currency,
labels with currency and qualifier, a readable source line; an empty pair is an error, never a file."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Pt

from dashboard import charts
from dashboard.briefing import NothingToDrawError, build_deck, deck_views
from dashboard.data import read_dataset
from dashboard.exports import image_bytes
from dashboard.overview import build_overview
from dashboard.queries import Pair
from etl.pipeline import run_pipeline, write_outputs
from tests.browser import chromium_or_skip
from tests.conftest import ROOT

PROCESSED = ROOT / "data" / "processed"


def the_chart(slide):  # type: ignore[no-untyped-def]
    found = [shape for shape in slide.shapes if shape.has_chart]
    assert len(found) == 1, "one native chart per slide"
    return found[0].chart


def plotted(slide) -> list[float]:  # type: ignore[no-untyped-def]
    chart = the_chart(slide)
    return sorted(v for series in chart.plots[0].series for v in series.values if v is not None)


def labels(slide) -> list[str]:  # type: ignore[no-untyped-def]
    chart = the_chart(slide)
    return [point.data_label.text_frame.text for series in chart.plots[0].series
            for point in (series.points[i] for i in range(len(series.values)))
            if point.data_label.has_text_frame]


def texts(slide) -> list[str]:  # type: ignore[no-untyped-def]
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def smallest_text_pt(slide) -> float:  # type: ignore[no-untyped-def]
    sizes = [run.font.size for shape in slide.shapes if shape.has_text_frame
             for paragraph in shape.text_frame.paragraphs for run in paragraph.runs if run.font.size]
    return min(sizes) / Pt(1)


@pytest.mark.parametrize("pair", ["USA-KAZ", "CHN-KAZ", "ARE-EGY", "JPN-IND"])
def test_every_slide_is_a_chart_of_the_app_with_its_title_source_and_labels(pair: str) -> None:
    ds = read_dataset(PROCESSED)
    deck = Presentation(io.BytesIO(build_deck(PROCESSED, Pair.parse(pair))))
    _, views = deck_views(ds, Pair.parse(pair))
    slides = list(deck.slides)
    assert len(slides) == 1 + len(views) > 1
    title_slide = "\n".join(texts(slides[0]))
    assert Pair.parse(pair).label() in title_slide and "published up to" in title_slide
    for slide, view in zip(slides[1:], views, strict=True):
        assert texts(slide)[0] == view.title and view.source in texts(slide)
        assert the_chart(slide).has_title is False  # said once, by the slide
        assert smallest_text_pt(slide) >= 14
        assert plotted(slide) == pytest.approx(sorted(float(v) / view.scale for v in view.rows["value"]))
        if view.key != "growth":
            unit = "US$" if view.currency == "USD" else view.currency
            assert all(unit in label for label in labels(slide)), labels(slide)


def test_a_non_dollar_pair_is_charted_in_its_own_currencies() -> None:
    ds = read_dataset(PROCESSED)
    overviews, views = deck_views(ds, Pair.parse("JPN-IND"))
    assert {o.currency for o in overviews} >= {"JPY", "INR"}
    deals = {v.currency: v for v in views if v.key == "deals"}
    assert len(deals["JPY"].rows) >= 5 and deals["JPY"].unit == "JPY billion"
    assert not build_overview(ds, Pair.parse("JPN-IND"), currency="JPY").charts[2].rows.empty


def test_qualifiers_are_in_the_labels() -> None:
    deck = Presentation(io.BytesIO(build_deck(PROCESSED, Pair.parse("USA-KAZ"))))
    shown = [label for slide in list(deck.slides)[1:] for label in labels(slide)]
    assert "more than US$3.7 billion" in shown
    assert not any(label.replace(".", "").isdigit() for label in shown)  # never a bare '3.70'


def _corpus(tmp_path: Path, body: str) -> Path:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "korea-uzbek.md").write_text(
        f"---\ntitle: Korean deals\npublished: 2019-05-01\npublisher: Daily Test\n---\n{body}\n", encoding="utf-8")
    out = tmp_path / "processed"
    write_outputs(run_pipeline([articles], workers=1), out)
    return out


def test_the_deals_slide_has_one_bar_per_deal(tmp_path: Path) -> None:
    out = _corpus(tmp_path, "South Korean companies signed an agreement worth $450 million with Uzbekistan in "
                            "April 2019. Another South Korean company signed a separate deal worth $350 million "
                            "with Uzbekistan in April 2019.")
    deck = Presentation(io.BytesIO(build_deck(out, Pair.parse("KOR-UZB"))))
    deals = next(s for s in deck.slides if texts(s)[0].startswith("Deals signed"))
    assert plotted(deals) == pytest.approx([350, 450])  # two bars in US$ million, not one of 800
    assert sorted(labels(deals)) == ["US$350 million", "US$450 million"]


def test_a_pair_with_nothing_to_draw_fails_with_a_message(tmp_path: Path) -> None:
    out = _corpus(tmp_path, "Trade between South Korea and Uzbekistan reached $2 billion in 2018.")
    with pytest.raises(NothingToDrawError, match="nothing to chart"):
        build_deck(out, Pair.parse("KOR-UZB"))
    deck = tmp_path / "deck.pptx"
    done = subprocess.run([sys.executable, "-m", "dashboard.briefing", "--pair", "KOR-UZB", "--out", str(deck),
                           "--data", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and not deck.exists()
    assert done.stderr.strip().count("\n") == 0 and "nothing to chart" in done.stderr


def test_deck_from_the_command_line_is_quiet(tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    done = subprocess.run([sys.executable, "-m", "dashboard.briefing", "--pair", "USA-KAZ", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert done.stdout.strip() == f"{out}: 5 slides for USA → KAZ"
    deck = Presentation(str(out))
    inflows = the_chart(deck.slides[1])
    assert [(s.name, list(s.values)) for s in inflows.plots[0].series] == [
        ("stated", [3.7, None, 1.1]), ("derived from a growth rate", [None, pytest.approx(0.83523, rel=1e-4), None])]
    bad = subprocess.run([sys.executable, "-m", "dashboard.briefing", "--pair", "XXX-YYY", "--out", str(out)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "no figures for the pair XXX-YYY" in bad.stderr


def test_chart_images_render_in_system_chromium() -> None:
    chromium_or_skip()
    view = build_overview(read_dataset(PROCESSED), Pair.parse("USA-KAZ")).charts[0]
    png = image_bytes(view.render(charts.EXPORT), "png")
    svg = image_bytes(view.render(charts.EXPORT), "svg")
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    assert svg.lstrip().startswith(b"<svg") and b"Source: " in svg and b'height="720"' in svg


def _slide_texts(out: Path, pair: str) -> str:
    deck = Presentation(io.BytesIO(build_deck(out, Pair.parse(pair))))
    return "\n".join(text for slide in list(deck.slides)[1:] for text in texts(slide))


def test_a_deck_says_when_it_shows_figures_nobody_reviewed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12: a slide whose chart includes an unreviewed figure under the threshold says so; once the
    analyst has confirmed it, the note is gone."""
    from etl import DataFolder, Decision, record_decisions
    from tests.review_helpers import make_data_folder

    root = make_data_folder(tmp_path / "data", "seed-001.txt")
    monkeypatch.setenv("FLOWCITE_CONFIDENCE_THRESHOLD", "0.99")  # every automatic figure is under it
    processed = root / "processed"
    ds = read_dataset(processed)
    _, views = deck_views(ds, Pair.parse("USA-KAZ"))
    doubtful = sorted({i for view in views for i in view.doubtful})
    assert doubtful, "the charts show automatic figures"
    shown = _slide_texts(processed, "USA-KAZ")
    assert "not yet reviewed (confidence under 0.99)" in shown
    by_id = ds.figures.set_index("figure_id")
    record_decisions(DataFolder(root), [Decision(i, str(by_id.loc[i, "article_id"]), "confirm", reviewer="Ana")
                                        for i in doubtful])
    assert "not yet reviewed" not in _slide_texts(processed, "USA-KAZ")
    image = image_bytes(deck_views(read_dataset(processed), Pair.parse("USA-KAZ"))[1][0].render(charts.EXPORT), "svg")
    assert b"not yet reviewed" not in image


def test_a_chart_image_is_drawn_again_when_kaleidos_tab_fails_to_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """kaleido's Chromium tab can run the render before its script has loaded on a loaded machine: the
    image is drawn in a new tab, up to three times; any other error is raised at once."""
    import plotly.graph_objects as go

    from dashboard import exports

    class TabError(Exception):
        pass

    TabError.__module__ = "kaleido._kaleido_tab._errors"
    calls: list[int] = []

    def flaky(self: go.Figure, **kwargs: object) -> bytes:
        calls.append(1)
        if len(calls) < 3:
            raise TabError("ReferenceError: kaleido_scopes is not defined")
        return b"<svg/>"

    monkeypatch.setattr(go.Figure, "to_image", flaky)
    assert exports.image_bytes(go.Figure(), "svg") == b"<svg/>" and len(calls) == 3
    calls.clear()
    monkeypatch.setattr(go.Figure, "to_image", lambda self, **kwargs: (_ for _ in ()).throw(TabError("down")))
    with pytest.raises(TabError):
        exports.image_bytes(go.Figure(), "svg")
    monkeypatch.setattr(go.Figure, "to_image", lambda self, **kwargs: (_ for _ in ()).throw(ValueError("bad")))
    with pytest.raises(ValueError, match="bad"):
        exports.image_bytes(go.Figure(), "svg")
