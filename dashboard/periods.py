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
