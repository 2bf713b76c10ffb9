"""Lexicons are data: JSON files under ``etl/lexicons``, loaded once."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable
from functools import cache
from typing import Any

from etl.paths import LEXICONS


@cache
def load(name: str) -> dict[str, Any]:
    """The lexicon ``name`` (file stem), without its ``_doc`` entry."""
    data = json.loads((LEXICONS / f"{name}.json").read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if key != "_doc"}


def alternation(words: Iterable[str], *, flags: int = 0) -> str:
    """A regex alternation of literal words, longest first so that phrases win over their parts."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"


def first_chars(words: Collection[str], *, ignore_case: bool = False) -> str:
    """A lookahead for the characters the words can start with (a digit stands for every digit)."""
    chars = {w[0] for w in words if w}
    if ignore_case:
        chars |= {c.swapcase() for c in chars}
    if any(c.isdigit() for c in chars):
        chars = {c for c in chars if not c.isdigit()} | {"0-9"}
    return "(?=[" + "".join(sorted(c if c == "0-9" else re.escape(c) for c in chars)) + "])"
