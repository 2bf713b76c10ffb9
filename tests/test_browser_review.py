"""End to end in real Chromium: upload an article, correct a figure in the grid, save, reload, find it."""

from __future__ import annotations

import csv
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from tests.browser import CHROMIUM_ARGS, chromium_or_skip, streamlit_server
from tests.conftest import ARTICLES, ROOT
from tests.review_helpers import figures, make_data_folder


def test_upload_correct_save_and_find_after_reload(tmp_path: Path) -> None:
    chromium = chromium_or_skip()
    root = make_data_folder(tmp_path / "data", "seed-001.txt")
    with streamlit_server(ROOT, {"FLOWCITE_DATA": str(root / "processed")}) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1400})
            page.goto(f"{url}/add", timeout=60_000)
            name = page.get_by_label("Your name (recorded with every decision)")
            name.fill("Ana")
            name.press("Enter")
            page.locator('input[type="file"]').set_input_files(str(ARTICLES / "dev-001.txt"))
            page.get_by_role("button", name="Extract figures from the files").click()
            grid = page.locator('[data-testid="stDataFrame"]').first
            grid.wait_for(timeout=60_000)
            page.wait_for_timeout(1500)
            box = grid.bounding_box()
            assert box is not None
            expect(page.locator("#glide-cell-1-1")).to_have_text("$1.3 billion")  # the grid's accessible cells
            for _ in range(3):  # the canvas grid may need a moment before it takes input
                # columns: decision, text, value…; rows of 35 px under a 35 px header: "$1.3 billion"'s value
                page.mouse.dblclick(box["x"] + 230, box["y"] + 35 + 35 + 17)
                page.wait_for_timeout(500)
                page.keyboard.type("1400000000")
                page.keyboard.press("Enter")
                page.wait_for_timeout(1000)
                if page.locator("#glide-cell-2-1").inner_text() == "1400000000":
                    break
            expect(page.locator("#glide-cell-2-1")).to_have_text("1400000000")
            page.wait_for_timeout(1500)  # the edit reaches the server before the save
            page.get_by_role("button", name="Save to the corpus").click()
            expect(page.get_by_text("with 3 figures and 1 decisions")).to_be_visible(timeout=60_000)
            corrected = figures(root)["$1.3 billion"]
            assert (corrected["value"], corrected["reviewed"]) == ("1400000000", "corrected")

            page.goto(f"{url}/figures?figure={corrected['figure_id']}", timeout=60_000)  # a full reload
            expect(page.get_by_text("= 1,400,000,000.00 USD — corrected by an analyst")).to_be_visible(timeout=60_000)
            page.screenshot(path=str(tmp_path / "figures-after-reload.png"), full_page=True)
        finally:
            browser.close()
    with (root / "reviews.csv").open(newline="", encoding="utf-8") as handle:
        [decision] = list(csv.DictReader(handle))
    assert (decision["action"], decision["field"], decision["new_value"], decision["reviewer"]) == \
        ("correct", "value", "1400000000", "Ana")
