"""Consolidate figures into facts: what several articles state is one fact with several citations,
so charts never double-count; the same metric, pair and period with clearly different values is a
conflict, flagged with its spread. Facts in conflict share a conflict-set id (one per key and period),
so the table grows with the corpus, not with the square of a period's rival values.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from pathlib import Path
from statistics import median
from typing import Protocol

from etl.models import Article, Figure, format_value
from etl.write import render_rows

FACT_COLUMNS = ["fact_id", "metric", "kind", "basis", "currency", "source_country", "target_country",
                "period_start", "period_end", "value", "value_min", "value_max", "citations", "figure_ids",
                "article_ids", "publishers", "first_published", "last_published", "conflict", "spread_pct",
                "conflict_set", "unit"]
TOLERANCE = 0.02  # values within 2% of each other state the same thing


@dataclass(slots=True)
class FactInput:
    """What consolidation needs of a figure (kept for every figure of a streamed corpus, so small)."""

    metric: str
    kind: str
    basis: str
    currency: str
    source_country: str
    target_country: str
    period_start: str
    period_end: str
    value: float
    figure_id: str
    article_id: str
    publisher: str
    published: str
    unit: str = ""

    @classmethod
    def of(cls, f: Figure, article: Article) -> FactInput:
        shared = sys.intern
        return cls(shared(f.metric), shared(f.kind), shared(f.basis), shared(f.currency), shared(f.source_country),
                   shared(f.target_country), shared(f.period_start), shared(f.period_end), f.value, f.figure_id,
                   shared(article.article_id), shared(article.publisher), shared(article.published), shared(f.unit))


def _key(f: FactInput) -> tuple[str, ...]:
    """What makes figures comparable: a count of projects is never compared with one of sectors."""
    return (f.metric, f.kind, f.basis, f.currency, f.source_country, f.target_country, f.unit)


def _nested(a: FactInput, b: FactInput) -> bool:
    """True when one figure's period lies within the other's ('January 2018' within '2018')."""
    if (a.period_start, a.period_end) == (b.period_start, b.period_end):
        return True
    if not (a.period_start and a.period_end and b.period_start and b.period_end):
        return False
    return (a.period_start <= b.period_start and b.period_end <= a.period_end) or \
        (b.period_start <= a.period_start and a.period_end <= b.period_end)


def _same(a: FactInput, b: FactInput) -> bool:
    return _nested(a, b) and abs(a.value - b.value) <= TOLERANCE * max(abs(a.value), abs(b.value), 1e-9)


def _clusters(figures: list[FactInput]) -> list[list[FactInput]]:
    """Figures stating the same thing: values within TOLERANCE and periods equal or nested.

    Figures come in ascending value, so only clusters whose largest value is still within tolerance
    can take the next one: those are kept in a window, which keeps the work linear in practice.
    """
    clusters: list[list[FactInput]] = []
    window: deque[list[FactInput]] = deque()
    for figure in sorted(figures, key=lambda f: (f.value, f.figure_id)):
        while window and figure.value - window[0][-1].value > TOLERANCE * max(abs(figure.value),
                                                                               abs(window[0][-1].value), 1e-9):
            window.popleft()
        home = next((c for c in window if all(_same(figure, other) for other in c)), None)
        if home is None:
            home = [figure]
            clusters.append(home)
            window.append(home)
        else:
            home.append(figure)
    return clusters


def _period(cluster: list[FactInput]) -> tuple[str, str]:
    """The most precise period among the figures of a fact."""
    full = [f for f in cluster if f.period_start and f.period_end]
    if not full:
        return cluster[0].period_start, cluster[0].period_end
    narrowest = min(full, key=lambda f: (date.fromisoformat(f.period_end) - date.fromisoformat(f.period_start),
                                         f.period_start))
    return narrowest.period_start, narrowest.period_end


def consolidate(figures: Iterable[FactInput]) -> list[dict[str, object]]:
    """One row per fact, in a stable order (key, then value), from figures held in memory."""
    groups: dict[tuple[str, ...], list[FactInput]] = {}
    for figure in figures:
        if figure.metric != "other":
            groups.setdefault(_key(figure), []).append(figure)
    return [row for key, members in sorted(groups.items()) for row in facts_of_group(key, members)]


def facts_of_group(key: tuple[str, ...], members: list[FactInput]) -> list[dict[str, object]]:
    """The facts of one key (metric, kind, basis, currency, source, target, unit)."""
    clusters = _clusters(members)
    named = "|".join(key if key[6] else key[:6])  # ids of facts without a unit as before units existed
    ids = [hashlib.sha256((named + "|" + ";".join(sorted(f.figure_id for f in c))).encode()).hexdigest()[:16]
           for c in clusters]
    values = [median(f.value for f in c) for c in clusters]
    periods = [_period(c) for c in clusters]
    same_period: dict[tuple[str, str], list[int]] = {}
    for index, period in enumerate(periods):
        same_period.setdefault(period, []).append(index)
    articles = [frozenset(f.article_id for f in c) for c in clusters]
    sets = {period: hashlib.sha256(f"{named}|{period[0]}|{period[1]}".encode()).hexdigest()[:16]
            for period, members in same_period.items() if len(members) > 1}
    rows: list[dict[str, object]] = []
    for index, (fact_id, cluster, value, period) in enumerate(zip(ids, clusters, values, periods, strict=True)):
        # a rival is a different value for the same key and period from other articles only: an article
        # that states both values tells them apart (a package and its parts, a total and a sector)
        rivals = [i for i in same_period[period] if i != index and articles[i].isdisjoint(articles[index])]
        conflict = bool(rivals)
        compared = [value] + [values[i] for i in rivals]
        low = min(abs(v) for v in compared)
        spread = (max(compared) - min(compared)) / low * 100 if conflict and low else 0.0
        cited = sorted(articles[index])
        dates = sorted({f.published for f in cluster if f.published})
        rows.append({
            "fact_id": fact_id, "metric": key[0], "kind": key[1], "basis": key[2], "currency": key[3],
            "source_country": key[4], "target_country": key[5], "period_start": period[0], "period_end": period[1],
            "value": format_value(value), "value_min": format_value(min(f.value for f in cluster)),
            "value_max": format_value(max(f.value for f in cluster)), "citations": len(cited),
            "figure_ids": ";".join(sorted(f.figure_id for f in cluster)), "article_ids": ";".join(cited),
            "publishers": ";".join(sorted({f.publisher for f in cluster if f.publisher})),
            "first_published": dates[0] if dates else "", "last_published": dates[-1] if dates else "",
            "conflict": conflict, "spread_pct": format_value(round(spread, 2)),
            "conflict_set": sets[period] if conflict else "", "unit": key[6],
        })
    return rows


def spill_line(f: FactInput) -> str:
    """One figure as a line of the fact spill: tab-separated, the group key first (its six fields joined
    by a unit separator, so grouping reads one field); "" for a figure no fact is made of (metric ``other``)."""
    if f.metric == "other":
        return ""
    key = _key(f)
    rest = (f.period_start, f.period_end, repr(f.value), f.figure_id, f.article_id, f.publisher, f.published)
    line = "\x1f".join(key) + "\t" + "\t".join(rest)
    if line.count("\t") != len(rest) or line.count("\x1f") != len(key) - 1 or "\n" in line or "\r" in line:
        line = "\x1f".join(_flat(v) for v in key) + "\t" + "\t".join(_flat(v) for v in rest)  # free text
    return line + "\n"


class GroupCache(Protocol):
    """Where the rendered facts of a group of figures are kept between runs (see ``etl.cache``)."""

    def get_facts(self, digest: str) -> str | None: ...

    def put_facts(self, digest: str, text: str) -> None: ...


class FactSpill:
    """FactInputs written to a temp file as they stream by, grouped at the end by an external sort
    (coreutils ``sort``, bounded memory), so the pipeline never holds a corpus's figures."""

    def __init__(self, folder: Path) -> None:
        handle, name = tempfile.mkstemp(prefix=".facts.", suffix=".spill", dir=folder)
        self.path = Path(name)
        self.stream = os.fdopen(handle, "w", encoding="utf-8", newline="\n")

    def add_lines(self, lines: str) -> None:
        """Lines made by ``spill_line`` earlier (an article's, from the cache)."""
        self.stream.write(lines)

    def _sorted_groups(self) -> Iterator[tuple[tuple[str, ...], list[str]]]:
        """(key, the group's lines in input order), keys in ascending order."""
        self.stream.close()
        ordered = self.path.with_suffix(".sorted")
        env = {**os.environ, "LC_ALL": "C"}
        sort = shutil.which("sort")
        if sort:
            subprocess.run([sort, "-t", "\t", "-k1,1", "-s", "-S", "64M", "-T", str(self.path.parent),
                            "-o", str(ordered), str(self.path)], check=True, env=env)
        else:  # no coreutils: sort in memory
            lines = self.path.read_text(encoding="utf-8").splitlines(keepends=True)
            lines.sort(key=lambda line: line[:line.index("\t")].encode("utf-8"))
            ordered.write_text("".join(lines), encoding="utf-8")
        try:
            with ordered.open(encoding="utf-8", newline="\n") as handle:
                for key, group in groupby(handle, key=lambda line: line[:line.index("\t")]):
                    yield tuple(key.split("\x1f")), list(group)
        finally:
            ordered.unlink(missing_ok=True)
            self.path.unlink(missing_ok=True)

    def facts_text(self, cache: GroupCache | None, version: str) -> Iterator[str]:
        """The facts as rendered CSV lines, group by group, in the order ``consolidate`` gives; a group
        whose figures are all as they were in an earlier run (same lines, same extractor version) is
        taken from ``cache``, not recomputed."""
        for key, lines in self._sorted_groups():
            digest = hashlib.sha256((version + "\n" + "".join(lines)).encode("utf-8")).hexdigest()
            text = cache.get_facts(digest) if cache is not None else None
            if text is None:
                text = render_rows(FACT_COLUMNS, facts_of_group(key, [_fact_input(line) for line in lines]))
                if cache is not None:
                    cache.put_facts(digest, text)
            yield text

    def discard(self) -> None:
        if not self.stream.closed:
            self.stream.close()
        self.path.unlink(missing_ok=True)


def _fact_input(line: str) -> FactInput:
    key, start, end, value, figure_id, article_id, publisher, published = line.rstrip("\n").split("\t")
    metric, kind, basis, currency, source, target, unit = key.split("\x1f")
    return FactInput(metric, kind, basis, currency, source, target, start, end, float(value), figure_id, article_id,
                     publisher, published, unit)


def _flat(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ").replace("\r", " ").replace("\x1f", " ")
