"""The Review page as an analyst uses it: values typed as printed, a saved message that stays until the
next change, a note that does not carry over, and "Correct this figure" opening on that figure."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.review_helpers import figures, make_data_folder

APP = str(ROOT / "dashboard" / "app.py")


def _open(root: Path, monkeypatch: pytest.MonkeyPatch, **query: str) -> AppTest:
    monkeypatch.setenv("FLOWCITE_DATA", str(root / "processed"))
    at = AppTest.from_file(APP, default_timeout=120)
    for name, value in query.items():
        at.query_params[name] = value
    at.switch_page("views/review.py")
    at.run()
    at.text_input[0].input("Ana").run()
    return at


def _correct(at: AppTest, field: str, value: str, note: str = "") -> None:
    if note:
        next(t for t in at.text_input if t.label == "Note (why)").input(note)
    next(s for s in at.selectbox if s.label == "Field").select(field)
    next(t for t in at.text_input if t.label.startswith("New value")).input(value)
    next(b for b in at.button if b.label == "Save this correction").click().run()


@pytest.mark.parametrize(("typed", "stored"), [("1.4 billion", "1400000000"), ("$1.45bn", "1450000000"),
                                               ("US$ 1,400 million", "1400000000"), ("1400000000", "1400000000")])
def test_a_value_may_be_typed_as_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str,
                                         stored: str) -> None:
    root = make_data_folder(tmp_path / "data", "dev-001.txt")
    figure = figures(root)["$1.3 billion"]
    at = _open(root, monkeypatch, article=figure["article_id"], figure=figure["figure_id"])
    _correct(at, "value", typed)
    assert not at.exception and not at.error
    assert figures(root)["$1.3 billion"]["value"] == stored
    assert figures(root)["$1.3 billion"]["extracted_value"] == "1300000000"
    with (root / "reviews.csv").open(encoding="utf-8", newline="") as handle:
        [logged] = list(csv.DictReader(handle))
    assert (logged["old_value"], logged["new_value"]) == ("1300000000", stored)  # base units in the log


def test_the_saved_message_stays_and_the_note_clears(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_data_folder(tmp_path / "data", "dev-001.txt")
    figure = figures(root)["$1.3 billion"]
    at = _open(root, monkeypatch, article=figure["article_id"], figure=figure["figure_id"])
    _correct(at, "value", "1.4 billion", note="the press release says 1.4")
    assert [s.value for s in at.success] == ["Saved the correction of $1.3 billion."]
    assert next(t for t in at.text_input if t.label == "Note (why)").value == ""
    at.run()  # any rerun (a widget elsewhere, a reload of the data) keeps it
    assert [s.value for s in at.success] == ["Saved the correction of $1.3 billion."]


def test_correct_this_figure_opens_on_that_figure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_data_folder(tmp_path / "data", "dev-001.txt")
    figure = figures(root)["$2.5 billion"]
    at = _open(root, monkeypatch, article=figure["article_id"], figure=figure["figure_id"])
    assert not at.exception
    assert at.data_editor[0].value.iloc[0]["figure_id"] == figure["figure_id"]  # its row first
    assert next(s for s in at.selectbox if s.label == "Figure").value == figure["figure_id"]
    assert next(e for e in at.expander if "Correct one figure" in e.label).proto.expanded
    assert any("Correcting US$2.5 billion" in str(i.value).replace("\\", "") for i in at.info)


def test_an_upload_takes_its_outlet_and_a_second_extract_shows_one_preview(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_data_folder(tmp_path / "data", "dev-001.txt")
    monkeypatch.setenv("FLOWCITE_DATA", str(root / "processed"))
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("views/add.py")
    at.run()
    at.text_input[0].input("Ana").run()
    story = b"South Korean firms signed deals worth $450 million with Uzbekistan in April 2019.\n"
    at.file_uploader[0].set_value(("korea-uzbek.txt", story, "text/plain")).run()
    next(t for t in at.text_input if t.label.startswith("Outlet of these files")).input("Daily Test").run()
    next(t for t in at.text_input if t.label == "Author (optional)").input("A. Writer").run()
    extract = next(b for b in at.button if b.label.startswith("Extract figures from the files"))
    extract.click().run()
    next(b for b in at.button if b.label.startswith("Extract figures from the files")).click().run()
    assert not at.exception and len(at.data_editor) == 1  # one preview, however often Extract is clicked
    assert "Daily Test" in " ".join(str(c.value) for c in at.caption)
    next(b for b in at.button if b.label == "Save to the corpus").click().run()
    assert not at.exception and not at.error

    with (root / "processed" / "articles.csv").open(encoding="utf-8", newline="") as handle:
        saved = {row["source_file"]: row for row in csv.DictReader(handle)}
    assert (saved["korea-uzbek.md"]["publisher"], saved["korea-uzbek.md"]["author"]) == ("Daily Test", "A. Writer")
