"""Lexicons are data: JSON files under ``etl/lexicons``, loaded once."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from etl.paths import LEXICONS


@cache
def load(name: str) -> dict[str, Any]:
    """The lexicon ``name`` (file stem), without its ``_doc`` entry."""
    data = json.loads((LEXICONS / f"{name}.json").read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if key != "_doc"}


def alternation(words: list[str] | set[str], *, flags: int = 0) -> str:
    """A regex alternation of literal words, longest first so that phrases win over their parts."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"
