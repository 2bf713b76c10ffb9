"""Lexicons are data: every file documents itself and maps to valid codes."""

from __future__ import annotations

import json

import pycountry

from etl.paths import LEXICONS


def test_every_lexicon_documents_itself() -> None:
    for path in LEXICONS.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data.get("_doc"), f"{path.name} has no _doc"


def test_country_codes_are_iso_alpha3() -> None:
    data = json.loads((LEXICONS / "countries.json").read_text(encoding="utf-8"))
    codes = {c.alpha_3 for c in pycountry.countries}
    for table in ("aliases", "demonyms", "capitals"):
        for word, code in data[table].items():
            assert code in codes, f"{table}: {word} -> {code}"


def test_currency_codes_are_iso_4217() -> None:
    data = json.loads((LEXICONS / "currencies.json").read_text(encoding="utf-8"))
    codes = {c.alpha_3 for c in pycountry.currencies}
    for table in ("symbols", "names"):
        for word, code in data[table].items():
            assert code in codes, f"{table}: {word} -> {code}"
    withdrawn = {"ATS", "BEF", "DEM", "ESP", "FIM", "FRF", "GRD", "IEP", "ITL", "NLG", "PTE"}  # ISO 4217 list three
    for word, code in data["historic"].items():
        assert code in withdrawn and code not in codes, f"historic: {word} -> {code}"
    for code in data["lowercase_codes"]:
        assert code.upper() in codes | set(data["symbols"]), f"lowercase_codes: {code}"
