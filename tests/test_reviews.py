"""The review log, as pure functions: decisions applied in order; the log only ever grows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.extract import extract_figures
from etl.reviews import Decision, ReviewLogError, append_decisions, apply_reviews, read_log
from tests.conftest import make_article

TEXT = ("Chinese investment in Kazakhstan reached $2 billion in 2018, up 12 percent. "
        "The two sides signed 14 agreements worth $3.5 billion in 2019.")


@pytest.fixture()
def extracted():  # type: ignore[no-untyped-def]
    article = make_article(TEXT, "2019-06-01")
    return article, {f.text: f for f in extract_figures(article)}


def test_confirm_correct_reject_restore_and_add(extracted) -> None:  # type: ignore[no-untyped-def]
    article, by_text = extracted
    money, rate, deals = by_text["$2 billion"], by_text["12 percent"], by_text["$3.5 billion"]
    decisions = [
        Decision(money.figure_id, article.article_id, "confirm", reviewer="ana"),
        Decision(rate.figure_id, article.article_id, "correct", "value", "12", "12.5", "ana"),
        Decision(rate.figure_id, article.article_id, "correct", "source_country", "CHN", "rus", "ana"),
        Decision(deals.figure_id, article.article_id, "reject", reviewer="bo"),
        Decision("0" * 16, article.article_id, "add", new_value=json.dumps(
            {"text": "14 agreements", "kind": "count", "value": 14, "metric": "count"}), reviewer="bo"),
    ]
    applied = apply_reviews(list(by_text.values()), [article], decisions)
    after = {f.text: f for f in applied.figures}
    assert after["$2 billion"].reviewed == "confirmed"
    assert (after["12 percent"].value, after["12 percent"].source_country, after["12 percent"].reviewed) == \
        (12.5, "RUS", "corrected")
    assert "$3.5 billion" not in after and [f.text for f in applied.rejected] == ["$3.5 billion"]
    added = after["14 agreements"]
    assert (added.reviewed, added.value, added.metric) == ("added", 14, "count")
    assert TEXT[added.char_start:added.char_end] == "14 agreements"
    assert applied.unapplied == []
    restored = apply_reviews(list(by_text.values()), [article],
                             [*decisions, Decision(deals.figure_id, article.article_id, "restore", reviewer="bo")])
    assert "$3.5 billion" in {f.text for f in restored.figures}


def test_later_decisions_win_and_missing_figures_are_reported(extracted) -> None:  # type: ignore[no-untyped-def]
    article, by_text = extracted
    rate = by_text["12 percent"]
    gone = Decision("f" * 16, article.article_id, "correct", "value", "1", "2", "ana")
    missing_text = Decision("0" * 16, article.article_id, "add", new_value=json.dumps({"text": "$9 trillion"}),
                            reviewer="ana")
    applied = apply_reviews(list(by_text.values()), [article], [
        Decision(rate.figure_id, article.article_id, "correct", "value", "12", "13", "ana"), gone,
        Decision(rate.figure_id, article.article_id, "correct", "value", "13", "14", "bo"), missing_text])
    assert {f.text: f.value for f in applied.figures}["12 percent"] == 14
    assert [(d, why.split(" (")[0]) for d, why in applied.unapplied] == [
        (gone, "the figure no longer exists"), (missing_text, "its text is not in the article")]


def test_log_only_grows_and_rejects_bad_rows(tmp_path: Path) -> None:
    log = tmp_path / "reviews.csv"
    first = append_decisions(log, [Decision("a" * 16, "b" * 16, "confirm", reviewer="ana")])
    before = log.read_bytes()
    append_decisions(log, [Decision("a" * 16, "b" * 16, "correct", "value", "1", "2", "bo", note="=cmd, \"q\"")])
    assert log.read_bytes().startswith(before)
    decisions = read_log(log).decisions
    assert [d.action for d in decisions] == ["confirm", "correct"] and decisions[0].review_id == first[0].review_id
    assert decisions[1].note == "=cmd, \"q\""
    with pytest.raises(ReviewLogError, match="needs the reviewer's name"):
        append_decisions(log, [Decision("a" * 16, "b" * 16, "confirm", reviewer=" ")])
    with pytest.raises(ReviewLogError, match="cannot be corrected"):
        append_decisions(log, [Decision("a" * 16, "b" * 16, "correct", "quote", "", "x", "ana")])
    assert log.read_bytes().startswith(before) and len(read_log(log).decisions) == 2
    log.write_text(log.read_text() + "broken,row\n")
    read = read_log(log)  # a damaged row is skipped and said, the others still apply
    assert len(read.decisions) == 2
    assert [str(row) for row in read.skipped] == ["reviews.csv line 4: skipped, wrong number of fields"]


def test_a_corrected_value_keeps_the_extracted_one(extracted) -> None:  # type: ignore[no-untyped-def]
    article, by_text = extracted
    money = by_text["$2 billion"]
    fix = Decision(money.figure_id, article.article_id, "correct", "value", "2000000000", "2100000000", "ana")
    back = Decision(money.figure_id, article.article_id, "correct", "value", "2100000000", "2000000000", "ana")
    corrected = {f.text: f for f in apply_reviews(list(by_text.values()), [article], [fix]).figures}["$2 billion"]
    assert (corrected.value, corrected.extracted_value) == (2.1e9, "2000000000")
    undone = {f.text: f for f in apply_reviews(list(by_text.values()), [article], [fix, back]).figures}["$2 billion"]
    assert (undone.value, undone.extracted_value) == (2e9, "")
    untouched = {f.text: f for f in apply_reviews(list(by_text.values()), [article], []).figures}["$2 billion"]
    assert untouched.extracted_value == ""
