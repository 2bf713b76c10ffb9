"""An article without a publication date never gets one made up: what only its date could resolve
('this year', 'last quarter', the end of 'since 1991') stays empty, and the article is reported."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from etl.extract import extract_figures
from tests.conftest import ROOT, make_article

STORY = ("Foreign investment in Uzbekistan reached $4.8 billion in the first half of this year, up 12 percent. "
         "Since 1991 Japan has invested more than $2 billion in the country. In 2019 the inflow was $6.6 billion. "
         "Last quarter, deals worth $300 million were signed.")


def _periods(published: str) -> dict[str, tuple[str, str, str]]:
    return {f.text: (f.period_start, f.period_end, f.basis) for f in extract_figures(make_article(STORY, published))}


def test_relative_periods_stay_empty_without_a_date() -> None:
    undated = _periods("")
    assert undated["$4.8 billion"][:2] == ("", "")  # 'the first half of this year'
    assert undated["12 percent"][:2] == ("", "")
    assert undated["$300 million"][:2] == ("", "")  # 'last quarter'
    assert undated["$2 billion"][:2] == ("1991-01-01", "")  # since 1991: the start is known, the end is not
    assert undated["$6.6 billion"][:2] == ("2019-01-01", "2019-12-31")  # a named year needs no date
    assert all(basis == "actual" for *_, basis in undated.values())  # a named year is never read as future


def test_the_same_story_dated_resolves_them() -> None:
    dated = _periods("2020-07-22")
    assert dated["$4.8 billion"][:2] == ("2020-01-01", "2020-06-30")
    assert dated["$2 billion"][:2] == ("1991-01-01", "2020-07-22")


def test_the_command_line_reports_the_undated_article(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "no-date.txt").write_text("Uzbekistan draws foreign money\n\n" + STORY + "\n", encoding="utf-8")
    (articles / "dated.md").write_text("---\ntitle: T\npublished: 2020-07-22\n---\n" + STORY + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "etl", "extract", str(articles), "--out", str(tmp_path / "out")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if "no publication date" in line] == [
        "no-date.txt: no publication date found; periods that depend on it ('this year', 'last quarter') are "
        "left empty"]
    with (tmp_path / "out" / "articles.csv").open(encoding="utf-8", newline="") as handle:
        undated = {row["source_file"]: row["undated"] for row in csv.DictReader(handle)}
    assert undated == {"no-date.txt": "True", "dated.md": "False"}
