"""Adding an article by its address (issue 13), against a real HTTP server on 127.0.0.1 started here:
a good page is saved with its address and figures; a 404, a page that is not HTML, one too large, a
server that never answers, a redirect loop and a redirect to a private address each give one line and
save nothing; without FLOWCITE_ALLOW_PRIVATE_URLS the server's own address is refused."""

from __future__ import annotations

import contextlib
import csv
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.review_helpers import snapshot

STORY = b"""<!doctype html><html><head><title>Kazakhstan gets US money</title>
<meta property="article:published_time" content="2019-08-23">
<meta property="og:site_name" content="Test Wire"></head><body><article><h1>Kazakhstan gets US money</h1>
<p>Kazakhstan received $7 billion of investment from the United States in 2018, the ministry said on Friday.
The inflow reached $1.1 billion in the first half of 2019, up 31.7 percent, officials added in the capital.</p>
</article></body></html>"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, kind: str, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up waiting, as meant
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        if self.path == "/story.html":
            self._send(200, "text/html; charset=utf-8", STORY)
        elif self.path == "/data.json":
            self._send(200, "application/json", b'{"value": 7}')
        elif self.path == "/huge.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no length: the body streams until it is too large
            chunk = b"<p>" + b"x" * 65536 + b"</p>"
            try:
                for _ in range(100):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path == "/slow.html":
            time.sleep(4)
            self._send(200, "text/html", STORY)
        elif self.path == "/loop":
            self._send(302, "text/html", b"", Location="/loop")
        elif self.path == "/to-private":
            self._send(302, "text/html", b"", Location="http://169.254.169.254/latest/meta-data/")
        else:
            self._send(404, "text/html", b"<p>not here</p>")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _add(data: Path, *urls: str, allow: str | None = "1") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FLOWCITE_ALLOW_PRIVATE_URLS", "FLOWCITE_READ_ONLY")}
    env["FLOWCITE_FETCH_TIMEOUT"] = "1"
    if allow is not None:
        env["FLOWCITE_ALLOW_PRIVATE_URLS"] = allow
    return subprocess.run([sys.executable, "-m", "etl", "add", *urls, "--data", str(data)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "articles").mkdir(parents=True)
    return data


def test_a_good_page_is_saved_with_its_address_and_figures(tmp_path: Path, server: str) -> None:
    data = _data(tmp_path)
    done = _add(data, f"{server}/story.html")
    assert done.returncode == 0, done.stderr
    assert "added 127-0-0-1-story.html: 3 figures" in done.stdout
    (saved,) = (data / "articles").iterdir()
    raw = saved.read_bytes()
    assert raw.startswith(f"<!-- flowcite: fetched from {server}/story.html at ".encode()) and raw.endswith(STORY)
    with (data / "processed" / "articles.csv").open(newline="", encoding="utf-8") as handle:
        (article,) = list(csv.DictReader(handle))
    assert (article["title"], article["published"], article["publisher"], article["url"]) == (
        "Kazakhstan gets US money", "2019-08-23", "Test Wire", f"{server}/story.html")
    before = snapshot(data)
    again = _add(data, f"{server}/story.html")
    assert again.returncode == 1 and again.stderr.count("\n") == 1
    assert "already in the corpus as 127-0-0-1-story.html" in again.stderr
    assert snapshot(data) == before


@pytest.mark.parametrize(("path", "message", "allow"), [
    ("/missing.html", "the server answered 404 Not Found", "1"),
    ("/data.json", "not an HTML page (application/json)", "1"),
    ("/huge.html", "larger than 5 MB", "1"),
    ("/slow.html", "no answer within 1 s", "1"),
    ("/loop", "too many redirects (more than 5)", "1"),
    ("/to-private", "refused: 169.254.169.254 is a private or local address", "127.0.0.1"),
    ("/story.html", "refused: 127.0.0.1 is a private or local address (127.0.0.1); set FLOWCITE_ALLOW_PRIVATE_URLS=1",
     None),
])
def test_a_bad_address_is_one_line_and_nothing_is_saved(tmp_path: Path, server: str, path: str, message: str,
                                                         allow: str | None) -> None:
    data = _data(tmp_path)
    before = snapshot(data)
    done = _add(data, f"{server}{path}", allow=allow)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and message in done.stderr and done.stderr.startswith(f"{server}{path}: ")
    assert snapshot(data) == before


def test_only_http_and_https(tmp_path: Path) -> None:
    data = _data(tmp_path)
    done = _add(data, "file:///etc/passwd")
    assert done.returncode == 1 and "only http and https addresses can be fetched" in done.stderr
    assert not list((data / "articles").iterdir())


def test_the_add_page_fetches_previews_and_saves_by_address(tmp_path: Path, server: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    data = _data(tmp_path)
    monkeypatch.setenv("FLOWCITE_DATA", str(data / "processed"))
    monkeypatch.setenv("FLOWCITE_ALLOW_PRIVATE_URLS", "1")
    monkeypatch.setenv("FLOWCITE_FETCH_TIMEOUT", "1")
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120)
    at.switch_page("views/add.py")
    at.run()
    at.text_input[0].input("Ana").run()
    at.text_area(key="add-urls").input(f"{server}/missing.html\n{server}/story.html")  # submitted with the form
    next(b for b in at.button if b.label == "Fetch and extract").click().run()
    assert not at.exception
    shown = [e.value.replace("\\", "") for e in at.error]  # markdown escapes
    assert shown == [f"{server}/missing.html: the server answered 404 Not Found"]
    assert not list((data / "articles").iterdir())  # a preview, nothing saved yet
    assert list(at.data_editor[0].value["text"]) == ["$7 billion", "$1.1 billion", "31.7 percent"]
    next(b for b in at.button if b.label == "Save to the corpus").click().run()
    assert not at.exception
    assert any("Saved 127-0-0-1-story.html with 3 figures" in s.value.replace("\\", "") for s in at.success), [
        s.value for s in at.success]
    assert [p.name for p in (data / "articles").iterdir()] == ["127-0-0-1-story.html"]


def test_the_add_page_says_each_bad_address_in_one_line_and_saves_nothing(tmp_path: Path, server: str,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    data = _data(tmp_path)
    monkeypatch.setenv("FLOWCITE_DATA", str(data / "processed"))
    monkeypatch.setenv("FLOWCITE_ALLOW_PRIVATE_URLS", "127.0.0.1")  # the test server, and nothing else private
    monkeypatch.setenv("FLOWCITE_FETCH_TIMEOUT", "1")
    bad = {"/missing.html": "the server answered 404 Not Found", "/data.json": "not an HTML page (application/json)",
           "/huge.html": "larger than 5 MB", "/slow.html": "no answer within 1 s",
           "/loop": "too many redirects (more than 5)",
           "/to-private": "redirected to http://169.254.169.254/latest/meta-data/, which is refused"}
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120)
    at.switch_page("views/add.py")
    at.run()
    at.text_area(key="add-urls").input("\n".join(f"{server}{path}" for path in bad))
    next(b for b in at.button if b.label == "Fetch and extract").click().run()
    assert not at.exception
    shown = [e.value.replace("\\", "") for e in at.error]
    assert len(shown) == len(bad) and all("\n" not in line for line in shown)
    for line, (path, message) in zip(shown, bad.items(), strict=True):
        assert line.startswith(f"{server}{path}: ") and message in line, line
    assert not at.data_editor and not list((data / "articles").iterdir())
