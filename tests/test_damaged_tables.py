"""Every page with every kind of damage to a processed table: a message naming the file, the problem
and the command that fixes it, never a traceback (AppTest on the real app)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_dashboard import open_page

PROCESSED = ROOT / "data" / "processed"
PAGES = ["overview", "figures", "sources", "checks", "briefing", "review", "add"]


def _drop_column(column: str) -> Callable[[str], str]:
    def damage(text: str) -> str:
        rows = list(csv.reader(io.StringIO(text)))
        at = rows[0].index(column)
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([r[:at] + r[at + 1:] for r in rows])
        return out.getvalue()
    return damage


def _cell(column: str, value: str, row: int = 1) -> Callable[[str], str]:
    def damage(text: str) -> str:
        rows = list(csv.reader(io.StringIO(text)))
        rows[row][rows[0].index(column)] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue()
    return damage


def _truncate(text: str) -> str:
    """Cut off in the middle of its last row, as a copy interrupted or a disk filled up leaves it."""
    body = text.rstrip("\n")
    last = body.rfind("\n")
    return body[:last + 1 + (len(body) - last) // 3]


def _extra_field(text: str) -> str:
    lines = text.splitlines(keepends=True)
    lines[2] = lines[2].rstrip("\n") + ",surplus\n"
    return "".join(lines)


DAMAGE: dict[str, tuple[str, Callable[[str], str], str]] = {
    "facts without value": ("facts", _drop_column("value"), "lacks the columns value"),
    "figures without period_end": ("figures", _drop_column("period_end"), "lacks the columns period_end"),
    "derived without unit": ("derived", _drop_column("unit"), "lacks the columns unit"),
    "articles without title": ("articles", _drop_column("title"), "lacks the columns title"),
    "figures cut off mid-row": ("figures", _truncate, "cut off"),
    "facts cut off mid-row": ("facts", _truncate, "cut off"),
    "a row with an extra field": ("figures", _extra_field, "malformed"),
    "a value that is no number": ("figures", _cell("value", "lots"), "is not a number"),
    "a period that is no date": ("figures", _cell("period_start", "2019-13-45"), "is not a date"),
    "a publication date that is no date": ("articles", _cell("published", "yesterday"), "is not a date"),
    "a conflict flag that is no boolean": ("facts", _cell("conflict", "maybe"), "is not True or False"),
    "an offset that is no integer": ("figures", _cell("char_start", "1.5"), "is not a whole number"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_every_page_says_what_is_wrong_and_never_raises(damage: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    table, change, said = DAMAGE[damage]
    for path in PROCESSED.glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    target = tmp_path / f"{table}.csv"
    target.write_text(change(target.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setenv("FLOWCITE_DATA", str(tmp_path))
    for page in PAGES:
        at = open_page(page)
        assert not at.exception, (page, [e.value for e in at.exception])
        if page == "add":
            continue  # adding articles needs no processed table
        messages = [str(e.value).replace("\\", "") for e in [*at.error, *at.warning]]  # as shown, not escaped
        named = [m for m in messages if f"{table}.csv" in m]
        assert named and said in named[0] and "make data" in named[0], (page, messages)
