"""Country mentions (names, short names, demonyms) as ISO 3166 alpha-3, and the role each plays.

Names come from pycountry; short names, demonyms, groups and capitals from ``lexicons/countries.json``.
A mention's role is read from the words around it: 'from X' is the investing side, 'investment in X'
the receiving side, 'X has received' receives, 'X invested' gives, 'between X and Y' orders a pair.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

import pycountry

from etl.lexicon import alternation, load
from etl.memo import text_cache


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    code: str  # alpha-3, or "" for a group such as the EU
    text: str
    is_group: bool = False
    is_capital: bool = False
    is_region: bool = False  # a state or province ('Texas', 'West Bengal'): a place in its country, never an investor
    is_company: bool = False  # a company named for its home country ('Samsung'): an investor only when it acts


@cache
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names[value] = country.alpha_3
    lexicon = load("countries")
    names.update(lexicon["regions"])  # a state or province stands for its country ('a plant in Texas')
    names.update(load("companies")["companies"])  # a company for its home country ('Samsung will build')
    names.update(lexicon["aliases"])
    names.update(lexicon["demonyms"])
    return names


@cache
def _pattern() -> re.Pattern[str]:
    lexicon = load("countries")
    words = list(_names()) + lexicon["groups"] + list(lexicon["capitals"])
    words = [w for w in words if w[:1].isupper()]  # every name starts with a capital: test that first
    return re.compile(rf"(?=[A-Z])(?<![\w.]){alternation(words)}(?![\w$]|\.\w)")


def find_countries(text: str, *, capitals: bool = False) -> list[CountryMention]:
    """Country and group mentions in reading order. Capitals only when asked (they are weak evidence)."""
    return list(_find_countries(text, capitals))


def countries_within(text: str, start: int, end: int, *, capitals: bool = False) -> list[CountryMention]:
    """The country and group mentions inside ``text[start:end]`` (found once per text, then bisected);
    capitals too when asked (a headline's 'Riyadh nears deal', 'Tokyo extends loans')."""
    found = _find_countries(text, capitals)
    result = []
    for index in range(bisect_left(_starts(text, capitals), start), len(found)):  # no copy of the rest
        mention = found[index]
        if mention.start >= end:
            break
        if mention.end <= end:
            result.append(mention)
    return result


@text_cache(maxsize=16)
def _starts(text: str, capitals: bool = False) -> list[int]:
    return [mention.start for mention in _find_countries(text, capitals)]


@cache
def _word_sets() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(groups, group prefixes, demonyms, regions, companies) of the lexicons, for look-ups by word."""
    lexicon = load("countries")
    return (frozenset(lexicon["groups"]), frozenset(lexicon["group_prefixes"]), frozenset(lexicon["demonyms"]),
            frozenset(lexicon["regions"]), frozenset(load("companies")["companies"]))


PREVIOUS_WORD = re.compile(r"(\w+)\s*$")


@text_cache(maxsize=256)
def _find_countries(text: str, capitals: bool) -> tuple[CountryMention, ...]:
    groups, prefixes, demonyms, regions, companies = _word_sets()
    capital_codes = load("countries")["capitals"]
    names = _names()
    found = []
    for match in _pattern().finditer(text):
        word = match.group()
        if word in groups or (word in demonyms and _previous_word(text, match.start()) in prefixes):
            found.append(CountryMention(match.start(), match.end(), "", word, is_group=True))
        elif word in capital_codes:
            if capitals:
                found.append(CountryMention(match.start(), match.end(), capital_codes[word], word, is_capital=True))
        else:
            found.append(CountryMention(match.start(), match.end(), names[word], word,
                                        is_region=word in regions, is_company=word in companies))
    return tuple(found)


def _previous_word(text: str, start: int) -> str:
    previous = PREVIOUS_WORD.search(text, max(0, start - 12), start)
    return previous.group(1) if previous else ""


def is_demonym(mention: CountryMention) -> bool:
    return mention.text in load("countries")["demonyms"]


DATELINE = re.compile(r"^(?:\*\*)?[A-Z][A-Za-z .’'-]{1,40}(?:,\s*[A-Z][A-Za-z ]+)?(?:,\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2})?"
                      r"(?:\s*\([A-Za-z]+\))?\s*(?:[.:–—-]|\*\*|$)", re.MULTILINE)


def dateline_end(paragraph: str) -> int:
    """Length of a dateline that opens a paragraph ('MOSCOW, Sept 11 (Reuters) -', 'TOKYO:'), or 0."""
    match = DATELINE.match(paragraph)
    if not match:
        return 0
    head = match.group()
    if head.split(",")[0].split(".")[0].strip(" *:-–—").isupper() or re.search(r"\d|:\s*$|\*\*", head):
        return match.end()
    return 0
