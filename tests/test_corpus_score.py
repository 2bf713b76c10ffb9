"""The bundled corpus scored against the analysts' gold (a project-local copy in tests/gold)."""

from __future__ import annotations

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
    assert dev2["recall"] >= 0.983 and dev2["precision"] >= 0.978
    assert dev2["title_accuracy"] == dev2["date_accuracy"] == 1.0
    assert dev2["complete"] >= 0.796 and dev2["fields"]["value"] >= 0.999
    floors = {"metric": 0.942, "basis": 0.979, "period": 0.923, "source": 0.919, "target": 0.965}
    assert all(dev2["fields"][field] >= floor for field, floor in floors.items()), dev2["fields"]

