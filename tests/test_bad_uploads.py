"""Bad input on the Add articles page gets a clear message and changes no file."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl import DataFolder, Upload, add_articles
from tests.conftest import ROOT
from tests.review_helpers import make_data_folder, snapshot

APP = str(ROOT / "dashboard" / "app.py")
LIMIT = 5 * 1024 * 1024  # .streamlit/config.toml: server.maxUploadSize = 5 (MB)

UPLOADS = {
    "empty": ("empty.txt", b"", "empty.txt: the file is empty"),
    "binary": ("scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "scan.txt: the file is binary"),
    "oversized": ("huge.txt", b"Investment reached $5 billion. " * (LIMIT // 31 + 10),
                  f"huge.txt: the file is {31 * (LIMIT // 31 + 10):,} bytes, over the 5,242,880-byte limit"),
    "undecodable": ("latin1.md", "Inversión de €5 millones".encode("cp1252"), "latin1.md: the file is not valid UTF-8"),
    "html without body": ("nav.html", b"<html><body><nav><a href='/'>Home</a><a href='/x'>News</a></nav></body>"
                          b"</html>", "nav.html: no article text found"),
    "path tricks": ("../../etc/evil.txt", b"Chinese investment reached $5 billion in 2018.",
                    "../../etc/evil.txt: unsafe file name"),
    "hidden name": (".hidden.txt", b"Chinese investment reached $5 billion in 2018.", ".hidden.txt: unsafe file name"),
}


@pytest.fixture()
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_data_folder(tmp_path / "data", "seed-001.txt")
    monkeypatch.setenv("FLOWCITE_DATA", str(root / "processed"))
    return root


def add_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("views/add.py")
    at.run()
    at.text_input[0].input("Ana").run()
    return at


@pytest.mark.parametrize("case", list(UPLOADS), ids=list(UPLOADS))
def test_bad_upload_is_refused_with_a_message(case: str, data: Path) -> None:
    name, content, message = UPLOADS[case]
    before = snapshot(data)
    at = add_page()
    at.file_uploader[0].set_value((name, content, "text/plain")).run()
    next(b for b in at.button if b.label.startswith("Extract figures from the files")).click().run()
    assert not at.exception
    assert [e.value for e in at.error] and at.error[0].value.startswith(message), [e.value for e in at.error]
    assert not [b for b in at.button if b.label == "Save to the corpus"]
    assert snapshot(data) == before
    outcome = add_articles(DataFolder(data), [Upload(name, content)], max_bytes=LIMIT)  # the CLI's path too
    assert outcome.failures and outcome.failures[0].startswith(message) and not outcome.saved
    assert snapshot(data) == before


def test_pasted_text_without_a_date_is_asked_for_not_guessed(data: Path) -> None:
    before = snapshot(data)
    at = add_page()
    inputs = {t.label: t for t in at.text_input}
    inputs["Title"].input("Japan invests in India")
    story = next(t for t in at.text_area if t.label == "Article text")
    story.input("Japan will invest $3 billion in India next year, officials said today.")
    next(b for b in at.button if b.label == "Extract figures from the text").click().run()
    assert [e.value for e in at.error] == [
        "japan-invests-in-india.md: a pasted article needs its publication date (YYYY-MM-DD); it is never guessed"]
    assert snapshot(data) == before


def test_article_without_figures_is_saved_with_a_note(data: Path) -> None:
    at = add_page()
    inputs = {t.label: t for t in at.text_input}
    inputs["Title"].input("Talks continue")
    inputs["Publication date (YYYY-MM-DD), required"].input("2020-05-01")
    story = next(t for t in at.text_area if t.label == "Article text")
    story.input("The two ministers met in Astana and agreed to meet again soon.")
    next(b for b in at.button if b.label == "Extract figures from the text").click().run()
    assert any("No figures found" in w.value for w in at.warning)
    next(b for b in at.button if b.label == "Save to the corpus").click().run()
    assert any("none found: saved with this note" in s.value for s in at.success)
    assert (data / "articles" / "talks-continue.md").read_text().startswith('---\ntitle: "Talks continue"')


def test_other_file_types_are_refused_by_the_command_line_path(data: Path) -> None:
    """The page's uploader accepts only .txt, .md and .html; `etl add` refuses the rest with a message."""
    before = snapshot(data)
    outcome = add_articles(DataFolder(data), [Upload("report.pdf", b"%PDF-1.4")])
    assert outcome.failures == ["report.pdf: unsupported file type '.pdf'; expected .txt, .md, .html or .htm"]
    assert snapshot(data) == before
