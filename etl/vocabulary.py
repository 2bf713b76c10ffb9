"""The controlled vocabularies of the data: one list each, imported by the schema, the checks on
corrections and the dashboard's forms, so that what a form offers is what the data package allows."""

from __future__ import annotations

KINDS = ["money", "percent", "multiple", "count"]
QUALIFIERS = ["exact", "more_than", "less_than", "about", "at_least", "up_to"]
METRICS = ["investment_inflow", "investment_total", "deal_value", "trade_value", "growth_rate", "share", "count",
           "other"]
BASES = ["actual", "planned"]

# the review log
ACTIONS = ["confirm", "correct", "reject", "restore", "add"]
EDITABLE = ["value", "currency", "qualifier", "metric", "basis", "period_start", "period_end", "source_country",
            "target_country", "entities", "kind"]
REVIEW_STATES = ["", "confirmed", "corrected", "added"]
