"""Numbers as reporters write them: '1,100', '9,3', '2,193.3', '1.234.567', 'eleven'."""

from __future__ import annotations

import re
from functools import cache

from etl.lexicon import load

# Indian grouping first ('12,34,567.89'), then thousands by commas, by dots, and plain decimals
INDIAN = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"
DIGITS = rf"{INDIAN}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:\.\d{{3}}){{2,}}(?:,\d+)?|\d+(?:[.,]\d+)?"


@cache
def number_words() -> dict[str, int]:
    return {word.lower(): value for word, value in load("number_words")["units"].items()}


INDIAN_GROUPS = re.compile(INDIAN)
DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?")
COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def parse_number(text: str) -> float:
    """The value of a written number.

    A comma followed by exactly three digits groups thousands ('1,100' is 1100); otherwise it is a
    decimal comma ('9,3' is 9.3, '25,8' is 25.8). Repeated dots group thousands ('1.234.567'); Indian
    grouping by two ('12,34,567') and spaces between thousands ('10 000') are read too.
    """
    text = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    words = number_words()
    if text.lower() in words:
        return float(words[text.lower()])
    if INDIAN_GROUPS.fullmatch(text):  # '12,34,567.89': lakhs and crores grouped by two
        return float(text.replace(",", ""))
    if DOTTED_THOUSANDS.fullmatch(text):
        return float(text.replace(".", "").replace(",", "."))
    if COMMA_THOUSANDS.fullmatch(text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


SPELLED_PART = re.compile(r"[a-z]+")


def spelled_number(text: str) -> float | None:
    """'twenty', 'twenty-five', 'one hundred', 'one hundred and five' as a number; None otherwise."""
    words = number_words()
    total, current = 0, 0
    parts = [p for p in SPELLED_PART.findall(text.lower()) if p != "and"]
    if not parts:
        return None
    for part in parts:
        if part not in words:
            return None
        value = words[part]
        if value == 100:
            current = (current or 1) * 100
        else:
            current += value
    total += current
    return float(total)

