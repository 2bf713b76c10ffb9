"""The written package: valid against its Frictionless schema, stable ids, same output in parallel."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from etl import write as etl_write
from etl.pipeline import run_pipeline, write_outputs
from etl.validate import validate_folder
from tests.conftest import ARTICLES, ROOT


def test_frictionless_validate_passes_on_written_package(tmp_path: Path) -> None:
    write_outputs(run_pipeline([ARTICLES]), tmp_path)
    assert validate_folder(tmp_path) == []
    done = subprocess.run([sys.executable, "-m", "frictionless", "validate", str(tmp_path / "datapackage.json"),
                           "--trusted"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    package = json.loads((tmp_path / "datapackage.json").read_text())
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            assert field["type"] and field["description"], field


def test_validate_reports_a_broken_table(tmp_path: Path) -> None:
    write_outputs(run_pipeline([ARTICLES / "seed-001.txt"]), tmp_path)
    figures = tmp_path / "figures.csv"
    figures.write_text(figures.read_text(encoding="utf-8").replace(",money,", ",cash,", 1), encoding="utf-8")
    problems = validate_folder(tmp_path)
    assert problems and problems[0].startswith("figures.csv (row 2, field kind)")


def test_ids_and_output_are_stable_across_runs_and_worker_counts(tmp_path: Path) -> None:
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    write_outputs(run_pipeline([ARTICLES], workers=1), serial)
    write_outputs(run_pipeline([ARTICLES], workers=2), parallel)
    for name in ("articles.csv", "figures.csv", "derived.csv", "facts.csv", "datapackage.json"):
        assert (serial / name).read_bytes() == (parallel / name).read_bytes(), name


def test_derived_figure_from_growth_rate_is_checked() -> None:
    result = run_pipeline([ARTICLES / "seed-001.txt"])
    [implied] = [row for row in result.derived if row["rule"] == "growth_implied_earlier"]
    assert float(str(implied["value"])) == round(1.1e9 / 1.317, 2)  # H1 2018 ≈ $835m
    assert (implied["period_start"], implied["period_end"]) == ("2018-01-01", "2018-06-30")
    figures = {f.figure_id: f.text for f in result.figures}
    assert [figures[i] for i in str(implied["input_ids"]).split(";")] == ["$1.1 billion", "31.7 percent"]


def test_facts_merge_citations_and_flag_conflicts(tmp_path: Path) -> None:
    story = "---\ntitle: T\npublished: {date}\npublisher: {outlet}\n---\n" \
            "Trade between Kazakhstan and China reached {value} in 2017.\n"
    for outlet, date, value in (("A", "2018-01-05", "$10 billion"), ("B", "2018-02-01", "$10.1 billion"),
                                ("C", "2018-03-01", "$12 billion")):
        (tmp_path / f"{outlet}.md").write_text(story.format(outlet=outlet, date=date, value=value))
    facts = run_pipeline([tmp_path], workers=1).facts
    assert [(f["value"], f["citations"], f["conflict"]) for f in facts] == [
        ("10050000000", 2, True), ("12000000000", 1, True)]
    assert facts[0]["publishers"] == "A;B" and float(str(facts[0]["spread_pct"])) > 15


def test_a_failure_while_writing_leaves_earlier_output_intact(tmp_path: Path, monkeypatch) -> None:
    write_outputs(run_pipeline([ARTICLES / "seed-001.txt"]), tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    calls = {"n": 0}
    real_fsync = etl_write.os.fsync

    def failing_fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(etl_write.os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="No space left"):
        write_outputs(run_pipeline([ARTICLES]), tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temp files, nothing replaced
