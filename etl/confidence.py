"""How sure a figure is of each field, and why (issue 12).

Every field decision leaves evidence in the figure and its sentence: the words a metric was read
from and how near they stand, whether a period was printed in the sentence or carried over from an
earlier one, whether the investing country is named in the sentence or comes from the headline. The
evidence of each field is a handful of named features; a logistic model per field turns them into
the probability that the field is right, and a last one turns the five field probabilities into the
probability that the whole record is right. The weights are data (``lexicons/confidence.json``),
fitted on the annotated corpora by ``python tests/calibrate.py`` — including the figures the rules
extracted from dev2 before they were ever tuned on it, so that the probabilities reflect articles
the rules have not seen, not only the ones they fit.

Each field also gets a reason a person can check in the sentence: "source USA: 'the United States'
named in the sentence", "period 2019-01-01..2019-06-30: 'in the first half of 2019'", "planned:
'aims to'". A figure an analyst has reviewed is certain.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache

from etl import classify
from etl.countries import CountryMention, countries_within
from etl.lexicon import load
from etl.memo import text_cache
from etl.models import Article, Figure, format_value

FIELDS = ("value", "metric", "basis", "period", "sides")
RELATIVE_TIME = re.compile(r"\b(?:this|last|next|current|previous|same|earlier|ago|so\s+far|today|yesterday|week|"
                           r"month|quarter|half)\b", re.IGNORECASE)
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
RANGE = re.compile(r"\d\s*(?:-|–|to)\s*\D{0,4}\d")
DECIMAL_COMMA = re.compile(r"\d,\d{1,2}(?!\d)")


@dataclass(frozen=True)
class Evidence:
    """The features of each field's decision (name → value) and the reason a person can check."""

    features: dict[str, dict[str, float]]
    reasons: dict[str, str]


@dataclass(frozen=True)
class Assessment:
    fields: dict[str, float]  # field → probability that it is right
    record: float  # probability that every field is right
    reasons: dict[str, str]

    @property
    def doubtful(self) -> str:
        """The field least likely to be right."""
        return min(FIELDS, key=lambda name: self.fields[name])


SPACES = re.compile(r"\s+")


def _words(text: str, limit: int = 60) -> str:
    text = SPACES.sub(" ", text).strip()
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _distance(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    return classify.word_distance(text, a, b)


@text_cache(maxsize=256)
def _sentence_cues(text: str, start: int, end: int, kind: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, label) of every metric cue of a money or percent figure in a sentence (found once per
    sentence, shared by its figures)."""
    lexicon = load("metric_cues")
    section = lexicon["money"] if kind == "money" else lexicon["percent"] if kind == "percent" else {}
    found = [(a, b, label) for label, words in section.items() if not label.startswith("_")
             for a, b, _ in classify.find_cues(text, start, end, words)]
    return tuple(sorted(found))


def _nearest_cue(text: str, cues: tuple[tuple[int, int, str], ...], span: tuple[int, int], label: str,
                 own: bool) -> tuple[int, str] | None:
    """(distance in words, cue) of the cue of ``label`` (or, not ``own``, of any other label) nearest the
    figure, not inside it."""
    candidates = [c for c in cues if (c[2] == label) == own and (c[1] <= span[0] or c[0] >= span[1])]
    if not candidates:
        return None
    a, b, _ = min(candidates, key=lambda c: span[0] - c[1] if c[1] <= span[0] else c[0] - span[1])
    return classify.word_distance(text, (a, b), span), text[a:b]


def _coarse(metric: str) -> str:
    return "investment" if metric.startswith("investment") else metric


def _value(figure: Figure) -> tuple[dict[str, float], str]:  # noqa: C901 - one test per feature
    features = {f"kind={figure.kind}": 1.0}
    if not any(ch.isdigit() for ch in figure.text):
        features["spelled"] = 1.0
    if figure.kind == "money" and not figure.currency:
        features["no_currency"] = 1.0
    if RANGE.search(figure.text):
        features["range"] = 1.0
    if figure.qualifier != "exact":
        features["qualified"] = 1.0
    if figure.equivalent_of:
        features["conversion"] = 1.0
    if DECIMAL_COMMA.search(figure.text):
        features["decimal_comma"] = 1.0
    shown = f"{format_value(figure.value)} {figure.currency}".strip()
    return features, f"value {shown}: '{_words(figure.text)}'"


Found = tuple[dict[str, float], str]  # a field's features and its reason


def _metric(figure: Figure, text: str, sentence: tuple[int, int], span: tuple[int, int]) -> Found:
    features = {f"metric={figure.metric}": 1.0}
    if figure.kind in ("count", "multiple"):
        features["fixed_by_kind"] = 1.0
        return features, f"metric {figure.metric}: a {figure.kind}"
    cues = _sentence_cues(text, sentence[0], sentence[1], figure.kind)
    own = _nearest_cue(text, cues, span, _coarse(figure.metric), True)
    rival = _nearest_cue(text, cues, span, _coarse(figure.metric), False)
    rivals = [rival] if rival is not None else []
    if own is None:
        features["no_own_cue"] = 1.0
        reason = f"metric {figure.metric}: no word of it near the figure"
    else:
        distance, cue = own
        features["own_cue_adjacent" if distance <= 2 else "own_cue_near" if distance <= 8 else "own_cue_far"] = 1.0
        reason = f"metric {figure.metric}: '{_words(cue)}'"
        if rivals and min(rivals)[0] < distance:
            features["rival_cue_nearer"] = 1.0
            reason += f" (but '{_words(min(rivals)[1])}' is nearer)"
    if rivals:
        features["rival_cue"] = 1.0
    cue_kind = next((k for k in ("own_cue_adjacent", "own_cue_near", "own_cue_far", "no_own_cue") if k in features), "")
    features[f"{figure.metric}&{cue_kind}"] = 1.0
    return features, reason


def _basis(figure: Figure, text: str, sentence: tuple[int, int], published: date | None) -> Found:
    features = {f"basis={figure.basis}": 1.0}
    strong, weak, approval, signed = _basis_cues(text, sentence[0], sentence[1])
    future = bool(published and figure.period_start and figure.period_start > published.isoformat())
    for name, found in (("strong_plan", strong), ("weak_plan", weak), ("approval", approval), ("signed", signed)):
        if found:
            features[f"{figure.basis}&{name}"] = 1.0
    if future:
        features["future_period"] = 1.0
    plan = strong or approval or weak
    if figure.basis == "planned":
        reason = (f"planned: '{_words(text[plan[0][0]:plan[0][1]])}'" if plan else
                  "planned: a period after publication" if future else "planned: the story's frame")
    elif not plan:
        reason = "actual: no word of a plan"
    elif signed:
        reason = f"actual: '{_words(text[signed[0][0]:signed[0][1]])}'"
    else:
        reason = f"actual, though the sentence says '{_words(text[plan[0][0]:plan[0][1]])}'"
    return features, reason


Cues = list[tuple[int, int, str]]


@text_cache(maxsize=256)
def _basis_cues(text: str, start: int, end: int) -> tuple[Cues, Cues, Cues, Cues]:
    """(strong plan, weak plan, approval, signing) cues of a sentence, found once for its figures."""
    lexicon = load("basis_cues")
    return (classify.plan_words(text, start, end),
            classify.find_cues(text, start, end, lexicon["weak"]),
            classify.plan_words(text, start, end, "approval"),
            classify.find_cues(text, start, end, load("metric_cues")["signing_words"]))


def _period(figure: Figure, undated: bool) -> Found:
    features: dict[str, float] = {}
    start, end = figure.period_start, figure.period_end
    shown = f"{start or '…'}..{end or '…'}"
    if undated:
        features["undated"] = 1.0
    if not start and not end:
        features["period_empty"] = 1.0
        return features, "no time given: the period is empty"
    features["period_open_start" if not start else "period_open_end" if not end else "period_bounded"] = 1.0
    if not figure.period_text:
        features["carried_over"] = 1.0
        reason = f"period {shown}: carried over from an earlier sentence"
    elif figure.period_text in figure.quote:
        features["time_in_sentence"] = 1.0
        if RELATIVE_TIME.search(figure.period_text):
            features["relative_time"] = 1.0
        reason = f"period {shown}: '{_words(figure.period_text)}'"
    else:
        features["time_elsewhere"] = 1.0
        reason = f"period {shown}: '{_words(figure.period_text)}' in an earlier sentence"
    if len(set(YEAR.findall(figure.quote))) >= 2:
        features["several_years"] = 1.0
    shape = next(k for k in ("period_open_start", "period_open_end", "period_bounded") if k in features)
    source = next(k for k in ("carried_over", "time_in_sentence", "time_elsewhere") if k in features)
    features[f"{shape}&{source}"] = 1.0
    return features, reason


def _side(code: str, role: str, named: dict[str, CountryMention], title_codes: frozenset[str]) -> Found:
    if not code:
        return {f"{role}_empty": 1.0}, f"{role} empty: no one country named"
    if code in named:
        return {f"{role}_named": 1.0}, f"{role} {code}: '{_words(named[code].text)}' in the sentence"
    if code in title_codes:
        return {f"{role}_from_headline": 1.0}, f"{role} {code}: from the headline"
    return {f"{role}_from_story": 1.0}, f"{role} {code}: from the story, not this sentence"


@text_cache(maxsize=256)
def _named(text: str, start: int, end: int) -> dict[str, CountryMention]:
    """Each country a sentence names (capitals too), by code, at its first mention."""
    named: dict[str, CountryMention] = {}
    for mention in countries_within(text, start, end, capitals=True):
        if mention.code:
            named.setdefault(mention.code, mention)
    return named


@lru_cache(maxsize=64)
def _title_codes(title: str) -> frozenset[str]:
    return frozenset(m.code for m in countries_within(title, 0, len(title), capitals=True) if m.code)


def _sides(figure: Figure, text: str, title: str, sentence: tuple[int, int]) -> Found:
    named = _named(text, sentence[0], sentence[1])
    title_codes = _title_codes(title)
    source, source_reason = _side(figure.source_country, "source", named, title_codes)
    target, target_reason = _side(figure.target_country, "target", named, title_codes)
    features = {**source, **target}
    count = len(named)
    features[f"countries={min(count, 3)}"] = 1.0
    features[f"{next(iter(source))}&{next(iter(target))}"] = 1.0  # how both sides were found, together
    if len(title_codes) >= 2:
        features["headline_pair"] = 1.0
    if figure.metric == "trade_value":
        features["trade"] = 1.0
    return features, f"{source_reason}; {target_reason}"


def evidence(figure: Figure, article: Article) -> Evidence:
    """The features and reasons of each field of one figure of ``article``."""
    text = article.text
    sentence = (figure.sentence_start, figure.sentence_start + len(figure.quote))
    span = (figure.char_start, figure.char_end)
    try:
        published: date | None = date.fromisoformat(article.published)
    except ValueError:
        published = None
    parts = {
        "value": _value(figure),
        "metric": _metric(figure, text, sentence, span),
        "basis": _basis(figure, text, sentence, published),
        "period": _period(figure, published is None),
        "sides": _sides(figure, text, article.title, sentence),
    }
    return Evidence({name: part[0] for name, part in parts.items()}, {name: part[1] for name, part in parts.items()})


@cache
def _weights() -> dict[str, dict[str, float]]:
    return {name: {k: float(v) for k, v in table.items()} for name, table in load("confidence")["weights"].items()}


def _probability(weights: dict[str, float], features: dict[str, float]) -> float:
    score = weights.get("bias", 0.0) + sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def record_features(fields: dict[str, float], features: dict[str, dict[str, float]]) -> dict[str, float]:
    """The record model's features: each field's log-odds, and how the sides were found (the field most
    often wrong on articles the rules have not seen)."""
    combined = {f"logit_{name}": logit(fields[name]) for name in FIELDS}
    combined.update({f"sides:{key}": value for key, value in features["sides"].items() if "&" in key})
    return combined


def assess(figure: Figure, article: Article) -> Assessment:
    found = evidence(figure, article)
    weights = _weights()
    fields = {name: _probability(weights[name], found.features[name]) for name in FIELDS}
    record = _probability(weights["record"], record_features(fields, found.features))
    return Assessment(fields, record, found.reasons)


def with_confidence(figure: Figure, article: Article) -> Figure:
    """The figure with its confidence columns and reasons filled in."""
    if figure.reviewed:
        return certain(figure)
    found = assess(figure, article)
    doubtful = found.doubtful
    reasons = [found.reasons[doubtful]] + [found.reasons[name] for name in FIELDS if name != doubtful]
    # a figure fresh from extraction, not yet shared: filled in place
    fields = {name: round(value, 3) for name, value in found.fields.items()}
    figure.confidence = round(found.record, 3)
    figure.confidence_value, figure.confidence_metric = fields["value"], fields["metric"]
    figure.confidence_basis, figure.confidence_period = fields["basis"], fields["period"]
    figure.confidence_sides, figure.doubtful_field = fields["sides"], doubtful
    figure.reasons = " | ".join(reasons)
    return figure


def certain(figure: Figure) -> Figure:
    """A figure an analyst confirmed, corrected or added: every field as the analyst decided."""
    return replace(figure, confidence=1.0, confidence_value=1.0, confidence_metric=1.0, confidence_basis=1.0,
                   confidence_period=1.0, confidence_sides=1.0, doubtful_field="",
                   reasons=f"{figure.reviewed} by an analyst")
