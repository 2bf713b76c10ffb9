"""Find the figures an article cites: money, percents, multiples and counts of economic units.

Each mention keeps its exact surface text and character span. Which words make a figure is data
(``lexicons/``): currency symbols, codes and names, scale words, number words and count nouns.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

import pycountry

from etl.lexicon import alternation, first_chars, load
from etl.numbers import DIGITS, number_words, parse_number, spelled_number

PERCENT_UNIT = r"(?:%|\s?percents?\b|\s?per\s?cent\b|\s?pct\b|pc\b|\s?percentage points?\b|\s?p\.p\.|\s?percentage\b)"
PERCENT_WORD = re.compile(r"per\s?cent", re.IGNORECASE)
LIST_ITEMS = 30  # the longest enumeration one figure's unit is shared across ('5, 6, ... and 7 percent')
FUNCTION_WORDS = (r"in|of|from|for|to|and|or|while|worth|last|this|a|an|the|by|on|at|during|with|is|was|"
                  r"are|were|has|have|had|as|against|compared|versus|vs|over|each|respectively|more|less")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str  # money | percent | multiple | count
    value: float
    currency: str = ""
    is_range: bool = False
    inherits_currency: bool = False
    elliptical: bool = False
    unit: str = ""  # what a count counts: 'projects', 'joint investment projects'


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    currencies = load("currencies")
    scales = load("scales")
    words = number_words()
    codes = {c.alpha_3 for c in pycountry.currencies} - set(currencies["not_codes"])
    lower_codes = list(currencies["lowercase_codes"])
    symbols = alternation(list(currencies["symbols"]) + sorted(codes))
    named = list(currencies["names"]) + list(currencies["historic"])
    names = "(?:(?i:" + alternation(named + lower_codes) + ")|" + alternation(sorted(codes)) + ")"
    # after an amount that has its symbol, a name restates it ('US$5 billion dollars'); a lower-case code
    # there starts the next amount ('rmb 10 usd 20')
    restating = "(?:(?i:" + alternation(named) + ")|" + alternation(sorted(codes)) + ")"
    after = alternation(currencies["symbols_after"])
    scaled = currencies["scaled_codes"]
    scaled_code = rf"(?P<pre>{alternation(list(scaled['prefixes']))})(?P<code>{alternation(scaled['codes'])})"
    scaled_code_first = rf"(?P<pre_>{alternation(list(scaled['prefixes']))})(?P<code_>{alternation(scaled['codes'])})"
    fractions = alternation(list(load("number_words")["fractions"]))
    spaced = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])"  # '10 000 dollars'
    scale_words = alternation(scales["words"])
    short_scales = alternation(scales["short"])
    big_scales = alternation([w for w, v in scales["words"].items() if v >= 1e6])
    numword = alternation(list(words))
    num = rf"(?:{DIGITS})"
    left = r"(?<![\w.,+\-/:])"
    scale = rf"(?:[\s-]?{scale_words}\b|{short_scales}(?![\w]))"  # '₱17.45-billion' as Manila papers print it
    range_tail = rf"(?:\s?[-–]\s?|\sto\s)(?:[$€£¥₹]|US\$)?{num}"  # '$4.5-$5 billion' repeats its symbol
    count_nouns = alternation(load("count_nouns")["nouns"] + load("count_nouns")["people_nouns"])
    stop = alternation(load("count_nouns")["modifier_stop"])
    modifier = rf"(?!{stop}\b)[A-Za-z][A-Za-z'’\-]*"
    fold = alternation(load("number_words")["fold_words"])
    verbs = alternation(load("number_words")["multiple_verbs"])
    flags = re.IGNORECASE
    # each pattern opens with a one-character test of what it can start with: the engine tries a
    # pattern at every character, and a long alternation there costs more than the rest of the scan
    symbol_first = first_chars(list(currencies["symbols"]) + sorted(codes))
    number_first = first_chars(["0", *words], ignore_case=True)
    return {
        "money_prefixed": re.compile(
            rf"{symbol_first}(?<![A-Za-z0-9])(?P<cur>{symbols})\s?(?P<sign>[+\-−](?=\d))?(?P<num>{num})(?P<range>{range_tail})?"
            rf"(?P<scale>{scale})?(?:\s(?P<cur2>{restating})\b)?"),
        # a lower-case code before the number ('rmb 10', 'usd 40 million'): tried only when a cheap test finds one
        "money_code_lower": re.compile(
            rf"(?<![A-Za-z0-9])(?P<cur>{alternation(lower_codes)})\s?(?P<sign>[+\-−](?=\d))?(?P<num>{num})"
            rf"(?P<range>{range_tail})?(?P<scale>{scale})?(?:\s(?P<cur2>{restating})\b)?"),
        # a one-letter symbol ('N9.2 trillion' for naira) only with a scale word: 'N95' is no amount
        "money_letter": re.compile(
            rf"(?<![A-Za-z0-9.,$-])(?P<cur>{alternation(list(currencies['letter_symbols']))})(?P<num>{num})"
            rf"(?P<range>{range_tail})?(?P<scale>\s?{scale_words}\b|{short_scales}(?![\w]))"),
        "money_suffixed": re.compile(
            rf"{number_first}{left}(?P<num>{spaced}|{num}|(?i:{numword}))(?P<range>{range_tail})?(?P<scale>{scale})?"
            rf"(?P<joint>[\s-])?(?P<cur2>{names})\b(?:\s(?P<scale2>{big_scales})\b)?"),
        # a symbol after the number: '10 €', '100₾', '-15€', '5 000 €'
        "money_after": re.compile(
            rf"(?=[\d+\-−])(?<![\w.,$€£¥+\-−])(?P<sign>[+\-−])?(?P<num>{spaced}|{num})(?P<scale>{scale})?\s?"
            rf"(?P<cur>{after})(?![A-Za-z$€£¥])"),
        # a code with a scale letter: '30 MUSD', 'twenty MUSD', 'MAUD 60', '500 kEUR'
        "money_scaled_code": re.compile(
            rf"(?<![\w.,])(?:(?P<num>{num}|(?i:{numword}))\s?{scaled_code}\b|{scaled_code_first}"
            rf"\s?(?P<num_>{num})(?![\d.,]))"),
        # a fraction of a scale: 'half a million dollars', 'a quarter billion us dollars', 'three quarters billion'
        "money_fraction": re.compile(
            rf"(?<![\w-])(?P<frac>(?i:{fractions}))\s+(?P<scale>(?i:{big_scales}))\s+(?P<cur2>{names})\b"),
        # a currency word before the number, with a scale: 'dollar 22.5 million'
        "money_word_first": re.compile(
            rf"(?<![\w$])(?P<cur2>(?i:dollars?|euros?))\s(?P<num>{num})(?P<scale>\s?{big_scales})\b"),
        "money_bare": re.compile(
            rf"(?=\d){left}(?P<num>{num})(?P<range>{range_tail})?(?P<scale>\s?{big_scales})\b"
            rf"(?=\s*(?:[,.;:)\]–—-]|$)|\s+(?:{FUNCTION_WORDS})\b)"),
        # 'twenty percent', 'one hundred and five per cent', 'thirty percentage'
        "percent_spelled": re.compile(
            rf"{number_first}(?<![\w-])(?P<words>(?:{numword})(?:(?:\s+and\s+|[\s-])(?:{numword})){{0,3}})"
            rf"\s+(?:percents?|per\s?cent|percentage)\b(?!\s+points?)", flags),
        # a year does not open a range: 'from 6.6 percent in 2014 to 4.3 percent'
        "percent": re.compile(rf"(?=\d){left}(?!(?:19|20)\d\d\s+to\s)(?P<num>{num})"
                              rf"(?P<range>(?:\s?[-–]\s?|\sto\s){num})?{PERCENT_UNIT}",
                              flags),
        # a change printed with its sign: '(+35.8%)', '(-14.1%)', ': −2.5%'
        "percent_signed": re.compile(
            rf"(?=[+\-−])(?:(?<=[\s(\[:])|^)(?P<sign>[+\-−])(?P<num>{num}){PERCENT_UNIT}", flags),
        # the number after the unit, when none stands before it: 'percent of 10', 'percents of twenty'
        "percent_of": re.compile(
            rf"(?<![\w-])(?:percents?|per\s?cent)\s+of\s+(?P<num>{num}|(?i:{numword}))\b(?![.,]?\d)", flags),
        "percent_elliptical": re.compile(
            # '5, 6 and 7 percent': at most LIST_ITEMS items, taken possessively — '1,1,1…' can split
            # into numbers and commas in exponentially many ways, and none is worth retrying
            rf"(?=\d){left}(?P<num>{num})(?=(?:\s*,\s*(?:{num})){{0,{LIST_ITEMS}}}+,?\s+(?:and|or)\s+{num}{PERCENT_UNIT})",
            flags),
        "multiple": re.compile(
            rf"{number_first}{left}(?P<num>{num}|(?i:{numword}))(?P<half>[\s-]and[\s-]a[\s-]half)?(?:\s?-\s?|\s)?"
            rf"(?P<unit>times|fold)\b"
            rf"(?!\s+(?:a|per|each|every)\s+(?:year|month|week|day|quarter)\b)", flags),
        "fold_word": re.compile(rf"\b(?P<num>{fold})\b", flags),
        "multiple_verb": re.compile(rf"\b(?P<num>{verbs})\b(?!-)", flags),
        "count": re.compile(
            rf"{number_first}{left}(?P<num>{num}|(?i:{numword}))(?P<scale>\s(?:thousand|million|hundred))?"
            rf"(?P<mods>(?:\s+{modifier}){{0,5}}?)\s+(?P<noun>{count_nouns})\b(?![-’'])", 0),
    }


def _scale_value(scale: str | None) -> float:
    if not scale:
        return 1.0
    scales = load("scales")
    key = scale.strip().lstrip("-")
    if key in scales["short"]:
        return float(scales["short"][key])
    return float(scales["words"].get(key.lower(), 1.0))


@cache
def _lowered_names() -> dict[str, str]:
    currencies = load("currencies")
    return {k.lower(): str(v) for k, v in {**currencies["historic"], **currencies["names"]}.items()}


def _currency(symbol: str | None, name: str | None) -> str:
    currencies = load("currencies")
    for token in (symbol, name):
        if not token:
            continue
        if token in currencies["symbols"]:
            return str(currencies["symbols"][token])
        if token in currencies["letter_symbols"]:
            return str(currencies["letter_symbols"][token])
        lowered = _lowered_names()
        if token.lower() in lowered:
            return str(lowered[token.lower()])
        if token.isupper() and len(token) == 3:
            return token
        if token.lower() in currencies["lowercase_codes"]:
            upper = token.upper()
            return str(currencies["symbols"].get(upper, upper))  # 'rmb' is RMB, the yuan
    return ""


def _range_value(match: re.Match[str]) -> tuple[float, bool]:
    """A range is given at its lower bound, whichever order it is printed in ('63.7-56.3 percent')."""
    value = parse_number(match.group("num"))
    tail = match.groupdict().get("range")
    if not tail:
        return value, False
    other = re.search(r"\d[\d.,]*", tail)
    if other is not None:
        second = parse_number(other.group().rstrip(".,"))
        value = min(value, second) if second > 0 else value
    return value, True


def _money(text: str) -> list[Mention]:
    found = []
    patterns = _patterns()
    keys = ["money_prefixed", "money_letter", "money_suffixed", "money_bare"]
    if _symbol_after_test().search(text):  # a cheap test before the symbol-after pattern
        keys.append("money_after")
    if _lower_code_test().search(text):
        keys.append("money_code_lower")
    for key in keys:
        for match in patterns[key].finditer(text):
            groups = match.groupdict()
            if key == "money_suffixed" and not groups.get("scale") and not match.group("num")[0].isdigit() and \
                    groups.get("joint") != "-":
                continue  # 'one euro' style noise: spelled numbers need a scale word (or a hyphen: 'one-yen')
            value, is_range = _range_value(match)
            value *= _scale_value(groups.get("scale")) * _scale_value(groups.get("scale2"))
            negative = key == "money_prefixed" and _accounting_negative(text, match.start(), match.end())
            if groups.get("sign") in ("-", "−") or negative:
                value = -value
            if key == "money_bare" and _is_year(match.group("num")):
                continue
            if _is_price(text, match.end()):
                continue
            currency = _currency(groups.get("cur"), groups.get("cur2"))
            found.append(Mention(match.start(), match.end(), match.group(), "money", value, currency,
                                 is_range, inherits_currency=key == "money_bare"))
    return found + _rare_money(text)


@cache
def _lower_code_test() -> re.Pattern[str]:
    return re.compile(rf"\b{alternation(load('currencies')['lowercase_codes'])}\s?[+\-−]?\d")


@cache
def _symbol_after_test() -> re.Pattern[str]:
    return re.compile(rf"\d\s?{alternation(load('currencies')['symbols_after'])}")


def _rare_money(text: str) -> list[Mention]:
    """Forms a text holds seldom, tried only when a cheap test finds their letters: scaled codes ('30
    MUSD'), fractions of a scale ('half a million dollars'), a currency word first ('dollar 22.5 million')."""
    patterns = _patterns()
    lowered = text.lower()
    found = []
    scaled = load("currencies")["scaled_codes"]
    if any(f"{p}{c}".lower() in lowered for p in ("m", "k") for c in scaled["codes"]):
        for match in patterns["money_scaled_code"].finditer(text):
            groups = match.groupdict()
            number = groups.get("num") or groups.get("num_") or "0"
            prefix = groups.get("pre") or groups.get("pre_") or ""
            value = parse_number(number) * float(scaled["prefixes"][prefix])
            found.append(Mention(match.start(), match.end(), match.group(), "money", value,
                                 str(groups.get("code") or groups.get("code_"))))
    if "half" in lowered or "quarter" in lowered:
        fractions = {k.lower(): float(v) for k, v in load("number_words")["fractions"].items()}
        for match in patterns["money_fraction"].finditer(text):
            value = fractions[match.group("frac").lower()] * _scale_value(match.group("scale"))
            found.append(Mention(match.start(), match.end(), match.group(), "money", value,
                                 _currency(None, match.group("cur2"))))
    if "dollar" in lowered or "euro" in lowered:
        for match in patterns["money_word_first"].finditer(text):
            value = parse_number(match.group("num")) * _scale_value(match.group("scale"))
            found.append(Mention(match.start(), match.end(), match.group(), "money", value,
                                 _currency(None, match.group("cur2"))))
    return found


NUMBER_BEFORE = re.compile(r"(?:\d[\d.,]*|[a-z]+)\s*$", re.IGNORECASE)


def _number_before(text: str, start: int) -> bool:
    """True when a number (in digits or words) stands right before ``start``."""
    match = NUMBER_BEFORE.search(text, max(0, start - 20), start)
    if match is None:
        return False
    word = match.group().strip().lower()
    return word[:1].isdigit() or word in number_words()


ACCOUNTING_VERB = re.compile(r"\b(?:is|was|were|are)\s*$", re.IGNORECASE)


def _accounting_negative(text: str, start: int, end: int) -> bool:
    """'The annual revenue is ($99.99).': an amount alone in parentheses after a verb is negative, as
    accounts print losses; '(about $2.32bn)' after another amount or a name is an aside."""
    if start == 0 or text[start - 1] != "(" or text[end:end + 1] != ")":
        return False
    return ACCOUNTING_VERB.search(text, max(0, start - 12), start - 1) is not None


@cache
def _price_pattern() -> re.Pattern[str]:
    units = alternation(load("currencies")["price_units"])
    return re.compile(rf"\s*(?:a|an|per|each|/)\s*(?:U\.?S\.?\s+)?{units}s?\b|\s+against\s+the\s+"
                      rf"(?:U\.?S\.?\s+)?dollar", re.IGNORECASE)


def _is_price(text: str, end: int) -> bool:
    """'$61 a barrel', '388 tenge per US dollar': a price or an exchange rate, not an amount that flows."""
    return bool(_price_pattern().match(text, end))


def _is_year(number: str) -> bool:
    return bool(re.fullmatch(r"(?:1[89]|20)\d\d", number))


TIME_WORD_BEFORE = re.compile(r"\b(?:in|since|by|of|from|until|to|during|for|end|early|late|mid)\s*-?\s*$")


def _percents(text: str) -> list[Mention]:
    found = []
    patterns = _patterns()
    for match in patterns["percent"].finditer(text):
        value, is_range = _range_value(match)
        before = text[max(0, match.start() - 10):match.start()].lower()
        if match.group("range") and " to " in match.group("range") and before.rstrip().endswith("from"):
            continue
        found.append(Mention(match.start(), match.end(), match.group(), "percent", value, is_range=is_range))
    for match in patterns["percent_signed"].finditer(text):
        magnitude = parse_number(match.group("num"))
        found.append(Mention(match.start(), match.end(), match.group(), "percent",
                             magnitude if match.group("sign") == "+" else -magnitude))
    spelled = PERCENT_WORD.search(text) is not None  # a cheap test before the spelled-number pattern
    for match in patterns["percent_of"].finditer(text) if spelled else ():
        if _number_before(text, match.start()) or _is_year(match.group("num")):
            continue  # '30 percent of 10 companies': the number before is the percent
        found.append(Mention(match.start(), match.end(), match.group(), "percent", parse_number(match.group("num"))))
    for match in patterns["percent_spelled"].finditer(text) if spelled else ():
        number = spelled_number(match.group("words"))
        if number is not None:
            found.append(Mention(match.start(), match.end(), match.group(), "percent", number))
    for match in patterns["percent_elliptical"].finditer(text):
        before = text[max(0, match.start() - 9):match.start()].lower()
        if "between" in before:
            continue
        if _is_year(match.group("num")) and TIME_WORD_BEFORE.search(before):
            continue  # 'EUR 4.5 billion in 2022, or 57 percent': a year, then a restatement
        found.append(Mention(match.start(), match.end(), match.group(), "percent",
                             parse_number(match.group("num")), elliptical=True))
    return found


def _multiples(text: str) -> list[Mention]:
    found = []
    patterns = _patterns()
    words = load("number_words")
    for match in patterns["multiple"].finditer(text):
        half = 0.5 if match.group("half") else 0.0  # 'two-and-a-half times', 'one and a half times'
        found.append(Mention(match.start(), match.end(), match.group(), "multiple",
                             parse_number(match.group("num")) + half))
    for match in patterns["fold_word"].finditer(text):
        found.append(Mention(match.start(), match.end(), match.group(), "multiple",
                             float(words["fold_words"][match.group("num").lower()])))
    for match in patterns["multiple_verb"].finditer(text):
        word = match.group("num").lower()
        after = text[match.end():match.end() + 25]
        if word.endswith("es") and not re.match(r"\s+(?:its|the|their|his|her|our|this|that|a|an|[$€£¥\d])", after):
            continue  # 'more than triples its investment', not 'the doubles team'
        if not word.endswith(("ed", "ing", "es")):
            # 'double' / 'triple' as a verb of growth, not 'double taxation' or 'double-digit'
            before = text[max(0, match.start() - 20):match.start()].lower()
            verb_context = re.search(r"\b(?:to|will|would|should|could|can|may|might|must|expected to)\s+$",
                                     before)
            if not verb_context or re.match(r"\s+[a-z]+(?:ation|ing)\b", after):
                continue
        found.append(Mention(match.start(), match.end(), match.group(), "multiple",
                             float(words["multiple_verbs"][word])))
    return found


def _counts(text: str) -> list[Mention]:
    found = []
    lexicon = load("count_nouns")
    people = {w.lower() for w in lexicon["people_nouns"]}
    for match in _patterns()["count"].finditer(text):
        number = match.group("num")
        if _is_year(number) or re.search(r"\d", match.group("mods")):
            continue
        if match.group("noun").lower() in people:
            sentence = text[max(0, match.start() - 200):match.end() + 100].lower()
            if not any(re.search(rf"\b{re.escape(w)}\b", sentence) for w in lexicon["jobs_words"]):
                continue
        value = parse_number(number) * _scale_value(match.group("scale"))
        if value != int(value):
            continue
        found.append(Mention(match.start(), match.end(), match.group(), "count", value,
                             unit=count_unit(match.group("mods"), match.group("noun"))))
    return found


def unit_of_count(text: str) -> str:
    """The unit of a count written as ``text`` ('12 new projects' → 'projects'); '' when it is no count."""
    match = _patterns()["count"].search(text)
    return count_unit(match.group("mods"), match.group("noun")) if match else ""


def count_unit(modifiers: str, noun: str) -> str:
    """What a count counts, for telling like counts from unlike ones: the noun with the modifiers that
    narrow it ('joint investment projects'), without those that only describe or place it ('five Kazakh
    sectors' counts sectors, '12 new projects' projects)."""
    ignored = {w.casefold() for w in load("count_nouns")["unit_ignored_modifiers"]}
    demonyms = {w.casefold() for w in load("countries")["demonyms"]}
    kept = [word.casefold() for word in modifiers.split()
            if word.casefold() not in ignored
            and not all(part in demonyms for part in re.split(r"[-–]", word.casefold()) if part)]
    return " ".join([*kept, noun.casefold()])


PRIORITY = {"money": 0, "percent": 1, "multiple": 2, "count": 3}


def find_mentions(text: str) -> list[Mention]:
    """Every figure mention in ``text``, in reading order, without overlaps (longest, then money, wins)."""
    candidates = _money(text) + _percents(text) + _multiples(text) + _counts(text)
    candidates.sort(key=lambda m: (m.start, PRIORITY[m.kind], -(m.end - m.start)))
    kept: list[Mention] = []
    taken: list[tuple[int, int]] = []  # kept spans, sorted and disjoint: a new one is checked by bisection
    for mention in sorted(candidates, key=lambda m: (PRIORITY[m.kind], -(m.end - m.start), m.start)):
        index = bisect.bisect_left(taken, (mention.start, mention.end))
        if (index and taken[index - 1][1] > mention.start) or (index < len(taken) and
                                                                taken[index][0] < mention.end):
            continue
        taken.insert(index, (mention.start, mention.end))
        kept.append(mention)
    kept = [m for m in kept if not _in_address(text, m)]
    kept.sort(key=lambda m: m.start)
    return _signed(text, _inherit_currency(text, _shared_scale(text, _join_compounds(text, kept))))


SHARED_GAP = re.compile(r"\s+(?:from|to|and|or|versus|vs\.?|against)\s+", re.IGNORECASE)
ENDS_IN_DIGIT = re.compile(r"\d$")


def _shared_scale(text: str, mentions: list[Mention]) -> list[Mention]:
    """'fell to $184.32 from $202.27 million', 'from $5.2 to $6.1 billion': an amount printed without
    its scale word shares the scale of the amount it is compared with, right after it."""
    result = list(mentions)
    for i, (first, second) in enumerate(zip(mentions, mentions[1:], strict=False)):
        if first.kind != "money" or second.kind != "money" or first.currency != second.currency or \
                not first.currency or first.is_range or not ENDS_IN_DIGIT.search(first.text):
            continue
        scale_word = second.text.split()[-1] if " " in second.text else re.sub(r"^[^A-Za-z]*[\d.,]+", "", second.text)
        scale = _scale_value(scale_word) if scale_word else 1.0
        if scale < 1e3 or not 0 < first.value < 1000 or SHARED_GAP.fullmatch(text, first.end, second.start) is None:
            continue
        if not 0.1 <= first.value * scale / second.value <= 10:
            continue
        result[i] = Mention(first.start, first.end, first.text, "money", first.value * scale, first.currency,
                            first.is_range, first.inherits_currency, first.elliptical, first.unit)
    return result


ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
MINUS = re.compile(r"\bminus\s+$|[−]\s*$", re.IGNORECASE)


def _in_address(text: str, mention: Mention) -> bool:
    """A number inside a web address ('…?q=30%25%2020%') is no figure."""
    start = max(text.rfind(" ", max(0, mention.start - 300), mention.start), text.rfind("\n", 0, mention.start)) + 1
    end_space = re.search(r"\s", text[mention.end:mention.end + 300])
    token = text[start:mention.end + (end_space.start() if end_space else 300)]
    return "://" in token or token.lower().startswith("www.") or bool(ESCAPE.search(token))


def _signed(text: str, mentions: list[Mention]) -> list[Mention]:
    """'minus five percent', '−2.2%': a negative value as written."""
    signed = []
    for mention in mentions:
        sign = MINUS.search(text, max(0, mention.start - 8), mention.start) if mention.kind == "percent" else None
        if sign is not None:
            mention = Mention(sign.start(), mention.end, text[sign.start():mention.end], mention.kind,
                              -abs(mention.value),
                              mention.currency, mention.is_range, mention.inherits_currency, mention.elliptical,
                              mention.unit)
        signed.append(mention)
    return signed


COMPOUND_GAP = re.compile(r"\s+")  # not "and": "$3 billion and 500 million" may be two amounts


def _join_compounds(text: str, mentions: list[Mention]) -> list[Mention]:
    """'$3 billion 482 million' is one amount, 3,482 million: an amount with a scale word followed at
    once by a smaller bare amount of a smaller scale."""
    joined: list[Mention] = []
    for mention in mentions:
        last = joined[-1] if joined else None
        if (last is not None and last.kind == mention.kind == "money" and last.currency and not last.is_range
                and mention.inherits_currency and COMPOUND_GAP.fullmatch(text, last.end, mention.start)):
            words = last.text.split()
            scale = _scale_value(words[-1]) if len(words) > 1 else 1.0
            if scale > 1.0 and 0 < mention.value < scale:
                joined[-1] = Mention(last.start, mention.end, text[last.start:mention.end], "money",
                                     last.value + mention.value, last.currency)
                continue
        before = _scaled_before(text, mention) if mention.kind == "money" and mention.currency else None
        if before is None and mention.kind == "money" and mention.currency:
            before = _thousands_before(text, mention)
        if before is not None and (not joined or joined[-1].end <= before[0]):
            start, value = before
            mention = Mention(start, mention.end, text[start:mention.end], "money", value + mention.value,
                              mention.currency)
        joined.append(mention)
    return joined


SCALED_BEFORE = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s+(trillion|billion|million|thousand)\s+$", re.IGNORECASE)


THOUSANDS_BEFORE = re.compile(r"(?<![\d.,])(\d{1,3})\s+thousand\s+$", re.IGNORECASE)
SCALE_WORD = re.compile(r"(million|billion|mln|bln|mn|bn)\b", re.IGNORECASE)


def _thousands_before(text: str, mention: Mention) -> tuple[int, float] | None:
    """'5 thousand 500 million dollars', '29 thousand 41 million dollars': thousands of the amount's own
    scale printed before it (5,500 million; 29,041 million)."""
    match = THOUSANDS_BEFORE.search(text, max(0, mention.start - 20), mention.start)
    scale_word = SCALE_WORD.search(mention.text)
    if match is None or scale_word is None or not mention.text[:1].isdigit():
        return None
    scale = _scale_value(scale_word.group(1))
    if not 0 < mention.value < 1000 * scale:
        return None
    return match.start(), float(match.group(1)) * 1000 * scale


def _scaled_before(text: str, mention: Mention) -> tuple[int, float] | None:
    """'139 trillion' printed just before '100 billion soums': (its start, its value), when its scale is
    above the amount's."""
    match = SCALED_BEFORE.search(text, max(0, mention.start - 30), mention.start)
    if match is None or not mention.text[:1].isdigit():
        return None
    value = parse_number(match.group(1)) * _scale_value(match.group(2))
    scale = _scale_value(match.group(2))
    return (match.start(), value) if 0 < mention.value < scale else None


def _inherit_currency(text: str, mentions: list[Mention]) -> list[Mention]:
    """Bare scaled amounts ('Switzerland – 25.8 billion') take the currency of the money just before."""
    result: list[Mention] = []
    previous: Mention | None = None  # the last money with a currency
    for mention in mentions:
        if mention.kind == "money" and mention.inherits_currency:
            paragraph_start = text.rfind("\n\n", previous.start if previous else 0, mention.start)
            if previous is None or previous.start < paragraph_start:
                continue
            mention = Mention(mention.start, mention.end, mention.text, "money", mention.value,
                              previous.currency, mention.is_range, True)
        if mention.kind == "money" and mention.currency:
            previous = mention
        result.append(mention)
    return result
