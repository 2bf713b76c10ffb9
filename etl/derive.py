"""Figures implied by other figures, each with its inputs and the rule that produced it.

- ``growth_implied_earlier``: an amount and its growth rate imply the earlier period's amount
  (H1 2019 $1.1bn at +31.7% → H1 2018 ≈ $835m). Where the article also states that earlier amount,
  the derived value is checked against it.
- ``exchange_rate``: an amount with its equivalent in another currency implies an exchange rate.
"""

from __future__ import annotations

import hashlib
from datetime import date

from etl.models import Figure, format_value

DERIVED_COLUMNS = ["derived_id", "rule", "value", "unit", "currency", "metric", "basis", "period_start",
                   "period_end", "source_country", "target_country", "article_id", "input_ids", "description",
                   "check_figure_id", "check_difference_pct"]
FLOW_METRICS = {"investment_inflow", "trade_value", "deal_value"}


def _derived_id(rule: str, inputs: list[str]) -> str:
    return hashlib.sha256(f"{rule}:{';'.join(inputs)}".encode()).hexdigest()[:16]


def _shift_year(iso: str, years: int) -> str:
    if not iso:
        return ""
    day = date.fromisoformat(iso)
    try:
        return day.replace(year=day.year + years).isoformat()
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28).isoformat()


def _growth_factor(rate: Figure) -> float | None:
    if rate.kind == "percent":
        factor = 1 + rate.value / 100
    elif rate.kind == "multiple":
        factor = rate.value
    else:
        return None
    return factor if factor > 0 else None


def growth_implied(figures: list[Figure]) -> list[dict[str, object]]:
    """Earlier-period amounts implied by an amount and the growth rate cited with it."""
    rows: list[dict[str, object]] = []
    by_sentence: dict[tuple[str, int], list[Figure]] = {}
    for figure in figures:
        by_sentence.setdefault((figure.article_id, figure.sentence_start), []).append(figure)
    for group in by_sentence.values():
        rates = [f for f in group if f.metric == "growth_rate"]
        amounts = [f for f in group if f.kind == "money" and f.metric in FLOW_METRICS and not f.equivalent_of]
        for rate in rates:
            same = [a for a in amounts if (rate.period_start, rate.period_end) == (a.period_start, a.period_end)
                    and (rate.source_country, rate.target_country) == (a.source_country, a.target_country)]
            if not same or not rate.period_start:
                continue
            before = [a for a in same if a.char_end <= rate.char_start]
            amount = max(before, key=lambda a: a.char_end) if before else min(same, key=lambda a: a.char_start)
            factor = _growth_factor(rate)
            if factor is None:
                continue
            value = amount.value / factor
            start, end = _shift_year(amount.period_start, -1), _shift_year(amount.period_end, -1)
            stated = [f for f in group if f.kind == "money" and f.currency == amount.currency
                      and (f.period_start, f.period_end) == (start, end)]
            check = stated[0] if stated else None
            difference = "" if check is None else format_value(round(100 * (value - check.value) / check.value, 2))
            inputs = [amount.figure_id, rate.figure_id]
            rows.append({
                "derived_id": _derived_id("growth_implied_earlier", inputs), "rule": "growth_implied_earlier",
                "value": format_value(round(value, 2)), "unit": amount.currency, "currency": amount.currency,
                "metric": amount.metric, "basis": amount.basis, "period_start": start, "period_end": end,
                "source_country": amount.source_country, "target_country": amount.target_country,
                "article_id": amount.article_id, "input_ids": ";".join(inputs),
                "description": f"{amount.text} ({amount.period_start}..{amount.period_end}) at "
                               f"{'+' if rate.value >= 0 else ''}{format_value(rate.value)}"
                               f"{'%' if rate.kind == 'percent' else '×'} implies "
                               f"{format_value(round(value / 1e6, 1))} million {amount.currency} a year earlier",
                "check_figure_id": check.figure_id if check else "", "check_difference_pct": difference,
            })
    return rows


def exchange_rates(figures: list[Figure]) -> list[dict[str, object]]:
    """Rates implied by an amount written with its equivalent in another currency."""
    by_id = {f.figure_id: f for f in figures}
    rows: list[dict[str, object]] = []
    for equivalent in figures:
        main = by_id.get(equivalent.equivalent_of)
        if main is None or not equivalent.value or main.currency == equivalent.currency:
            continue
        rate = main.value / equivalent.value
        inputs = [main.figure_id, equivalent.figure_id]
        unit = f"{main.currency}/{equivalent.currency}"
        rows.append({
            "derived_id": _derived_id("exchange_rate", inputs), "rule": "exchange_rate",
            "value": format_value(round(rate, 6)), "unit": unit, "currency": "", "metric": "exchange_rate",
            "basis": main.basis, "period_start": main.period_start, "period_end": main.period_end,
            "source_country": "", "target_country": "", "article_id": main.article_id,
            "input_ids": ";".join(inputs),
            "description": f"{main.text} = {equivalent.text} implies 1 {equivalent.currency} = "
                           f"{format_value(round(rate, 4))} {main.currency}",
            "check_figure_id": "", "check_difference_pct": "",
        })
    return rows


def derive(figures: list[Figure]) -> list[dict[str, object]]:
    """All derived figures, in the order of the articles they come from, then by id."""
    order = {article_id: i for i, article_id in enumerate(dict.fromkeys(f.article_id for f in figures))}
    return sorted(growth_implied(figures) + exchange_rates(figures),
                  key=lambda r: (order.get(str(r["article_id"]), len(order)), str(r["derived_id"])))
