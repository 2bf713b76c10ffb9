"""The review queue: the figures nobody has reviewed, least confident first (issue 12).

An analyst's ten minutes are best spent on the figures most likely to be wrong: the queue lists every
unreviewed figure of every article by its confidence, lowest first, with the field most likely to be
wrong and the words that decided it. A reviewed figure (confirmed, corrected or added) is certain and
leaves the queue. The same order serves ``python -m etl review --queue`` and the dashboard's Review page.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from etl.errors import InputError

DEFAULT_THRESHOLD = 0.7  # under it, an unreviewed figure is marked on the overview and in briefings
QUEUE_COLUMNS = ("figure_id", "article_id", "text", "confidence", "doubtful_field", "reasons", "reviewed")


@dataclass(frozen=True)
class QueueEntry:
    figure_id: str
    article_id: str
    text: str
    confidence: float
    doubtful_field: str
    reason: str  # the doubtful field's reason
    char_start: int


def confidence_of(row: Mapping[str, object], source: str = "figures.csv") -> float:
    """A row's confidence as a number in 0..1; a reviewed figure is certain. A missing or broken value is a
    clear error naming the table, not a silent 0."""
    if str(row.get("reviewed") or "").strip():
        return 1.0
    raw = row.get("confidence")
    try:
        value = float(str(raw).strip())
    except (TypeError, ValueError):
        raise InputError(source, f"figure {row.get('figure_id', '?')} has no readable confidence ({raw!r}); "
                         "rebuild the tables with `make data` or `python -m etl extract`") from None
    if math.isnan(value) or not 0.0 <= value <= 1.0:
        raise InputError(source, f"figure {row.get('figure_id', '?')} has confidence {raw!r}, outside 0..1")
    return value


def first_reason(reasons: object) -> str:
    """The doubtful field's reason: the first of the ' | '-separated reasons."""
    return str(reasons or "").split(" | ")[0].strip()


def review_queue(rows: Iterable[Mapping[str, object]], *, limit: int | None = None,
                 source: str = "figures.csv") -> list[QueueEntry]:
    """The unreviewed figures, least confident first (then in reading order within an article)."""
    missing = None
    entries = []
    for row in rows:
        if missing is None:
            missing = [c for c in QUEUE_COLUMNS if c not in row]
            if missing:
                raise InputError(source, f"no {', '.join(missing)} column; rebuild the tables with `make data` "
                                 "or `python -m etl extract`")
        if str(row.get("reviewed") or "").strip():
            continue
        try:
            start = int(float(str(row.get("char_start") or 0)))
        except ValueError:
            start = 0
        entries.append(QueueEntry(str(row["figure_id"]), str(row["article_id"]), str(row["text"]),
                                  confidence_of(row, source), str(row.get("doubtful_field") or ""),
                                  first_reason(row.get("reasons")), start))
    entries.sort(key=lambda e: (e.confidence, e.article_id, e.char_start, e.figure_id))
    return entries[:limit] if limit is not None else entries
