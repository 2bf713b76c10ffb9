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
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from etl import field_rules
from etl.confidence import certain
from etl.extract import figure_id
from etl.mentions import unit_of_count
from etl.models import Article, Figure, format_value
from etl.text import Span, sentence_at
from etl.vocabulary import ACTIONS, EDITABLE
from etl.write import atomic_write_files, csv_text

REVIEW_COLUMNS = ["review_id", "figure_id", "article_id", "action", "field", "old_value", "new_value", "reviewer",
                  "timestamp", "note"]
ADD_FIELDS = [*EDITABLE, "text", "occurrence"]  # what an added figure's JSON may name


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
    """Why a decision cannot be recorded, or None: the corrected value is checked against the data
    package's rules for its field (``etl.field_rules``), an added figure's fields likewise."""
    try:
        normalized(decision)
    except field_rules.FieldValueError as error:
        return str(error)
    return None


def normalized(decision: Decision) -> Decision:
    """The decision with its new value as the data writes it ('kaz' → 'KAZ'); FieldValueError if it
    cannot be recorded."""
    problem = _shape_problem(decision)
    if problem:
        raise field_rules.FieldValueError(problem)
    if decision.action == "correct":
        return replace(decision, new_value=field_rules.check(decision.field, decision.new_value))
    if decision.action == "add":
        return replace(decision, new_value=json.dumps(added_spec(decision.new_value), ensure_ascii=False))
    return decision


def _shape_problem(decision: Decision) -> str | None:
    if decision.action not in ACTIONS:
        return f"unknown action {decision.action!r} (one of {', '.join(ACTIONS)})"
    if not re.fullmatch(r"[0-9a-f]{16}", decision.figure_id or ""):
        return f"figure_id {decision.figure_id!r} is not a flowcite figure id"
    if decision.action == "correct" and decision.field not in EDITABLE:
        return f"field {decision.field!r} cannot be corrected (one of {', '.join(EDITABLE)})"
    if not decision.reviewer.strip():
        return "a decision needs the reviewer's name"
    return None


def added_spec(new_value: str) -> dict[str, object]:
    """An added figure's fields, each checked like a correction of it."""
    try:
        spec = json.loads(new_value)
    except json.JSONDecodeError:
        raise field_rules.FieldValueError("an added figure needs its fields as JSON in new_value") from None
    if not isinstance(spec, dict) or not isinstance(spec.get("text"), str) or not spec["text"].strip():
        raise field_rules.FieldValueError("an added figure needs at least its text")
    unknown = [str(key) for key in spec if key not in ADD_FIELDS]
    if unknown:
        raise field_rules.FieldValueError(f"an added figure has no field {unknown[0][:40]!r}")
    occurrence = spec.get("occurrence", 1) or 1
    if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
        raise field_rules.FieldValueError(f"occurrence {occurrence!r} is not a whole number from 1")
    checked: dict[str, object] = {"text": spec["text"], "occurrence": occurrence}
    for name in EDITABLE:
        value = spec.get(name)
        if value is None or value == "":
            continue
        if name == "entities" and isinstance(value, list):
            value = ";".join(str(v) for v in value)
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise field_rules.FieldValueError(f"{name} of an added figure is not a value")
        checked[name] = field_rules.check(name, str(value))
    return checked


@dataclass(frozen=True)
class SkippedRow:
    """A row of the log that cannot be applied (edited by hand, or written by an older version)."""

    file: str
    line: int
    problem: str

    def __str__(self) -> str:
        return f"{self.file} line {self.line}: skipped, {self.problem}"


@dataclass
class ReviewLog:
    decisions: list[Decision] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)


def read_log(path: Path) -> ReviewLog:
    """Every decision in the log, in the order made (a missing log is an empty one), and the rows
    that had to be skipped, by line number. Raises ReviewLogError only when the file as a whole
    cannot be read as the log (not UTF-8, not CSV, its columns missing)."""
    log = ReviewLog()
    if not path.exists():
        return log
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ReviewLogError(f"{path.name}: not valid UTF-8 (byte {error.start})") from error
    except OSError as error:
        raise ReviewLogError(f"{path.name}: cannot be read ({error.strerror or error})") from error
    if not text.strip():
        return log
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        missing = [c for c in REVIEW_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ReviewLogError(f"{path.name}: missing columns {', '.join(missing)}")
        for row in reader:
            line = reader.line_num
            if None in row or any(value is None for value in row.values()):
                log.skipped.append(SkippedRow(path.name, line, "wrong number of fields"))
                continue
            decision = Decision(**{name: row[name] for name in REVIEW_COLUMNS})
            try:
                log.decisions.append(normalized(decision))
            except field_rules.FieldValueError as error:
                log.skipped.append(SkippedRow(path.name, line, str(error)))
    except csv.Error as error:
        raise ReviewLogError(f"{path.name} line {reader.line_num}: not CSV ({error})") from error
    return log


def append_decisions(path: Path, decisions: Iterable[Decision]) -> list[Decision]:
    """Append decisions to the log (the caller holds the data folder's lock); earlier rows are kept as
    they were, and the new file replaces the old one in one rename."""
    new = []
    for decision in decisions:
        try:
            new.append(stamped(normalized(decision)))
        except field_rules.FieldValueError as error:
            raise ReviewLogError(f"{path.name}: cannot record the decision on {decision.figure_id or 'a figure'}: "
                                 f"{error}") from error
    existing = path.read_bytes().decode("utf-8") if path.exists() else ""  # bytes kept exactly as they were
    if existing.strip():
        read_log(path)  # refuse to build on a log that cannot be read as one
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
        extracted = figure.extracted_value or format_value(figure.value)
        updated.value = float(value)
        updated.extracted_value = "" if float(extracted) == updated.value else extracted
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


def locate(article: Article, text: str, occurrence: int = 1) -> tuple[int, int, Span] | None:
    """(start, end, sentence) of the occurrence-th standalone appearance of ``text`` in the article; the
    sentence is the one extraction gives a figure at that place (the same splitter, ``etl.text``)."""
    if not text or occurrence < 1:
        return None
    positions = _standalone_positions(article.text, text)
    if len(positions) < occurrence:
        return None
    start = positions[occurrence - 1]
    end = start + len(text)
    return start, end, sentence_at(article.text, start)


def added_figure(decision: Decision, article: Article) -> Figure | None:
    spec = json.loads(decision.new_value)
    found = locate(article, str(spec["text"]), int(spec.get("occurrence", 1) or 1))
    if found is None:
        return None
    start, end, sentence = found
    figure = Figure(figure_id=figure_id(article.article_id, start, end), article_id=article.article_id,
                    text=str(spec["text"]), char_start=start, char_end=end, quote=sentence.slice(article.text),
                    kind=str(spec.get("kind") or "money"), value=float(spec.get("value") or 0),
                    sentence_start=sentence.start)
    if figure.kind == "count":
        figure = replace(figure, unit=unit_of_count(figure.text))
    for name in EDITABLE:
        if name in spec and name not in ("value", "kind") and spec[name] is not None:
            figure = _set(figure, name, str(spec[name]) if name != "entities" else
                          ";".join(spec[name]) if isinstance(spec[name], list) else str(spec[name]))
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
    ordered = sorted((certain(by_id[i]) if by_id[i].reviewed else by_id[i] for i in dict.fromkeys(order) if i in by_id),
                     key=lambda f: (position.get(f.article_id, len(position)), f.char_start, f.char_end))
    return Applied(ordered, list(rejected.values()), unapplied)
