"""Turn an article into figures: find each mention, then read its qualifier, metric, basis, period,
countries and companies from the words around it. Pure: an Article in, Figures out.
"""

from __future__ import annotations

import hashlib
import re
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from etl import classify, limits
from etl.confidence import with_confidence
from etl.countries import countries_within
from etl.entities import find_entities
from etl.errors import TimeLimitError, TooManyFiguresError
from etl.lexicon import alternation, load
from etl.limits import MAX_FIGURES
from etl.memo import forget_texts
from etl.mentions import Mention, find_mentions
from etl.models import Article, Figure
from etl.periods import (
    PRECEDING,
    Context,
    Period,
    TimeExpr,
    find_time_expressions,
    fiscal_country,
    resolve_comparison,
)
from etl.sides import (
    Sides,
    all_sources,
    article_context,
    debt_sides,
    investment_sides,
    loan_issuer,
    many_actors,
    share_holder,
    trade_sides,
    whole_of_share,
)
from etl.text import Span, clauses, is_list_item, paragraphs, sentences

CONVERSION_GAP = re.compile(r"\s*\(\s*(?:about|around|approximately|approx\.|roughly|some|nearly|almost|or|"
                            r"equivalent\s+to|i\.e\.)?\s*$|\s+or\s+(?:about\s+|around\s+)?$", re.IGNORECASE)
COMPARATOR_WORD = re.compile(r"\b(?:against|from|after|on|compared\s+(?:to|with)|than|versus|vs\.?)\b", re.IGNORECASE)


@dataclass
class Work:
    """A figure under construction, with what later figures may inherit from it."""

    mention: Mention
    figure: Figure
    sentence: Span
    clause: Span
    paragraph: int
    coarse_metric: str = ""
    period: Period | None = None
    period_from: str = "default"  # explicit | inherited | comparison | default
    sides_from: str = "context"
    in_parentheses: bool = False
    qualifier_start: int = 0
    main: Work | None = None
    notes: list[str] = field(default_factory=list)
    is_base: bool = False  # the base of a comparison ('up from $2 billion'), set by _plan


class History:
    """The figures of an article read so far, indexed for what later figures ask of them — the last
    money figure, the figures of a sentence, the last in a paragraph, the period to inherit — so each
    question costs the same however long the article (a scan of every earlier figure per figure made
    an article of many figures quadratic)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.works: list[Work] = []
        self.last_money: Work | None = None
        self.last_main: Work | None = None  # the last figure of its own (not an equivalent) with a receiving side
        self.by_sentence: dict[tuple[int, int], list[Work]] = {}
        self.last_main_in_paragraph: dict[int, Work] = {}
        self.list_item_percents: list[Work] = []  # the percents of the last list item that had any
        # the period a figure may inherit, for a planned figure [True] and for any other [False]:
        self.inheritable_in_paragraph: dict[bool, dict[int, Work]] = {True: {}, False: {}}
        self.inheritable_by_metric: dict[bool, dict[str, Work]] = {True: {}, False: {}}
        self.inheritable: dict[bool, Work | None] = {True: None, False: None}
        self.year_on_year = False  # the story has compared with a year before ('up 45% year-on-year')
        # by paragraph, the time a sentence without figures sets for the figures after it ('For 2023, …'):
        # (where that sentence starts, its period)
        self.topic: dict[int, tuple[int, Period]] = {}
        self.last_signed: Work | None = None  # the last deal dated by its signing ('signed on Monday')

    def add(self, work: Work) -> None:
        self.works.append(work)
        if "signed" in work.notes and work.coarse_metric == "deal_value" and work.main is None:
            self.last_signed = work
        if work.mention.kind == "money":
            self.last_money = work
        self.by_sentence.setdefault(_scope(work.sentence), []).append(work)
        if work.main is None:
            self.last_main_in_paragraph[work.paragraph] = work
            if work.figure.target_country:
                self.last_main = work
        if work.mention.kind == "percent" and is_list_item(self.text, work.sentence):
            if not self.list_item_percents or self.list_item_percents[-1].sentence != work.sentence:
                self.list_item_percents = []
            self.list_item_percents.append(work)
        if work.period_from in ("explicit", "inherited") and work.main is None and not work.is_base:
            for planned in (True, False):
                if planned or "future" not in work.notes:
                    self.inheritable_in_paragraph[planned][work.paragraph] = work
                    self.inheritable_by_metric[planned][work.coarse_metric] = work
                    self.inheritable[planned] = work

    def in_sentence(self, sentence: Span) -> list[Work]:
        return self.by_sentence.get(_scope(sentence), [])


BASE_BEFORE = re.compile(r"\b(?:from|against|compare[sd]?\s+(?:with|to)|versus|vs\.?|(?:than|short\s+of)\s+the"
                         r"(?:\s+revised|\s+previous|\s+earlier)?)\s+(?:about\s+|around\s+|some\s+)?$", re.IGNORECASE)


OWN_TIME_GAP = re.compile(r"\s*(?:in|during|for|over|of)?\s*(?:the\s+)?")


def _own_time(text: str, work: Work, expr: TimeExpr) -> bool:
    """The time printed right after a figure ('MAD 3.8 billion in 2022')."""
    return work.mention.end <= expr.start and OWN_TIME_GAP.fullmatch(text[work.mention.end:expr.start]) is not None


def _is_base(text: str, work: Work) -> bool:
    """The base of a comparison ('up from USD 33.12 billion in April-September 2023', 'against $2.95
    billion'): its period is no period for the figures after it to continue."""
    return BASE_BEFORE.search(text, max(work.sentence.start, work.mention.start - 30), work.mention.start) is not None


def figure_id(article_id: str, start: int, end: int) -> str:
    return hashlib.sha256(f"{article_id}:{start}:{end}".encode()).hexdigest()[:16]


# An undated article is read twice, as if published on each of these days: what differs between the
# two readings ("this year", "last quarter") depends on the unknown date and is left empty. Both lie
# after any year a story names, so a named year never reads as a future (planned) one.
UNDATED_REFERENCES = (date(2098, 7, 1), date(2099, 3, 1))


def is_dated(article: Article) -> bool:
    try:
        date.fromisoformat(article.published)
    except ValueError:
        return False
    return True


def extract_figures(article: Article, *, deadline: float | None = None) -> list[Figure]:
    """Every figure the article cites, with all contract fields filled as far as the text allows.

    An article without a publication date never gets one made up: a period that only its date
    could resolve stays empty.

    Raises TooManyFiguresError for a text of more figures than an article holds, and TimeLimitError
    once ``deadline`` (a ``time.monotonic()`` value) has passed."""
    forget_texts()  # the caches of the last article's text go with it
    if is_dated(article):
        figures = _extract(article, date.fromisoformat(article.published), deadline)
    else:
        first, second = (_extract(article, reference, deadline) for reference in UNDATED_REFERENCES)
        figures = [_without_guesses(a, b) for a, b in zip(first, second, strict=True)]
    return [with_confidence(figure, article) for figure in figures]


def _without_guesses(a: Figure, b: Figure) -> Figure:
    """Figure ``a`` with every field that changed with the assumed publication date left empty:
    'since 1991' keeps its start and loses its end; 'this year' loses both."""
    start = a.period_start if a.period_start == b.period_start else ""
    end = a.period_end if a.period_end == b.period_end else ""
    basis = a.basis if a.basis == b.basis else "actual"
    return replace(a, period_start=start, period_end=end, basis=basis,
                   period_text=a.period_text if start or end else "")


def _extract(article: Article, published: date, deadline: float | None) -> list[Figure]:
    text = article.text
    mentions = find_mentions(text)
    if len(mentions) > MAX_FIGURES:
        raise TooManyFiguresError(article.source_file, len(mentions), MAX_FIGURES)
    context = article_context(article.title, text)
    # a story headlined on approved or registered investment: its shares and growth rates describe it
    lending = bool(classify.find_cues(article.title, 0, len(article.title), load("metric_cues")["lender_nouns"]))
    headline_approval = classify.approval_cues(article.title, (0, len(article.title)), lending=lending) == (True, False)
    mention_starts = [m.start for m in mentions]
    paragraph_starts = [p.start for p in paragraphs(text)]
    history = History(text)
    fiscal = fiscal_country(context.target, (context.source, *context.pair))
    last_period: Period | None = None
    story_year = 0  # the latest year a period named so far ends in: the year a yearless 'July-September' is in
    for sentence in sentences(text):
        if deadline is not None and time.monotonic() > deadline:
            raise TimeLimitError(article.source_file, limits.time_limit() or 0)
        in_sentence = mentions[bisect_left(mention_starts, sentence.start):bisect_left(mention_starts, sentence.end)]
        year = story_year or published.year
        ctx = Context(published, year, context.target, fiscal)
        exprs = find_time_expressions(text, sentence.start, sentence.end, ctx,
                                      tuple((m.start, m.end) for m in in_sentence))
        exprs = _resolve_anaphora(exprs, last_period)
        if any(e.kind == "yoy" or (e.kind == "comparison" and e.shift == -1) for e in exprs):
            history.year_on_year = True
        sentence_clauses = clauses(text, sentence)
        current = [_start_work(article, text, m, sentence, sentence_clauses, paragraph_starts, context)
                   for m in in_sentence]
        for work in current:
            _classify_metric(text, work, history)
            if context.debt:
                _debt_metric(text, work)
        _parallel_percent_metrics(text, current, history)
        _link_conversions(text, current)
        plan = _plan(text, current, exprs)
        for work in current:
            _assign_period(text, work, exprs, history, published, plan)
        for work in current:
            _finish(text, work, history, context, published, (headline_approval, lending))
            history.add(work)
        # the periods later sentences may refer back to ('the six months'): not the base of a comparison
        # ('up from $33.12 billion in April-September 2023')
        explicit = [e for e in exprs if e.kind in ("period", "cumulative", "open") and e.period
                    and id(e) not in plan.last_base_of and id(e) not in plan.owners]
        if explicit and not current and explicit[-1].period is not None:
            history.topic[bisect_right(paragraph_starts, sentence.start) - 1] = (sentence.start, explicit[-1].period)
        if explicit:
            last_period = explicit[-1].period
            story_year = max([story_year] + [e.period.end.year for e in explicit if e.period and e.period.end])
    return [w.figure for w in history.works]


BETWEEN_AND = re.compile(r"\bbetween\s+$", re.IGNORECASE)
AND_AMOUNT = re.compile(r"\s+and\s+(?:[$€£¥₹]|US\$)?\d")


@cache
def _currency_words() -> tuple[frozenset[str], frozenset[str]]:
    """(names and symbols several countries use, scale words), lower case."""
    scales = load("scales")
    return (frozenset(w.rstrip(".") for w in load("currencies")["generic"]),
            frozenset(w.lower() for w in [*scales["words"], *scales["short"]]))


def local_currency(mention_text: str, currency: str, context: Sides) -> str:
    """A currency name or symbol several countries use ('6.8 billion dirhams', 'Rs 2.5 billion',
    'Sh65.4 billion') in a story about one of the others: its local currency. A story that involves
    the default's own country keeps the default."""
    lexicon = load("currencies")
    local = lexicon["by_country"].get(currency)
    if not local or lexicon["home"].get(currency) in (context.source, context.target):
        return currency
    words = {w.lower().rstrip(".") for w in re.findall(r"[A-Za-z]+\.?", mention_text)}
    generic, scales = _currency_words()
    if not words & generic or words - generic - scales:
        return currency  # no shared name, or one with its nationality ('UAE dirhams')
    found = {local[c] for c in (context.target, context.source) if c in local}
    return found.pop() if len(found) == 1 else currency


def _start_work(article: Article, text: str, m: Mention, sentence: Span, sentence_clauses: list[Span],
                paragraph_starts: list[int], context: Sides) -> Work:
    clause = next((c for c in sentence_clauses if c.start <= m.start < c.end), sentence)
    paragraph = bisect_right(paragraph_starts, m.start) - 1  # a sentence lies inside one paragraph
    qualifier, qualifier_start = classify.find_qualifier(text, m.start)
    if m.is_range or BETWEEN_AND.search(text, max(0, m.start - 12), m.start) and \
            AND_AMOUNT.match(text, m.end):
        qualifier = "at_least"  # a range is given at its lower bound: '$4.5-$5 billion', 'between $5 and $7 billion'
    opened = text.rfind("(", sentence.start, m.start)
    in_parentheses = opened >= 0 and text.rfind(")", opened, m.start) < 0
    figure = Figure(figure_id=figure_id(article.article_id, m.start, m.end), article_id=article.article_id,
                    text=m.text, char_start=m.start, char_end=m.end, quote=sentence.slice(text), kind=m.kind,
                    value=round(m.value, 6), currency=local_currency(m.text, m.currency, context), qualifier=qualifier,
                    sentence_start=sentence.start, unit=m.unit)
    return Work(m, figure, sentence, clause, paragraph, in_parentheses=in_parentheses,
                qualifier_start=qualifier_start)


def _span(work: Work) -> tuple[int, int]:
    return (work.mention.start, work.mention.end)


def _scope(span: Span) -> tuple[int, int]:
    return (span.start, span.end)


ASIDE = re.compile(r"\s*\([^()]{0,40}\)")


def _classify_metric(text: str, work: Work, earlier: History) -> None:
    kind = work.mention.kind
    skip = [(work.qualifier_start, work.mention.start)]
    aside = ASIDE.match(text[work.mention.end:work.mention.end + 45])
    if aside and kind == "money":  # 'digital, 94.73 billion baht (40 projects)': the aside counts, it does not classify
        skip.append((work.mention.end, work.mention.end + aside.end()))
    if kind == "count":
        work.coarse_metric = "count"
    elif kind == "multiple":
        work.coarse_metric = "growth_rate"
    elif kind == "percent":
        work.coarse_metric = _percent_metric(text, work, skip)
    else:
        work.coarse_metric = _money_metric(text, work, skip, earlier)


def _debt_metric(text: str, work: Work) -> None:
    """In a story about a country's debt, its amounts are debt stocks and debt service ('borrowing from
    China stood at $3.26 billion', 'India's loans went up to $37m'): metric other, unless the sentence
    tells of a loan being signed."""
    if work.mention.kind == "money" and work.coarse_metric in ("deal_value", "investment") and not \
            classify.find_cues(text, work.sentence.start, work.sentence.end, load("metric_cues")["signing_words"]):
        work.coarse_metric = "other"


SHARE_WORD = re.compile(r"\bshare\b", re.IGNORECASE)
FROM_TO_END = re.compile(r"\b(?:from|to)\s+$")
OF_GDP = re.compile(r"\s+of\s+(?:the\s+)?(?:country's\s+|[A-Z][a-z]+'s\s+)?(?:gdp|gross\s+domestic\s+product)\b",
                    re.IGNORECASE)
OF_LEVEL = re.compile(r"\s+of\s+(?:the\s+|its\s+|last\s+year's\s+)?(?:[\w-]+\s+){0,4}?(?:level|levels)\b",
                      re.IGNORECASE)


def _percent_metric(text: str, work: Work, skip: list[tuple[int, int]]) -> str:
    if work.mention.text[:1] in "+-−":
        return "growth_rate"  # '(+35.8%)', '(-14.1%)': a change printed with its sign
    lexicon = load("metric_cues")["percent"]
    scores = classify.score_cues(text, _scope(work.clause), _span(work), lexicon, skip)
    if re.match(r"\s*(?:\([^)]*\)\s*)?of\b", text[work.mention.end:work.mention.end + 30]):
        scores["share"] += 1.0
    if _part_of_amount(text, work):
        scores["share"] += 2.0
    label = classify.best(scores)
    if OF_GDP.match(text, work.mention.end):
        return "other"  # '37.5 percent of gross domestic product': a ratio to GDP, a macro indicator
    if SHARE_WORD.search(text, work.clause.start, work.mention.start) and \
            FROM_TO_END.search(text, max(work.clause.start, work.mention.start - 8), work.mention.start):
        return "share"  # "Japan's share of FDI dropped from 6.6 percent in 2014 to 4.3 percent"
    if OF_LEVEL.match(text, work.mention.end):
        return "growth_rate"  # '178.2 percent of the January-June 2013 level': a ratio to the earlier level
    macro = classify.find_cues(text, max(work.clause.start, work.mention.start - 60), work.mention.start,
                               load("metric_cues")["macro_words"])
    if macro and label != "share":
        return "other"  # GDP, inflation, reserves: macro indicators, not investment flows
    if label is None:
        return ""  # decided by parallel structure or a default in _parallel_percent_metrics
    if label == "share" and work.mention.value > 100:
        return "other"
    return label


AMOUNT_GAP = re.compile(r"(?:\(\s*(?:an?\s+)?(?:(?:specific\s+)?weight\s+of\s+|share\s+of\s+)?|"
                        r",?\s+or\s+(?:a\s+|an\s+|about\s+|around\s+|some\s+|nearly\s+)?)$", re.IGNORECASE)
AMOUNT_END = re.compile(r"(?:\d|(?<![A-Za-z])(?:billion|million|bn|mln|m|trillion|tn|crore|lakh|thousand)|[$€£¥₹])\s*$",
                        re.IGNORECASE)


def _part_of_amount(text: str, work: Work) -> bool:
    """'AZN 177.47mln (10.3%)', 'MYR55.4bn or a 33.9% share', 'US$1.05 billion, or 17.1 percent of the
    total': a percent given right after an amount is the amount's share of a total, not its growth."""
    head = text[max(work.sentence.start, work.mention.start - 40):work.mention.start]
    gap = AMOUNT_GAP.search(head)
    if gap is None:
        return False
    return AMOUNT_END.search(head[:gap.start()]) is not None


MONEY_CUE_REACH = 12  # words after the figure


CHANGE_BEFORE = re.compile(r"\b(?:(?:an?\s+)?(?:increase|decrease|rise|drop|fall|decline|growth|jump|gain|"
                           r"contraction)\s+(?:of|by)|(?:rose|grew|increased|fell|dropped|declined|decreased|climbed|"
                           r"jumped|shrank|slipped)\s+by)\s+(?:about\s+|some\s+|nearly\s+|around\s+)?$", re.IGNORECASE)
CHANGE_AFTER = re.compile(r"\s+(?:more|less|higher|lower)\b(?!\s+than\s+(?:[$€£¥₹]|US\$|\d))", re.IGNORECASE)


def _absolute_change(text: str, work: Work) -> bool:
    """'227.8 million U.S. dollars more', 'an increase of $1.2 billion', 'fell by $378.8 million': a change
    of money, metric other (only percent and multiple changes are growth rates)."""
    if CHANGE_BEFORE.search(text, max(work.sentence.start, work.qualifier_start - 40), work.qualifier_start):
        return True
    return CHANGE_AFTER.match(text, work.mention.end) is not None


BALANCE = re.compile(r"\bbalance\s+of\b|\b(?:trade|current[-\s]account)\s+(?:balance|surplus|deficit)\b|"
                     r"\b(?:surplus|deficit)\s+(?:of|was|stood|reached|came|amounted|widened|narrowed)\b",
                     re.IGNORECASE)
DOMAIN_PHRASE = re.compile(r"\b(?:in|of)\s+the\s+(?:field|sphere|area|domain|fields|spheres|areas)\s+of\s+[\w-]+"
                           r"(?:\s+and\s+[\w-]+)?", re.IGNORECASE)


@cache
def _deal_framing() -> re.Pattern[str]:
    """'Under the agreements signed, …': the amounts of the sentence are the deals' values."""
    return re.compile(rf"(?:^|,\s*)under\s+(?:the\s+|this\s+|these\s+)?(?:[\w’'-]+\s+){{0,4}}?"
                      rf"{alternation(load('metric_cues')['deal_framing'])}\b", re.IGNORECASE)


def _money_metric(text: str, work: Work, skip: list[tuple[int, int]], earlier: History) -> str:
    if _absolute_change(text, work) or BALANCE.search(text, work.clause.start, work.mention.start):
        return "other"  # a change of money, or a balance ('the balance of Uzbekistan's foreign trade')
    # 'agreements … signed in the field of investment were worth $5.6 billion': a domain, not what is counted
    skip = skip + [m.span() for m in DOMAIN_PHRASE.finditer(text, work.sentence.start, work.sentence.end)]
    cues = load("metric_cues")
    if _deal_framing().search(text[work.sentence.start:work.sentence.end]):
        return "deal_value"
    named = _named_kind(text, work, cues["money"])
    if named:
        return named
    for scope in (work.clause, work.sentence):
        # a cue far down a long sentence describes something else ('… meant to … make trade easier')
        label = classify.best(classify.score_cues(text, _scope(scope), _span(work), cues["money"], skip,
                                                  max_distance=MONEY_CUE_REACH))
        if label == "deal_value" and _instalment(text, work):
            return "investment"
        if label:
            return label
    # the metric of the money figure before it: in its paragraph if there is one, which is then the last
    return earlier.last_money.coarse_metric if earlier.last_money else "other"


IN_WHAT = re.compile(r"\s+in\s+(?:new\s+|fresh\s+|economic\s+|additional\s+)?(?=[a-z])", re.IGNORECASE)


def _named_kind(text: str, work: Work, lexicon: dict[str, list[str]]) -> str:
    """What the words right after an amount call it ('$500 million in loans', '$338 million in incentives',
    '$2 billion in investment'): that metric, over any cue around it; '' when they name none."""
    following = IN_WHAT.match(text, work.mention.end, min(len(text), work.mention.end + 30))
    if following is None:
        return ""
    start, at = following.start(), following.end()
    for label, words in lexicon.items():
        if label.startswith("_"):
            continue
        # the named word, or a cue phrase that takes 'in' with it ('in incentives')
        found = classify.find_cues(text, start, min(work.sentence.end, at + 40), words)
        if any(start <= cue[0] <= at < cue[1] for cue in found):
            return label
    return ""


OUT_OF = re.compile(r"\b(?:out\s+of|of)\s+(?:the\s+|a\s+|an\s+)?(?:total\s+|overall\s+)?$", re.IGNORECASE)


def _instalment(text: str, work: Work) -> bool:
    """'The second instalment of money due under the agreement has reached Egypt: USD 14 billion', 'the
    first tranche of the deal, USD 15 billion': money paid under a deal is investment received — not the
    deal's whole ('out of the USD 35 billion accord'), nor a loan's tranche in a sentence about lending."""
    cues = load("metric_cues")
    if not classify.find_cues(text, work.sentence.start, work.mention.start, cues["instalment_words"]):
        return False
    if OUT_OF.search(text, max(work.sentence.start, work.mention.start - 20), work.mention.start):
        return False
    return not classify.find_cues(text, work.sentence.start, work.sentence.end, cues["lender_nouns"])


def _parallel_percent_metrics(text: str, current: list[Work], earlier: History) -> None:
    """Percents with no cue of their own: '(24.8 and 6.2 percent)' repeats the previous list item's pattern."""
    undecided = [w for w in current if w.mention.kind == "percent" and not w.coarse_metric]
    if not undecided:
        return
    previous_item: list[Work] = []
    if is_list_item(text, current[0].sentence):
        previous_item = earlier.list_item_percents
    decided = [w for w in current if w.mention.kind == "percent" and w.coarse_metric]
    for index, work in enumerate(w for w in current if w.mention.kind == "percent"):
        if work.coarse_metric:
            continue
        if not decided and len(previous_item) > index:
            work.coarse_metric = previous_item[index].coarse_metric
        elif decided:
            work.coarse_metric = min(decided, key=lambda w: abs(w.mention.start - work.mention.start)).coarse_metric
        else:
            growth = load("metric_cues")["percent"]["growth_rate"]
            has_growth = classify.find_cues(text, work.sentence.start, work.sentence.end, growth)
            work.coarse_metric = "growth_rate" if has_growth else "share"


def _link_conversions(text: str, current: list[Work]) -> None:
    """'KZT355.7bn (about $2.32bn)', 'JPY 103.6 billion or Rs 6,170 crore': one amount in two currencies."""
    money = [w for w in current if w.mention.kind == "money"]
    for first, second in zip(money, money[1:], strict=False):
        gap = text[first.mention.end:second.mention.start]
        if first.figure.currency != second.figure.currency and CONVERSION_GAP.fullmatch(gap):
            second.main = first.main or first
            second.figure.equivalent_of = (first.main or first).figure.figure_id
            second.coarse_metric = (first.main or first).coarse_metric


def _resolve_anaphora(exprs: list[TimeExpr], last_period: Period | None) -> list[TimeExpr]:
    """'the same period', 'those six months', 'the reporting period' take the period named just before."""
    resolved: list[TimeExpr] = []
    for expr in exprs:
        if expr.kind == "anaphoric":
            before = [e for e in resolved if e.kind in ("period", "cumulative", "open") and e.period]
            target = before[-1].period if before else last_period
            if target is None:
                continue
            kind = "cumulative" if target.cumulative else "period"
            expr = TimeExpr(expr.start, expr.end, kind, target, 0, expr.future)
        resolved.append(expr)
    return resolved


def _whole_month(expr: TimeExpr) -> bool:
    """'in December 2020': a month, which a comparison can shift, not a day."""
    period = expr.period
    return period is not None and period.start is not None and period.end is not None and \
        period.start.day == 1 and period.end.day >= 28 and period.start.month == period.end.month


def _comparison_members(text: str, expr: TimeExpr, current: list[Work]) -> list[Work]:
    """Figures inside the comparison an expression closes: 'against $14.8 billion a year earlier',
    'from Dh993.9 million ... in the same months of 2011', '... of 2011, when they stood at Dh1.24 billion'."""
    head = text[max(0, expr.start - 90):expr.start]
    comparators = list(COMPARATOR_WORD.finditer(head))
    members = []
    if comparators:
        start = max(0, expr.start - 90) + comparators[-1].start()
        members += [w for w in current if start <= w.mention.start and w.mention.end <= expr.start]
    tail = text[expr.end:expr.end + 80]
    when = re.match(r",?\s*when\b[^.;]*", tail)
    if when:
        members += [w for w in current if expr.end <= w.mention.start < expr.end + when.end()]
    return [w for w in members if w.coarse_metric != "growth_rate"]


@dataclass
class SentencePlan:
    """What the figures of a sentence share about its times, worked out once per sentence (a sentence of
    thousands of amounts must not ask every figure about every other)."""

    last_base_of: dict[int, int]  # id of a time → the start of the last figure it is the comparison base of
    owners: dict[int, list[Work]]  # id of a time → the base figures it is printed right after


def _plan(text: str, works: list[Work], exprs: list[TimeExpr]) -> SentencePlan:
    for work in works:
        work.is_base = _is_base(text, work)
    starts = [w.mention.start for w in works]
    last_base_of: dict[int, int] = {}
    owners: dict[int, list[Work]] = {}
    for expr in exprs:
        near = works[bisect_left(starts, expr.start - 200):bisect_left(starts, expr.start)]
        based = [w.mention.start for w in near if _comparison_base(text, w, expr)]
        if based:
            last_base_of[id(expr)] = max(based)
        owned = [w for w in near if w.is_base and _own_time(text, w, expr)]
        if owned:
            owners[id(expr)] = owned
    return SentencePlan(last_base_of, owners)


TIME_LABEL = re.compile(r"\s+(?:figure|level|total|amount|value|volume|result)\s+(?:of|at|was|stood\s+at)\s+"
                        r"(?:about\s+|some\s+|nearly\s+|around\s+)?", re.IGNORECASE)


def _labelled_time(text: str, work: Work, exprs: list[TimeExpr]) -> TimeExpr | None:
    """The time that labels an amount printed right after it: 'the 2021 figure of $3.4 billion'."""
    for expr in exprs:
        if expr.end <= work.mention.start and expr.period is not None and expr.period.start is not None and \
                TIME_LABEL.fullmatch(text, expr.end, work.mention.start):
            return expr
    return None


def _assign_period(text: str, work: Work, exprs: list[TimeExpr], earlier: History, published: date,
                   plan: SentencePlan) -> None:
    if work.main is not None:
        return
    current_sentence = [e for e in exprs if work.sentence.start <= e.start < work.sentence.end]
    labelled = _labelled_time(text, work, current_sentence)
    if labelled is not None and labelled.period is not None:
        # 'from the 2021 figure of $3.4 billion', 'the 2013 level of $1.2 billion': the time names the amount
        work.period, work.period_from = labelled.period, "explicit"
        work.figure.period_text = text[labelled.start:labelled.end]
        return
    # not the base of this figure's comparison, nor of one that stands between it and the time ('17.6%
    # above the projection, but 14.5% less than the MYR309.4bn approved in 2021': 2021 is 14.5%'s base)
    # ('That compares with MAD 3.8 billion in 2022, an increase of 79.5%': 2022 is the base amount's)
    is_base = work.is_base
    primary = [e for e in current_sentence if e.kind in ("period", "cumulative", "open", "day")
               and not _comparison_base(text, work, e)
               and not plan.last_base_of.get(id(e), -1) > work.mention.end
               and not (not is_base and any(w is not work for w in plan.owners.get(id(e), ())))]
    for expr in current_sentence:
        if expr.kind == "comparison" and work in _comparison_members(text, expr, _peers(work, earlier)):
            base = _nearest_expr(text, work, [e for e in primary if e.kind != "day" or _whole_month(e)]) or \
                _inherited(work, earlier, text)
            period = resolve_comparison(expr, base.period if isinstance(base, TimeExpr) else base)
            if period is not None:
                work.period, work.period_from = period, "comparison"
                work.figure.period_text = text[expr.start:expr.end]
                return
    in_clause = [e for e in primary if work.clause.start <= e.start < work.clause.end]
    if not in_clause and is_base and _base_period(text, work, current_sentence, bool(primary), earlier):
        return
    for pool in (in_clause, primary):
        if not pool:
            continue
        prefers_day = work.coarse_metric in ("deal_value", "count")
        candidates = pool if prefers_day else ([e for e in pool if e.kind != "day"] or pool)
        chosen = _spanned_total(text, work, _nearest_expr(text, work, candidates), primary, published)
        chosen = _preceding_span(chosen, current_sentence)
        if chosen is not None and chosen.period is not None:
            work.period, work.period_from = _year_so_far(text, work, chosen, published), "explicit"
            work.figure.period_text = text[chosen.start:chosen.end]
            if chosen.kind == "day" and work.coarse_metric == "deal_value":
                work.notes.append("signed")  # 'signed today', 'on Monday's agreement'
            if chosen.future:
                work.notes.append("future")
            signed = earlier.last_signed
            if signed is not None and work.coarse_metric in ("deal_value", "count") and \
                    POSSESSIVE_TIME.match(text, chosen.end) and _within(signed.period, work.period):
                # 'This year's loan package … JPY 338.247 billion' after 'signed today': the package signed,
                # at the precision of its signing
                work.period, work.period_from = signed.period, "inherited"
            return
    _implicit_period(text, work, earlier, published)


POSSESSIVE_TIME = re.compile(r"[’']s\b")


def _within(inner: Period | None, outer: Period | None) -> bool:
    return inner is not None and outer is not None and None not in (inner.start, inner.end, outer.start, outer.end) \
        and outer.start <= inner.start and inner.end <= outer.end  # type: ignore[operator]


# a deal told as background ('previously acquired', 'had bought', 'in the past'): not news of this month
BACKGROUND = re.compile(r"\b(?:previously|formerly|earlier|in\s+the\s+past|had|years\s+ago)\b", re.IGNORECASE)


def _implicit_period(text: str, work: Work, earlier: History, published: date) -> None:
    """The period of a figure whose sentence names none: a signing's month, a stock to date, the signed
    package's, the figure it continues, else everything to the publication date."""
    sentence = text[work.sentence.start:work.sentence.end]
    signing = classify.find_cues(text, work.sentence.start, work.sentence.end, load("metric_cues")["signing_words"])
    if signing and work.coarse_metric in ("deal_value", "count", "investment") and "since" not in sentence.lower():
        work.period = Period(published.replace(day=1), _month_end(published))
        work.period_from, work.figure.period_text = "explicit", text[signing[0][0]:signing[0][1]]
        work.notes.append("signed")
        return
    stock = classify.find_cues(text, work.clause.start, work.clause.end, load("metric_cues")["stock_words"]) or \
        [(m.start(), m.end(), m.group()) for m in TO_DATE_VERB.finditer(text, work.clause.start, work.clause.end)]
    if stock and work.coarse_metric in ("investment", "growth_rate", "count"):
        # 'FDI stock stands at £78bn', 'has reached Dh16.4 billion', 'has grown nine times': to date
        work.period, work.period_from = Period(None, published, True), "explicit"
        work.figure.period_text = text[stock[0][0]:stock[0][1]]
        return
    if work.coarse_metric == "deal_value" and NOW_HELD.search(text, work.sentence.start, work.sentence.end):
        # 'the bank now has 276 lines of credit in place, with commitments of $27.84 billion': held to date
        work.period, work.period_from = Period(None, published, True), "explicit"
        return
    if work.coarse_metric == "deal_value" and earlier.last_signed is not None:
        # the parts of a signed package listed later ('The projects covered are: …: 89.016 billion JPY')
        # were signed with it
        work.period, work.period_from = earlier.last_signed.period, "inherited"
        return
    inherited = _inherited(work, earlier, text)
    if inherited is not None:
        work.period, work.period_from = inherited, "inherited"
        return
    if work.coarse_metric == "deal_value" and not work.is_base and not BACKGROUND.search(
            text, work.clause.start, work.clause.end):
        # a deal the story reports with no date of its own, nor one the story set before ('values the deal
        # at £2.7 billion', 'won the concession for 334.5 million reais'), was made when it was news: in the
        # publication month (an undated article leaves it empty)
        work.period, work.period_from = Period(published.replace(day=1), _month_end(published)), "reported"
        work.notes.append("signed")
        return
    # the article gives no time for the figure: its period stays empty (the contract), never made up
    work.period, work.period_from = Period(None, None), "default"


def _base_period(text: str, work: Work, exprs: list[TimeExpr], has_primary: bool, earlier: History) -> bool:
    """Sets the period of a comparison's base that has no time of its own; False when none applies.

    An elliptical base ('Mauritius put in $5.34 billion against $2.95 billion a year before, and
    Singapore $7.53 billion against $5.22 billion') takes the comparison named before it; '(up from USD
    2 billion)' in a story that compares with a year before is the year-earlier period."""
    comparisons = [e for e in exprs if e.kind == "comparison" and e.start < work.mention.start]
    if comparisons:
        period = resolve_comparison(comparisons[-1], _inherited(work, earlier, text))
        if period is None:
            return False
        work.period, work.period_from = period, "comparison"
        work.figure.period_text = text[comparisons[-1].start:comparisons[-1].end]
        return True
    inherited = _inherited(work, earlier, text)
    if has_primary or not earlier.year_on_year or inherited is None or inherited.start is None:
        return False
    work.period, work.period_from = inherited.shifted(-1), "comparison"
    return True


AS_OF = re.compile(r"as\s+(?:of|at)\b", re.IGNORECASE)
FLOW_WORDS = re.compile(r"\byear[-\s](?:on|over)[-\s]year\b|\bso\s+far\s+this\s+year\b|"
                        r"\bsince\s+the\s+(?:start|beginning)\s+of\s+the\s+year\b|\bregister(?:ed|ing)\b|\bnewly\b|"
                        r"\bdisbursed\b", re.IGNORECASE)


def _year_so_far(text: str, work: Work, expr: TimeExpr, published: date) -> Period:
    """'registered US$6.17 billion as of March 20, up 13.4 percent year on year': a flow counted since the
    start of the publication year, not a stock — an 'as of' date in that year, said of investment with
    words of a yearly flow (year-on-year, registered, disbursed, so far this year)."""
    period = expr.period
    assert period is not None
    if not (period.cumulative and period.start is None and period.end is not None and
            period.end.year == published.year and work.coarse_metric in ("investment", "count", "growth_rate")
            and AS_OF.match(text, expr.start)):
        return period
    if FLOW_WORDS.search(text, work.sentence.start, work.sentence.end) is None:
        return period
    return Period(date(published.year, 1, 1), _month_end(period.end))


# words that introduce the base of a comparison: the time after them is the earlier period, not the
# figure's ('1.2 times the level of 2019', '178.2 percent of the January-June 2013 level', 'up 5 percent
# from $6.57 billion in the year-earlier quarter', 'compared with 2018')
COMPARISON_CUE = re.compile(r"\b(?:compared\s+(?:with|to)|in\s+comparison\s+with|against|versus|vs\.|level|"
                            r"than\s+(?:in|during|a\s+year|the|last|that|those)\b|"
                            r"from\s+(?:[$€£¥₹]|US\$|(?-i:[A-Z]{3}\s|Rs|Sh)|\d))", re.IGNORECASE)


LEVEL_AFTER = re.compile(r"\s*(?:level|levels)\b", re.IGNORECASE)  # 'of the January-June 2013 level'


def _comparison_base(text: str, work: Work, expr: TimeExpr) -> bool:
    """True when ``expr`` is the base of a comparison the figure makes: it follows the figure, with a
    comparison word between them (the amount of the base itself, 'from $6.57 billion in …', is not
    cut off from its period: the word comes before it)."""
    gap = text[work.mention.end:expr.start]
    if expr.start < work.mention.end or len(gap) > 90:
        return False
    return COMPARISON_CUE.search(gap) is not None or LEVEL_AFTER.match(text, expr.end) is not None


# a present perfect or present state with no time of its own is everything to date: 'Turkey has invested
# around $434 million in Turkmenistan', 'Turkmen investment in Turkey stands at around $1 million'
NOW_HELD = re.compile(r"\bnow\s+(?:has|have|holds|hold)\b|\bin\s+place\b", re.IGNORECASE)
TO_DATE_VERB = re.compile(r"\b(?:has|have)\s+(?:so\s+far\s+|already\s+|now\s+)?(?:invested|put|poured|pumped|"
                          r"attracted|received|drawn|channell?ed|reached|grown|risen|increased|totall?ed|amounted|"
                          r"exceeded|surpassed|topped|climbed|multiplied)\b|\b(?:stands|stand|now\s+totals|now\s+amounts)\s+"
                          r"(?:at|to)?\b", re.IGNORECASE)


def _month_end(day: date) -> date:
    import calendar

    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _peers(work: Work, earlier: History) -> list[Work]:
    return [work, *earlier.in_sentence(work.sentence)]


def _preceding_span(chosen: TimeExpr | None, exprs: list[TimeExpr]) -> TimeExpr | None:
    """'Up from $16 billion in the prior six months' after 'in the first half of 2015': the span just before
    the one the sentence named first, not the months before publication."""
    if chosen is None or chosen.period is None or not chosen.period.text.startswith(PRECEDING):
        return chosen
    named = [e for e in exprs if e.start < chosen.start and e.period is not None and e.period.start is not None
             and e.period.end is not None and not e.period.text.startswith(PRECEDING)]
    if not named:
        return chosen
    return replace(chosen, period=resolve_comparison(chosen, named[-1].period))


STOCK_NOUN = re.compile(r"\bstocks?\b", re.IGNORECASE)


def _spanned_total(text: str, work: Work, chosen: TimeExpr | None, sentence_exprs: list[TimeExpr],
                   published: date) -> TimeExpr | None:
    """A running total at a date that closes a span the sentence names ('In its report for July-September
    2024, … by the end of September 2024 cumulative payments had reached Sh165.6 billion'): the total
    of that span, not of all time — unless it is a stock ('the FDI stock')."""
    if chosen is None or chosen.period is None or chosen.period.end is None:
        return chosen
    since = [e for e in [chosen, *sentence_exprs] if e.kind == "cumulative" and e.period is not None
             and e.period.start is not None and e.period.end is not None and e.period.end >= published]
    dated = [e for e in [chosen, *sentence_exprs] if e.kind == "cumulative" and e.period is not None
             and e.period.start is None and e.period.end is not None and e.period.end < published]
    if since and dated and chosen in (since[0], dated[0]):
        # 'by the end of June 2023, cumulative investment since 1991 stood at $40 billion': 1991 to June 2023
        first, last = since[0].period, dated[0].period
        assert first is not None and last is not None
        if first.start is not None and last.end is not None and first.start < last.end:
            return replace(chosen, period=Period(first.start, last.end, True))
    if chosen.period.start is not None:
        return chosen
    spans = [e for e in sentence_exprs if e is not chosen and e.period is not None and e.period.start is not None
             and e.period.end == chosen.period.end and e.kind == "period"]
    if not spans or STOCK_NOUN.search(text, work.clause.start, work.clause.end):
        return chosen
    return spans[-1]


def _nearest_expr(text: str, work: Work, exprs: list[TimeExpr]) -> TimeExpr | None:
    if not exprs:
        return None
    # on a tie the expression after the figure wins: '$27.1 bln in 2018', '$15.6 billion in January-June'
    return min(exprs, key=lambda e: (classify.word_distance(text, (e.start, e.end), _span(work)),
                                     e.start < work.mention.start))


def _inherited(work: Work, earlier: History, text: str) -> Period | None:
    """The period of the figure this one continues: same paragraph, else same metric, else the last one.
    A target date ('by 2025') carries over only to figures that are themselves planned."""
    planned = any(classify.planned_cues(text, _scope(work.clause)))
    in_paragraph = earlier.inheritable_in_paragraph[planned].get(work.paragraph)
    topic = earlier.topic.get(work.paragraph)
    if topic is not None and (in_paragraph is None or in_paragraph.mention.start < topic[0]):
        return topic[1]  # 'For 2023 the economists take a cautious view. … they keep their projection at MYR228bn'
    chosen = (in_paragraph or earlier.inheritable_by_metric[planned].get(work.coarse_metric)
              or earlier.inheritable[planned])
    return chosen.period if chosen else None


def _finish(text: str, work: Work, earlier: History, context: Sides, published: date,
            frame: tuple[bool, bool]) -> None:
    figure = work.figure
    main = work.main
    if main is not None:
        work.period, work.period_from = main.period, main.period_from
        figure.period_text = main.figure.period_text
    period = work.period or Period(None, None)  # no time given: an empty period, never a made-up one
    figure.period_start = period.start.isoformat() if period.start else ""
    figure.period_end = period.end.isoformat() if period.end else ""
    figure.metric = _final_metric(work, period)
    figure.basis = main.figure.basis if main else _basis(text, work, period, published, frame)
    if main is not None:
        figure.source_country = main.figure.source_country
        figure.target_country = main.figure.target_country
        figure.entities = list(main.figure.entities)
        if figure.qualifier == "exact":
            figure.qualifier = main.figure.qualifier
        return
    _assign_sides(text, work, earlier, context)
    if figure.metric == "growth_rate" and figure.kind == "percent" and classify.is_decline(
            text, _scope(work.clause), _span(work)):
        figure.value = -abs(figure.value)
    following = re.match(r"\s*([^\n]*?[.!?])(?:\s|$)", text[work.sentence.end:work.sentence.end + 400])
    figure.entities = find_entities(text[work.sentence.start:work.sentence.end],
                                    following.group(1) if following else "")


def _final_metric(work: Work, period: Period) -> str:
    metric = work.coarse_metric or "other"
    if metric == "investment":
        # a running total to a date is a total; an amount with no time at all ('TSMC will invest $40
        # billion') is one flow, the annotated corpora's reading
        stock = period.cumulative or (period.start is None and period.end is not None)
        return "investment_total" if stock else "investment_inflow"
    return metric


NEXT_PREDICATE = re.compile(r"\s+and\s+(?:is|are|was|were|will|has|have|had|would|could|may)\b|"
                            r",?\s+(?:that|which)\s+(?:is|are|will|would|could|may|should)\s+(?:\w+\s+)?"
                            r"(?:expected|likely|set|due|to|create|generate|bring|add)\b", re.IGNORECASE)


def _own_predicate(text: str, work: Work) -> tuple[int, int]:
    """The figure's clause up to a second predicate after it: in 'stood at $12 billion and is expected
    to reach $20 billion' the expectation is the second figure's, not the first's."""
    after = NEXT_PREDICATE.search(text, work.mention.end, work.clause.end)
    return (work.clause.start, after.start() if after else work.clause.end)


EXISTING = re.compile(r"\b(?:existing|outstanding|current|already\s+(?:disbursed|invested|paid))\s+(?:[\w-]+\s+)?$",
                      re.IGNORECASE)


def _basis(text: str, work: Work, period: Period, published: date, frame: tuple[bool, bool]) -> str:
    """Planned or actual. ``frame``: (the headline is about approved or registered investment, the
    headline is about lending)."""
    headline_approval, lending = frame
    if "future" in work.notes or (period.start is not None and period.start > published):
        return "planned"
    if EXISTING.search(text, max(work.sentence.start, work.mention.start - 25), work.mention.start):
        return "actual"  # 'it extends the existing USD 2 billion debt': what is there already, in a plan's sentence
    if work.in_parentheses and work.mention.kind == "money":
        opened = text.rfind("(", work.sentence.start, work.mention.start)
        strong, _ = classify.planned_cues(text, (max(work.sentence.start, opened - 45), opened))
        words = text[max(work.sentence.start, opened - 45):opened].lower()
        if strong or re.search(r"\b(?:plan|target|forecast|goal)\b", words):
            return "planned"
    strong, weak = classify.planned_cues(text, _own_predicate(text, work))
    if strong:
        return "planned"
    signed = classify.find_cues(text, work.sentence.start, work.sentence.end, load("metric_cues")["signing_words"])
    if not signed and classify.find_cues(text, work.sentence.start, work.sentence.end,
                                         load("basis_cues")["negotiation"]):
        return "planned"  # 'Riyadh is negotiating … a $5 billion deposit', 'nears deal to park $5bn'
    approval, realized = classify.approval_cues(text, _scope(work.sentence), lending=lending)
    if not realized and (approval or headline_approval):
        return "planned"  # approved, registered, licensed or committed investment, and what describes it
    if weak and not lending:  # in a lending story 'Japan will finance … with JPY 98.6 billion' is a loan granted
        cues = load("metric_cues")
        deal_words = cues["signing_words"] + cues["money"]["deal_value"][:8] + cues["deal_framing"]
        if not classify.find_cues(text, work.sentence.start, work.sentence.end, deal_words):
            return "planned"
    return "actual"


RESTATEMENT = re.compile(r"\s*\(\s*(?:about|around|some|nearly|or|i\.e\.|(?:up|down)\s+from)?\s*|"
                         r",?\s+or\s+(?:a\s+|an\s+|about\s+|some\s+)?|"
                         r",?\s+(?:up|down)\s+from\s+|\s+against\s+|,?\s+compared\s+with\s+")


PRONOUN_SUBJECT = re.compile(r"[\s,;:]*(?:and\s+|but\s+|while\s+)?(?:it|which|this)\s+(?!is\s+expected)", re.IGNORECASE)


def _continued(text: str, work: Work, earlier: History) -> Work | None:
    """'Trade between Kazakhstan and China rose … to US$24.2 billion, and it has expanded by a further 21%':
    a clause whose subject is a pronoun continues the figure before it in the sentence."""
    if work.mention.kind == "money" or not PRONOUN_SUBJECT.match(text, work.clause.start):
        return None
    before = [w for w in earlier.in_sentence(work.sentence) if w.main is None and w.clause != work.clause]
    return before[-1] if before else None


def _restated(text: str, work: Work, earlier: History) -> Work | None:
    """The figure this one restates in other terms, or compares with, right before it: '6.4 percent
    (10.8 million USD)', 'MYR55.4bn or a 33.9% share', '$2.57 billion (up from $2 billion)', '$5.34 billion
    against $2.95 billion' — the same investor's, the same recipient's."""
    before = earlier.in_sentence(work.sentence)
    if not before:
        return None
    previous = before[-1]
    if RESTATEMENT.fullmatch(text, previous.mention.end, work.mention.start) is None:
        return None
    return previous


def _total_before(earlier: History, context: Sides) -> Work | None:
    """The last figure before, when it was every investor's total in the article's country ('FDI into
    Pakistan totalled $771 million … Inflows for July-September were 48% higher'): the story is following
    that total, not the headline's investor."""
    last = earlier.last_main
    if last is None or last.figure.source_country or last.figure.target_country != context.target:
        return None
    return last if last.figure.metric in ("investment_inflow", "investment_total", "growth_rate") else None


MANY_COUNTRIES = re.compile(r"\b(?:covering|across|in|to|into|spanning)\s+(?:more\s+than\s+|over\s+|some\s+|about\s+|"
                            r"around\s+|nearly\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|dozens\s+of)"
                            r"\s+(?:other\s+)?(?:countries|nations|economies|markets)\b", re.IGNORECASE)
BREAKDOWN_AFTER = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?[,:;(–—-]\s*(?:among\s+them|among\s+which|including|of\s+which|"
                             r"of\s+them|out\s+of\s+which)\b", re.IGNORECASE)


def _structural_sides(text: str, work: Work, sides: Sides, context: Sides) -> Sides:
    """What the figure's place in its sentence says of sides decided from the words around it: the lender
    of a loan in its currency, the total of a breakdown, the whole a share is of."""
    figure = work.figure
    if figure.kind == "money" and not context.debt and sides.source and sides.target and classify.find_cues(
            text, work.sentence.start, work.sentence.end, load("metric_cues")["lender_nouns"]) and \
            loan_issuer(text, _scope(work.sentence), _span(work), figure.currency) == sides.target:
        # 'Japan and Vietnam today signed a yen loan': lent in the lender's money, whichever is named first
        return Sides(sides.target, sides.source)
    if sides.source and BREAKDOWN_AFTER.match(text, work.mention.end) and sides.source in {
            m.code for m in countries_within(text, work.mention.end, work.sentence.end)}:
        # '650 projects, among them 111 projects from Russia …': the total, not its first item's investor
        return Sides("", sides.target)
    if figure.kind == "money" and sides.source and whole_of_share(text, _span(work)):
        return Sides("", sides.target)  # the whole a share is of: every investor's or creditor's
    if context.source and context.target and (sides.source, sides.target) in (
            (context.source, context.target), ("", context.target)) and classify.find_cues(
            text, max(work.clause.start, work.mention.start - 40), min(work.clause.end, work.mention.end + 40),
            load("metric_cues")["incentive_words"]):
        # '$338 million in incentives' for a foreign investor's plant: the host gives them, the investor gets them
        return Sides(context.target, context.source)
    if sides.target and MANY_COUNTRIES.search(text, work.sentence.start, work.sentence.end):
        return Sides(sides.source, "")  # 'lines of credit covering 61 countries': no one country receives
    return sides


def _ends_breakdown(earlier: History, previous: Work) -> bool:
    """True when a figure is the last item of a breakdown by investor: its sentence gives three or more
    figures of their own for two or more investors."""
    items = [w for w in earlier.in_sentence(previous.sentence) if w.main is None]
    return len(items) >= 3 and len({w.figure.source_country for w in items if w.figure.source_country}) >= 2


def _previous_trade(earlier: History, work: Work) -> Work | None:
    previous = earlier.last_main_in_paragraph.get(work.paragraph)
    if previous is None or previous.figure.metric not in ("trade_value", "growth_rate") or \
            not previous.figure.target_country:
        return None
    return previous


def _assign_sides(text: str, work: Work, earlier: History, context: Sides) -> None:
    figure = work.figure
    restated = _restated(text, work, earlier) or _continued(text, work, earlier)
    if restated is not None:
        figure.source_country, figure.target_country = restated.figure.source_country, restated.figure.target_country
        return
    trade_words = load("metric_cues")["trade_words"]
    is_trade = figure.metric == "trade_value" or (
        (figure.kind != "money" or _absolute_change(text, work))  # '$378.8 million less than …' of trade
        and classify.find_cues(text, work.clause.start, work.clause.end, trade_words, names=False)) or (
        figure.metric == "share" and classify.find_cues(text, work.sentence.start, work.sentence.end, trade_words,
                                                        names=False))
    peers = [_span(w) for w in earlier.in_sentence(work.sentence)] + [_span(work)]
    debt = debt_sides(text, _scope(work.clause), _scope(work.sentence), context) if context.debt else None
    cues = load("metric_cues")
    macro = figure.metric == "other" and classify.find_cues(
        text, max(work.clause.start, work.mention.start - 60), min(work.clause.end, work.mention.end + 40),
        cues["macro_words"]) and not classify.find_cues(text, work.sentence.start, work.sentence.end,
                                                        cues["lender_nouns"])
    domestic = classify.find_cues(text, work.clause.start, min(work.clause.end, work.mention.end + 30),
                                  cues["domestic_words"], names=False)  # not 'Saudi Arabia's Public Investment Fund'
    if domestic:  # 'domestic investment, MNT 36.6 trillion': the country invests in itself
        found = investment_sides(text, _scope(work.clause), _scope(work.sentence), _span(work), context, peers)
        home = (found or context).target or context.target
        sides = Sides(home, home)
    elif macro:  # 'USD 4 billion of reserves', 'inflation of over 85 per cent' (not a loan's rate): no investor
        found = investment_sides(text, _scope(work.clause), _scope(work.sentence), _span(work), context, peers)
        sides = Sides("", (found or context).target or context.target)
    elif debt is not None:
        sides = debt
    elif is_trade and not countries_within(text, work.sentence.start, work.sentence.end) and \
            _previous_trade(earlier, work) is not None:
        previous_trade = _previous_trade(earlier, work)
        assert previous_trade is not None
        # 'That is 5.7 percent more than …, when it came to $518.1 million': a sentence that names no
        # country continues the trade figure before it
        sides = Sides(previous_trade.figure.source_country, previous_trade.figure.target_country)
    elif is_trade:
        sides = trade_sides(text, _scope(work.clause), _scope(work.sentence), _span(work), context.target,
                            context.pair, share=figure.metric == "share")
    else:
        found = investment_sides(text, _scope(work.clause), _scope(work.sentence), _span(work), context, peers)
        if figure.metric == "share" and found is not None:
            holder = share_holder(text, _scope(work.sentence), _span(work))
            if holder and holder != found.target:  # 'China accounted for 20 percent of the FDI Ghana received'
                found = Sides(holder, found.target)
        if found is None:  # the sentence names no country: the paragraph's, else the article's
            previous = earlier.last_main_in_paragraph.get(work.paragraph) or _total_before(earlier, context)
            found = Sides(previous.figure.source_country, previous.figure.target_country) if previous else context
            if previous is not None and _ends_breakdown(earlier, previous):
                # after '111 projects from Russia, 80 from Turkey and 55 from China', 'Over the same period 235
                # projects …' are every investor's, not the last one listed
                found = Sides("", previous.figure.target_country)
            if all_sources(text, _scope(work.clause), _scope(work.sentence)) or \
                    many_actors(text, _scope(work.sentence), _span(work)):
                found = Sides("", found.target)
        sides = found
    sides = _structural_sides(text, work, sides, context)
    figure.source_country, figure.target_country = sides.source, sides.target
