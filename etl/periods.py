"""Time expressions in a sentence, resolved against the publication date.

'the first half of 2019' is 2019-01-01..2019-06-30; 'last year' in an article of 2019-08-23 is 2018;
'since 1991' runs from 1991 to the publication date; 'by 2029' ends 2029-12-31. Expressions that
name the earlier side of a comparison ('a year earlier', 'the same period of 2011', 'than in 2018')
are marked so that only the figures inside the comparison take them.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

from etl.dates import MONTH, month_number
from etl.lexicon import load
from etl.memo import text_cache
from etl.numbers import number_words

Y = r"(?:19|20)\d\d"
ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
YEAR_REF = rf"(?P<year>{Y})|(?P<yearword>(?:the|this|last|the\s+current|the\s+previous)\s+year)"
COMPARATOR = re.compile(r"(?:\bthan|\bfrom|\bagainst|\bcompared\s+(?:to|with)|\bversus|\bvs\.?|\bon|\bbelow|\babove)\b"
                        r"(?:\s+[\w’']+){0,4}?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date | None
    cumulative: bool = False
    text: str = ""

    def shifted(self, years: int) -> Period:
        return Period(_shift(self.start, years), _shift(self.end, years), self.cumulative, self.text)

    def in_year(self, year: int) -> Period:
        start = self.start.replace(year=year) if self.start else None
        end = _month_end(year, self.end.month) if self.end else None
        return Period(start, end, self.cumulative, self.text)


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    kind: str  # period | day | cumulative | open | comparison | anaphoric
    period: Period | None
    shift: int = 0  # comparison expressions without their own year: shift the base period
    future: bool = False  # 'by 2029', 'over the next five years': a plan by its wording


def _shift(value: date | None, years: int) -> date | None:
    if value is None:
        return None
    day = min(value.day, calendar.monthrange(value.year + years, value.month)[1])
    return value.replace(year=value.year + years, day=day)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def months(year: int, first: int, count: int) -> Period:
    """``count`` months from month ``first`` of ``year`` (either may run into the next year)."""
    year, first = year + (first - 1) // 12, (first - 1) % 12 + 1
    start = date(year, first, 1)
    last_index = first - 1 + count - 1
    return Period(start, _month_end(year + last_index // 12, last_index % 12 + 1))


LONG_SPAN = 6  # years between the first and last of a span from which it is a running total, not a flow


def whole_years(first: int, last: int) -> Period:
    """Calendar years ``first`` to ``last``; 'over 1995-2018', 'between 2010 and 2019' are long spans:
    what was invested over them is a total (in the annotated corpora every span of 7 or more calendar
    years is one, and no shorter span is)."""
    return Period(date(first, 1, 1), date(last, 12, 31), last - first >= LONG_SPAN)


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else number_words().get(word, 0)


@dataclass(frozen=True)
class Context:
    published: date
    year: int  # the year 'the year' refers to
    country: str  # the receiving country, for independence (and fiscal years, unless ``fiscal`` says)
    fiscal: str = ""  # the country whose fiscal years the story counts in, when not the receiving one

    @property
    def fiscal_country(self) -> str:
        return self.fiscal or self.country


def _fiscal_start(country: str) -> int:
    return int(load("countries")["fiscal_year_start"].get(country, 1))


def fiscal_country(target: str, others: tuple[str, ...]) -> str:
    """The country whose fiscal years a story's 'FY23' or 'fiscal 2024' counts in: the receiving country when
    its fiscal year is not the calendar year, else the first of the story's other countries whose is
    ('India's exports to the UAE rose … in FY23': India's April–March year)."""
    if _fiscal_start(target) != 1:
        return target
    return next((c for c in others if c and _fiscal_start(c) != 1), target)


def _year_of(match: re.Match[str], ctx: Context) -> int:
    groups = match.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    word = (groups.get("yearword") or "").lower()
    if word.startswith("last") or "previous" in word:
        return ctx.published.year - 1
    if word.startswith("this") or "current" in word:
        return ctx.published.year
    return ctx.year


def _fiscal_year(start_year: int, ctx: Context) -> Period:
    return months(start_year, _fiscal_start(ctx.fiscal_country), 12)


def _fiscal_containing(day: date, ctx: Context) -> Period:
    first = _fiscal_start(ctx.fiscal_country)
    start_year = day.year if day.month >= first else day.year - 1
    return _fiscal_year(start_year, ctx)


def _second_year(first: int, text: str) -> int:
    return int(text) if len(text) == 4 else first // 100 * 100 + int(text)


Rule = tuple[str, str]
RULES: list[Rule] = [
    # 'the first half of fiscal year 2024-25', 'the first quarter of FY25', 'Q1 FY2025', 'the second quarter of
    # financial year 2023': a part of a fiscal year, which the receiving country's calendar places
    ("fiscal_part", rf"(?:(?:the\s+)?(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)\s+(?P<unit>quarter|half)"
                    rf"\s+of\s+(?:the\s+)?|\bQ(?P<q>[1-4])\s*(?:of\s+)?|\bH(?P<h>[12])\s*(?:of\s+)?)"
                    rf"(?:(?:fiscal|financial)(?:\s+year)?\s+(?P<y1>{Y})(?:\s*[-/–]\s*(?P<y2>\d{{2,4}}))?"
                    rf"|FY\s?(?P<f1>(?:19|20)?\d\d)(?:\s*[-/–]\s*(?P<f2>\d{{2,4}}))?"
                    rf"|(?P<rel>current|this|last|previous|the)\s+(?:fiscal|financial)(?:\s+year)?(?!\s*(?:19|20)?\d\d))"
                    rf"(?![\d-])"),
    ("fiscal_span", rf"(?:fiscal|financial)(?:\s+year)?\s+(?P<y1>{Y})\s*[-/–]\s*(?P<y2>\d{{2,4}})"),
    ("fy_short", r"\bFY\s?(?P<y1>(?:19|20)?\d\d)(?:\s*[-/–]\s*(?P<y2>\d{2,4}))?\b"),
    ("fiscal_single", rf"(?:fiscal|financial)\s+(?:year\s+)?(?P<y1>{Y})(?![-/–\d])"),
    ("fiscal_ending", r"(?:the\s+)?(?:financial|fiscal)\s+year\s+(?:that\s+|which\s+)?(?:ends|ending|ended)\s+today"),
    ("compare_rel", r"(?:the\s+)?(?:same|corresponding|comparable|like)\s+(?:[a-z]+\s+)?(?:period|months|quarter|half|"
                    r"time)\s+"
                    r"(?:(?:of|in)\s+(?:the\s+)?)?(?:(?:previous|last|prior|preceding)\s+(?:(?:fiscal|financial)(?:\s+year)?|"
                    r"year)|a\s+year\s+(?:earlier|ago|before))"),
    ("fiscal_rel", r"(?P<rel>this|last|the\s+current|the\s+previous|next)\s+(?:financial|fiscal)\s+year"),
    # 'the same period of 2016', 'the same two months of 2022', 'the corresponding nine months of 2019'
    ("compare_year", rf"(?:the\s+)?(?:same|corresponding|comparable)\s+(?:[a-z]+\s+)?(?:period|months|quarter|half)\s+"
                     rf"(?:of|in)\s+(?P<year>{Y})"),
    ("compare_shift", r"(?:a|one)\s+year\s+(?:earlier|ago|before|previously)|the\s+year\s+(?:before|earlier)\b|"
                      r"(?:twelve|12)\s+months\s+"
                      r"(?:earlier|ago|before)|(?:the\s+)?(?:previous|prior|preceding)\s+year|"
                      r"year[-\s]on[-\s]year|year[-\s]over[-\s]year"),
    ("half", rf"(?:the\s+)?(?P<ord>first|second|final|1st|2nd)\s+half(?:\s+(?:of\s+)?(?:{YEAR_REF}))?"
             r"(?!\s+(?:of\s+)?(?:the\s+)?(?:fiscal|financial|decade|century))"),
    # 'H1 2023', '1H2023', '1H23', "H1'23"; with no year only after a preposition ('in H1', 'for the 2H'):
    # a bare 'H1' or 'Q3' is as often a name (a car, a chip, a hall)
    ("half_short", rf"\b(?:H(?P<n>[12])|(?P<m>[12])H)(?:\s*(?P<year>{Y})|['’]?(?P<yy>\d\d)\b)"),
    ("half_bare", r"\b(?:in|for|during|over|through|of)\s+(?:the\s+)?(?:H(?P<n>[12])|(?P<m>[12])H)\b(?![-’'])"),
    ("quarter", rf"(?:the\s+)?(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)\s+quarter"
                rf"(?:\s+(?:of\s+)?(?:{YEAR_REF}))?(?!\s+(?:of\s+)?(?:the\s+)?(?:fiscal|financial))"),
    ("quarter_short", rf"\b(?:Q(?P<n>[1-4])|(?P<m>[1-4])Q)(?:\s*(?P<year>{Y})|['’]?(?P<yy>\d\d)\b)"),
    ("quarter_bare", r"\b(?:in|for|during|over|through|of)\s+(?:the\s+)?(?:Q(?P<n>[1-4])|(?P<m>[1-4])Q)\b(?![-’'])"),
    ("months_short", r"\b(?P<n>[1-9]|1[01])M\s?(?P<year>(?:19|20)?\d\d)\b"),  # '9M23', '9M 2023': Jan–Sep
    ("first_months", rf"(?:the\s+)?first\s+(?P<n>\w+)\s+(?P<unit>months|quarters)(?:\s+(?:of\s+)?(?:{YEAR_REF}))?"),
    # 'the three months to the end of September 2024', 'the 12 months through March', 'the year to June 2023',
    # 'the quarter ended June 30': a span that ends with a named month
    ("months_to", rf"(?:the\s+)?(?:(?P<n>\w+)\s+months|(?P<unit>year|quarter|half[-\s]year|half))\s+(?:to|through|"
                  rf"ending|ended|up\s+to|until)\s+(?:the\s+end\s+of\s+)?(?P<m>{MONTH})(?:\s+\d{{1,2}}(?!\d))?"
                  rf"(?:,?\s+(?P<year>{Y}))?"),
    # 'in late February and early March', 'in January and February 2024': two months in a row, together
    ("months_and", rf"\b(?:in|during)\s+(?:(?:late|early|mid)[\s-]+)?(?P<m1>{MONTH})\s+and\s+"
                   rf"(?:(?:late|early|mid)[\s-]+)?(?P<m2>{MONTH})(?:,?\s+(?:of\s+)?(?:{YEAR_REF}))?\b"),
    ("month_year_span", rf"(?:(?:between|from)\s+)?(?P<m1>{MONTH})\s+(?P<y1>{Y})\s*(?:[-–]|\s(?:and|to|until|till|"
                        rf"through)\s)\s*(?P<m2>{MONTH}),?\s+(?P<y2>{Y})"),
    ("month_range", rf"(?:(?:from\s+)?(?P<m1>{MONTH})\s*(?:[-–]|\s(?:to|through|till|until)\s)|"
                    rf"between\s+(?P<b1>{MONTH})\s+and\s)\s*(?P<m2>{MONTH}),?"
                    rf"(?:\s*(?:of\s+)?(?:{YEAR_REF}))?"),
    ("between_years", rf"(?:between|from)\s+(?P<y1>{Y})\s+(?:and|to|until|till|through)\s+(?P<y2>{Y})"),
    ("years_and", rf"(?:in|during)\s+(?P<a1>{Y})\s+and\s+(?P<a2>{Y})(?!\s*(?:respectively|,\s*respectively))"),
    ("year_span", rf"(?<![\d-])(?P<y1>{Y})\s*[-–/]\s*(?P<y2>(?:19|20)?\d\d)(?![\d-])"),
    ("independence", r"(?:since|over\s+the\s+years\s+of|in\s+the\s+years\s+of|years\s+of)\s+(?:the\s+country\s+"
                     r"(?:gained|won)\s+|its\s+|gaining\s+|winning\s+)?independence|since\s+the\s+(?:collapse|"
                     r"break-?up|fall)\s+of\s+the\s+Soviet\s+Union"),
    ("ytd", r"since\s+the\s+(?:beginning|start)\s+of\s+(?:the|this)\s+year|year[-\s]to[-\s]date|"
            r"so\s+far\s+(?:this|in\s+the)\s+year|this\s+year\s+so\s+far"),
    ("up_to_day", rf"(?:in\s+the\s+(?:period|year|months)\s+(?:up\s+)?to|up\s+to)\s+(?P<m>{MONTH})\s+(?P<d>\d{{1,2}})"
                  rf"(?:,?\s+(?P<year>{Y}))?"),
    ("since", rf"since\s+(?:the\s+(?:beginning|start)\s+of\s+)?(?P<year>{Y})"),
    ("by_year_end", r"by\s+the\s+end\s+of\s+(?:the|this)\s+year"),
    ("by", rf"(?:by|until|till|through)\s+(?:the\s+end\s+of\s+)?(?P<year>{Y})"),
    # 'up from $16 billion in the prior six months', 'than in the preceding quarter': the span just before the
    # one compared (alone: the months before publication)
    ("prior_span", r"(?:(?:over|in|during|for)\s+)?the\s+(?:prior|previous|preceding)\s+(?:(?P<n>\w+)\s+"
                   r"(?P<unit>months|quarters)|(?P<single>quarter|half[-\s]year|half))\b"),
    ("past_years", r"(?:over|in|during|for)\s+the\s+(?:past|last|previous)\s+(?P<n>\w+)\s+(?P<unit>years|months)"),
    ("next_years", r"(?:(?:over|in|during|for)\s+the\s+(?:next|coming)|within)\s+(?P<n>\w+)\s+(?P<unit>years|months)"),
    # 'at the end of 2023', 'by the end of September 2024', 'as of end-June 2024', 'in the period ending
    # September 2024': a stock or running total at that date
    ("as_of_end", rf"(?:(?:as\s+(?:of|at)|at|by)\s+(?:the\s+(?:end|close)\s+of\s+|end-)|(?:in\s+)?the\s+period\s+"
                  rf"(?:ending|ended)\s+)(?:(?P<m>{MONTH})(?:\s+\d{{1,2}}(?!\d))?,?\s+)?(?P<year>{Y})"),
    ("to_date", r"\bto\s+date\b|\bso\s+far\b|as\s+of\s+today"),
    ("as_of", rf"as\s+of\s+(?P<m>{MONTH})\s+(?P<d>\d{{1,2}})(?:,?\s+(?P<year>{Y}))?"),
    ("anaphoric", r"(?:the|that|this)\s+same\s+(?:period|months|time)|(?:those|these|the)\s+(?P<n>\w+)\s+months|"
                  r"the\s+reporting\s+period|over\s+the\s+same\s+period"),
    ("rel_year", r"\b(?P<rel>last|this|next|the\s+current|the\s+coming)\s+year\b"),
    ("day", rf"\btoday\b|\byesterday\b|\bon\s+{WEEKDAY}\b|\b{WEEKDAY}'s\b|\b(?P<week>this|last)\s+week\b|"
            rf"\bthis\s+month\b|\bin\s+the\s+course\s+of\s+the\s+visit\b"),
    ("last_month", r"\blast\s+month\b"),
    ("month_day", rf"\b(?:on\s+)?(?P<m>{MONTH})\s+(?P<d>\d{{1,2}})(?:,?\s+(?P<year>{Y}))?\b"),
    ("month", rf"\b(?:in|this|last|since|during)\s+(?:(?:late|early|mid)[\s-]+)?(?P<m>{MONTH})(?:\s+(?P<year>{Y}))?\b"),
    ("year", rf"(?<![\d.,$-])(?P<year>{Y})(?![\d%-])"),
]
COMPILED = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in RULES]
YEAR_ON_YEAR = re.compile(r"year[-\s](?:on|over)[-\s]year", re.IGNORECASE)
MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# a rule runs only on text holding one of its words (a cheap test that skips most regex scans)
TRIGGERS: dict[str, tuple[str, ...]] = {
    "fiscal_part": ("fiscal", "financial", "fy"), "fiscal_span": ("fiscal", "financial"), "fy_short": ("fy",),
    "fiscal_single": ("fiscal", "financial"), "fiscal_ending": ("fiscal", "financial"),
    "compare_rel": ("same", "corresponding", "comparable", "like"), "fiscal_rel": ("fiscal", "financial"),
    "compare_year": ("same", "corresponding", "comparable"), "compare_shift": ("year", "months"), "half": ("half",),
    "months_short": ("m",), "up_to_day": ("up to", "period to", "year to", "months to"),
    "half_short": ("h1", "h2", "1h", "2h"), "half_bare": ("h1", "h2", "1h", "2h"), "quarter": ("quarter",),
    "quarter_short": ("q",), "quarter_bare": ("q",),
    "first_months": ("first",), "months_to": ("months", "year", "quarter", "half"),
    "month_year_span": MONTH_WORDS, "month_range": MONTH_WORDS, "months_and": MONTH_WORDS,
    "between_years": ("between", "from"), "years_and": ("and 19", "and 20"), "year_span": ("19", "20"),
    "independence": ("independence", "soviet"),
    "ytd": ("since", "year", "so far"), "since": ("since",), "by_year_end": ("end of",),
    "by": ("by", "until", "till", "through"), "past_years": ("past", "last", "previous"),
    "next_years": ("next", "coming", "within"), "prior_span": ("prior", "previous", "preceding"),
    "as_of_end": ("end of", "close of", "end-", "ending", "ended"),
    "to_date": ("to date", "so far", "as of today"), "as_of": ("as of",),
    "anaphoric": ("same", "those", "these", "reporting", "months"), "rel_year": ("year",),
    "day": ("today", "yesterday", "day", "week", "month", "course"), "last_month": ("last month",),
    "month_day": MONTH_WORDS, "month": MONTH_WORDS, "year": ("19", "20"),
}


Result = tuple[str, Period | None, int]


def _r_fiscal_part(m: re.Match[str], ctx: Context) -> Result:
    g = m.groupdict()
    if g.get("rel"):  # 'the first half of the fiscal', 'the second quarter of last fiscal year'
        fiscal = _fiscal_containing(ctx.published, ctx)
        if g["rel"].lower() in ("last", "previous"):
            fiscal = fiscal.shifted(-1)
    elif g.get("y1"):
        first = int(g["y1"])
        fiscal = _fiscal_year(first, ctx) if g.get("y2") else _named_fiscal_year(first, ctx)
    else:
        first = int(g["f1"]) if len(g["f1"]) == 4 else 2000 + int(g["f1"])
        fiscal = _fiscal_year(first, ctx) if g.get("f2") else _named_fiscal_year(first, ctx)
    assert fiscal.start is not None
    if g.get("q") or g.get("h"):
        length, index = (3, int(g["q"])) if g.get("q") else (6, int(g["h"]))
    else:
        length = 3 if g["unit"].lower() == "quarter" else 6
        index = _ordinal(g["ord"], 12 // length)
    return "period", months(fiscal.start.year, fiscal.start.month + length * (index - 1), length), 0


def _r_fiscal_span(m: re.Match[str], ctx: Context) -> Result:
    g = m.groupdict()
    return "period", _fiscal_year(int(g["y1"]), ctx), 0


def _named_fiscal_year(year: int, ctx: Context) -> Period:
    named_by = load("countries")["fiscal_year_named_by"].get(ctx.fiscal_country, "end")
    start_month = _fiscal_start(ctx.fiscal_country)
    if start_month == 1 or named_by == "start":
        return _fiscal_year(year, ctx)
    return _fiscal_year(year - 1, ctx)


def _r_fy_short(m: re.Match[str], ctx: Context) -> Result:
    g = m.groupdict()
    first = int(g["y1"]) if len(g["y1"]) == 4 else 2000 + int(g["y1"])
    if g.get("y2"):
        return "period", _fiscal_year(first, ctx), 0
    return "period", _named_fiscal_year(first, ctx), 0


def _r_fiscal_single(m: re.Match[str], ctx: Context) -> Result:
    return "period", _named_fiscal_year(int(m.group("y1")), ctx), 0


def _r_as_of_end(m: re.Match[str], ctx: Context) -> Result:
    month = month_number(m.group("m")) if m.group("m") else 12
    return "cumulative", Period(None, _month_end(int(m.group("year")), month), True), 0


def _r_fiscal_ending(m: re.Match[str], ctx: Context) -> Result:
    pub = ctx.published
    return "period", _fiscal_containing(pub, ctx), 0


def _r_fiscal_rel(m: re.Match[str], ctx: Context) -> Result:
    pub = ctx.published
    g = m.groupdict()
    base = _fiscal_containing(pub, ctx)
    rel = g["rel"].lower()
    return "period", base.shifted(-1 if ("last" in rel or "previous" in rel) else 1 if rel == "next" else 0), 0


def _r_compare_rel(m: re.Match[str], ctx: Context) -> Result:
    return "comparison", None, -1


def _r_compare_year(m: re.Match[str], ctx: Context) -> Result:
    g = m.groupdict()
    return "comparison", Period(None, None, text=g["year"]), 0


def _r_months_short(m: re.Match[str], ctx: Context) -> Result:
    g = m.groupdict()
    year = int(g["year"]) if len(g["year"]) == 4 else 2000 + int(g["year"])
    return "period", months(year, 1, int(g["n"])), 0


def _r_up_to_day(m: re.Match[str], ctx: Context) -> Result:
    """'in the period up to March 20': the year so far, to the end of that month."""
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else ctx.published.year
    month = month_number(g["m"])
    return "period", months(year, 1, month), 0


def _ordinal(word: str, final: int) -> int:
    return final if word.lower() == "final" else ORDINAL[word.lower()]


def _r_half(m: re.Match[str], ctx: Context) -> Result:
    g = m.groupdict()
    half = _ordinal(g["ord"], 2) if g.get("ord") else int(g.get("n") or g.get("m") or 1)
    return "period", months(_short_year(m, ctx), 1 + 6 * (half - 1), 6), 0


def _r_quarter(m: re.Match[str], ctx: Context) -> Result:
    g = m.groupdict()
    quarter = _ordinal(g["ord"], 4) if g.get("ord") else int(g.get("n") or g.get("m") or 1)
    return "period", months(_short_year(m, ctx), 1 + 3 * (quarter - 1), 3), 0


def _short_year(m: re.Match[str], ctx: Context) -> int:
    """The year of a part of a year: printed in full, in two digits ('1H23', "Q3'24"), in words, or none."""
    two = m.groupdict().get("yy")
    return 2000 + int(two) if two else _year_of(m, ctx)


def _r_first_months(m: re.Match[str], ctx: Context) -> Result:
    g = m.groupdict()
    count = _count(g["n"]) * (3 if g["unit"].lower() == "quarters" else 1)
    if not 0 < count <= 12:
        return "none", None, 0
    return "period", months(_year_of(m, ctx), 1, count), 0


def _r_months_to(m: re.Match[str], ctx: Context) -> Result:
    g = m.groupdict()
    unit = (g.get("unit") or "").lower()
    count = _count(g["n"]) if g.get("n") else 12 if unit == "year" else 3 if unit == "quarter" else 6
    if not 0 < count <= 24:
        return "none", None, 0
    last = month_number(g["m"])
    year = int(g["year"]) if g.get("year") else ctx.published.year
    if not g.get("year") and _month_end(year, last) > ctx.published:
        year -= 1  # 'the six months to June' in a story of March: last year's June
    first = last - count + 1
    return "period", months(year + (first - 1) // 12, (first - 1) % 12 + 1, count), 0


def _r_month_range(m: re.Match[str], ctx: Context) -> Result:
    g = m.groupdict()
    first, last = month_number(g["m1"] or g["b1"]), month_number(g["m2"])
    year = _year_of(m, ctx)
    if last < first:
        return "none", None, 0
    return "period", months(year, first, last - first + 1), 0


def _r_months_and(m: re.Match[str], ctx: Context) -> Result:
    """Two months in a row named together; other pairs are two times, not one span."""
    g = m.groupdict()
    first, last = month_number(g["m1"]), month_number(g["m2"])
    if last != first + 1:
        return "none", None, 0
    return "period", months(_year_of(m, ctx), first, 2), 0


def _r_month_year_span(m: re.Match[str], ctx: Context) -> Result:
    """'between April 2000 and June 2018': whole months; a span of over two years is cumulative."""
    g = m.groupdict()
    start = date(int(g["y1"]), month_number(g["m1"]), 1)
    end = _month_end(int(g["y2"]), month_number(g["m2"]))
    if end <= start:
        return "none", None, 0
    return "period", Period(start, end, (end - start).days > 731), 0


def _r_years_and(m: re.Match[str], ctx: Context) -> Result:
    """'in 2011 and 2012': the two years together, when they follow each other."""
    first, last = int(m.group("a1")), int(m.group("a2"))
    return ("period", whole_years(first, last), 0) if last == first + 1 else ("none", None, 0)


def _r_between_years(m: re.Match[str], ctx: Context) -> Result:
    g = m.groupdict()
    first = int(g["y1"])
    last = _second_year(first, g["y2"])
    if not 0 <= last - first <= 30:
        return "none", None, 0
    spelled_range = re.match(r"between|from", m.group(), re.IGNORECASE)
    if not spelled_range and last - first == 1 and _fiscal_start(ctx.fiscal_country) != 1 and len(g["y2"]) == 2:
        return "period", _fiscal_year(first, ctx), 0
    if not spelled_range and last - first == 1 and re.search(r"fiscal|financial", m.string[
            max(0, m.start() - 12):m.start()], re.IGNORECASE):
        return "period", _fiscal_year(first, ctx), 0
    return "period", whole_years(first, last), 0


def _r_independence(m: re.Match[str], ctx: Context) -> Result:
    pub = ctx.published
    year = load("countries")["independence"].get(ctx.country, 1991)
    return "cumulative", Period(date(int(year), 1, 1), pub, True), 0


def _r_ytd(m: re.Match[str], ctx: Context) -> Result:
    pub = ctx.published
    return "period", Period(date(pub.year, 1, 1), pub), 0


RECORD_SINCE = re.compile(r"\b(?:first\s+time|highest|lowest|largest|biggest|smallest|strongest|weakest|best|worst|"
                          r"levels?|high|low|fastest|slowest|most|least)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _r_since(m: re.Match[str], ctx: Context) -> Result:
    """'since 1991': from then to publication. 'For the first time since 2008', 'the lowest level since
    2011' compare with a record, and name no period."""
    if RECORD_SINCE.search(m.string, max(0, m.start() - 40), m.start()):
        return "none", None, 0
    pub = ctx.published
    g = m.groupdict()
    return "cumulative", Period(date(int(g["year"]), 1, 1), pub, True), 0


def _r_by_year_end(m: re.Match[str], ctx: Context) -> Result:
    pub = ctx.published
    return "open", Period(pub, date(pub.year, 12, 31)), 0


def _r_by(m: re.Match[str], ctx: Context) -> Result:
    pub = ctx.published
    g = m.groupdict()
    return "open", Period(pub, date(int(g["year"]), 12, 31)), 0


def _r_past_years(m: re.Match[str], ctx: Context) -> Result:
    pub = ctx.published
    g = m.groupdict()
    count = _count(g["n"])
    if not count:
        return "none", None, 0
    if g["unit"].lower() == "months":  # 'over the past nine months' in October: January to September
        if count > 24:
            return "none", None, 0
        last = pub.year * 12 + pub.month - 2  # the last whole month before publication, counted from 0
        first = last - count + 1
        return "period", months(first // 12, first % 12 + 1, count), 0
    return "period", whole_years(pub.year - count, pub.year), 0


PRECEDING = "preceding:"  # a Period.text that marks the span just before the compared one, and its months


def _r_prior_span(m: re.Match[str], ctx: Context) -> Result:
    """'The prior six months', 'the preceding quarter': as a comparison, the span of that length just before
    the compared period (``resolve_comparison``); alone, the whole months before publication."""
    g = m.groupdict()
    single = (g.get("single") or "").lower()
    count = 3 if single == "quarter" else 6 if single else _count(g["n"] or "") * (3 if (g["unit"] or "").lower()
                                                                                   .startswith("quarter") else 1)
    if not count or count > 24:
        return "none", None, 0
    pub = ctx.published
    last = pub.year * 12 + pub.month - 2
    first = last - count + 1
    return "period", replace(months(first // 12, first % 12 + 1, count), text=f"{PRECEDING}{count}"), 0


def _r_next_years(m: re.Match[str], ctx: Context) -> Result:
    pub = ctx.published
    g = m.groupdict()
    count = _count(g["n"])
    if not count:
        return "none", None, 0
    if g["unit"].lower() == "months":  # 'over the next two months': this month and the next
        return "period", months(pub.year, pub.month, count), 0
    return "period", Period(date(pub.year, 1, 1), date(pub.year + count, 12, 31)), 0


def _r_to_date(m: re.Match[str], ctx: Context) -> Result:
    pub = ctx.published
    return "cumulative", Period(None, pub, True), 0


def _r_as_of(m: re.Match[str], ctx: Context) -> Result:
    pub = ctx.published
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else pub.year
    try:
        day = date(year, month_number(g["m"]), int(g["d"]))
    except ValueError:
        return "none", None, 0
    return "cumulative", Period(None, day, True), 0


def _r_anaphoric(m: re.Match[str], ctx: Context) -> Result:
    return "anaphoric", None, 0


def _r_rel_year(m: re.Match[str], ctx: Context) -> Result:
    pub = ctx.published
    g = m.groupdict()
    rel = g["rel"].lower()
    offset = -1 if rel == "last" else 1 if rel in ("next", "the coming") else 0
    return "period", whole_years(pub.year + offset, pub.year + offset), 0


def _r_day(m: re.Match[str], ctx: Context) -> Result:
    pub = ctx.published
    g = m.groupdict()
    day = pub - timedelta(days=7) if (g.get("week") or "").lower() == "last" else pub
    return "day", months(day.year, day.month, 1), 0


def _r_last_month(m: re.Match[str], ctx: Context) -> Result:
    pub = ctx.published
    day = pub.replace(day=1) - timedelta(days=1)
    return "day", months(day.year, day.month, 1), 0


def _r_month_day(m: re.Match[str], ctx: Context) -> Result:
    pub = ctx.published
    g = m.groupdict()
    month = month_number(g["m"])
    year = int(g["year"]) if g.get("year") else (pub.year if month <= pub.month else pub.year - 1)
    return "day", months(year, month, 1), 0


RECORD_SINCE_YEAR = re.compile(RECORD_SINCE.pattern[:-1] + r"since\s+$", re.IGNORECASE)


def _r_year(m: re.Match[str], ctx: Context) -> Result:
    if RECORD_SINCE_YEAR.search(m.string, max(0, m.start() - 50), m.start()):
        return "none", None, 0  # 'the lowest level since 2011'
    g = m.groupdict()
    year = int(g["year"])
    return "period", whole_years(year, year), 0


RESOLVERS: dict[str, Callable[[re.Match[str], Context], Result]] = {
    "fy_short": _r_fy_short,
    "fiscal_single": _r_fiscal_single,
    "as_of_end": _r_as_of_end,
    "fiscal_part": _r_fiscal_part,
    "months_to": _r_months_to,
    "years_and": _r_years_and,
    "fiscal_span": _r_fiscal_span,
    "fiscal_ending": _r_fiscal_ending,
    "fiscal_rel": _r_fiscal_rel,
    "compare_rel": _r_compare_rel,
    "compare_shift": _r_compare_rel,
    "compare_year": _r_compare_year,
    "half": _r_half,
    "half_short": _r_half,
    "half_bare": _r_half,
    "quarter": _r_quarter,
    "quarter_short": _r_quarter,
    "quarter_bare": _r_quarter,
    "first_months": _r_first_months,
    "months_short": _r_months_short,
    "up_to_day": _r_up_to_day,
    "month_year_span": _r_month_year_span,
    "month_range": _r_month_range,
    "months_and": _r_months_and,
    "between_years": _r_between_years,
    "year_span": _r_between_years,
    "independence": _r_independence,
    "ytd": _r_ytd,
    "since": _r_since,
    "by_year_end": _r_by_year_end,
    "by": _r_by,
    "past_years": _r_past_years,
    "prior_span": _r_prior_span,
    "next_years": _r_next_years,
    "to_date": _r_to_date,
    "as_of": _r_as_of,
    "anaphoric": _r_anaphoric,
    "rel_year": _r_rel_year,
    "day": _r_day,
    "last_month": _r_last_month,
    "month_day": _r_month_day,
    "month": _r_month_day,
    "year": _r_year,
}


def _resolve(name: str, m: re.Match[str], ctx: Context) -> Result:
    """(kind, period, shift) for one matched expression."""
    return RESOLVERS[name](m, ctx)

@text_cache(maxsize=64)
def _rules_for(text: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The rules whose trigger words occur anywhere in an article: the only ones worth trying on its
    sentences (found once per article, not once per sentence)."""
    lowered = text.lower()
    return tuple((name, pattern) for name, pattern in COMPILED if any(word in lowered for word in TRIGGERS[name]))


def find_time_expressions(text: str, start: int, end: int, ctx: Context,
                          figures: tuple[tuple[int, int], ...] = ()) -> list[TimeExpr]:
    """Non-overlapping time expressions in ``text[start:end]``; earlier rules win over later ones.

    A period after a comparator ('than in 2018', 'on the 2018 level') is the earlier side of a
    comparison, unless a figure stands between them ('more than doubled in 2021').
    """
    found: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []
    chunk = text[start:end]
    lowered = chunk.lower()
    for name, pattern in _rules_for(text):
        if not any(word in lowered for word in TRIGGERS[name]):
            continue
        for match in pattern.finditer(chunk):
            span = (start + match.start(), start + match.end())
            index = bisect_left(taken, span)  # taken spans are sorted and disjoint
            if (index and taken[index - 1][1] > span[0]) or (index < len(taken) and taken[index][0] < span[1]):
                continue
            kind, period, shift = _resolve(name, match, ctx)
            if kind == "none":
                continue
            period = _not_after_publication(name, match, period, ctx)
            comparator = COMPARATOR.search(text[max(start, span[0] - 30):span[0]])
            if comparator and not _compares_time(comparator.group()):
                comparator = None
            if kind in ("period", "cumulative") and comparator:
                at = max(start, span[0] - 30) + comparator.start()
                if not any(at <= a and b <= span[0] for a, b in figures):
                    kind = "comparison"
            if period is not None and not period.text:  # a compared year ('… of 2016') keeps its own text
                period = replace(period, text=match.group())
            if YEAR_ON_YEAR.fullmatch(match.group()):
                kind = "yoy"
            future = name in ("by", "by_year_end", "next_years") or (
                name == "as_of_end" and match.group().lower().startswith("by") and period is not None
                and period.end is not None and period.end > ctx.published) or (
                name in ("rel_year", "fiscal_rel") and match.group().lower().startswith(("next", "the coming")))
            taken.insert(index, span)
            found.append(TimeExpr(span[0], span[1], kind, period, shift, future))
    return sorted(found, key=lambda e: e.start)


def _compares_time(gap: str) -> bool:
    """True when only function words or the compared figure's verb follow the comparator ('than in
    2018', 'on the 2018 level', 'than it drew in 2018'), not when it compares something else ('than any
    other creditor in', 'spent on servicing debt between')."""
    allowed = _comparison_gap()
    words = re.findall(r"[\w’']+", gap.lower())[1:]  # the comparator itself first
    return all(word in allowed for word in words)


@cache
def _comparison_gap() -> frozenset[str]:
    return frozenset(load("metric_cues")["comparison_gap"])


YEARLESS = ("half", "quarter", "half_bare", "quarter_bare", "month_range", "first_months", "month")


FUTURE_WORDS = re.compile(r"\b(?:will|would|shall|expect\w*|plan\w*|forecast\w*|target\w*|aim\w*|project\w*|"
                          r"seek\w*|hope\w*|set\s+to|due\s+to|is\s+to|are\s+to|to\s+be|going\s+to|intend\w*|"
                          r"next|coming|upcoming)\b", re.IGNORECASE)


def _not_after_publication(name: str, match: re.Match[str], period: Period | None, ctx: Context) -> Period | None:
    """A part of a year the text gives no year for, read in the year of a period named before that
    ends after publication ('July-September' after 'fiscal year 2024-25', in a story of October
    2024), is the latest such part the story can report, not one after it was published. In the
    publication year itself a later part may be a plan ('expects … in the fourth quarter') and stays."""
    if name not in YEARLESS or period is None or period.start is None or period.start <= ctx.published:
        return period
    if ctx.year <= ctx.published.year and (ctx.year < ctx.published.year or FUTURE_WORDS.search(match.string)):
        return period  # in the publication year, a later part with words of the future is a plan ('expects … in Q4')
    groups = match.groupdict()
    if groups.get("year") or groups.get("yearword"):
        return period
    while period.start is not None and period.start > ctx.published:
        period = period.shifted(-1)
    return period


def resolve_comparison(expr: TimeExpr, base: Period | None) -> Period | None:
    """The earlier period a comparison names, given the period it is compared with."""
    if expr.period is not None and expr.period.text.startswith(PRECEDING) and base is not None and \
            base.start is not None and base.end is not None:
        count = int(expr.period.text.removeprefix(PRECEDING))
        index = base.start.year * 12 + base.start.month - 1 - count
        return months(index // 12, index % 12 + 1, count)  # 'up from $16 billion in the prior six months'
    if expr.period is not None and expr.period.start is not None:
        return expr.period
    named = int(expr.period.text) if expr.period is not None and expr.period.text.isdigit() else None
    if base is None or base.start is None or base.end is None:
        # 'against $3 billion in the same period of 2016' with no period of its own to match: that year
        return whole_years(named, named) if named is not None else None
    if named is not None:
        return base.in_year(named)
    return base.shifted(expr.shift or -1)
