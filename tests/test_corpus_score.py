"""The bundled corpus scored against the analysts' gold (a project-local copy in tests/gold)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.pipeline import run_pipeline, write_outputs
from tests import scoring
from tests.conftest import ARTICLES, GOLD


@pytest.fixture(scope="module")
def processed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("processed")
    result = run_pipeline([ARTICLES])
    assert not result.failures
    write_outputs(result, out)
    return out


def test_seed_article_is_extracted_exactly(processed: Path) -> None:
    result = scoring.score(GOLD / "seed", processed, ARTICLES)
    assert result["details"] == []
    assert result["recall"] == result["precision"] == result["complete"] == 1.0
    assert all(value == 1.0 for value in result["fields"].values())


def test_seed_and_dev_meet_the_targets(processed: Path) -> None:
    totals = {}
    for corpus in ("seed", "dev"):
        totals[corpus] = scoring.score(GOLD / corpus, processed, ARTICLES)
    dev = totals["dev"]
    # the targets, and a regression floor at what the extractor measured when this test was written
    assert dev["recall"] >= 0.97 and dev["recall"] >= 1.0
    assert dev["precision"] >= 0.95 and dev["precision"] >= 1.0
    assert dev["fields"]["value"] >= 0.99
    assert dev["complete"] >= 0.85 and dev["complete"] >= 0.975, dev["details"]
    assert dev["title_accuracy"] == dev["date_accuracy"] == 1.0


def test_dev2_does_not_fall_below_what_was_measured(processed: Path) -> None:
    """dev2 (40 articles the rules were not written on) is far from the targets: a floor at the last
    measure, raised as the families of issue 11 are fixed, so no change makes it worse unnoticed."""
    dev2 = scoring.score(GOLD / "dev2", processed, ARTICLES)
    assert dev2["recall"] >= 0.991 and dev2["precision"] >= 0.983
    assert dev2["title_accuracy"] == dev2["date_accuracy"] == 1.0
    assert dev2["complete"] >= 0.881 and dev2["fields"]["value"] >= 0.999
    floors = {"metric": 0.956, "basis": 0.981, "period": 0.961, "source": 0.956, "target": 0.989}
    assert all(dev2["fields"][field] >= floor for field, floor in floors.items()), dev2["fields"]


def test_all_annotated_articles_meet_the_targets(processed: Path, tmp_path: Path) -> None:
    """Issue 11's targets on seed, dev and dev2 together: recall and precision at least 98%, every
    field of at least 90% of the figures right."""
    for corpus in ("seed", "dev", "dev2"):
        for gold in (GOLD / corpus).glob("*.json"):
            shutil.copy(gold, tmp_path / gold.name)
    together = scoring.score(tmp_path, processed, ARTICLES)
    assert together["gold_figures"] == 764
    assert together["recall"] >= 0.98 and together["precision"] >= 0.98
    assert together["complete"] >= 0.90, together["details"]

