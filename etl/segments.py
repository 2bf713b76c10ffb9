"""An article's finished rows — its lines of every output table and of the fact spill — rendered once
and kept in the cache, so a re-run writes an unchanged article's rows as text instead of extracting,
reviewing, deriving and rendering it again.

A segment is keyed by the extractor's version, the file's name and its bytes, and holds the digest
of the review decisions applied to it: a segment is reused only while all four are unchanged.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from etl.derive import DERIVED_COLUMNS
from etl.facts import FactInput, spill_line
from etl.models import ARTICLE_COLUMNS, FIGURE_COLUMNS, TEXT_COLUMNS, Article, Figure
from etl.reviews import Decision
from etl.write import render_rows

TABLES = ("articles", "texts", "figures", "derived")


@dataclass
class Segment:
    article_id: str
    source_file: str
    reviews_digest: str  # of the decisions applied to its rows
    tables: dict[str, str]  # table name → its rendered CSV lines for this article
    spill: str  # the fact-spill lines of its figures
    figure_count: int
    rejected: list[Figure] = field(default_factory=list)
    unapplied: list[tuple[Decision, str]] = field(default_factory=list)

    def record(self) -> tuple[object, ...]:
        """The segment as a row of the cache's ``segments`` table (after its key)."""
        extra = json.dumps({"rejected": [asdict(f) for f in self.rejected],
                            "unapplied": [[asdict(d), why] for d, why in self.unapplied]}, ensure_ascii=False) \
            if self.rejected or self.unapplied else ""
        return (self.article_id, self.source_file, self.reviews_digest, *(self.tables[t] for t in TABLES),
                self.spill, self.figure_count, extra)

    @classmethod
    def from_record(cls, row: tuple[object, ...]) -> Segment:
        article_id, source_file, digest, *texts, spill, figure_count, extra = (str(v) for v in row)
        segment = cls(article_id, source_file, digest, dict(zip(TABLES, texts, strict=True)), spill,
                      int(figure_count))
        if extra:
            data = json.loads(extra)
            segment.rejected = [Figure(**f) for f in data["rejected"]]
            segment.unapplied = [(Decision(**d), why) for d, why in data["unapplied"]]
        return segment


def render_segment(article: Article, figures: list[Figure], derived: list[dict[str, object]], reviews: str,
                   rejected: list[Figure], unapplied: list[tuple[Decision, str]]) -> Segment:
    tables = {"articles": render_rows(ARTICLE_COLUMNS, [article.row()]),
              "texts": render_rows(TEXT_COLUMNS, [{"article_id": article.article_id, "text": article.text}]),
              "figures": render_rows(FIGURE_COLUMNS, [f.row() for f in figures]),
              "derived": render_rows(DERIVED_COLUMNS, derived)}
    spill = "".join(spill_line(FactInput.of(f, article)) for f in figures)
    return Segment(article.article_id, article.source_file, reviews, tables, spill, len(figures), rejected,
                   unapplied)


def segment_key(version: str, name: str, raw: bytes) -> str:
    """The key of a file's segment: the extractor's version, the file's name and its bytes (hashed
    as they are, so a kept segment is found without decoding the file)."""
    return hashlib.sha256(f"{version}\0{name}\0".encode() + hashlib.sha256(raw).digest()).hexdigest()


def reviews_digest(decisions: list[Decision]) -> str:
    """A digest of an article's review decisions ("" when it has none)."""
    if not decisions:
        return ""
    return hashlib.sha256(json.dumps([asdict(d) for d in decisions], sort_keys=True).encode("utf-8")).hexdigest()
