"""What a figure's field may hold, from the data package's own rules (``etl.schema``): a value an
analyst types is normalized ('kaz' → 'KAZ', 'More than' → 'more_than') and checked against the
field's type, allowed values and pattern — plus what a pattern cannot say: that a date exists and a
country or currency code is one ISO knows. One line tells what is wrong."""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

import pycountry

from etl.lexicon import load
from etl.numbers import DIGITS, parse_number
from etl.schema import DATE, FIGURE_FIELDS

RULES: dict[str, dict[str, Any]] = {field["name"]: field for field in FIGURE_FIELDS}
COUNTRY_FIELDS = {"source_country", "target_country"}
CODE_FIELDS = COUNTRY_FIELDS | {"currency"}


class FieldValueError(ValueError):
    """A value a field cannot hold; ``str()`` is the one-line reason."""


def normalize(field: str, value: str) -> str:
    """The value as the data writes it: codes in upper case, vocabulary words in lower case with '_'."""
    text = value.strip()
    if field in CODE_FIELDS:
        return text.upper()
    if "enum" in RULES[field].get("constraints", {}):
        return re.sub(r"[\s-]+", "_", text.lower())
    if field == "entities":
        return ";".join(part.strip() for part in text.split(";") if part.strip())
    return text


def check(field: str, value: str) -> str:
    """The normalized value if ``field`` may hold it; FieldValueError saying why not otherwise."""
    if field not in RULES:
        raise FieldValueError(f"{field!r} is not a field of a figure")
    rule = RULES[field]
    constraints = rule.get("constraints", {})
    text = normalize(field, value)
    if rule["type"] == "number":
        return _number(field, text)
    if rule["type"] == "integer":
        if not re.fullmatch(r"-?\d+", text):
            raise FieldValueError(f"{field} {value.strip()!r} is not a whole number")
        return text
    if "enum" in constraints:
        if text not in constraints["enum"]:
            raise FieldValueError(f"{field} {value.strip()!r} is not one of {', '.join(constraints['enum'])}")
        return text
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], text):
        raise FieldValueError(_pattern_problem(field, value.strip(), constraints["pattern"]))
    if constraints.get("pattern") == DATE and text:
        try:
            date.fromisoformat(text)
        except ValueError:
            raise FieldValueError(f"{field} {text!r} is not a real date") from None
    if field in CODE_FIELDS and text and not _known_code(field, text):
        what = "ISO 3166-1 alpha-3 country" if field in COUNTRY_FIELDS else "ISO 4217 currency"
        raise FieldValueError(f"{field} {text!r} is not an {what} code")
    return text


def _number(field: str, text: str) -> str:
    """A number as articles print it ('1,400,000,000', '9,3', '-2.2', '1e9', '48.5 billion', '$48.5bn',
    'KZT 355.7 bn', '31.7%'), in the data's plain form: base units."""
    sign, rest = ("-", text[1:].strip()) if text.startswith(("-", "−")) else ("", text.lstrip("+").strip())
    if rest.lower() in ("nan", "inf", "infinity"):
        raise FieldValueError(f"{field} {text!r} is not a finite number")
    match = PRINTED.fullmatch(rest)
    if match is None:
        raise FieldValueError(f"{field} {text!r} is not a number (write it as printed, e.g. 48.5 billion, or in "
                              "base units, e.g. 48500000000)")
    digits, scale = match.group("num"), (match.group("scale") or "").strip()
    try:
        number = parse_number(digits) if re.fullmatch(DIGITS, digits) else float(digits)
    except ValueError:
        raise FieldValueError(f"{field} {text!r} is not a number (write it as printed, e.g. 48.5 billion, or in "
                              "base units, e.g. 48500000000)") from None
    scales = load("scales")
    number *= float(scales["words"].get(scale.lower(), scales["short"].get(scale, 1.0))) if scale else 1.0
    number = -number if sign else number
    if not math.isfinite(number):
        raise FieldValueError(f"{field} {text!r} is not a finite number")
    number = round(number, 6)
    return repr(number) if number != int(number) else str(int(number))


def parse_value(text: str) -> float:
    """A value typed as printed ('48.5 billion', '$48.5bn', '1,400,000,000') in base units;
    FieldValueError saying why when it is no number."""
    return float(check("value", text))


def _printed_pattern() -> re.Pattern[str]:
    """An amount as printed: an optional currency (symbol or code), the number, an optional scale word."""
    scales = load("scales")
    words = sorted([*scales["words"], *scales["short"]], key=len, reverse=True)
    symbols = sorted(load("currencies")["symbols"], key=len, reverse=True)
    currency = "|".join([*(re.escape(s) for s in symbols), r"[A-Z]{3}"])
    return re.compile(rf"(?:(?:{currency})\s?)?(?P<num>[0-9][0-9.,\s]*?(?:e[+-]?\d+)?)\s?"
                      rf"(?P<scale>(?i:{'|'.join(re.escape(w) for w in words)}))?\s?%?", re.IGNORECASE)


PRINTED = _printed_pattern()


def _pattern_problem(field: str, value: str, pattern: str) -> str:
    if pattern == DATE:
        return f"{field} {value!r} is not a date written YYYY-MM-DD"
    if field in COUNTRY_FIELDS:
        hint = _country_hint(value)
        return (f"{field} {value!r} is not an ISO 3166-1 alpha-3 country code"
                + (f" (did you mean {hint}?)" if hint else "; leave it empty for a bloc, bank or fund"))
    if field == "currency":
        return f"currency {value!r} is not an ISO 4217 code (e.g. USD, EUR, KZT)"
    return f"{field} {value!r} does not match {pattern}"


def _known_code(field: str, code: str) -> bool:
    registry = pycountry.countries if field in COUNTRY_FIELDS else pycountry.currencies
    return registry.get(alpha_3=code) is not None


def _country_hint(name: str) -> str:
    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        return ""
