"""How a value reads, on every surface: one formatter for money, percents, multiples and counts.

Cards, chart labels, tooltips, tables, PNG/SVG and the deck all call these functions with the
figure's reviewed fields, so an analyst's correction shows everywhere at once. The article's own
text is provenance: ``with_correction`` says "corrected from …" beside the value when it was changed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

MINUS = "\u2212"
CURRENCY_PREFIX = {"USD": "US$"}
QUALIFIER_WORDS = {"exact": "", "more_than": "more than", "less_than": "less than", "about": "about",
                   "at_least": "at least", "up_to": "up to"}
QUALIFIER_SIGNS = {"exact": "", "more_than": ">", "less_than": "<", "about": "~", "at_least": "≥", "up_to": "≤"}
METRIC_NAMES = {"investment_inflow": "investment inflow", "investment_total": "cumulative investment",
                "deal_value": "deal value", "trade_value": "trade value", "growth_rate": "growth rate",
                "share": "share", "count": "count", "other": "other figure"}
KIND_NAMES = {"money": "amount", "percent": "percent", "multiple": "multiple", "count": "count"}
BASIS_NAMES = {"actual": "reported", "planned": "planned (target, pledge or forecast)"}
SCALES = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]


def number(value: float, decimals: int = 2) -> str:
    """'1,234.5': thousands separated, at most ``decimals`` decimals, no trailing zeros, a true minus."""
    if not math.isfinite(value):
        return "—"
    text = f"{abs(value):,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return (MINUS if value < 0 and text.strip("0.,") else "") + text


def currency_unit(currency: str) -> str:
    """'US$' for dollars, the ISO code otherwise ('KZT'): never a symbol two currencies share."""
    return CURRENCY_PREFIX.get(currency, currency)


def scale_of(values: list[float]) -> tuple[float, str]:
    """The scale a chart's axis uses for ``values``: billion when the largest is a billion or more."""
    largest = max((abs(v) for v in values if math.isfinite(v)), default=0.0)
    for size, word in SCALES:
        if largest >= size:
            return size, word
    return 1.0, ""


def axis_unit(currency: str, scale_word: str) -> str:
    """'US$ billion', 'JPY million', 'INR'."""
    return " ".join(part for part in (currency_unit(currency), scale_word) if part)


def money(value: float, currency: str, qualifier: str = "exact") -> str:
    """'more than US$3.7 billion', 'KZT 355.7 billion', 'US$310 million', 'EUR 45,000'."""
    size, word = scale_of([value])
    unit = currency_unit(currency)
    amount = number(value / size)
    joined = f"{unit}{amount}" if unit.endswith("$") else f"{unit} {amount}".strip()
    return _qualified(f"{joined} {word}".strip(), qualifier)


def percent(value: float, qualifier: str = "exact", *, signed: bool = False) -> str:
    """'+31.7%' and '−9.7%' for changes (``signed``), '60%' for shares."""
    sign = "+" if signed and value > 0 else ""
    return _qualified(f"{sign}{number(value, 1 if abs(value) >= 1 else 2)}%", qualifier)


def multiple(value: float, qualifier: str = "exact") -> str:
    return _qualified(f"{number(value)} times", qualifier)


def count(value: float, unit: str = "", qualifier: str = "exact") -> str:
    """'500 companies'; a count whose unit is not known is just its number."""
    return _qualified(f"{number(value, 0)} {unit}".strip(), qualifier)


def _qualified(text: str, qualifier: str) -> str:
    words = QUALIFIER_WORDS.get(qualifier, qualifier.replace("_", " "))
    return f"{words} {text}" if words else text


def figure_text(row: Mapping[str, Any]) -> str:
    """A figure's reviewed value in words: kind, value, currency, qualifier and (counts) unit."""
    value = _float(row.get("value"))
    qualifier = str(row.get("qualifier") or "exact")
    kind = str(row.get("kind") or "")
    if kind == "money":
        return money(value, str(row.get("currency") or ""), qualifier)
    if kind == "percent":
        return percent(value, qualifier, signed=row.get("metric") == "growth_rate")
    if kind == "multiple":
        return multiple(value, qualifier)
    if kind == "count":
        return count(value, str(row.get("unit") or ""), qualifier)
    return _qualified(number(value), qualifier)


def short_label(value_in_scale: float, qualifier: str = "exact", *, suffix: str = "", signed: bool = False) -> str:
    """A bar's label on an axis that already names the unit: '> 3.7', '~ 42', '1.1', '+31.7%'."""
    sign = QUALIFIER_SIGNS.get(qualifier, "")
    plus = "+" if signed and value_in_scale > 0 else ""
    text = f"{plus}{number(value_in_scale, 1 if suffix == '%' and abs(value_in_scale) >= 1 else 2)}{suffix}"
    return f"{sign} {text}" if sign else text


def corrected_from(row: Mapping[str, Any]) -> str:
    """'corrected from $48.4 billion' when an analyst changed the value the article printed; else ''."""
    extracted = row.get("extracted_value")
    if extracted is None or extracted == "" or (isinstance(extracted, float) and math.isnan(extracted)):
        return ""  # read from a table, an empty cell is NaN
    return f"corrected from {row.get('text') or number(float(extracted))}"


LABEL_COLUMNS = ("kind", "value", "currency", "qualifier", "metric", "unit", "extracted_value", "text")  # what it reads


def with_correction(row: Mapping[str, Any]) -> str:
    """The reviewed value, and what the article printed when an analyst changed it:
    'US$48.5 billion (corrected from $48.4 billion)'."""
    note = corrected_from(row)
    return f"{figure_text(row)} ({note})" if note else figure_text(row)


def metric_name(metric: str) -> str:
    return METRIC_NAMES.get(metric, metric.replace("_", " "))


def qualifier_name(qualifier: str) -> str:
    return QUALIFIER_WORDS.get(qualifier, qualifier.replace("_", " ")) or "exact"


def basis_name(basis: str) -> str:
    return BASIS_NAMES.get(basis, basis)


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 fact', '3 facts', '1 decision', '0 decisions'."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _float(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
