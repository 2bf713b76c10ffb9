"""Consolidate figures into facts: what several articles state is one fact with several citations,
so charts never double-count; the same metric, pair and period with clearly different values is a
conflict, flagged with its spread.
"""

from __future__ import annotations

import hashlib
from statistics import median

from etl.models import Article, Figure, format_value

FACT_COLUMNS = ["fact_id", "metric", "kind", "basis", "currency", "source_country", "target_country",
                "period_start", "period_end", "value", "value_min", "value_max", "citations", "figure_ids",
                "article_ids", "publishers", "first_published", "last_published", "conflict", "spread_pct",
                "conflicting_fact_ids"]
TOLERANCE = 0.02  # values within 2% of each other state the same thing


def _key(f: Figure) -> tuple[str, ...]:
    return (f.metric, f.kind, f.basis, f.currency, f.source_country, f.target_country, f.period_start,
            f.period_end)


def _clusters(figures: list[Figure]) -> list[list[Figure]]:
    """Group values that lie within TOLERANCE of the running cluster's first value."""
    clusters: list[list[Figure]] = []
    for figure in sorted(figures, key=lambda f: (f.value, f.figure_id)):
        if clusters:
            anchor = clusters[-1][0].value
            if abs(figure.value - anchor) <= TOLERANCE * max(abs(anchor), 1e-9):
                clusters[-1].append(figure)
                continue
        clusters.append([figure])
    return clusters


def consolidate(figures: list[Figure], articles: list[Article]) -> list[dict[str, object]]:
    """One row per fact, in a stable order."""
    by_article = {a.article_id: a for a in articles}
    groups: dict[tuple[str, ...], list[Figure]] = {}
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
        conflict = len(clusters) > 1 and len({f.article_id for f in members}) > 1
        spread = (max(values) - min(values)) / min(values) * 100 if conflict and min(values) else 0.0
        for fact_id, cluster, value in zip(ids, clusters, values, strict=True):
            cited = sorted({f.article_id for f in cluster})
            dates = sorted(by_article[a].published for a in cited if a in by_article and by_article[a].published)
            rows.append({
                "fact_id": fact_id, "metric": key[0], "kind": key[1], "basis": key[2], "currency": key[3],
                "source_country": key[4], "target_country": key[5], "period_start": key[6], "period_end": key[7],
                "value": format_value(value), "value_min": format_value(min(f.value for f in cluster)),
                "value_max": format_value(max(f.value for f in cluster)), "citations": len(cited),
                "figure_ids": ";".join(sorted(f.figure_id for f in cluster)), "article_ids": ";".join(cited),
                "publishers": ";".join(sorted({by_article[a].publisher for a in cited if a in by_article
                                                and by_article[a].publisher})),
                "first_published": dates[0] if dates else "", "last_published": dates[-1] if dates else "",
                "conflict": conflict, "spread_pct": format_value(round(spread, 2)),
                "conflicting_fact_ids": ";".join(i for i in ids if i != fact_id) if conflict else "",
            })
    return rows
