"""Qualifier, metric, basis and sign of a figure, from cue words around it (lexicons are data).

A cue counts more the nearer it stands to the figure: ``1 / (1 + distance)`` with distance in words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache

from etl.lexicon import alternation, load
from etl.memo import text_cache

WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d.,]*|[%$€£¥₹]")


RUN = re.compile(r"[\w-]+")


@cache
def _cue_index(words: tuple[str, ...]) -> dict[str, list[str]]:
    """Cues (lower case) by their first run of word characters and hyphens, longest cue first."""
    index: dict[str, list[str]] = {}
    for cue in sorted({w.lower() for w in words}, key=lambda w: (-len(w), w)):
        first = RUN.match(cue)
        if first is not None:
            index.setdefault(first.group(), []).append(cue)
    return index


@text_cache(maxsize=64)
def _runs(text: str) -> tuple[tuple[int, str], ...]:
    """(start, lower-cased run) of every run of word characters and hyphens in a text."""
    return tuple((m.start(), m.group().lower()) for m in RUN.finditer(text))


@text_cache(maxsize=64)
def _run_starts(text: str) -> tuple[dict[str, list[int]], dict[int, str]]:
    """Where each lower-cased run of word characters and hyphens starts in a text, in order; and the
    run at each start."""
    starts: dict[str, list[int]] = {}
    at: dict[int, str] = {}
    for start, run in _runs(text):
        starts.setdefault(run, []).append(start)
        at[start] = run
    return starts, at


@text_cache(maxsize=256)
def _cues_in_text(text: str, words: tuple[str, ...]) -> tuple[list[int], list[tuple[int, int, str]]]:
    """Every cue of a word list in a whole text, leftmost and longest first, not overlapping — what a
    case-insensitive alternation bounded by non-word, non-hyphen characters finds. A cue starts where a
    run of word characters starts, so only the runs that open some cue are tried, found through the
    text's index of runs (built once per text, shared by every word list); each word list is matched
    once per text (the figures of an article ask about the same clauses and sentences many times).
    The starts list is for bisection."""
    index = _cue_index(words)
    run_starts, runs = _run_starts(text)
    opening = sorted(start for run in index.keys() & run_starts.keys() for start in run_starts[run])
    found: list[tuple[int, int, str]] = []
    taken = 0
    for start in opening:
        if start < taken:
            continue
        for cue in index[runs[start]]:
            end = start + len(cue)
            if text[start:end].lower() == cue and (end == len(text) or not _joins(text[end])):
                found.append((start, end, cue))
                taken = end
                break
    return [cue[0] for cue in found], found


def _joins(char: str) -> bool:
    return char.isalnum() or char in "_-"


_TUPLES: dict[int, tuple[Sequence[str], tuple[str, ...]]] = {}


def _as_tuple(words: Sequence[str]) -> tuple[str, ...]:
    """A word list as the tuple the cue cache keys on, converted once per list: the lexicons' lists live as
    long as the process, and each kept entry holds its list, so an id is never reused while it is kept."""
    if isinstance(words, tuple):
        return words
    kept = _TUPLES.get(id(words))
    if kept is None or kept[0] is not words:
        if len(_TUPLES) > 4096:  # lists made on the fly: forget them now and then
            _TUPLES.clear()
        kept = (words, tuple(words))
        _TUPLES[id(words)] = kept
    return kept[1]


def find_cues(text: str, start: int, end: int, words: Sequence[str], *,
              names: bool = True) -> list[tuple[int, int, str]]:
    """(start, end, cue) for every cue word or phrase in ``text[start:end]``; without ``names``, not the
    words of a name ('the Department for Promotion of Industry and Internal Trade')."""
    if not words or start >= end:
        return []
    starts, found = _cues_in_text(text, _as_tuple(words))
    result = []
    for index in range(bisect_left(starts, start), len(found)):
        cue = found[index]
        if cue[0] >= end:
            break
        if cue[1] <= end and (names or not _in_name(text, cue[0], (start, end))):
            result.append(cue)
    return result


def word_distance(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    """Words strictly between two spans."""
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    return len(WORD.findall(text[lo:hi])) if hi > lo else 0


def score_cues(text: str, scope: tuple[int, int], figure: tuple[int, int], lexicon: dict[str, list[str]],
               skip: list[tuple[int, int]] = (), max_distance: int | None = None) -> dict[str, float]:  # type: ignore[assignment]
    """Each label's cue weight around a figure within ``scope``; cues inside ``skip`` spans, and cues
    more than ``max_distance`` words after the figure, are ignored."""
    labels, cue_to_label, cues = _label_index(id(lexicon), lexicon)
    scores = dict.fromkeys(labels, 0.0)
    for cue_start, cue_end, cue in find_cues(text, scope[0], scope[1], cues):
        label = cue_to_label.get(cue, "")
        if not label or (cue_start < figure[1] and figure[0] < cue_end):
            continue
        if any(a <= cue_start < b for a, b in skip):
            continue
        distance = word_distance(text, (cue_start, cue_end), figure)
        if max_distance is not None and distance > max_distance and cue_start >= figure[1]:
            continue
        scores[label] += 1.0 / (1 + distance)
    return scores


_LABEL_INDEXES: dict[int, tuple[dict[str, list[str]], list[str], dict[str, str], list[str]]] = {}


def _label_index(key: int, lexicon: dict[str, list[str]]) -> tuple[list[str], dict[str, str], list[str]]:
    """(labels, cue → label, cue words) of a lexicon section; built once per section (lexicons are loaded once)."""
    kept = _LABEL_INDEXES.get(key)
    if kept is None or kept[0] is not lexicon:
        labels = [label for label in lexicon if not label.startswith("_")]
        cue_to_label: dict[str, str] = {}
        for label in labels:
            for word in lexicon[label]:
                cue_to_label.setdefault(word.lower(), label)
        for word in lexicon.get("_neutral", []):
            cue_to_label[word.lower()] = ""
        kept = (lexicon, labels, cue_to_label, list(cue_to_label))
        _LABEL_INDEXES[key] = kept
    return kept[1], kept[2], kept[3]


def best(scores: dict[str, float]) -> str | None:
    label, value = max(scores.items(), key=lambda item: item[1], default=("", 0.0))
    return label if value > 0 else None


@cache
def _qualifier_pattern() -> re.Pattern[str]:
    """Every qualifier's words as one pattern, a named group per qualifier in the lexicon's order: the
    leftmost match wins (the words that start earliest bound the figure), and at one start the first
    qualifier listed."""
    lexicon = load("qualifiers")
    groups = "|".join(f"(?P<{label}>{alternation(words)})" for label, words in lexicon.items()
                      if label != "not_qualifiers")
    return re.compile(rf"(?<![\w-])(?:{groups})\s*$", re.IGNORECASE)


@cache
def _not_qualifier() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){alternation(load('qualifiers')['not_qualifiers'])}\s*$", re.IGNORECASE)


QUALIFIER_FILLER = re.compile(r"(?:\b(?:worth|of|a\s+total\s+of|totalling|totaling|valued\s+at|at|to|by)\s*)$",
                              re.IGNORECASE)
UP_TO = re.compile(r"(?:up\s+to|close\s+to)\s*$", re.IGNORECASE)


def find_qualifier(text: str, start: int) -> tuple[str, int]:
    """(qualifier, start of the qualifier words) for a figure starting at ``start``."""
    before = text[max(0, start - 40):start]
    before = QUALIFIER_FILLER.sub("", before) if not UP_TO.search(before) else before
    if _not_qualifier().search(before):
        return ("exact", start)
    match = _qualifier_pattern().search(before)
    if match is None or match.lastgroup is None:
        return ("exact", start)
    return (match.lastgroup, max(0, start - 40) + match.start())


DECLINE = re.compile(r"(?<![\w-])(?:fell|fall|fallen|falling|falls|down|declined?|declining|declines|dropped|"
                     r"drops?|dropping|slipped|slips?|decreased?|decreasing|lower|less|shrank|shrunk|contracted|"
                     r"plunged|slumped|tumbled|sank|lost|reduced|reduction|decline)(?![\w-])", re.IGNORECASE)


def is_decline(text: str, scope: tuple[int, int], figure: tuple[int, int]) -> bool:
    """True when the growth cue nearest the figure speaks of a fall (cues with no direction, such as
    'compared' or 'year-on-year', are passed over)."""
    lexicon = load("metric_cues")
    neutral = set(lexicon["direction_neutral"])  # 'a decrease of 18.6 percent compared to 2021'
    cues = [c for c in find_cues(text, scope[0], scope[1], lexicon["percent"]["growth_rate"]) if c[2] not in neutral]
    if not cues:
        return False
    nearest = min(cues, key=lambda c: (word_distance(text, (c[0], c[1]), figure), c[0] > figure[0]))
    return bool(DECLINE.fullmatch(text[nearest[0]:nearest[1]]))


def plan_words(text: str, start: int, end: int, section: str = "strong") -> list[tuple[int, int, str]]:
    """The cues of a section of the basis lexicon in ``text[start:end]``, but for those that name an office
    ('the planning ministry said', 'the licensing authority')."""
    return [c for c in find_cues(text, start, end, load("basis_cues")[section]) if not _names_an_office(text, c[1])]


def _names_an_office(text: str, end: int) -> bool:
    """True when the words after a cue ending at ``end`` are an institution: 'planning ministry', 'planning
    and investment ministry', 'planning commission'."""
    nouns = _institution_nouns()
    following = [w.lower() for w in WORD.findall(text, end, min(len(text), end + 40))[:3]]
    return bool(following) and (following[0] in nouns or (
        following[0] == "and" and len(following) == 3 and following[2] in nouns))


@cache
def _institution_nouns() -> frozenset[str]:
    return frozenset(load("basis_cues")["institution_nouns"])


def planned_cues(text: str, scope: tuple[int, int]) -> tuple[bool, bool]:
    """(strong, weak) planned cues in ``scope``, not counting 'X% of the plan' denominators."""
    lexicon = load("basis_cues")
    denominators = [(a, b) for a, b, _ in find_cues(text, scope[0], scope[1], lexicon["denominator"])]
    strong = [c for c in plan_words(text, scope[0], scope[1])
              if not any(a <= c[0] < b for a, b in denominators) and not _in_name(text, c[0], scope)]
    weak = [c for c in find_cues(text, scope[0], scope[1], lexicon["weak"]) if not _in_name(text, c[0], scope)]
    return bool(strong), bool(weak)


def approval_cues(text: str, scope: tuple[int, int], *, lending: bool = False) -> tuple[bool, bool]:
    """(approval, realized): words of approved, registered, licensed or committed investment in
    ``scope``, and words of realized or disbursed investment, which overrule them. 'Registered a 5%
    rise' is the verb 'recorded'; 'committed … in loans', or a commitment in a story about lending
    (``lending``), is a loan granted."""
    lexicon = load("basis_cues")
    approval = False
    for start, end, cue in plan_words(text, scope[0], scope[1], "approval"):
        if _in_name(text, start, scope):
            continue
        if cue.startswith("commit") and (lending or find_cues(text, scope[0], scope[1],
                                                              load("metric_cues")["lender_nouns"])):
            continue  # a loan committed is a loan granted: a deal, not a pledge
        if cue.startswith("regist"):
            following = WORD.findall(text[end:end + 30].lower())[:1]
            if following and following[0] in lexicon["recorded_words"]:
                continue
        approval = True
        break
    realized = bool(find_cues(text, scope[0], scope[1], lexicon["realized"]))
    return approval, realized


def _in_name(text: str, start: int, scope: tuple[int, int]) -> bool:
    """True for a capitalized word inside a name ('the Ministry of Planning and Investment', 'Target
    Corp.'): not the first word of a sentence or quote, and not in a headline written in title case."""
    if not text[start].isupper():
        return False
    before = text[scope[0]:start].rstrip()
    if not before or before[-1] in ".!?:;\"“‘'(—–-":
        return False
    words = WORD.findall(text[scope[0]:scope[1]])
    return sum(w[0].isupper() for w in words) < 0.6 * len(words)
