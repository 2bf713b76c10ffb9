"""The one formatter every surface uses: money, percents, multiples and counts in words, with qualifiers."""

from __future__ import annotations

import math

import pytest

from dashboard import display


@pytest.mark.parametrize(("row", "shown"), [
    ({"kind": "money", "value": 1.1e9, "currency": "USD"}, "US$1.1 billion"),
    ({"kind": "money", "value": 3.7e9, "currency": "USD", "qualifier": "more_than"}, "more than US$3.7 billion"),
    ({"kind": "money", "value": 355.7e9, "currency": "KZT"}, "KZT 355.7 billion"),
    ({"kind": "money", "value": 310e6, "currency": "USD", "qualifier": "about"}, "about US$310 million"),
    ({"kind": "money", "value": 3939962476.55, "currency": "USD"}, "US$3.94 billion"),
    ({"kind": "money", "value": 45_000, "currency": "EUR"}, "EUR 45,000"),
    ({"kind": "money", "value": 2.1e12, "currency": "INR", "qualifier": "up_to"}, "up to INR 2.1 trillion"),
    ({"kind": "percent", "value": 31.7, "metric": "growth_rate"}, "+31.7%"),
    ({"kind": "percent", "value": -9.7, "metric": "growth_rate"}, "\u22129.7%"),
    ({"kind": "percent", "value": 50.0, "metric": "share"}, "50%"),
    ({"kind": "multiple", "value": 1.5}, "1.5 times"),
    ({"kind": "count", "value": 500.0, "unit": "companies"}, "500 companies"),
    ({"kind": "count", "value": 12.0, "unit": "projects", "qualifier": "more_than"}, "more than 12 projects"),
])
def test_a_figure_reads_as_written_by_a_careful_editor(row: dict, shown: str) -> None:
    assert display.figure_text(row) == shown


def test_a_correction_says_what_the_article_printed() -> None:
    row = {"kind": "money", "value": 48.5e9, "currency": "USD", "text": "$48.4 billion", "extracted_value": 48.4e9}
    assert display.with_correction(row) == "US$48.5 billion (corrected from $48.4 billion)"
    for untouched in ("", None, math.nan):  # an empty cell read from a table is NaN
        assert display.with_correction({**row, "extracted_value": untouched}) == "US$48.5 billion"


def test_short_labels_and_names() -> None:
    assert display.short_label(3.7, "more_than") == "> 3.7"
    assert display.short_label(31.7, suffix="%", signed=True) == "+31.7%"
    assert display.qualifier_name("more_than") == "more than" and display.metric_name("deal_value") == "deal value"
    assert [display.plural(n, "fact") for n in (0, 1, 3)] == ["0 facts", "1 fact", "3 facts"]
