"""Consolidate figures into facts: what several articles state is one fact with several citations,
so charts never double-count; the same metric, pair and period with clearly different values is a
conflict, flagged with its spread.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from datetime import date
from statistics import median

from etl.models import Article, Figure, format_value

FACT_COLUMNS = ["fact_id", "metric", "kind", "basis", "currency", "source_country", "target_country",
                "period_start", "period_end", "value", "value_min", "value_max", "citations", "figure_ids",
                "article_ids", "publishers", "first_published", "last_published", "conflict", "spread_pct",
                "conflicting_fact_ids"]
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

    @classmethod
    def of(cls, f: Figure, article: Article) -> FactInput:
        shared = sys.intern
        return cls(shared(f.metric), shared(f.kind), shared(f.basis), shared(f.currency), shared(f.source_country),
                   shared(f.target_country), shared(f.period_start), shared(f.period_end), f.value, f.figure_id,
                   shared(article.article_id), shared(article.publisher), shared(article.published))


def _key(f: FactInput) -> tuple[str, ...]:
    return (f.metric, f.kind, f.basis, f.currency, f.source_country, f.target_country)


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
    """Figures stating the same thing: values within TOLERANCE and periods equal or nested."""
    clusters: list[list[FactInput]] = []
    for figure in sorted(figures, key=lambda f: (f.value, f.figure_id)):
        home = next((c for c in clusters if all(_same(figure, other) for other in c)), None)
        if home is None:
            clusters.append([figure])
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


def consolidate(figures: list[FactInput]) -> list[dict[str, object]]:
    """One row per fact, in a stable order."""
    groups: dict[tuple[str, ...], list[FactInput]] = {}
    for figure in figures:
        if figure.metric == "other":
            continue
        groups.setdefault(_key(figure), []).append(figure)
    rows: list[dict[str, object]] = []
    for key, members in sorted(groups.items()):
        clusters = _clusters(members)
        ids = [hashlib.sha256(("|".join(key) + "|" + ";".join(sorted(f.figure_id for f in c))).encode())
               .hexdigest()[:16] for c in clusters]
        values = [median(f.value for f in c) for c in clusters]
        periods = [_period(c) for c in clusters]
        for fact_id, cluster, value, period in zip(ids, clusters, values, periods, strict=True):
            rivals = [i for i, (other, other_period) in enumerate(zip(clusters, periods, strict=True))
                      if other is not cluster and other_period == period
                      and {f.article_id for f in other} != {f.article_id for f in cluster}]
            conflict = bool(rivals)
            compared = [value] + [values[i] for i in rivals]
            low = min(abs(v) for v in compared)
            spread = (max(compared) - min(compared)) / low * 100 if conflict and low else 0.0
            cited = sorted({f.article_id for f in cluster})
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
                "conflicting_fact_ids": ";".join(ids[i] for i in rivals),
            })
    return rows
