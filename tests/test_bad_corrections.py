"""A correction the data package does not allow is refused with one line and nothing written — from
the command line and from every form of the Review page — and a bad row already in the log (edited by
hand, or left by an older version) is reported with its line number and skipped by every reader."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.extract import extract_figures
from etl.reviews import Decision, added_figure
from tests.conftest import ROOT, make_article
from tests.review_helpers import etl, figures, make_data_folder, snapshot

APP = str(ROOT / "dashboard" / "app.py")
BAD = [("period_start", "next tuesday", "is not a date written YYYY-MM-DD"),
       ("period_end", "2019-13-45", "is not a real date"),
       ("metric", "bogus", "is not one of investment_inflow"),
       ("source_country", "EU", "is not an ISO 3166-1 alpha-3 country code"),
       ("target_country", "China", "did you mean CHN?"),
       ("currency", "ABC", "is not an ISO 4217 currency code"),
       ("value", "nan", "is not a finite number"),
       ("value", "about 5", "is not a number")]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_data_folder(tmp_path_factory.mktemp("seeded") / "data", "dev-001.txt")


def _everything(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("field", "value", "reason"), BAD)
def test_cli_refuses_a_bad_correction_and_writes_nothing(seeded: Path, field: str, value: str, reason: str) -> None:
    figure = figures(seeded)["$7 billion"]["figure_id"]
    before = _everything(seeded)
    done = etl("decide", "--figure", figure, "--action", "correct", "--field", field, "--value", value,
               "--reviewer", "Ana", "--data", str(seeded), ok=False)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and reason in lines[0] and "nothing written" in lines[0], done.stderr
    assert _everything(seeded) == before  # not even a lock file


def test_cli_normalizes_what_it_can_read(tmp_path: Path) -> None:
    root = make_data_folder(tmp_path / "data", "dev-001.txt")
    figure = figures(root)["$7 billion"]["figure_id"]
    for field, value in (("source_country", "usa"), ("qualifier", "More than"), ("value", "7,100,000,000")):
        etl("decide", "--figure", figure, "--action", "correct", "--field", field, "--value", value,
            "--reviewer", "Ana", "--data", str(root))
    row = figures(root)["$7 billion"]
    assert (row["source_country"], row["qualifier"], row["value"]) == ("USA", "more_than", "7100000000")


def _append_raw_row(root: Path, **fields: str) -> None:
    """A row as a hand edit (or an older flowcite) would leave it, bypassing every check."""
    columns = ["review_id", "figure_id", "article_id", "action", "field", "old_value", "new_value", "reviewer",
               "timestamp", "note"]
    log = root / "reviews.csv"
    new = not log.exists()
    with log.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns)
        if new:
            writer.writeheader()
        writer.writerow({c: fields.get(c, "") for c in columns})


def test_a_bad_row_in_the_log_is_reported_and_skipped_by_every_reader(tmp_path: Path) -> None:
    root = make_data_folder(tmp_path / "data", "dev-001.txt")
    rows = figures(root)
    seven, other = rows["$7 billion"], rows["$1.3 billion"]
    etl("decide", "--figure", seven["figure_id"], "--action", "confirm", "--reviewer", "Ana", "--data", str(root))
    _append_raw_row(root, review_id="f" * 16, figure_id=seven["figure_id"], article_id=seven["article_id"],
                    action="correct", field="period_start", new_value="next tuesday", reviewer="Hand",
                    timestamp="2024-01-01T00:00:00+00:00")
    said = "reviews.csv line 3: skipped, period_start 'next tuesday' is not a date written YYYY-MM-DD"

    extract = etl("extract", str(root / "articles"), "--out", str(root / "processed"))
    assert said in extract.stderr and "Traceback" not in extract.stderr
    assert figures(root)["$7 billion"]["reviewed"] == "confirmed"  # the good decision still holds

    decide = etl("decide", "--figure", other["figure_id"], "--action", "reject", "--reviewer", "Bo",
                 "--data", str(root))
    assert said in decide.stderr and "$1.3 billion" not in figures(root)

    before = snapshot(root)
    review = etl("review", "--data", str(root), ok=False)
    assert review.returncode == 1 and said in review.stderr
    assert "2 decisions, 2 apply, 0 no longer apply, 1 rows skipped" in review.stdout
    assert snapshot(root) == before and not (root / "processed" / ".flowcite-cache.sqlite-wal").exists()


def test_review_is_read_only(tmp_path: Path) -> None:
    root = make_data_folder(tmp_path / "data", "dev-001.txt")
    for leftover in root.rglob(".flowcite*"):
        leftover.unlink()
    etl("review", "--data", str(root))
    assert not list(root.rglob(".flowcite*"))


def test_a_hand_added_figure_gets_the_sentence_extraction_gives() -> None:
    text = ("The U.S. Embassy said on Monday that U.S. companies invested $5 billion in Kazakhstan in 2019. "
            "Mr. Smith, of Boeing Co., said a further $2.1 bln. was planned.\n\n"
            "The U.S. invested $5 billion. The U.S. invested $5 billion.")
    article = make_article(text)
    extracted = {(f.char_start, f.char_end): f for f in extract_figures(article)}
    assert len(extracted) >= 4
    occurrences: dict[str, int] = {}
    for (start, _end), figure in sorted(extracted.items()):
        occurrences[figure.text] = occurrences.get(figure.text, 0) + 1
        spec = {"text": figure.text, "occurrence": occurrences[figure.text], "kind": figure.kind, "value": 1}
        added = added_figure(Decision("a" * 16, article.article_id, "add", new_value=json.dumps(spec),
                                      reviewer="Ana"), article)
        assert added is not None and added.char_start == start
        assert (added.quote, added.sentence_start) == (figure.quote, figure.sentence_start), figure.text


def _shown(elements: object) -> list[str]:
    """What the page says in its messages, as read (markdown escapes removed)."""
    return [str(e.value).replace("\\", "") for e in elements]  # type: ignore[attr-defined]


def _review_page(root: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("FLOWCITE_DATA", str(root / "processed"))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["mode"] = "article"  # one article's editor and forms, not the queue
    at.switch_page("views/review.py")
    at.run()
    at.text_input[0].input("Ana").run()
    return at


@pytest.mark.parametrize(("field", "value", "reason"), [BAD[0], BAD[2], BAD[3], BAD[4]])
def test_review_form_refuses_a_bad_correction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str,
                                              value: str, reason: str) -> None:
    root = make_data_folder(tmp_path / "data", "dev-001.txt")
    at = _review_page(root, monkeypatch)
    before = snapshot(root)
    next(s for s in at.selectbox if s.label == "Field").select(field)
    next(t for t in at.text_input if t.label.startswith("New value")).input(value)
    next(b for b in at.button if b.label == "Save this correction").click().run()
    assert not at.exception
    assert any(reason in shown for shown in _shown(at.error)), _shown(at.error)
    assert snapshot(root) == before and not (root / "reviews.csv").exists()


def test_review_table_refuses_a_bad_country(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_data_folder(tmp_path / "data", "dev-001.txt")
    at = _review_page(root, monkeypatch)
    article = figures(root)["$7 billion"]["article_id"]
    at.session_state[f"review-editor-{article}"] = {"edited_rows": {0: {"source_country": "EU"}},
                                                    "added_rows": [], "deleted_rows": []}
    at.run()
    before = snapshot(root)
    next(b for b in at.button if b.label.startswith("Save 1 decision")).click().run()
    assert not at.exception and any("'EU' is not an ISO 3166-1 alpha-3" in e for e in _shown(at.error))
    assert snapshot(root) == before


def test_add_form_refuses_a_bad_country(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_data_folder(tmp_path / "data", "dev-001.txt")
    at = _review_page(root, monkeypatch)
    before = snapshot(root)
    inputs = {t.label: t for t in at.text_input}
    inputs["The figure exactly as written in the article (e.g. $1.1 billion)"].input("$7 billion")
    inputs["Investing country (alpha-3)"].input("China")
    next(b for b in at.button if b.label == "Add this figure").click().run()
    assert not at.exception and any("did you mean CHN?" in e for e in _shown(at.error)), _shown(at.error)
    assert snapshot(root) == before


def test_review_page_reports_a_bad_row_in_the_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_data_folder(tmp_path / "data", "dev-001.txt")
    seven = figures(root)["$7 billion"]
    _append_raw_row(root, review_id="e" * 16, figure_id=seven["figure_id"], article_id=seven["article_id"],
                    action="correct", field="metric", new_value="bogus", reviewer="Hand",
                    timestamp="2024-01-01T00:00:00+00:00")
    at = _review_page(root, monkeypatch)
    assert not at.exception
    assert any("reviews.csv line 2: skipped, metric 'bogus'" in w for w in _shown(at.warning)), _shown(at.warning)
    next(b for b in at.button if b.label == "Check the review log").click().run()
    assert not at.exception and any("1 rows skipped" in i for i in _shown(at.info))
