"""Conflicts only between like figures: counts of the same thing, and values no article tells apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.mentions import unit_of_count
from etl.pipeline import run_pipeline

STORY = "---\ntitle: T\npublished: {date}\npublisher: {outlet}\n---\n{body}\n"


def _facts(tmp_path: Path, stories: list[tuple[str, str, str]]) -> list[dict[str, object]]:
    for outlet, date, body in stories:
        (tmp_path / f"{outlet}.md").write_text(STORY.format(outlet=outlet, date=date, body=body), encoding="utf-8")
    return run_pipeline([tmp_path], workers=1).facts


@pytest.mark.parametrize(("text", "unit"), [
    ("12 projects", "projects"),
    ("51 joint investment projects", "joint investment projects"),
    ("five Kazakh sectors", "sectors"),
    ("55 Kazakh-Chinese projects", "projects"),
    ("12 new projects", "projects"),
    ("500 American companies", "companies"),
    ("19 thousand legal entities", "legal entities"),
    ("$5 billion", ""),
])
def test_a_count_knows_what_it_counts(text: str, unit: str) -> None:
    assert unit_of_count(text) == unit


def test_counts_of_different_things_never_conflict(tmp_path: Path) -> None:
    facts = _facts(tmp_path, [
        ("A", "2019-01-10", "In 2018 Chinese investors took part in 12 projects in Kazakhstan."),
        ("B", "2019-02-10", "In 2018 Chinese investors worked in five Kazakh sectors."),
        ("C", "2019-03-10", "In 2018 Chinese investors took part in 51 joint investment projects in Kazakhstan."),
    ])
    counts = [f for f in facts if f["kind"] == "count"]
    assert sorted(str(f["unit"]) for f in counts) == ["joint investment projects", "projects", "sectors"]
    assert not any(f["conflict"] for f in counts)


def test_counts_of_the_same_thing_still_conflict(tmp_path: Path) -> None:
    facts = _facts(tmp_path, [
        ("A", "2019-01-10", "In 2018 Chinese investors took part in 12 projects in Kazakhstan."),
        ("B", "2019-02-10", "In 2018 Chinese investors took part in 40 new projects in Kazakhstan."),
    ])
    assert [(f["value"], f["conflict"]) for f in facts if f["kind"] == "count"] == [("12", True), ("40", True)]


def test_a_package_and_its_parts_are_not_rivals(tmp_path: Path) -> None:
    facts = _facts(tmp_path, [
        ("A", "2018-01-20", "Kazakhstan and U.S. companies signed deals worth $7 billion in January 2018. "
                            "Of these, agreements worth $1.3 billion cover aircraft, and a $2.5 billion package "
                            "signed in January 2018 also included locomotives."),
        ("B", "2018-02-01", "U.S. and Kazakh companies signed $7 billion worth of deals in January 2018."),
    ])
    deals = [f for f in facts if f["metric"] == "deal_value"]
    assert sorted(float(str(f["value"])) for f in deals) == [1.3e9, 2.5e9, 7e9]
    assert not any(f["conflict"] for f in deals)
    assert [f["citations"] for f in deals if float(str(f["value"])) == 7e9] == [2]


def test_other_outlets_different_value_is_a_conflict(tmp_path: Path) -> None:
    facts = _facts(tmp_path, [
        ("A", "2018-01-20", "U.S. and Kazakh companies signed deals worth $7 billion in January 2018."),
        ("B", "2018-02-01", "U.S. and Kazakh companies signed deals worth $9 billion in January 2018."),
    ])
    assert [f["conflict"] for f in facts if f["metric"] == "deal_value"] == [True, True]


def test_rivals_share_one_conflict_set_and_other_periods_have_none(tmp_path: Path) -> None:
    facts = _facts(tmp_path, [
        ("A", "2018-01-20", "U.S. and Kazakh companies signed deals worth $7 billion in January 2018."),
        ("B", "2018-02-01", "U.S. and Kazakh companies signed deals worth $9 billion in January 2018."),
        ("C", "2018-03-05", "U.S. and Kazakh companies signed deals worth $4 billion in March 2018."),
    ])
    deals = {float(str(f["value"])): f for f in facts if f["metric"] == "deal_value"}
    assert deals[7e9]["conflict_set"] == deals[9e9]["conflict_set"] != ""
    assert (deals[4e9]["conflict"], deals[4e9]["conflict_set"]) == (False, "")
