"""End to end in real Chromium: upload an article, save it, correct a figure, find it after a reload."""

from __future__ import annotations

import csv
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from tests.browser import CHROMIUM_ARGS, chromium_or_skip, streamlit_server
from tests.conftest import ARTICLES, ROOT
from tests.review_helpers import figures, make_data_folder


def settle(page: Page) -> None:
    """Wait until the app is not running a script (Streamlit's status widget is gone)."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector(\"[data-testid='stStatusWidget']\")", timeout=60_000)
    page.wait_for_timeout(300)


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
            page.get_by_text("Correct one figure by form").click()
            form = page.locator('[data-testid="stForm"]').first
            form.get_by_label("New value").fill("1400000000")
            form.get_by_role("button", name="Save this correction").click()
            expect(page.get_by_text("Saved the correction of $1.3 billion.")).to_be_visible(timeout=60_000)

            corrected = figures(root)["$1.3 billion"]
            assert (corrected["value"], corrected["reviewed"]) == ("1400000000", "corrected")
            page.goto(f"{url}/figures?figure={corrected['figure_id']}", timeout=60_000)  # a full reload
            expect(page.get_by_text("= 1,400,000,000.00 USD — corrected by an analyst")).to_be_visible(timeout=60_000)
            page.screenshot(path=str(tmp_path / "figures-after-reload.png"), full_page=True)
        finally:
            browser.close()
    with (root / "reviews.csv").open(newline="", encoding="utf-8") as handle:
        [decision] = list(csv.DictReader(handle))
    assert (decision["action"], decision["field"], decision["old_value"], decision["new_value"],
            decision["reviewer"]) == ("correct", "value", "1300000000", "1400000000", "Ana")
