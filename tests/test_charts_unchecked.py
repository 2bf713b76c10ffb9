"""Charts are drawn without plotly's per-property checks (for speed at a million figures): each must be
exactly the JSON plotly would give with its checks on — on the bundled corpus's pairs, currencies, sizes."""

from __future__ import annotations

import json

import pytest

from dashboard import charts
from dashboard.data import read_dataset
from dashboard.overview import build_overview
from dashboard.queries import Pair, pair_currencies, pairs


def _charts(pair: Pair, currency: str, size: charts.Size, *, planned: bool) -> list[object]:
    ds = read_dataset()
    overview = build_overview(ds, pair, currency=currency, planned=planned, size=size)
    return [json.loads(view.figure.to_json()) for view in overview.charts]


def test_unchecked_charts_are_the_checked_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    ds = read_dataset()
    keys = list(pairs(ds)["key"])[:6] + ["ARE-EGY", "ALL-KAZ"]
    cases = [(Pair.parse(k), c) for k in keys for c in pair_currencies(ds, Pair.parse(k))[:2] or ["USD"]]
    assert len(cases) >= 8
    for (pair, currency), size, planned in zip(cases, [charts.SMALL, charts.LARGE, charts.EXPORT] * 9,
                                               [False, True] * 14, strict=False):
        monkeypatch.setattr(charts, "VALIDATE", False)
        unchecked = _charts(pair, currency, size, planned=planned)
        monkeypatch.setattr(charts, "VALIDATE", True)
        checked = _charts(pair, currency, size, planned=planned)
        assert unchecked == checked, (pair, currency, size)
