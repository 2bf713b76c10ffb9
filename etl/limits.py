"""How much one article may ask of the extractor. Beyond these it is refused with a one-line message,
so that no file — crafted or merely odd — can hold up a worker or the dashboard.

The size limits are deterministic; the time limit is a second line of defence behind scanners that
are linear in the text, for whatever a rule still makes slow.
"""

from __future__ import annotations

import os

MAX_BYTES = 5_000_000  # a file: HTML pages carry scripts and markup
MAX_TEXT_CHARS = 1_000_000  # an article's extracted text: about 170,000 words, a book rather than a story
MAX_HTML_ELEMENTS = 50_000  # a page's elements: news pages have a few thousand; the HTML reader takes ~0.1 ms each
MAX_FIGURES = 20_000  # figure mentions in one article: a data dump, not reporting
DEFAULT_TIME_LIMIT = 10.0  # seconds of extraction per article


def time_limit() -> float | None:
    """Seconds one article may take (``FLOWCITE_TIME_LIMIT``; 0 turns the limit off)."""
    value = os.environ.get("FLOWCITE_TIME_LIMIT", "")
    try:
        seconds = float(value) if value.strip() else DEFAULT_TIME_LIMIT
    except ValueError:
        seconds = DEFAULT_TIME_LIMIT
    return seconds if seconds > 0 else None
