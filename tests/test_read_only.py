"""A dashboard nobody can change (issue 13): with FLOWCITE_READ_ONLY=1, Add and Review are not in the
navigation, `etl add`, `etl decide` and `etl extract` refuse with one line, and every data file is
byte-identical afterwards."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl import DataFolder, Decision, ReadOnlyError, record_decisions
from tests.conftest import ARTICLES, ROOT
from tests.review_helpers import make_data_folder, snapshot


def _etl(*args: str, read_only: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "FLOWCITE_READ_ONLY"}
    if read_only:
        env["FLOWCITE_READ_ONLY"] = "1"
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)


def _links(at: AppTest) -> list[str]:
    """The sidebar's navigation."""
    return [link.proto.label for link in at.sidebar if type(link).__name__ == "PageLink"]


def test_the_navigation_has_no_add_or_review(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLOWCITE_READ_ONLY", "1")
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120).run()
    assert not at.exception
    assert _links(at) == ["Overview", "Figures", "Sources", "Checks", "Briefing"]
    monkeypatch.delenv("FLOWCITE_READ_ONLY")
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120).run()
    assert _links(at)[-2:] == ["Add articles", "Review"]


def test_every_write_from_the_command_line_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    root = make_data_folder(tmp_path / "data", "seed-001.txt")
    with (root / "processed" / "figures.csv").open(newline="", encoding="utf-8") as handle:
        figure = next(csv.DictReader(handle))["figure_id"]
    before = snapshot(root)
    attempts = {
        "adding articles": ("add", str(ARTICLES / "dev-001.txt"), "--data", str(root)),
        "recording decisions": ("decide", "--figure", figure, "--action", "confirm", "--reviewer", "Ana",
                                "--data", str(root)),
        "writing the tables": ("extract", str(root / "articles"), "--out", str(root / "processed")),
    }
    for refused, args in attempts.items():
        done = _etl(*args)
        assert done.returncode == 2, (refused, done.stdout, done.stderr)
        assert done.stderr.count("\n") == 1 and f"read-only (FLOWCITE_READ_ONLY=1): {refused} refused" in done.stderr
        assert snapshot(root) == before, refused
    assert _etl(*attempts["recording decisions"], read_only=False).returncode == 0  # the same command, writable


def test_the_store_refuses_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_data_folder(tmp_path / "data", "seed-001.txt")
    before = snapshot(root)
    monkeypatch.setenv("FLOWCITE_READ_ONLY", "1")
    with pytest.raises(ReadOnlyError, match="recording decisions refused"):
        record_decisions(DataFolder(root), [Decision("x", "y", "confirm", reviewer="Ana")])
    assert snapshot(root) == before
