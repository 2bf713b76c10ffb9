"""The review table: figures as an editable frame, and the decisions an edit amounts to (pure)."""

from __future__ import annotations

import pandas as pd

from dashboard import display
from etl import EDITABLE, Decision, FieldValueError, parse_value

DECISIONS = ["keep", "confirm", "reject"]
EDIT_COLUMNS = [c for c in EDITABLE if c != "kind"]
SHOWN = ["decision", "text", *EDIT_COLUMNS, "reviewed", "quote", "figure_id", "article_id"]


def editable_frame(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures as the editor shows them: a decision column first, every editable field as text."""
    frame = figures.copy()
    frame.insert(0, "decision", "keep")
    for column in SHOWN:
        if column not in frame.columns:
            frame[column] = ""
    # the value as text, so it can be typed as printed ('48.5 billion', '$48.5bn') or in base units
    frame["value"] = [display.number(float(v), 6) if str(v) not in ("", "nan") else ""
                      for v in pd.to_numeric(frame["value"], errors="coerce")]
    for column in EDIT_COLUMNS:
        frame[column] = frame[column].fillna("").astype(str)
    return frame[SHOWN].reset_index(drop=True)


def cell_text(value: object) -> str:
    """A cell as the review log records it: integers without a decimal point, empty for missing."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value).strip()


def decisions_from_edit(before: pd.DataFrame, after: pd.DataFrame, reviewer: str, note: str = "") -> list[Decision]:
    """Confirm or reject per row, and one correction per changed field."""
    decisions: list[Decision] = []
    for (_, old), (_, new) in zip(before.iterrows(), after.iterrows(), strict=True):
        figure_id, article_id = str(old["figure_id"]), str(old["article_id"])
        action = cell_text(new.get("decision"))
        if action == "reject":
            decisions.append(Decision(figure_id, article_id, "reject", reviewer=reviewer, note=note))
            continue
        for field in EDIT_COLUMNS:
            was, now = cell_text(old[field]), cell_text(new[field])
            if field == "value":
                try:
                    changed = _base(was) != _base(now)
                    was = display_to_plain(was)
                except FieldValueError:
                    changed = was != now  # recorded as typed: the log's check says what is wrong
            else:
                changed = was != now
            if changed:
                decisions.append(Decision(figure_id, article_id, "correct", field, was, now, reviewer, note=note))
        if action == "confirm":
            decisions.append(Decision(figure_id, article_id, "confirm", reviewer=reviewer, note=note))
    return decisions


def _base(text: str) -> float | None:
    return parse_value(text) if text else None


def display_to_plain(text: str) -> str:
    """'48,400,000,000' (as the editor shows it) → '48400000000' (as the log records it)."""
    number = _base(text)
    if number is None:
        return ""
    return str(int(number)) if number == int(number) else repr(number)


def logged(field: str, cell: object) -> str:
    """A cell of the editable frame as the review log records it (a value in base units)."""
    text = cell_text(cell)
    if field != "value":
        return text
    try:
        return display_to_plain(text)
    except FieldValueError:
        return text
