"""Finding the system Chromium for browser tests: skip without it, unless FLOWCITE_REQUIRE_BROWSER=1."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium_or_skip() -> str:
    path = os.environ.get("FLOWCITE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if Path(path).exists():
        return path
    if os.environ.get("FLOWCITE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"FLOWCITE_REQUIRE_BROWSER=1 but no Chromium at {path} (apt-get install chromium)")
    pytest.skip("no system Chromium; set FLOWCITE_REQUIRE_BROWSER=1 to make this a failure")
    raise AssertionError  # unreachable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def streamlit_server(root: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """`streamlit run dashboard/app.py` on a free loopback port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=root, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited: {process.stdout.read() if process.stdout else ''}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("streamlit did not start within 90 s")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def settle(page: Page, drawn: int = 300) -> None:
    """Wait until the app is not running a script (Streamlit's status widget is gone), then ``drawn`` ms
    more for what draws after the run (plotly)."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector(\"[data-testid='stStatusWidget']\")", timeout=60_000)
    page.wait_for_timeout(drawn)


@contextmanager
def running_app(root: Path, data: Path) -> Iterator[tuple[Browser, str]]:
    """The app served on the processed tables in ``data`` and a launched system Chromium: (browser, URL)."""
    from playwright.sync_api import sync_playwright

    chromium = chromium_or_skip()
    with streamlit_server(root, {"FLOWCITE_DATA": str(data)}) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield browser, url
        finally:
            browser.close()

