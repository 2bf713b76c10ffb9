"""Qualifier, metric, basis and sign of a figure, from cue words around it (lexicons are data).

A cue counts more the nearer it stands to the figure: ``1 / (1 + distance)`` with distance in words.
"""

from __future__ import annotations

import re
from functools import cache

from etl.lexicon import alternation, load

WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d.,]*|[%$€£¥₹]")


@cache
def _cue_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){alternation(list(words))}(?![\w-])", re.IGNORECASE)


def find_cues(text: str, start: int, end: int, words: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, cue) for every cue word or phrase in ``text[start:end]``."""
    if not words:
        return []
    return [(start + m.start(), start + m.end(), m.group().lower())
            for m in _cue_pattern(tuple(words)).finditer(text[start:end])]


def word_distance(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    """Words strictly between two spans."""
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    return len(WORD.findall(text[lo:hi])) if hi > lo else 0


def score_cues(text: str, scope: tuple[int, int], figure: tuple[int, int], lexicon: dict[str, list[str]],
               skip: list[tuple[int, int]] = ()) -> dict[str, float]:  # type: ignore[assignment]
    """Each label's cue weight around a figure within ``scope``; cues inside ``skip`` spans are ignored."""
    neutral = lexicon.get("_neutral", [])
    labels = {label: words for label, words in lexicon.items() if not label.startswith("_")}
    cue_to_label: dict[str, str] = {}
    for label, words in labels.items():
        for word in words:
            cue_to_label.setdefault(word.lower(), label)
    for word in neutral:
        cue_to_label[word.lower()] = ""
    scores = dict.fromkeys(labels, 0.0)
    for cue_start, cue_end, cue in find_cues(text, scope[0], scope[1], list(cue_to_label)):
        label = cue_to_label.get(cue, "")
        if not label or (cue_start < figure[1] and figure[0] < cue_end):
            continue
        if any(a <= cue_start < b for a, b in skip):
            continue
        scores[label] += 1.0 / (1 + word_distance(text, (cue_start, cue_end), figure))
    return scores


def best(scores: dict[str, float]) -> str | None:
    label, value = max(scores.items(), key=lambda item: item[1], default=("", 0.0))
    return label if value > 0 else None


@cache
def _qualifier_patterns() -> list[tuple[str, re.Pattern[str]]]:
    lexicon = load("qualifiers")
    return [(label, re.compile(rf"(?<![\w-]){alternation(words)}\s*$", re.IGNORECASE))
            for label, words in lexicon.items() if label != "not_qualifiers"]


@cache
def _not_qualifier() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){alternation(load('qualifiers')['not_qualifiers'])}\s*$", re.IGNORECASE)


def find_qualifier(text: str, start: int) -> tuple[str, int]:
    """(qualifier, start of the qualifier words) for a figure starting at ``start``."""
    before = text[max(0, start - 40):start]
    before = re.sub(r"(?:\b(?:worth|of|a\s+total\s+of|totalling|totaling|valued\s+at|at|to|by)\s*)$", "",
                    before, flags=re.IGNORECASE) if not re.search(r"(?:up\s+to|close\s+to)\s*$", before,
                                                                  re.IGNORECASE) else before
    if _not_qualifier().search(before):
        return ("exact", start)
    best_match: tuple[str, int] | None = None
    for label, pattern in _qualifier_patterns():
        match = pattern.search(before)
        position = max(0, start - 40) + match.start() if match else start
        if match and (best_match is None or position < best_match[1]):
            best_match = (label, position)
    return best_match if best_match else ("exact", start)


DECLINE = re.compile(r"(?<![\w-])(?:fell|fall|fallen|falling|falls|down|declined?|declining|declines|dropped|"
                     r"drops?|dropping|slipped|slips?|decreased?|decreasing|lower|less|shrank|shrunk|contracted|"
                     r"plunged|slumped|tumbled|sank|lost|reduced|reduction|decline)(?![\w-])", re.IGNORECASE)


def is_decline(text: str, scope: tuple[int, int], figure: tuple[int, int]) -> bool:
    """True when the growth cue nearest the figure speaks of a fall."""
    growth = load("metric_cues")["percent"]["growth_rate"]
    cues = find_cues(text, scope[0], scope[1], growth)
    if not cues:
        return False
    nearest = min(cues, key=lambda c: (word_distance(text, (c[0], c[1]), figure), c[0] > figure[0]))
    return bool(DECLINE.fullmatch(text[nearest[0]:nearest[1]]))


def planned_cues(text: str, scope: tuple[int, int]) -> tuple[bool, bool]:
    """(strong, weak) planned cues in ``scope``, not counting 'X% of the plan' denominators."""
    lexicon = load("basis_cues")
    denominators = [(a, b) for a, b, _ in find_cues(text, scope[0], scope[1], lexicon["denominator"])]
    strong = [c for c in find_cues(text, scope[0], scope[1], lexicon["strong"])
              if not any(a <= c[0] < b for a, b in denominators)]
    weak = find_cues(text, scope[0], scope[1], lexicon["weak"])
    return bool(strong), bool(weak)
