"""A small data folder for the review tests: articles/, processed/, reviews.csv in a temp folder."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from tests.conftest import ARTICLES, ROOT


def make_data_folder(root: Path, *names: str) -> Path:
    (root / "articles").mkdir(parents=True)
    for name in names:
        (root / "articles" / name).write_bytes((ARTICLES / name).read_bytes())
    etl("extract", str(root / "articles"), "--out", str(root / "processed"))
    return root


def etl(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    if ok:
        assert done.returncode == 0, done.stderr
    return done


def figures(root: Path, source_file: str = "dev-001.txt") -> dict[str, dict[str, str]]:
    """The processed figures of one article, by their text."""
    with (root / "processed" / "articles.csv").open(newline="", encoding="utf-8") as handle:
        ids = {row["article_id"] for row in csv.DictReader(handle) if row["source_file"] == source_file}
    with (root / "processed" / "figures.csv").open(newline="", encoding="utf-8") as handle:
        return {row["text"]: row for row in csv.DictReader(handle) if row["article_id"] in ids}


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
            and p.name != ".flowcite.lock"}


def processed_rows(root: Path) -> list[dict[str, str]]:
    with (root / "processed" / "figures.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def queue_rows(root: Path) -> list[dict[str, str]]:
    """The unreviewed figures in the review queue's order, read from the table itself."""
    rows = [r for r in processed_rows(root) if not r["reviewed"]]
    return sorted(rows, key=lambda r: (float(r["confidence"]), r["article_id"], int(r["char_start"]), r["figure_id"]))
