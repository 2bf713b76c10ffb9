"""Paragraphs, sentences and clauses of an article's plain text, as character spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "ltd", "co", "corp", "no", "vs", "etc", "e.g", "i.e",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "rs", "gov", "gen",
    "col", "lt", "sen", "rep", "approx", "est", "fig", "dept", "univ", "ave", "pres",
}
# scale words some outlets abbreviate with a period ('5 mln. USD'); before any other capitalized word
# the period ends the sentence ('reached $5.1 bln. Chinese companies ...')
SCALE_ABBREVIATIONS = {"mln", "bln", "trln", "mn", "bn", "tn", "thous"}
CURRENCY_CODE_NEXT = re.compile(r"\s+[A-Z]{3}\b")
SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9$€£¥₹])")
CLAUSE_BREAK = re.compile(
    r";|,\s+(?:and|but|while|whereas|although|though|however|with|including)\s+|\s+while\s+|\s+whereas\s+|\s+—\s+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start:self.end]

    def contains(self, position: int) -> bool:
        return self.start <= position < self.end


def paragraphs(text: str) -> list[Span]:
    """Blocks separated by blank lines."""
    spans = []
    for match in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", text):
        if match.group().strip():
            spans.append(Span(match.start(), match.end()))
    return spans


def lines(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` ends an abbreviation or an initial (U.S., Aug., Mr.)."""
    word = re.search(r"([A-Za-z][A-Za-z.]*)$", text[:dot])
    if not word:
        return False
    token = word.group(1).lower()
    if token in SCALE_ABBREVIATIONS:
        return bool(CURRENCY_CODE_NEXT.match(text, dot + 1))
    if token in ABBREVIATIONS or token.rstrip(".") in ABBREVIATIONS:
        return True
    return bool(re.fullmatch(r"(?:[a-z]\.)*[a-z]", token)) and len(token.replace(".", "")) <= 3


def sentences(text: str) -> list[Span]:
    """Sentence spans. Lines never join: a headline or list item is its own sentence."""
    spans: list[Span] = []
    for line in lines(text):
        chunk = line.slice(text)
        start = 0
        for match in SENTENCE_END.finditer(chunk):
            if match.group().startswith(".") and _is_abbreviation(chunk, match.start()):
                continue
            end = match.end()
            if chunk[start:end].strip():
                spans.append(_trim(text, line.start + start, line.start + end))
            start = end
        if chunk[start:].strip():
            spans.append(_trim(text, line.start + start, line.end))
    return spans


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def clauses(text: str, sentence: Span) -> list[Span]:
    """Clause spans inside a sentence, split at ';' and at coordinating ', and' / ', while' / ', but'."""
    chunk = sentence.slice(text)
    spans = []
    start = 0
    for match in CLAUSE_BREAK.finditer(chunk):
        spans.append(Span(sentence.start + start, sentence.start + match.start()))
        start = match.end()
    spans.append(Span(sentence.start + start, sentence.end))
    return [span for span in spans if span.end > span.start]


def is_list_item(text: str, sentence: Span) -> bool:
    line_start = text.rfind("\n", 0, sentence.start) + 1
    return bool(re.match(r"\s*(?:[-*•–]|\d+[.)])\s", text[line_start:sentence.end]))
