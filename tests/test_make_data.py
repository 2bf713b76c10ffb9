"""`make data` rebuilds the tables whenever an article the ETL reads is added, changed or removed —
any suffix the ETL takes, any subfolder — and only then (checked with `make -n`, as a user would)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HTML = ("<html><head><title>Investment news</title></head><body><article><h1>Investment news</h1>"
        "<p>Published 2021-03-04.</p><p>Japan invested $2 billion in India in 2020, officials said on Thursday, "
        "and the figure was up 12 percent from a year earlier.</p></article></body></html>")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    if shutil.which("make") is None:
        pytest.fail("make is not installed")
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "etl", tmp_path / "etl", ignore=shutil.ignore_patterns("__pycache__"))
    articles = tmp_path / "data" / "articles"
    articles.mkdir(parents=True)
    for name in ("seed-001.txt", "dev-002.md", "dev-003.html"):
        shutil.copy2(ROOT / "data" / "articles" / name, articles / name)
    venv_bin = tmp_path / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    wrapper = venv_bin / "python"  # this test's interpreter stands in for the project's venv
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    wrapper.chmod(0o755)
    (tmp_path / ".venv" / ".installed").touch()
    return tmp_path


def _make(project: Path, *args: str) -> str:
    done = subprocess.run(["make", *args, "data"], cwd=project, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _would_rebuild(project: Path) -> bool:
    return "etl extract" in _make(project, "-n")


def test_make_data_rebuilds_on_every_change_of_the_articles_and_only_then(project: Path) -> None:
    articles = project / "data" / "articles"
    assert _would_rebuild(project)  # no tables yet
    _make(project)
    assert (project / "data" / "processed" / "figures.csv").is_file()
    assert not _would_rebuild(project)

    (articles / "japan-india.htm").write_text(HTML, encoding="utf-8")  # a suffix the old wildcard missed
    assert _would_rebuild(project)
    _make(project)
    assert not _would_rebuild(project)
    assert "japan-india.htm" in (project / "data" / "processed" / "articles.csv").read_text(encoding="utf-8")

    (articles / "more").mkdir()
    shutil.copy2(ROOT / "data" / "articles" / "dev-004.txt", articles / "more" / "dev-004.txt")  # a subfolder
    assert _would_rebuild(project)
    _make(project)
    assert not _would_rebuild(project)

    (articles / "dev-002.md").unlink()  # a deletion
    assert _would_rebuild(project)
    _make(project)
    assert "dev-002.md" not in (project / "data" / "processed" / "articles.csv").read_text(encoding="utf-8")

    seed = articles / "seed-001.txt"  # an edit in place
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA closing line.\n", encoding="utf-8")
    assert _would_rebuild(project)
