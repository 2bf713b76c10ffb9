"""Calendar dates as reporters write them: 'August 23, 2019', '23 August 2019', '31.05.2019',
'28-03-2023', '28/03/2023' (a slashed date only when its order is certain)."""

from __future__ import annotations

import calendar
import re
from datetime import date

MONTHS: dict[str, int] = {}
for number in range(1, 13):
    MONTHS[calendar.month_name[number].lower()] = number
    MONTHS[calendar.month_abbr[number].lower()] = number
MONTHS["sept"] = 9

MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
        r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
DAY = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d\d"

DATE_PATTERNS = [
    re.compile(rf"\b(?P<month>{MONTH})\s+(?P<day>{DAY}),?\s+(?P<year>{YEAR})\b"),
    re.compile(rf"\b(?P<day>{DAY})\s+(?P<month>{MONTH}),?\s+(?P<year>{YEAR})\b"),
    re.compile(rf"\b(?P<year>{YEAR})-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b(?P<day>[0-3]\d)\.(?P<mnum>[01]\d)\.(?P<year>{YEAR})\b"),
    re.compile(rf"\b(?P<day>[0-3]\d)-(?P<mnum>[01]\d)-(?P<year>{YEAR})\b"),  # '28-03-2023' (day first)
    # '28/03/2023' or '03/28/2023': only when the order is certain (one part above 12, or both equal)
    re.compile(rf"\b(?P<slash1>[0-3]?\d)/(?P<slash2>[0-3]?\d)/(?P<year>{YEAR})\b"),
]

DIGIT = re.compile(r"\d")
NOT_DIGITS = re.compile(r"\D")


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def find_date(text: str) -> tuple[date, re.Match[str]] | None:
    """The first full calendar date written in ``text``, with its match."""
    best: tuple[date, re.Match[str]] | None = None
    if not DIGIT.search(text):
        return None  # every date has a number
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            if parts.get("slash1"):
                first, second = int(parts["slash1"]), int(parts["slash2"])
                if first <= 12 and second <= 12 and first != second:
                    continue  # 03/04/2023 is March 4 in one country and 3 April in another: not guessed
                day, month = (first, second) if first > 12 else (second, first)
            else:
                month = int(parts["mnum"]) if parts.get("mnum") else month_number(parts["month"])
                day = int(NOT_DIGITS.sub("", parts["day"]))
            try:
                found = date(int(parts["year"]), month, day)
            except ValueError:
                continue
            if best is None or match.start() < best[1].start():
                best = (found, match)
            break
    return best


def parse_date(text: str) -> str:
    """``YYYY-MM-DD`` for the first date in ``text``, or ``""``."""
    found = find_date(text)
    return found[0].isoformat() if found else ""
