"""The review log: analysts' decisions on figures, kept in an append-only CSV and applied on every run.

Each row is one decision: confirm a figure, correct one field, reject it, restore it, or add a
figure the extractor missed. Figure ids depend only on the article and the span, so a decision
survives re-extraction; a decision whose figure no longer exists is reported, never dropped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from etl.extract import figure_id
from etl.models import Article, Figure
from etl.write import atomic_write_files, csv_text

REVIEW_COLUMNS = ["review_id", "figure_id", "article_id", "action", "field", "old_value", "new_value", "reviewer",
                  "timestamp", "note"]
ACTIONS = ["confirm", "correct", "reject", "restore", "add"]
EDITABLE = ["value", "currency", "qualifier", "metric", "basis", "period_start", "period_end", "source_country",
            "target_country", "entities", "kind"]
REVIEW_STATES = ["", "confirmed", "corrected", "added"]


class ReviewLogError(ValueError):
    """The review log cannot be read; the message names the file, the row and the problem."""


@dataclass(frozen=True)
class Decision:
    figure_id: str
    article_id: str
    action: str
    field: str = ""
    old_value: str = ""
    new_value: str = ""
    reviewer: str = ""
    timestamp: str = ""
    note: str = ""
    review_id: str = ""

    def row(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in REVIEW_COLUMNS}


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def stamped(decision: Decision) -> Decision:
    """The decision with its timestamp and a review_id that identifies it in the log."""
    timestamp = decision.timestamp or now()
    key = "|".join([decision.figure_id, decision.action, decision.field, decision.new_value, decision.reviewer,
                    timestamp])
    return replace(decision, timestamp=timestamp, review_id=hashlib.sha256(key.encode()).hexdigest()[:16])


def validate(decision: Decision) -> str | None:
    """Why a decision cannot be recorded, or None."""
    if decision.action not in ACTIONS:
        return f"unknown action {decision.action!r} (one of {', '.join(ACTIONS)})"
    if not re.fullmatch(r"[0-9a-f]{16}", decision.figure_id or ""):
        return f"figure_id {decision.figure_id!r} is not a flowcite figure id"
    if decision.action == "correct" and decision.field not in EDITABLE:
        return f"field {decision.field!r} cannot be corrected (one of {', '.join(EDITABLE)})"
    if decision.action == "correct" and decision.field == "value":
        try:
            float(decision.new_value)
        except ValueError:
            return f"value {decision.new_value!r} is not a number"
    if decision.action == "add":
        try:
            spec = json.loads(decision.new_value)
        except json.JSONDecodeError:
            return "an added figure needs its fields as JSON in new_value"
        if not isinstance(spec, dict) or not spec.get("text"):
            return "an added figure needs at least its text"
    if not decision.reviewer.strip():
        return "a decision needs the reviewer's name"
    return None


def read_log(path: Path) -> list[Decision]:
    """Every decision in the log, in the order made. A missing log is an empty one."""
    if not path.exists():
        return []
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ReviewLogError(f"{path.name}: not valid UTF-8 (byte {error.start})") from error
    if not text.strip():
        return []
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REVIEW_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ReviewLogError(f"{path.name}: missing columns {', '.join(missing)}")
    decisions = []
    for number, row in enumerate(reader, start=2):
        if None in row or any(value is None for value in row.values()):
            raise ReviewLogError(f"{path.name} row {number}: wrong number of fields")
        decision = Decision(**{name: row[name] for name in REVIEW_COLUMNS})
        problem = validate(decision)
        if problem:
            raise ReviewLogError(f"{path.name} row {number}: {problem}")
        decisions.append(decision)
    return decisions


def append_decisions(path: Path, decisions: Iterable[Decision]) -> list[Decision]:
    """Append decisions to the log (the caller holds the data folder's lock); earlier rows are kept as
    they were, and the new file replaces the old one in one rename."""
    new = [stamped(d) for d in decisions]
    for decision in new:
        problem = validate(decision)
        if problem:
            raise ReviewLogError(f"{path.name}: cannot record decision on {decision.figure_id}: {problem}")
    existing = path.read_bytes().decode("utf-8") if path.exists() else ""  # bytes kept exactly as they were
    if existing.strip():
        read_log(path)  # refuse to build on a damaged log
        addition = csv_text(REVIEW_COLUMNS, [d.row() for d in new]).split("\r\n", 1)[1]
        content = existing if existing.endswith(("\n", "\r\n")) else existing + "\r\n"
        content += addition
    else:
        content = csv_text(REVIEW_COLUMNS, [d.row() for d in new])
    atomic_write_files({path: content})
    return new


@dataclass
class Applied:
    figures: list[Figure]
    rejected: list[Figure]
    unapplied: list[tuple[Decision, str]]  # decision, why it no longer applies


def _set(figure: Figure, field: str, value: str) -> Figure:
    """A copy of the figure with one field corrected (text from the log, typed for the field)."""
    updated = replace(figure)
    if field == "value":
        updated.value = float(value)
    elif field == "entities":
        updated.entities = [v.strip() for v in value.split(";") if v.strip()]
    elif field in ("currency", "source_country", "target_country"):
        setattr(updated, field, value.strip().upper())
    else:
        setattr(updated, field, value.strip())
    return updated


def _standalone_positions(text: str, needle: str) -> list[int]:
    positions = []
    start = text.find(needle)
    while start >= 0:
        before, after = text[max(0, start - 1):start], text[start + len(needle):start + len(needle) + 1]
        if not (before.isalnum() and needle[:1].isalnum()) and not (after.isdigit() and needle[-1:].isdigit()):
            positions.append(start)
        start = text.find(needle, start + 1)
    return positions


def locate(article: Article, text: str, occurrence: int = 1) -> tuple[int, int, str] | None:
    """(start, end, sentence) of the occurrence-th standalone appearance of ``text`` in the article."""
    positions = _standalone_positions(article.text, text)
    if not text or len(positions) < occurrence or occurrence < 1:
        return None
    start = positions[occurrence - 1]
    end = start + len(text)
    left = max(article.text.rfind(". ", 0, start) + 2, article.text.rfind("\n", 0, start) + 1, 0)
    right_candidates = [i for i in (article.text.find(". ", end), article.text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(article.text)
    return start, end, article.text[left:right].strip()


def added_figure(decision: Decision, article: Article) -> Figure | None:
    spec = json.loads(decision.new_value)
    found = locate(article, str(spec["text"]), int(spec.get("occurrence", 1) or 1))
    if found is None:
        return None
    start, end, quote = found
    figure = Figure(figure_id=figure_id(article.article_id, start, end), article_id=article.article_id,
                    text=str(spec["text"]), char_start=start, char_end=end, quote=quote,
                    kind=str(spec.get("kind") or "money"), value=float(spec.get("value") or 0),
                    sentence_start=article.text.find(quote) if quote else start)
    for field in EDITABLE:
        if field in spec and field not in ("value", "kind") and spec[field] is not None:
            figure = _set(figure, field, str(spec[field]) if field != "entities" else
                          ";".join(spec[field]) if isinstance(spec[field], list) else str(spec[field]))
    return replace(figure, reviewed="added")


def apply_reviews(figures: list[Figure], articles: list[Article], decisions: list[Decision]) -> Applied:
    """The figures as the analysts decided: pure, in log order, later decisions over earlier ones."""
    by_id = {f.figure_id: f for f in figures}
    order = [f.figure_id for f in figures]
    rejected: dict[str, Figure] = {}
    unapplied: list[tuple[Decision, str]] = []
    articles_by_id = {a.article_id: a for a in articles}
    for decision in decisions:
        if decision.action == "add":
            article = articles_by_id.get(decision.article_id)
            if article is None:
                unapplied.append((decision, "its article is no longer in the corpus"))
                continue
            figure = added_figure(decision, article)
            if figure is None:
                unapplied.append((decision, "its text is not in the article"))
                continue
            if figure.figure_id not in by_id:
                order.append(figure.figure_id)
            rejected.pop(figure.figure_id, None)
            by_id[figure.figure_id] = figure
            continue
        figure = by_id.get(decision.figure_id) or rejected.get(decision.figure_id)
        if figure is None:
            unapplied.append((decision, "the figure no longer exists (its article changed or was removed)"))
            continue
        if decision.action == "reject":
            rejected[figure.figure_id] = by_id.pop(figure.figure_id, figure)
        elif decision.action == "restore":
            by_id[figure.figure_id] = rejected.pop(figure.figure_id, figure)
        elif decision.action == "confirm":
            if figure.figure_id in by_id:
                by_id[figure.figure_id] = replace(figure, reviewed=figure.reviewed or "confirmed")
        else:
            updated = replace(_set(figure, decision.field, decision.new_value),
                              reviewed="added" if figure.reviewed == "added" else "corrected")
            if figure.figure_id in rejected:
                rejected[figure.figure_id] = updated
            else:
                by_id[figure.figure_id] = updated
    position = {a.article_id: i for i, a in enumerate(articles)}
    ordered = sorted((by_id[i] for i in dict.fromkeys(order) if i in by_id),
                     key=lambda f: (position.get(f.article_id, len(position)), f.char_start, f.char_end))
    return Applied(ordered, list(rejected.values()), unapplied)
