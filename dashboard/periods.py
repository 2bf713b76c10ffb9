"""Readable period labels: 'H1 2019', 'Q1 2021', 'Jan–Sep 2017', '2018', '2015–2018', 'since 1991'."""

from __future__ import annotations

import calendar
from datetime import date


def _parse(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def period_label(start: str, end: str) -> str:
    first, last = _parse(start), _parse(end)
    if first is None and last is None:
        return "no period"
    if first is None:
        assert last is not None
        return f"to {last.isoformat()}"
    if last is None:
        return f"from {first.isoformat()}"
    whole_months = first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]
    if not whole_months:
        if first.month == 1 and first.day == 1 and last.year - first.year >= 2:
            return f"since {first.year}"
        return f"{first.isoformat()} – {last.isoformat()}"
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if first.year == last.year:
        if months == 12:
            return str(first.year)
        if months == 6 and first.month in (1, 7):
            return f"H{1 if first.month == 1 else 2} {first.year}"
        if months == 3 and first.month in (1, 4, 7, 10):
            return f"Q{(first.month - 1) // 3 + 1} {first.year}"
        if months == 1:
            return f"{calendar.month_abbr[first.month]} {first.year}"
        return f"{calendar.month_abbr[first.month]}–{calendar.month_abbr[last.month]} {first.year}"
    if first.month == 1 and last.month == 12:
        return f"{first.year}–{last.year}"
    if months == 12:
        return f"FY {first.year}/{str(last.year)[2:]}"
    if months == 6:
        return f"{calendar.month_abbr[first.month]} {first.year}–{calendar.month_abbr[last.month]} {last.year}"
    return f"{calendar.month_abbr[first.month]} {first.year} – {calendar.month_abbr[last.month]} {last.year}"


def date_bound(text: str, *, end: bool) -> str:
    """A filter's bound as YYYY-MM-DD: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (the first or, for an end,
    the last day of it); '' for no bound. ValueError, saying what was typed, for anything else."""
    value = text.strip()
    if not value:
        return ""
    try:
        if len(value) == 4 and value.isdigit():
            return f"{value}-12-31" if end else f"{value}-01-01"
        if len(value) == 7 and value[4] == "-":
            year, month = int(value[:4]), int(value[5:])
            day = calendar.monthrange(year, month)[1] if end else 1
            return date(year, month, day).isoformat()
        return date.fromisoformat(value).isoformat() if len(value) == 10 else _invalid(value)
    except ValueError:
        return _invalid(value)


def _invalid(value: str) -> str:
    raise ValueError(f"'{value}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
