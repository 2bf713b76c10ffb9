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
# Every run of punctuation or spaces is tried from its first character only ('(?<!…)'): tried from
# each, a run of ten thousand dots or spaces costs the square of its length.
SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9$€£¥₹])")
CLAUSE_BREAK = re.compile(
    r";|,\s+(?:and|but|while|whereas|although|though|however|with|including)\s+|(?<!\s)\s+(?:while|whereas|—)\s+")
# No sentence of news prose is this long; a longer run of text (a list pasted without full stops, a
# crafted file) is cut into pieces of at most this many characters, at a clause or word boundary, so
# the work done per sentence stays bounded and the whole article's stays linear in its length.
MAX_SENTENCE = 2000
PIECE_BREAK = re.compile(r"[;,]\s+|\s+")


TOKEN_BEFORE = re.compile(r"[A-Za-z][A-Za-z.]*$")


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
    word = TOKEN_BEFORE.search(text, max(0, dot - 40), dot)  # a bounded look back: never the whole line
    if not word:
        return False
    token = word.group().lower()
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
                spans.extend(_pieces(text, _trim(text, line.start + start, line.start + end)))
            start = end
        if chunk[start:].strip():
            spans.extend(_pieces(text, _trim(text, line.start + start, line.end)))
    return spans


def sentence_at(text: str, position: int) -> Span:
    """The sentence that holds ``position``, as ``sentences`` splits the text (an empty span at the
    position when it falls between sentences)."""
    for span in sentences(text):
        if span.start <= position < span.end:
            return span
    return Span(position, position)


def _pieces(text: str, sentence: Span) -> list[Span]:
    """The sentence, or pieces of it of at most MAX_SENTENCE characters, each cut after the last clause
    break (else space) that fits; a run with neither is cut hard."""
    pieces = []
    start = sentence.start
    while sentence.end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = limit
        breaks = [m for m in PIECE_BREAK.finditer(text, start + MAX_SENTENCE // 2, limit) if m.end() < limit]
        clause = [m for m in breaks if m.group()[0] in ";,"]
        if clause or breaks:
            chosen = (clause or breaks)[-1]
            cut = chosen.start() + (1 if chosen.group()[0] in ";," else 0)
        pieces.append(_trim(text, start, cut))
        start = cut
    pieces.append(_trim(text, start, sentence.end))
    return [piece for piece in pieces if piece.end > piece.start]


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
