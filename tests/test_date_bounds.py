"""The Figures page's period bounds: a year, a month or a day, or a clear refusal."""

from __future__ import annotations

import pytest

from dashboard.periods import date_bound


@pytest.mark.parametrize(("typed", "start", "end"), [
    ("", "", ""), ("2019", "2019-01-01", "2019-12-31"), ("2020-02", "2020-02-01", "2020-02-29"),
    (" 2019-06-15 ", "2019-06-15", "2019-06-15")])
def test_bounds_as_written(typed: str, start: str, end: str) -> None:
    assert (date_bound(typed, end=False), date_bound(typed, end=True)) == (start, end)


@pytest.mark.parametrize("typed", ["2019-13-45", "2019-13", "19", "last year", "2019-02-30", "2019/01/01"])
def test_what_is_no_date_is_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"):
        date_bound(typed, end=False)
