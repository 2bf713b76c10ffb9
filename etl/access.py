"""Read-only mode (issue 13): ``FLOWCITE_READ_ONLY=1`` makes every write path refuse.

A dashboard published for presenters or a wider audience shows the data and never changes it: the
Add and Review pages are hidden, and adding articles, recording decisions or rebuilding the tables —
from the pages or the command line — stops with one line before anything is written.
"""

from __future__ import annotations

import os

from etl.errors import InputError


class ReadOnlyError(InputError):
    """A write refused because flowcite runs read-only."""

    template = "{file}: {problem}"


def read_only() -> bool:
    return os.environ.get("FLOWCITE_READ_ONLY", "").strip().lower() in ("1", "true", "yes", "on")


def check_writable(what: str, where: str = "flowcite") -> None:
    """Raise ReadOnlyError naming what was refused when flowcite runs read-only."""
    if read_only():
        raise ReadOnlyError(where, f"read-only (FLOWCITE_READ_ONLY=1): {what} refused, nothing changed")
