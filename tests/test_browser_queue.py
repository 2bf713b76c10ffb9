"""In real Chromium (issue 12): an analyst works down "Needs a look" — corrects the field in doubt of one
figure, confirms another — and after a reload neither is on the queue, and the tables say why."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from tests.browser import CHROMIUM_ARGS, chromium_or_skip, settle, streamlit_server
from tests.conftest import ROOT
from tests.review_helpers import make_data_folder, processed_rows, queue_rows

LABELS = {"sides": ("Investing country (alpha-3)", "NOR"), "period": ("Period start (YYYY-MM-DD)", "2001-01-01"),
          "value": ("Value (as printed, e.g. 48.5 billion)", "12345")}
FIELD_NAMES = {"sides": "countries", "period": "period", "value": "value"}


def test_a_queue_entry_corrected_in_the_browser_is_gone_after_a_reload(tmp_path: Path) -> None:
    chromium = chromium_or_skip()
    root = make_data_folder(tmp_path / "data", "dev-001.txt", "seed-001.txt")
    queue = queue_rows(root)[:10]
    fixed = next(r for r in queue if r["doubtful_field"] in LABELS)
    confirmed = next(r for r in queue if r is not fixed)
    label, typed = LABELS[fixed["doubtful_field"]]
    with streamlit_server(ROOT, {"FLOWCITE_DATA": str(root / "processed")}) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1600})
            page.goto(f"{url}/review", timeout=60_000)
            settle(page)
            expect(page.get_by_text("Needs a look")).to_be_visible(timeout=30_000)
            name = page.get_by_label("Your name (recorded with every decision)")
            name.fill("Ana")
            name.press("Enter")
            settle(page)
            entry = page.locator(f".st-key-queue-{fixed['figure_id']}")
            expect(entry).to_be_visible(timeout=30_000)
            expect(entry.get_by_text("In doubt:")).to_be_visible()
            entry.get_by_text(f"Correct the {FIELD_NAMES[fixed['doubtful_field']]}").click()
            entry.get_by_label(label).fill(typed)
            entry.get_by_role("button", name="Save correction").click()
            expect(page.get_by_text(f"Corrected {fixed['text']}: it is off the queue.")).to_be_visible(timeout=60_000)
            other = page.locator(f".st-key-queue-{confirmed['figure_id']}")
            other.get_by_role("button", name="Confirm").click()
            expect(page.get_by_text(f"Confirmed {confirmed['text']}: it is off the queue.")).to_be_visible(
                timeout=60_000)
            page.reload()
            settle(page)
            expect(page.get_by_text("Needs a look")).to_be_visible(timeout=30_000)
            expect(page.locator('[class*="st-key-queue-"]').first).to_be_visible(timeout=30_000)
            assert page.locator(f".st-key-queue-{fixed['figure_id']}").count() == 0
            assert page.locator(f".st-key-queue-{confirmed['figure_id']}").count() == 0
        finally:
            browser.close()
    after = {r["figure_id"]: r for r in processed_rows(root)}
    column = {"sides": "source_country", "period": "period_start", "value": "value"}[fixed["doubtful_field"]]
    assert after[fixed["figure_id"]]["reviewed"] == "corrected" and after[fixed["figure_id"]][column] == typed
    assert after[confirmed["figure_id"]]["reviewed"] == "confirmed"
    assert float(after[fixed["figure_id"]]["confidence"]) == float(after[confirmed["figure_id"]]["confidence"]) == 1.0
