"""The records that flow between the stages, and the CSV columns they become."""

from __future__ import annotations

from dataclasses import dataclass, field

ARTICLE_COLUMNS = ["article_id", "source_file", "title", "author", "publisher", "published", "url",
                   "format", "content_hash", "char_count", "undated"]

FIGURE_COLUMNS = ["figure_id", "article_id", "text", "char_start", "char_end", "quote", "kind", "value",
                  "currency", "qualifier", "metric", "basis", "period_start", "period_end", "source_country",
                  "target_country", "entities", "equivalent_of", "period_text", "sentence_start", "reviewed",
                  "unit", "extracted_value", "confidence", "confidence_value", "confidence_metric", "confidence_basis",
                  "confidence_period", "confidence_sides", "doubtful_field", "reasons"]

TEXT_COLUMNS = ["article_id", "text"]


@dataclass(frozen=True)
class Article:
    """One article as ingested: metadata plus the plain text every offset refers to."""

    article_id: str
    source_file: str
    title: str
    author: str
    publisher: str
    published: str
    url: str
    format: str
    content_hash: str
    text: str

    def row(self) -> dict[str, object]:
        return {"article_id": self.article_id, "source_file": self.source_file, "title": self.title,
                "author": self.author, "publisher": self.publisher, "published": self.published,
                "url": self.url, "format": self.format, "content_hash": self.content_hash,
                "char_count": len(self.text), "undated": not self.published}


@dataclass
class Figure:
    """One figure cited in an article, with its provenance."""

    figure_id: str
    article_id: str
    text: str
    char_start: int
    char_end: int
    quote: str
    kind: str
    value: float
    currency: str = ""
    qualifier: str = "exact"
    metric: str = "other"
    basis: str = "actual"
    period_start: str = ""
    period_end: str = ""
    source_country: str = ""
    target_country: str = ""
    entities: list[str] = field(default_factory=list)
    equivalent_of: str = ""
    period_text: str = ""
    sentence_start: int = 0
    reviewed: str = ""  # "" (automatic), confirmed, corrected or added by an analyst
    unit: str = ""  # for a count, what it counts ('projects'); else empty
    extracted_value: str = ""  # the value as extracted, when an analyst's correction changed it
    confidence: float = 0.0  # the probability that every field is right (etl.confidence); 1 once reviewed
    confidence_value: float = 0.0
    confidence_metric: float = 0.0
    confidence_basis: float = 0.0
    confidence_period: float = 0.0
    confidence_sides: float = 0.0
    doubtful_field: str = ""  # the field least likely to be right
    reasons: str = ""  # per field, the words that decided it, the doubtful field's first; ' | '-separated

    def row(self) -> dict[str, object]:
        row = {name: getattr(self, name) for name in FIGURE_COLUMNS}
        row["entities"] = ";".join(self.entities)
        row["value"] = format_value(self.value)
        return row


def format_value(value: float) -> str:
    """A number as plain decimal text: no exponent, no trailing zeros."""
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    text = repr(round(value, 6))
    return text if "e" not in text else f"{value:.6f}".rstrip("0").rstrip(".")
