"""One golden case per surface form and rule, kept as data in golden/cases.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.extract import extract_figures
from tests.conftest import make_article

CASES = json.loads((Path(__file__).parent / "golden" / "cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden_case(case: dict) -> None:
    article = make_article(case["text"], case["published"], case.get("title", ""))
    figures = extract_figures(article)
    by_text = {f.text: f for f in figures}
    by_id = {f.figure_id: f for f in figures}
    for expected in case["expected"]:
        assert expected["text"] in by_text, f"{expected['text']!r} not found among {list(by_text)}"
        figure = by_text[expected["text"]]
        assert case["text"][figure.char_start:figure.char_end] == figure.text
        for field, want in expected.items():
            got = getattr(figure, field)
            if field == "entities":
                got = ";".join(got)
            elif field == "equivalent_of":
                got = by_id[got].text if got else ""
            if isinstance(want, float | int) and not isinstance(want, bool):
                assert got == pytest.approx(want, rel=1e-6), f"{expected['text']}: {field} {got!r} != {want!r}"
            else:
                assert got == want, f"{expected['text']}: {field} {got!r} != {want!r}"
    for text in case.get("absent", []):
        assert text not in by_text, f"{text!r} should not be a figure"
    if not case["expected"]:
        counted = [f.text for f in figures if f.kind != "count" or f.metric != "other"]
        assert counted == [], f"unexpected figures {counted}"
