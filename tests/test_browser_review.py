"""End to end in real Chromium: upload an article, save it, correct a figure, find it after a reload."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from dashboard import charts
from dashboard.data import read_dataset
from dashboard.exports import image_bytes
from dashboard.overview import build_overview
from dashboard.queries import Pair
from tests.browser import CHROMIUM_ARGS, chromium_or_skip, settle, streamlit_server
from tests.conftest import ARTICLES, ROOT
from tests.review_helpers import figures, make_data_folder


def _deals_chart(page: Page):  # type: ignore[no-untyped-def]
    return page.locator(".js-plotly-plot").filter(has=page.locator(".gtitle", has_text="Deals signed"))


def _the_correction_reaches_the_charts(page: Page, url: str, processed: Path) -> None:
    """After correcting $1.3 billion to 1.4 billion: the bar's label, its tooltip and the exported images
    all say 1.4 (the article's own text stays as provenance)."""
    page.goto(f"{url}/overview?pair=USA-KAZ", timeout=60_000)
    settle(page)
    chart = _deals_chart(page)
    expect(chart.locator(".bartext").filter(has_text="1.4")).to_have_count(1, timeout=30_000)
    assert chart.locator(".bartext").filter(has_text="1.3").count() == 0
    for index in range(chart.locator(".bars .point path").count()):
        chart.locator(".bars .point path").nth(index).hover(force=True)
        page.wait_for_timeout(300)
        if "1.4 billion" in (chart.locator(".hoverlayer").text_content() or ""):
            break
    tooltip = (chart.locator(".hoverlayer").text_content() or "")
    assert "US$1.4 billion (corrected from $1.3 billion)" in tooltip and "as printed: $1.3 billion" in tooltip
    page.goto(f"{url}/briefing?pair=USA-KAZ&chart=deals", timeout=60_000)
    settle(page)
    with page.expect_download(timeout=120_000) as svg:
        page.get_by_role("button", name="This chart as SVG (16:9)").click()
    text = Path(svg.value.path()).read_text(encoding="utf-8")
    assert ">1.4<" in text and ">1.3<" not in text
    with page.expect_download(timeout=120_000) as png:
        page.get_by_role("button", name="This chart as PNG (16:9)").click()
    image = Path(png.value.path()).read_bytes()
    assert image.startswith(b"\x89PNG") and image[16:24] == (2560).to_bytes(4, "big") + (1440).to_bytes(4, "big")
    view = next(v for v in build_overview(read_dataset(processed), Pair.parse("USA-KAZ"), size=charts.LARGE).charts
                if v.key == "deals")
    assert any("1.4" in str(t) for t in view.rows["label"]) and image == image_bytes(view.render(charts.EXPORT), "png")


def test_upload_correct_save_and_find_after_reload(tmp_path: Path) -> None:
    chromium = chromium_or_skip()
    root = make_data_folder(tmp_path / "data", "seed-001.txt")
    with streamlit_server(ROOT, {"FLOWCITE_DATA": str(root / "processed")}) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1600})
            page.goto(f"{url}/add", timeout=60_000)
            name = page.get_by_label("Your name (recorded with every decision)")
            name.fill("Ana")
            name.press("Enter")
            settle(page)
            page.locator('input[type="file"]').set_input_files(str(ARTICLES / "dev-001.txt"))
            settle(page)
            page.get_by_role("button", name="Extract figures from the files").click()
            settle(page)
            expect(page.locator("#glide-cell-1-1")).to_have_text("$1.3 billion", timeout=30_000)  # the review grid
            page.get_by_role("button", name="Save to the corpus").click()
            expect(page.get_by_text("Saved dev-001.txt with 3 figures")).to_be_visible(timeout=60_000)
            article = figures(root)["$1.3 billion"]
            assert article["reviewed"] == ""

            page.goto(f"{url}/review?article={article['article_id']}&figure={article['figure_id']}", timeout=60_000)
            settle(page)
            name = page.get_by_label("Your name (recorded with every decision)")
            name.fill("Ana")
            name.press("Enter")
            settle(page)
            form = page.locator('[data-testid="stForm"]').first  # "Correct this figure" opened it on the figure
            form.get_by_label(re.compile("^New value")).fill("1.4 billion")  # as printed
            form.get_by_role("button", name="Save this correction").click()
            expect(page.get_by_text("Saved the correction of $1.3 billion.")).to_be_visible(timeout=60_000)

            corrected = figures(root)["$1.3 billion"]
            assert (corrected["value"], corrected["reviewed"]) == ("1400000000", "corrected")
            page.goto(f"{url}/figures?figure={corrected['figure_id']}", timeout=60_000)  # a full reload
            expect(page.get_by_text("US$1.4 billion (corrected from $1.3 billion), deal value")).to_be_visible(
                timeout=60_000)
            _the_correction_reaches_the_charts(page, url, root / "processed")
        finally:
            browser.close()
    with (root / "reviews.csv").open(newline="", encoding="utf-8") as handle:
        [decision] = list(csv.DictReader(handle))
    assert (decision["action"], decision["field"], decision["old_value"], decision["new_value"],
            decision["reviewer"]) == ("correct", "value", "1300000000", "1400000000", "Ana")
