"""The data contract as a Frictionless Data Package: type, description and allowed values of every column."""

from __future__ import annotations

from typing import Any

from etl.derive import DERIVED_COLUMNS
from etl.facts import FACT_COLUMNS
from etl.models import ARTICLE_COLUMNS, FIGURE_COLUMNS
from etl.vocabulary import ACTIONS, BASES, KINDS, METRICS, QUALIFIERS, REVIEW_STATES

ISO3 = r"^([A-Z]{3})?$"
DATE = r"^(\d{4}-\d{2}-\d{2})?$"
ID = r"^[0-9a-f]{16}$"

Field = dict[str, Any]


def _f(name: str, type_: str, description: str, **constraints: Any) -> Field:
    field: Field = {"name": name, "type": type_, "description": description}
    if constraints:
        field["constraints"] = constraints
    return field


ARTICLE_FIELDS: list[Field] = [
    _f("article_id", "string", "Stable id: the first 16 hex digits of the SHA-256 of the file's text.",
       required=True, unique=True, pattern=ID),
    _f("source_file", "string", "The input file's name.", required=True),
    _f("title", "string", "Headline."),
    _f("author", "string", "Byline author; empty if none."),
    _f("publisher", "string", "Outlet name; empty if unknown."),
    _f("published", "string", "Publication date YYYY-MM-DD (the byline date, never a 'last update').",
       pattern=DATE),
    _f("url", "string", "Canonical URL if known."),
    _f("format", "string", "Input format.", enum=["txt", "md", "html"]),
    _f("content_hash", "string", "SHA-256 of the file's text (newlines normalized).", pattern=r"^[0-9a-f]{64}$"),
    _f("char_count", "integer", "Length of the extracted plain text that offsets refer to.", minimum=0),
    _f("undated", "boolean", "True when no publication date was found: relative periods ('this year') are then "
       "left empty, never resolved against a guessed date."),
]

FIGURE_FIELDS: list[Field] = [
    _f("figure_id", "string", "Stable id: same article and span give the same id.", required=True, unique=True,
       pattern=ID),
    _f("article_id", "string", "The article the figure is cited in.", required=True, pattern=ID),
    _f("text", "string", "The figure exactly as written.", required=True),
    _f("char_start", "integer", "Offset of text in the article's extracted plain text.", minimum=0),
    _f("char_end", "integer", "End offset (exclusive) of text.", minimum=0),
    _f("quote", "string", "The whole sentence that cites the figure."),
    _f("kind", "string", "What the number is.", enum=KINDS, required=True),
    _f("value", "number", "The number in base units; growth rates are signed."),
    _f("currency", "string", "ISO 4217 code for money, else empty.", pattern=r"^([A-Z]{3})?$"),
    _f("qualifier", "string", "How the text bounds the value.", enum=QUALIFIERS),
    _f("metric", "string", "What the figure measures.", enum=METRICS),
    _f("basis", "string", "Reported (actual) or a target, pledge, plan or forecast (planned).", enum=BASES),
    _f("period_start", "string", "First day of the period covered; empty when open.", pattern=DATE),
    _f("period_end", "string", "Last day of the period covered.", pattern=DATE),
    _f("source_country", "string", "ISO 3166-1 alpha-3 of the investing or exporting side.", pattern=ISO3),
    _f("target_country", "string", "ISO 3166-1 alpha-3 of the receiving side.", pattern=ISO3),
    _f("entities", "string", "Companies or bodies named with the figure, ';'-separated."),
    _f("equivalent_of", "string", "For an amount restated in another currency: the figure_id it restates.",
       pattern=r"^([0-9a-f]{16})?$"),
    _f("period_text", "string", "The words the period was read from; empty when inherited or unknown."),
    _f("sentence_start", "integer", "Offset of the quoted sentence in the article's plain text.", minimum=0),
    _f("reviewed", "string", "Empty for an automatic figure; confirmed, corrected or added by an analyst "
       "(see reviews.csv).", enum=REVIEW_STATES),
    _f("unit", "string", "For a count, what it counts ('projects', 'joint investment projects'); else empty."),
    _f("extracted_value", "number", "The value as extracted, when an analyst's correction changed it; else empty."),
    _f("confidence", "number", "The probability that every field of the figure is right (calibrated on the annotated "
       "corpora); 1 once an analyst reviewed it.", minimum=0, maximum=1),
    _f("confidence_value", "number", "The probability that kind, value, currency and qualifier are right.",
       minimum=0, maximum=1),
    _f("confidence_metric", "number", "The probability that the metric is right.", minimum=0, maximum=1),
    _f("confidence_basis", "number", "The probability that the basis (actual or planned) is right.",
       minimum=0, maximum=1),
    _f("confidence_period", "number", "The probability that the period is right.", minimum=0, maximum=1),
    _f("confidence_sides", "number", "The probability that both countries are right.", minimum=0, maximum=1),
    _f("doubtful_field", "string", "The field least likely to be right; empty once reviewed.",
       enum=["", "value", "metric", "basis", "period", "sides"]),
    _f("reasons", "string", "Per field, the words or rule that decided it, the doubtful field first; "
       "' | '-separated."),
]

DERIVED_DESCRIPTIONS = {
    "derived_id": "Stable id from the rule and its input figure ids.",
    "rule": "How the value was derived.",
    "value": "The derived value (base units, or a rate for exchange rates).",
    "unit": "Currency of an amount, or QUOTE/BASE for an exchange rate.",
    "currency": "ISO 4217 code for a derived amount, else empty.",
    "metric": "Metric of the derived figure (exchange_rate for rates).",
    "basis": "Basis of the figures it comes from.",
    "period_start": "First day of the period the derived value covers.",
    "period_end": "Last day of the period the derived value covers.",
    "source_country": "Investing or exporting side.",
    "target_country": "Receiving side.",
    "article_id": "Article of the input figures.",
    "input_ids": "figure_ids the value is derived from, ';'-separated.",
    "description": "The derivation in words.",
    "check_figure_id": "A stated figure the derived value can be checked against, if any.",
    "check_difference_pct": "Derived minus stated, as percent of stated.",
}
DERIVED_TYPES = {"value": "number", "check_difference_pct": "number"}
DERIVED_CONSTRAINTS: dict[str, dict[str, Any]] = {
    "derived_id": {"required": True, "unique": True, "pattern": ID},
    "rule": {"enum": ["growth_implied_earlier", "exchange_rate"]},
    "period_start": {"pattern": DATE}, "period_end": {"pattern": DATE},
}

FACT_DESCRIPTIONS = {
    "fact_id": "Stable id from the fact's key and its figure ids.",
    "metric": "What the fact measures.", "kind": "Kind of the figures.", "basis": "actual or planned.",
    "currency": "ISO 4217 code for money.", "source_country": "Investing or exporting side.",
    "target_country": "Receiving side.", "period_start": "First day of the period.",
    "period_end": "Last day of the period.", "value": "Median of the citing figures' values.",
    "value_min": "Lowest cited value.", "value_max": "Highest cited value.",
    "citations": "Number of articles that cite the fact.", "figure_ids": "The citing figures, ';'-separated.",
    "article_ids": "The citing articles, ';'-separated.", "publishers": "The citing outlets, ';'-separated.",
    "first_published": "Earliest publication date among the citations.",
    "last_published": "Latest publication date among the citations.",
    "conflict": "True when articles that do not cite this fact give a clearly different value for the same key "
                "and period.",
    "spread_pct": "Spread of the conflicting values, as percent of the lowest.",
    "conflict_set": "For a fact in conflict, the id its rivals share: the facts of the same key and period; the "
                    "rivals are those of the set cited by other articles only.",
    "unit": "For counts, what is counted ('projects'); counts of different units are different facts.",
}
FACT_TYPES = {"value": "number", "value_min": "number", "value_max": "number", "citations": "integer",
              "conflict": "boolean", "spread_pct": "number"}
FACT_CONSTRAINTS: dict[str, dict[str, Any]] = {
    "fact_id": {"required": True, "unique": True, "pattern": ID}, "metric": {"enum": METRICS},
    "basis": {"enum": BASES}, "kind": {"enum": KINDS},
}


def _fields(columns: list[str], descriptions: dict[str, str], types: dict[str, str],
            constraints: dict[str, dict[str, Any]]) -> list[Field]:
    return [_f(c, types.get(c, "string"), descriptions[c], **constraints.get(c, {})) for c in columns]


REVIEW_FIELDS: list[Field] = [
    _f("review_id", "string", "Id of the decision (hash of its content and time).", required=True, unique=True,
       pattern=ID),
    _f("figure_id", "string", "The figure decided on.", required=True, pattern=ID),
    _f("article_id", "string", "The figure's article.", pattern=r"^([0-9a-f]{16})?$"),
    _f("action", "string", "What the analyst decided.", enum=ACTIONS, required=True),
    _f("field", "string", "The corrected field, for a correction."),
    _f("old_value", "string", "The field's value before the correction."),
    _f("new_value", "string", "The corrected value; for an added figure, its fields as JSON."),
    _f("reviewer", "string", "Who decided.", required=True),
    _f("timestamp", "datetime", "When (UTC, ISO 8601).", required=True),
    _f("note", "string", "Why, in the analyst's words."),
]


def review_resource() -> dict[str, Any]:
    """The review log's descriptor (data/reviews.csv), written beside the processed tables' package."""
    return {"name": "reviews", "path": "reviews.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": {"fields": REVIEW_FIELDS,
                                                                      "primaryKey": ["review_id"]}}


def resources() -> dict[str, dict[str, Any]]:
    assert [f["name"] for f in ARTICLE_FIELDS] == ARTICLE_COLUMNS
    assert [f["name"] for f in FIGURE_FIELDS] == FIGURE_COLUMNS
    return {
        "articles": {"fields": ARTICLE_FIELDS, "primaryKey": ["article_id"]},
        "figures": {"fields": FIGURE_FIELDS, "primaryKey": ["figure_id"],
                    "foreignKeys": [{"fields": ["article_id"],
                                     "reference": {"resource": "articles", "fields": ["article_id"]}}]},
        "derived": {"fields": _fields(DERIVED_COLUMNS, DERIVED_DESCRIPTIONS, DERIVED_TYPES, DERIVED_CONSTRAINTS),
                    "primaryKey": ["derived_id"]},
        "facts": {"fields": _fields(FACT_COLUMNS, FACT_DESCRIPTIONS, FACT_TYPES, FACT_CONSTRAINTS),
                  "primaryKey": ["fact_id"]},
        "texts": {"fields": [
            _f("article_id", "string", "The article.", required=True, unique=True, pattern=ID),
            _f("text", "string", "The article's extracted plain text: every char_start/char_end refers to it."),
        ], "primaryKey": ["article_id"],
            "foreignKeys": [{"fields": ["article_id"],
                             "reference": {"resource": "articles", "fields": ["article_id"]}}]},
    }


def datapackage() -> dict[str, Any]:
    """The datapackage.json descriptor for an output folder."""
    return {
        "name": "flowcite-figures",
        "title": "Figures cited in investment news, with provenance",
        "profile": "tabular-data-package",
        "resources": [
            {"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}
            for name, schema in resources().items()
        ] + [
            {"name": f"{name}-parquet", "path": f"{name}.parquet", "profile": "tabular-data-resource",
             "format": "parquet", "mediatype": "application/vnd.apache.parquet",
             "description": f"{name}.csv as Parquet, typed; made from that very file (its size and modification "
                            "time are in the file's metadata), so a reader uses it only while the CSV is unchanged.",
             "schema": _without_keys(schema)}
            for name, schema in resources().items()
        ],
    }


def _without_keys(schema: dict[str, Any]) -> dict[str, Any]:
    """A table's schema for its Parquet copy: the same fields; its keys stay declared on the CSV."""
    return {"fields": schema["fields"]}
