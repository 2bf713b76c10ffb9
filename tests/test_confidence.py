"""Confidence and reasons of every figure (issue 12): in the data, calibrated, certain once reviewed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from etl.confidence import FIELDS
from etl.errors import InputError
from etl.extract import extract_figures
from etl.queue import review_queue
from etl.reviews import Decision, apply_reviews
from tests import calibrate
from tests.conftest import make_article

ROOT = Path(__file__).resolve().parent.parent


def test_every_figure_says_how_sure_it_is_and_why() -> None:
    article = make_article("Kazakhstan received $7 billion of investment from the United States in 2018, and "
                           "hopes for more.", "2019-08-23", "US investment in Kazakhstan")
    (figure,) = extract_figures(article)
    scores = [figure.confidence, figure.confidence_value, figure.confidence_metric, figure.confidence_basis,
              figure.confidence_period, figure.confidence_sides]
    assert all(0.0 < score < 1.0 for score in scores)
    assert figure.doubtful_field in FIELDS
    reasons = figure.reasons.split(" | ")
    assert len(reasons) == len(FIELDS)
    assert reasons[0].startswith({"sides": "source", "value": "value", "metric": "metric", "basis": "",
                                  "period": "period"}[figure.doubtful_field])
    assert "source USA: 'United States' in the sentence" in figure.reasons
    assert "period 2018-01-01..2018-12-31: '2018'" in figure.reasons


def test_a_side_named_in_the_sentence_is_surer_than_one_from_the_headline() -> None:
    named = make_article("Investment from China reached $2 billion in Kenya in 2020.", "2021-03-01",
                         "China and Kenya")
    told = make_article("Investment reached $2 billion in 2020.", "2021-03-01", "China invests in Kenya")
    (a,), (b,) = extract_figures(named), extract_figures(told)
    assert (a.source_country, b.source_country) == ("CHN", "CHN")
    assert a.confidence_sides > b.confidence_sides
    assert "source CHN: from the headline" in b.reasons


def test_a_reviewed_figure_is_certain_and_leaves_the_queue() -> None:
    article = make_article("Kenya received $2 billion from China in 2020. Japan lent Kenya $1 billion.", "2021-03-01")
    figures = extract_figures(article)
    queue = review_queue([{k: str(v) for k, v in f.row().items()} for f in figures])
    assert [e.confidence for e in queue] == sorted(e.confidence for e in queue)
    confirmed = Decision(review_id="r1", timestamp="2021-03-02T00:00:00", reviewer="ana", action="confirm",
                         figure_id=queue[0].figure_id, article_id=article.article_id, field="", old_value="",
                         new_value="", note="")
    applied = apply_reviews(figures, [article], [confirmed]).figures
    (done,) = [f for f in applied if f.figure_id == queue[0].figure_id]
    assert done.confidence == done.confidence_sides == 1.0 and done.doubtful_field == ""
    assert done.reasons == "confirmed by an analyst"
    rest = review_queue([{k: str(v) for k, v in f.row().items()} for f in applied])
    assert queue[0].figure_id not in {e.figure_id for e in rest} and len(rest) == len(queue) - 1


def test_a_table_without_confidence_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="figures.csv: no .*confidence.* column; rebuild"):
        review_queue([{"figure_id": "a", "text": "$1"}])
    row = {"figure_id": "a", "article_id": "b", "text": "$1", "confidence": "high", "doubtful_field": "",
           "reasons": "", "reviewed": ""}
    with pytest.raises(InputError, match="figure a has no readable confidence"):
        review_queue([row])


def test_refitting_reproduces_the_shipped_weights() -> None:
    shipped = json.loads((ROOT / "etl" / "lexicons" / "confidence.json").read_text(encoding="utf-8"))["weights"]
    assert calibrate.fit(calibrate.collect()) == shipped


def test_the_queue_command_lists_the_least_confident_first(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "articles").mkdir(parents=True)
    (data / "articles" / "story.txt").write_text(
        "Kenya gets Chinese money\n\nPublished: 2021-03-01\n\nKenya received $2 billion from China in 2020. "
        "Investment reached $5 billion.\n", encoding="utf-8")
    build = subprocess.run([sys.executable, "-m", "etl", "extract", str(data / "articles"), "--out",
                            str(data / "processed"), "--workers", "1"], capture_output=True, text=True, cwd=ROOT)
    assert build.returncode == 0, build.stderr
    shown = subprocess.run([sys.executable, "-m", "etl", "review", "--queue", "--data", str(data), "--limit", "1"],
                           capture_output=True, text=True, cwd=ROOT)
    assert shown.returncode == 0, shown.stderr
    assert "Needs a look: 1 of 2 unreviewed figures" in shown.stdout
    assert "$5 billion" in shown.stdout and "$2 billion" not in shown.stdout
    broken = subprocess.run([sys.executable, "-m", "etl", "review", "--queue", "--data", str(tmp_path / "none")],
                            capture_output=True, text=True, cwd=ROOT)
    assert broken.returncode == 1 and broken.stderr.count("\n") == 1 and "not found" in broken.stderr
