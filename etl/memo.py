"""Caches of what is found in an article's text, forgotten when the next article starts.

The figures of an article ask the same questions of its text many times (which cues, countries and
time words it holds, sentence by sentence), so those answers are cached (``functools.lru_cache``, keyed
on the text). A cache keyed on a text's value compares a new key's whole text with a cached one whenever
the two are equal but not the same object — the same article read again, as a re-run in one process or a
test does — and that costs a scan of the text per question: a long article ran many times slower the
second time. Every such cache is registered here, and ``forget_texts`` (called as each article starts)
empties them all, so no answer outlives its article and no cached text is ever compared with another.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
_CACHES: list[Any] = []


def text_cache(maxsize: int) -> Callable[[F], F]:
    """``lru_cache(maxsize)`` for a function of an article's text, emptied by ``forget_texts``."""
    def decorate(function: F) -> F:
        cached = lru_cache(maxsize=maxsize)(function)
        _CACHES.append(cached)
        return cached  # type: ignore[return-value]
    return decorate


def forget_texts() -> None:
    """Empty every cache of ``text_cache``: a new article starts."""
    for cached in _CACHES:
        cached.cache_clear()
