"""End to end: the real app in real headless Chromium (Playwright driving /usr/bin/chromium)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from tests.browser import CHROMIUM_ARGS, chromium_or_skip, streamlit_server
from tests.conftest import ROOT


def test_overview_renders_charts_with_bundled_figures(tmp_path: Path) -> None:
    chromium = chromium_or_skip()
    with streamlit_server(ROOT) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1600})
            page.goto(f"{url}/?pair=USA-KAZ", timeout=60_000)
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
            expect(page.get_by_text("US$1.1 billion").first).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Investment inflows by period, USA → KAZ").first).to_be_visible()
            assert page.locator(".js-plotly-plot").count() == 4
            bars = page.locator(".js-plotly-plot .bars path")
            assert bars.count() >= 3
            page.wait_for_timeout(1000)
            shot = tmp_path / "overview.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 20_000
        finally:
            browser.close()
