"""Regenerate docs/overview.png, the README's screenshot: the app in headless Chromium.

    .venv/bin/python docs/screenshot.py [--pair USA-KAZ]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import CHROMIUM_ARGS, chromium_or_skip, streamlit_server  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pair", default="USA-KAZ")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "overview.png")
    args = parser.parse_args()
    with streamlit_server(ROOT) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_or_skip(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1500})
        page.goto(f"{url}/?pair={args.pair}", timeout=60_000)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        page.wait_for_timeout(3000)
        page.screenshot(path=str(args.out), full_page=True)
        browser.close()
    print(args.out)


if __name__ == "__main__":
    main()
