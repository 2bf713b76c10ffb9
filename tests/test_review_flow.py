"""Add → review (confirm, correct, reject, add a missed figure) → re-run the ETL → every decision holds.
Through the command line and through the app (AppTest drives the real pages)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ARTICLES, ROOT
from tests.review_helpers import etl, figures, make_data_folder

APP = str(ROOT / "dashboard" / "app.py")


def assert_decisions_hold(root: Path) -> None:
    rows = figures(root)
    assert rows["$7 billion"]["reviewed"] == "confirmed"
    assert (rows["$1.3 billion"]["value"], rows["$1.3 billion"]["reviewed"]) == ("1400000000", "corrected")
    assert "$2.5 billion" not in rows
    added = rows["six Boeing 737 MAX jets"]
    assert (added["reviewed"], added["kind"], added["value"], added["entities"]) == ("added", "count", "6", "Boeing")


def test_cli_add_review_rerun(tmp_path: Path) -> None:
    root = make_data_folder(tmp_path / "data", "seed-001.txt")
    assert "added dev-001.txt: 3 figures" in etl("add", str(ARTICLES / "dev-001.txt"), "--data", str(root)).stdout
    again = etl("add", str(ARTICLES / "dev-001.txt"), "--data", str(root), ok=True)
    assert "already in the corpus as dev-001.txt" in again.stderr
    rows = figures(root)
    article = rows["$7 billion"]["article_id"]
    data = ["--data", str(root), "--reviewer", "Ana"]
    etl("decide", "--figure", rows["$7 billion"]["figure_id"], "--action", "confirm", *data)
    etl("decide", "--figure", rows["$1.3 billion"]["figure_id"], "--action", "correct", "--field", "value",
        "--value", "1400000000", "--note", "State Department release", *data)
    etl("decide", "--figure", rows["$2.5 billion"]["figure_id"], "--action", "reject", *data)
    etl("decide", "--figure", article, "--action", "add", "--value", json.dumps(
        {"text": "six Boeing 737 MAX jets", "kind": "count", "value": 6, "metric": "other",
         "entities": ["Boeing"]}), *data)
    assert_decisions_hold(root)
    etl("extract", str(root / "articles"), "--out", str(root / "processed"))  # a full re-run applies the log
    assert_decisions_hold(root)
    assert "4 decisions, 4 apply, 0 no longer apply" in etl("review", "--data", str(root)).stdout
    (root / "articles" / "dev-001.txt").unlink()  # its figures are gone: the decisions are reported, not dropped
    etl("extract", str(root / "articles"), "--out", str(root / "processed"))
    report = etl("review", "--data", str(root), ok=False)
    assert report.returncode == 1 and "4 decisions, 0 apply, 4 no longer apply" in report.stdout
    assert report.stderr.count("no longer applies") == 4
    assert len((root / "reviews.csv").read_text().splitlines()) == 5


@pytest.fixture()
def app_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_data_folder(tmp_path / "data", "seed-001.txt")
    monkeypatch.setenv("FLOWCITE_DATA", str(root / "processed"))
    return root


def page(name: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page(f"views/{name}.py")
    return at.run()


def test_app_add_review_rerun(app_data: Path) -> None:
    at = page("add")
    at.text_input[0].input("Ana").run()
    at.file_uploader[0].set_value(("dev-001.txt", (ARTICLES / "dev-001.txt").read_bytes(), "text/plain")).run()
    next(b for b in at.button if b.label.startswith("Extract figures from the files")).click().run()
    assert not at.exception and len(at.data_editor) == 1
    shown = at.data_editor[0].value
    assert list(shown["text"]) == ["$7 billion", "$1.3 billion", "$2.5 billion"]  # reviewed before saving
    assert not (app_data / "articles" / "dev-001.txt").exists()
    at.session_state["pending-editor-0"] = {"edited_rows": {0: {"decision": "confirm"}}, "added_rows": [],
                                            "deleted_rows": []}
    at.run()
    next(b for b in at.button if b.label == "Save to the corpus").click().run()
    assert not at.exception and any("with 3 figures and 1 decision" in s.value for s in at.success)
    assert (app_data / "articles" / "dev-001.txt").exists()

    at = page("review")
    at.radio[0].set_value("One article").run()  # the page opens on the queue; this is one article's table
    at.text_input[0].input("Bo").run()
    article = figures(app_data)["$1.3 billion"]["article_id"]
    at.selectbox[0].select(article).run()
    editor = f"review-editor-{article}"
    assert list(at.data_editor[0].value["text"]) == ["$7 billion", "$1.3 billion", "$2.5 billion"]
    at.session_state[editor] = {"edited_rows": {1: {"value": 1.4e9}, 2: {"decision": "reject"}}, "added_rows": [],
                                "deleted_rows": []}
    at.run()
    save = next(b for b in at.button if b.label.startswith("Save"))
    assert save.label == "Save 2 decisions"
    save.click().run()
    assert not at.exception
    text_inputs = {t.label: t for t in at.text_input}
    text_inputs["The figure exactly as written in the article (e.g. $1.1 billion)"].input("six Boeing 737 MAX jets")
    selects = {s.label: s for s in at.selectbox}
    selects["Kind"].select("count")
    selects["Metric"].select("other")
    text_inputs["Value as printed (e.g. 1.1 billion)"].input("6")
    next(b for b in at.button if b.label == "Add this figure").click().run()
    assert not at.exception and not at.error
    rows = figures(app_data)
    assert rows["$7 billion"]["reviewed"] == "confirmed"
    assert rows["$1.3 billion"]["value"] == "1400000000" and "$2.5 billion" not in rows
    assert rows["six Boeing 737 MAX jets"]["reviewed"] == "added"
    etl("extract", str(app_data / "articles"), "--out", str(app_data / "processed"))
    rows = figures(app_data)
    assert rows["$1.3 billion"]["value"] == "1400000000" and rows["six Boeing 737 MAX jets"]["value"] == "6"
    with (app_data / "reviews.csv").open(newline="", encoding="utf-8") as handle:
        log = list(csv.DictReader(handle))
    assert [(d["reviewer"], d["action"], d["field"]) for d in log] == [
        ("Ana", "confirm", ""), ("Bo", "correct", "value"), ("Bo", "reject", ""), ("Bo", "add", "")]
    at = page("figures")
    at.radio[0].set_value("reviewed").run()
    assert set(at.dataframe[0].value["review"]) == {"confirmed", "corrected", "added"}
