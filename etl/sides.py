"""Investing (source) and receiving (target) country of a figure.

Roles come from the words around each country mention ('from X', 'investment in X', 'X has
received', 'Chinese investors', 'between X and Y'); sides the sentence leaves open come from the
article's context: its headline and lead name who invests where.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from etl.classify import find_cues, word_distance
from etl.countries import CountryMention, countries_within, dateline_end, find_countries, is_demonym
from etl.lexicon import load

SOURCE, TARGET, NEUTRAL, LABEL = "source", "target", "neutral", "label"
OTHER = "other"  # 'followed by Japan', 'ahead of India': another item of a ranking, a side of no figure before it
RANKED = "ranked"  # 'X has become the biggest investor': the investor of its sentence, never of the article

FOLLOWED_BY = re.compile(r"\b(?:followed\s+by|ahead\s+of|then\s+by)\s+(?:the\s+)?$", re.IGNORECASE)
FROM_GROUP = re.compile(r"\bfrom\s+(?:the\s+)?(?:countries\s+of\s+the\s+)?$")
FROM_END = re.compile(r"\bfrom\s+(?:the\s+)?$")
# 'Pakistan's central bank deposit': money kept at the country's central bank, which it borrows
CENTRAL_BANK = re.compile(r"[’']s\s+(?:own\s+)?central\s+bank\b", re.IGNORECASE)
DEPOSITED_IN = re.compile(r"\b(?:in|into|at|with|to)\s+(?:the\s+)?$", re.IGNORECASE)
ORDER_FROM = re.compile(r"\b(?:orders?|contracts?)\s+from\s+(?:the\s+)?$", re.IGNORECASE)
TO_NAME = re.compile(r"\s+to\s+(?:the\s+)?[A-Z]")
INTO_END = re.compile(r"\b(?:into|in|to|for)\s+(?:the\s+|its\s+|neighbouring\s+|neighboring\s+)?$")
IMPORTS = re.compile(r"[’']s\s+(?:imports|import)\b")
POSSESSIVE = re.compile(r"[’']s\b")
AND_NEXT = re.compile(r"\s+and\s")
APPOSITION = re.compile(r"^(?:[’']s)?\s*,[^,]{0,40},")
LETTERS = re.compile(r"[A-Za-z]+")
INVESTOR_PREDICATE = re.compile(r"\s+(?:is|was|has\s+become|had\s+become|became|becomes|remains|remained|ranked|ranks|"
                                r"emerged\s+as|came\s+first\s+as)\s+(?:as\s+)?(?:the\s+|its\s+|a\s+)?(?:[\w-]+\s+){0,3}?"
                                r"(?:investor|investors|source\s+of\s+(?:investment|fdi|capital)|lender|creditor)\b",
                                re.IGNORECASE)
# 'The United Arab Emirates came next, with …', 'Russia ranked second with …', 'Japan followed (…)'
RANK_PREDICATE = re.compile(r",?\s+(?:came|ranked|ranks|was|is|placed|stood)\s+(?:in\s+)?(?:next|first|second|third|"
                            r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b|\s+followed\b(?!\s+by)|"
                            r"\s+(?:led|leads|topped|tops|headed|heads)\s+(?:the\s+)?(?:list|ranking|\d+|investors|"
                            r"foreign|[\w-]+\s+(?:countries|investors|economies))", re.IGNORECASE)
WORDS = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Sides:
    source: str
    target: str
    pair: tuple[str, ...] = ()  # the article's first two countries, headline first: who 'bilateral' trade is between
    debt: bool = False  # the headline is about a debtor's payments to a creditor: source is the creditor


@dataclass(frozen=True)
class Role:
    mention: CountryMention
    role: str


@cache
def _cues(name: str) -> tuple[str, ...]:
    return tuple(load("metric_cues")[name])


@cache
def _cue_set(name: str) -> frozenset[str]:
    return frozenset(load("metric_cues")[name])


def _word_after(text: str, end: int, words: Collection[str], span: int = 3) -> bool:
    after = text[end:end + 60]
    tokens = WORDS.findall(after)[:span]
    lowered = [t.lower() for t in tokens]
    return any(" ".join(lowered[:n]) in words for n in range(1, len(lowered) + 1)) or \
        any(t in words for t in lowered[:span])


def _not_a_country_role(text: str, m: CountryMention, before: str, after: str) -> str:
    """A region is where money goes ('a plant in Texas'), never who gives it; a company invests for its
    home country when it acts; a group gives only when it is said to ('from the EU', 'the Islamic
    Development Bank put in …', 'the World Bank invested')."""
    if m.is_region:
        return TARGET if INTO_END.search(before) else NEUTRAL
    if m.is_company:  # 'Samsung will build', 'Toyota boosts investment', 'from Gazprom': it invests when it acts
        owns = POSSESSIVE.match(after) is not None and _word_after(text, m.end + 2, _cue_set("investment_nouns"), 4)
        return SOURCE if COMPANY_ACTS.match(text, m.end) or FROM_END.search(before) or owns else NEUTRAL
    gives = any(w in _cue_set("give_verbs") or w == "put" for w in (w.lower() for w in LETTERS.findall(after)[:2]))
    if FROM_GROUP.search(before) or gives or INVESTOR_PREDICATE.match(text, m.end):
        return SOURCE
    # 'Chinese greenfield investment in Europe': a bloc or region receives (and leaves the side empty)
    return TARGET if m.code == "" and INTO_END.search(before) and _invests_into(text, m) else NEUTRAL


INVESTMENT_BEFORE = re.compile(r"(?:invest\w*|capital|fdi|loans?|aid|assistance|credit|financing|lending|deals?|"
                               r"projects?|money|put|poured|pumped|exports?|shipments?|flows?|\$[\d.,]+\s*\w*|"
                               r"\d\s*(?:billion|million|bn|m)\b)[^.;]{0,30}$", re.IGNORECASE)


def _invests_into(text: str, m: CountryMention) -> bool:
    """'investment in Europe', '$2 billion into Africa': money goes to the place named after the preposition."""
    return INVESTMENT_BEFORE.search(text, max(0, m.start - 70), m.start) is not None


def role_of(text: str, m: CountryMention, figures: list[tuple[int, int]]) -> str:
    """The role a country mention plays in its sentence. Only figures just before or after the mention
    bear on it, so the role is worked out once per mention and set of nearby figures (the figures of
    a sentence ask about the same mentions)."""
    near = tuple(f for f in figures if 0 <= m.start - f[1] < 40 or 0 <= f[0] - m.end <= 14)
    return _role_of(text, m, near)


@lru_cache(maxsize=1024)
def _role_of(text: str, m: CountryMention, figures: tuple[tuple[int, int], ...]) -> str:
    before = text[max(0, m.start - 40):m.start]
    after = text[m.end:m.end + 40]
    investment_nouns = _cue_set("investment_nouns")
    if m.is_region or m.is_group or m.is_company:
        return _not_a_country_role(text, m, before, after)
    if FROM_END.search(before) and not TO_NAME.match(after):
        # 'a €1 billion order from Saudi Arabia', 'a contract from Egypt': the client, where the goods go
        return TARGET if ORDER_FROM.search(before) else SOURCE
    if CENTRAL_BANK.match(text, m.end):  # 'a deposit in Pakistan's central bank': money kept there, lent to it
        return TARGET if DEPOSITED_IN.search(before) else NEUTRAL
    if POSSESSIVE.match(after) and _word_after(text, m.end + 2, _cue_set("lender_nouns"), span=4):
        return SOURCE  # 'Japan's 41st Official Development Assistance', 'China's new credit line'
    if INTO_END.search(before) and not POSSESSIVE.match(after):
        lead = text[max(0, m.start - 70):m.start]
        preposition_target = re.search(
            r"(?:invest\w*|capital|fdi|loans?|aid|assistance|oda|grants?|credit|financing|lending|deals?|projects?|"
            r"business|money|put|poured|pumped|"
            r"signed|exports?|shipments?|\$[\d.,]+\s*\w*|\d\s*(?:billion|million|bn|m)\b|flowing)"
            r"[^.;]{0,30}$", lead, re.IGNORECASE)
        if preposition_target or any(b <= m.start and m.start - b < 40 for _, b in figures):
            return TARGET
    if (is_demonym(m) or POSSESSIVE.match(after) or m.text.isupper() or m.text.startswith("U.")) and \
            _word_after(text, m.end, investment_nouns, span=2) and not AND_NEXT.match(after) and \
            not IMPORTS.match(after):
        # 'Chinese companies invested …' gives; 'to establish new U.S. businesses', 'bought German firms':
        # the businesses bought or set up are the country's, where the money goes
        return TARGET if ACQUIRED.search(before) else SOURCE
    if IMPORTS.match(after):
        return TARGET
    if (is_demonym(m) or POSSESSIVE.match(after)) and _word_after(text, m.end, _cue_set("economy_nouns"), 2):
        return TARGET
    if INVESTOR_PREDICATE.match(text, m.end) or RANK_PREDICATE.match(text, m.end):
        return RANKED  # 'Singapore has become the biggest foreign investor in Vietnam'
    following = text[m.end:m.end + 80]
    following = APPOSITION.sub("", following)
    next_words = [w.lower() for w in LETTERS.findall(following)[:3]]
    if any(w in _cue_set("receive_verbs") for w in next_words):
        return TARGET
    if any(w in _cue_set("give_verbs") for w in next_words):
        return SOURCE
    return _list_role(text, m, figures, before)


LABEL_GAP = re.compile(r"\)?\s*(?:[–—:(-]|\s(?:in|at|with|on))?\s*(?:about|some|around|nearly|over)?\s*")
ITEM_GAP = re.compile(r"\s+for\s+(?:about|some|around|nearly|over)?\s*")
ITEM_OPENS = re.compile(r"(?:,|\band|;)\s*(?:the\s+)?$")
AND_BETWEEN = re.compile(r"\s+and\s+(?:the\s+)?")


def _list_role(text: str, m: CountryMention, figures: tuple[tuple[int, int], ...], before: str) -> str:
    """A mention that labels the figure right after it ('China - 20.5 percent', 'Japan with $3.3bn', an
    elliptical 'Qatar for $15bn'), one that opens the next item of a ranking, or neither."""
    gap = [f for f in figures if 0 <= f[0] - m.end <= 14 and LABEL_GAP.fullmatch(text[m.end:f[0]])]
    if gap:
        return LABEL
    # an elliptical list item: 'China accounts for $6bn, Qatar for $15bn and the UAE for around $5bn'
    item = [f for f in figures if 0 <= f[0] - m.end <= 22 and ITEM_GAP.fullmatch(text[m.end:f[0]])]
    if item and ITEM_OPENS.search(text[max(0, m.start - 8):m.start]):
        return LABEL
    if FOLLOWED_BY.search(before):
        return OTHER  # 'US$4.36 billion, followed by Japan': the next item of a ranking, not this figure's side
    return NEUTRAL


def roles_in(text: str, scope: tuple[int, int], figures: list[tuple[int, int]], *,
             capitals: bool = False) -> list[Role]:
    mentions = countries_within(text, scope[0], scope[1], capitals=capitals)
    roles = [Role(m, role_of(text, m, figures)) for m in mentions]
    # a company is a side only when it acts ('Samsung will build'); named otherwise ('deals with Boeing')
    # it is no country mention at all
    roles = [r for r in roles if not (r.mention.is_company and r.role == NEUTRAL)]
    # 'American and Kazakhstani companies', 'Uzbekistan and Russia signed': coordinated sides are neutral
    for i in range(len(roles) - 1):
        between = text[roles[i].mention.end:roles[i + 1].mention.start]
        if between in ("-", "–"):  # 'Kazakh-Chinese enterprises': joint, neither country's alone
            roles[i] = Role(roles[i].mention, NEUTRAL)
            roles[i + 1] = Role(roles[i + 1].mention, NEUTRAL)
        elif AND_BETWEEN.fullmatch(between):
            # 'investment in Vietnam and Thailand': both receive (together, no one country)
            pair_receives = roles[i].role == TARGET and bool(roles[i].mention.code and roles[i + 1].mention.code)
            both = TARGET if pair_receives else NEUTRAL
            roles[i] = Role(roles[i].mention, both)
            roles[i + 1] = Role(roles[i + 1].mention, both)
    return roles


def _attachment(text: str, m: CountryMention, figure: tuple[int, int]) -> float:
    """How far a mention is from the figure it describes: 'N projects from X' attaches forward,
    'Turkish capital in N%' backward."""
    distance = float(word_distance(text, (m.start, m.end), figure))
    after = m.start >= figure[1]
    via_from = bool(FROM_END.search(text[max(0, m.start - 12):m.start]))
    if via_from:
        return distance - 1 if after else distance + 2
    return distance + 3 if after else distance


def _nearest(text: str, roles: list[Role], wanted: str, figure: tuple[int, int]) -> CountryMention | None:
    chosen = [r.mention for r in roles if r.role == wanted]
    if not chosen:
        return None
    return min(chosen, key=lambda m: _attachment(text, m, figure))


def _has(text: str, scope: tuple[int, int], words: Sequence[str]) -> bool:
    return bool(find_cues(text, scope[0], scope[1], words))


SHARE_VERB = re.compile(r"\s+(?:alone\s+)?(?:accounted\s+for|accounts\s+for|held|holds|had|has|took|takes|made\s+up|"
                        r"makes\s+up|represented|represents|was\s+responsible\s+for)\b", re.IGNORECASE)
WHOSE_SHARE = re.compile(r",?\s+(?:whose|with\s+a|with\s+its|which\s+had\s+a)\s+share\b", re.IGNORECASE)


def _share_partner(text: str, roles: list[Role], figure: tuple[int, int]) -> CountryMention | None:
    """The partner a trade share belongs to: the list item's own country ('Russia (17.8%)',
    'China - 20.5 percent') or the country the share is said of ('China, whose share of … was 20.5%')."""
    labels = [r.mention for r in roles if r.role == LABEL and r.mention.code and r.mention.end <= figure[0]
              and word_distance(text, (r.mention.start, r.mention.end), figure) <= 2]
    if labels:
        return min(labels, key=lambda m: abs(figure[0] - m.end))
    said = [r.mention for r in roles if r.mention.code and r.mention.end <= figure[0]
            and WHOSE_SHARE.match(text, r.mention.end) and figure[0] - r.mention.end < 120]
    if said:
        return said[-1]
    # 'China accounted for 21% of Kenya's imports', 'China held the largest share …, 21%': the subject
    subjects = [r.mention for r in roles if r.mention.code and r.mention.end <= figure[0]
                and not POSSESSIVE.match(text, r.mention.end) and SHARE_VERB.match(text, r.mention.end)]
    return subjects[0] if subjects else None


def share_holder(text: str, sentence: tuple[int, int], figure: tuple[int, int]) -> str:
    """The country whose share of an investment total a percent is ('China accounted for 20 percent of
    the FDI', 'China - 20.5 percent', 'China, whose share … was 21%'), or ""."""
    roles = roles_in(text, sentence, [figure])
    partner = _share_partner(text, roles, figure)
    if partner is None:
        return ""
    before = [r.mention for r in roles if r.mention.end <= partner.start]
    if before and LIST_GAP.fullmatch(text, before[-1].end, partner.start):
        return ""  # 'investors from Great Britain, the USA, … and Germany accounted for 93.8%': several together
    return partner.code


WHOLE_OF = re.compile(r"(?:%|\bper\s?cent|\bpercent|\bpct|\bhalf|\bthird|\bquarter|"
                      r"\d\s*(?:billion|million|trillion|bn|mn|m))\)?\s+of\s+"
                      r"(?:the\s+|a\s+|an\s+|its\s+)?(?:total\s+|overall\s+|combined\s+)?$", re.IGNORECASE)
OWN_INVESTOR = re.compile(r"(?:[’']s|\bfrom\s+(?:the\s+)?[A-Z])")


LOAN_CURRENCY = re.compile(r"\b(yen|yuan|renminbi|rupee|won|rouble|ruble|riyal|dirham|pound|sterling|dollar)[\s-]+"
                           r"(?:denominated\s+)?(?:loans?|credits?|financing|bonds?|swaps?|deposits?)\b", re.IGNORECASE)


def loan_issuer(text: str, scope: tuple[int, int], figure: tuple[int, int], currency: str) -> str:
    """The country whose currency a loan is in: a 'yen loan' (named so); else, when the sentence says
    nothing of who lends ('Japan and Vietnam signed …', no 'from' or 'to'), the amount's own national
    currency ('JPY 110 billion'). Loans are lent in the lender's money; an amount in the borrower's
    money beside words of direction ('₱65.43 billion in loans from Japan') is a conversion."""
    issuers = load("currencies")["issuers"]
    named = LOAN_CURRENCY.search(text, scope[0], scope[1])
    if named is not None:
        code = _lowered_currency_names().get(named.group(1).lower(), "")
        if code in issuers:
            return str(issuers[code])
    if any(r.role in (SOURCE, TARGET) for r in roles_in(text, scope, [figure])):
        return ""
    return str(issuers.get(currency, ""))


@cache
def _lowered_currency_names() -> dict[str, str]:
    names = load("currencies")["names"]
    return {k.lower(): str(v) for k, v in names.items()} | {"sterling": "GBP"}


def whole_of_share(text: str, figure: tuple[int, int]) -> bool:
    """'56.4 per cent of the Sh165.6 billion that Kenya spent', 'a third of the $2 billion': the amount is
    the whole a share is taken of, every investor's or creditor's together, unless its own words name
    whose it is ('20 percent of China's $5 billion', '… of the $5 billion from Japan')."""
    if not WHOLE_OF.search(text, max(0, figure[0] - 40), figure[0]):
        return False
    return not OWN_INVESTOR.search(text, max(0, figure[0] - 4), min(len(text), figure[1] + 12))


def _reporting_country(text: str, roles: list[Role], partner: str, home: str) -> str:
    """The country whose trade a share is of: "Uzbekistan's foreign trade", else the article's own."""
    owners = [r.mention.code for r in roles if r.mention.code and r.mention.code != partner
              and POSSESSIVE.match(text, r.mention.end)]
    return owners[0] if owners else (home if home != partner else "")


TURNOVER_WITH = re.compile(r"[’']s\s+(?:[\w-]+\s+){0,2}?(?:trade|turnover|trade\s+turnover|commerce)\s+with\s+"
                           r"(?:the\s+)?$", re.IGNORECASE)


def _turnover_with(text: str, roles: list[Role]) -> Sides | None:
    """'Türkiye's trade turnover with Uzbekistan', 'China's trade with Kenya': the possessive country
    reports its trade with the partner named after 'with'."""
    for first, second in zip(roles, roles[1:], strict=False):
        if first.mention.code and second.mention.code and first.mention.code != second.mention.code and \
                TURNOVER_WITH.fullmatch(text, first.mention.end, second.mention.start):
            return Sides(first.mention.code, second.mention.code)
    return None


def trade_sides(text: str, scope: tuple[int, int], sentence: tuple[int, int], figure: tuple[int, int],
                home: str, pair: tuple[str, ...] = (), *, share: bool = False) -> Sides:
    """Exporter → importer; bilateral trade: first named → second named; one country's total trade.
    'Bilateral trade' in a sentence that names no country is the article's pair's. A partner's share
    of a country's trade or exports is that country → partner; of its imports, partner → country."""
    roles = roles_in(text, sentence, [figure])
    partner = _share_partner(text, roles, figure) if share else None
    if partner is not None and partner.code:
        reporting = _reporting_country(text, roles, partner.code, home)
        where = scope if _has(text, scope, _cues("import_words") + _cues("export_words")) else sentence
        imports = _has(text, where, _cues("import_words")) and not _has(text, where, _cues("export_words"))
        return Sides(partner.code, reporting) if imports else Sides(reporting, partner.code)
    if len(pair) == 2 and not any(r.mention.code for r in roles) and _has(text, sentence, _cues("bilateral_words")):
        return Sides(pair[0], pair[1])
    clause_roles = [r for r in roles if scope[0] <= r.mention.start < scope[1]] or roles
    codes = [r.mention.code for r in clause_roles if r.mention.code]
    is_import = _has(text, scope, _cues("import_words")) and not _has(text, scope, _cues("export_words"))
    turnover = _turnover_with(text, clause_roles)
    if turnover is not None:
        return turnover
    # a clause that names no country ('…, and it has expanded by a further 21%') continues its sentence's
    where = scope if any(scope[0] <= r.mention.start < scope[1] for r in roles) else sentence
    between = re.search(r"between\s+(?:the\s+)?(\S+(?:\s\S+)?)\s+and\s+", text[where[0]:where[1]])
    if between:  # 'trade between Türkiye and Uzbekistan': the two named after 'between', in their order
        after = where[0] + between.start()
        named = [r.mention.code for r in clause_roles if r.mention.code and r.mention.start >= after]
        if len(named) >= 2 and named[0] != named[1]:
            return Sides(named[0], named[1])
    if len(pair) == 2 and re.search(r"\bbetween\s+(?:them|the\s+two(?:\s+(?:countries|nations|sides|states))?)\b|"
                                    r"\b(?:mutual|bilateral)\s+trade\b", text[scope[0]:scope[1]], re.IGNORECASE):
        return Sides(pair[0], pair[1])  # 'trade between them', 'mutual trade': the article's pair
    source = _nearest(text, clause_roles, SOURCE, figure)
    target = _nearest(text, clause_roles, TARGET, figure)
    borrowed = not any(scope[0] <= r.mention.start < scope[1] for r in roles)
    exports_here = _has(text, scope, _cues("export_words")) and not _has(text, scope, _cues("import_words"))
    other_way = (is_import and _has(text, sentence, _cues("export_words"))) or (
        exports_here and _has(text, sentence, _cues("import_words")))
    if borrowed and other_way and source and target:
        # 'India's exports to the UAE rose …, while imports climbed to $53.2 billion': the countries of the
        # other clause, in the other direction
        return Sides(target.code, source.code)
    if is_import:
        exporter = source.code if source else ""
        importer = target.code if target else ""
        if not importer:
            others = [c for c in (r.mention.code for r in roles) if c and c != exporter]
            importer = others[0] if others and exporter else (home if exporter else (others[0] if others else home))
        if exporter and importer == exporter and len(pair) == 2 and exporter in pair:
            importer = pair[1] if pair[0] == exporter else pair[0]  # 'imports from China' in a Nigeria–China story
        return Sides(exporter if exporter != importer else "", importer)
    exporter = source.code if source else ""
    importer = target.code if target else ""
    if not exporter:
        neutral = [c for c in codes if c != importer]
        exporter = neutral[0] if neutral else (home if importer != home else "")
    if not importer and len(codes) >= 2:
        importer = next((c for c in codes if c != exporter), "")
    return Sides(exporter, importer if importer != exporter else "")


ACQUIRED = re.compile(r"\b(?:establish\w*|set(?:ting)?\s+up|buy(?:ing)?|bought|acquir\w+|purchas\w+|take\s+over|"
                      r"took\s+over|stakes?\s+in|expand\w*|values|valued|valuing|(?:takeover|acquisition|purchase|"
                      r"buyout|bid|offer)\s+(?:of|for))\s+(?:(?:new|existing|local|the|a|an|several|two|three)\s+){0,2}$",
                      re.IGNORECASE)
COMPANY_ACTS = re.compile(r"(?:[’']s)?\s+(?:(?:will|plans\s+to|is\s+to|to|has|had|would|also|said\s+it\s+will)\s+)?"
                          r"(?:won|wins|winning|secured|secures|landed|clinched|bagged|signed|signs|agreed|agrees|"
                          r"invest\w*|build\w*|open\w*|add\w*|expand\w*|boost\w*|set\w*\s+up|put\w*|pour\w*|"
                          r"commit\w*|pledg\w*|acquir\w*|bought|buy\w*|spen[dt]\w*|plan\w*|unveil\w*|announc\w*|"
                          r"settle\w*|chose|choos\w*|pick\w*|select\w*|break\w*\s+ground|investment|plant|factory)",
                          re.IGNORECASE)
CLAUSE_AND = re.compile(r"\s*,\s*(?:and|plus)\s+(?:the\s+)?")
LIST_GAP = re.compile(r"\s*(?:,|\band\b|,\s*and\b|\bplus\b|,\s*plus\b)\s*(?:the\s+)?")


def _is_institution(mention: CountryMention) -> bool:
    return mention.is_group and mention.text in _institutions()


@cache
def _institutions() -> frozenset[str]:
    return frozenset(load("countries")["institutions"])


def _several_receive(text: str, target_m: CountryMention | None, source_m: CountryMention | None, source: str | None,
                     roles: list[Role], context: Sides) -> Sides | None:
    """'Chinese FDI in Europe', 'the UK, France and Germany plus Hungary received 88 percent': a bloc, a region
    or several countries together receive, no one country; None when one country receives."""
    if target_m is None or not (target_m.is_group or _in_list(text, target_m, roles)):
        return None
    if source_m is None and _in_list(text, target_m, roles):
        source = context.source if context.source not in _list_codes(text, target_m, roles) else ""
    return Sides(source or "", "")


def _own_total(text: str, sentence: tuple[int, int], source_m: CountryMention | None,
               target_m: CountryMention | None) -> Sides | None:
    """'Uzbekistan disbursed 56.6 trillion soums of investments in fixed assets': a country's total of every
    source (fixed capital, total investment) is invested in it, by no one investor."""
    if source_m is None or target_m is not None or not source_m.code or \
            not _has(text, sentence, _cues("all_sources_words")):
        return None
    return Sides("", source_m.code)


def _list_members(text: str, m: CountryMention, roles: list[Role]) -> list[CountryMention]:
    """The country mentions enumerated with ``m`` ('the UK, France and Germany plus Hungary'), itself included."""
    mentions = [r.mention for r in roles if r.mention.code]
    if m not in mentions:
        return [m]
    index = mentions.index(m)
    first = last = index
    while first > 0 and LIST_GAP.fullmatch(text, mentions[first - 1].end, mentions[first].start):
        first -= 1
    while last + 1 < len(mentions) and LIST_GAP.fullmatch(text, mentions[last].end, mentions[last + 1].start):
        last += 1
    members = mentions[first:last + 1]
    if len(members) == 2 and CLAUSE_AND.fullmatch(text, members[0].end, members[1].start):
        return [m]  # 'a plant in Ontario, and Japan will finance …': a new clause, not a list of two
    return members


def _in_list(text: str, m: CountryMention, roles: list[Role]) -> bool:
    return len(_list_members(text, m, roles)) >= 2


def _list_codes(text: str, m: CountryMention, roles: list[Role]) -> set[str]:
    return {member.code for member in _list_members(text, m, roles)}


def _heads_list(text: str, first: CountryMention, roles: list[Role]) -> bool:
    """True when a mention opens an enumeration of three or more countries ('from Great Britain, the USA,
    Japan and Norway')."""
    following = [r.mention for r in roles if r.mention.start >= first.end]
    count, end = 1, first.end
    for mention in following:
        if not LIST_GAP.fullmatch(text, end, mention.start):
            break
        count, end = count + 1, mention.end
    return count >= 3


def investment_sides(text: str, scope: tuple[int, int], sentence: tuple[int, int], figure: tuple[int, int],
                     context: Sides, figures: list[tuple[int, int]]) -> Sides | None:
    """Investor → recipient from the clause (else the sentence); None when neither names a country."""
    roles = roles_in(text, sentence, figures)
    clause_roles = [r for r in roles if scope[0] <= r.mention.start < scope[1]]
    pool = clause_roles if any((r.mention.code or r.mention.is_group) and r.role != OTHER for r in clause_roles) \
        else roles
    if not pool:
        return None
    labels = [r for r in pool if r.role == LABEL and r.mention.end <= figure[0] and word_distance(
        text, (r.mention.start, r.mention.end), figure) <= 2]  # a label stands before its figure ('Japan with $3.3bn')
    source_m = labels[0].mention if labels else (_nearest(text, pool, SOURCE, figure)
                                                 or _nearest(text, pool, RANKED, figure))
    target_m = _nearest(text, pool, TARGET, figure)
    source = source_m.code if source_m else None
    target = target_m.code if target_m else None
    if source_m is not None and (source_m.is_group or _heads_list(text, source_m, roles)):
        source = ""  # a bloc, or 'investors from Great Britain, the USA, Japan, Norway …': no one country
    if source_m is None and any(_is_institution(r.mention) and r.role != TARGET and r.mention.start < figure[0]
                                for r in pool):
        source = ""  # 'The IMF brought a stalled USD 6 billion loan programme back to life': the fund lends
    several = _several_receive(text, target_m, source_m, source, roles, context) or \
        _own_total(text, sentence, source_m, target_m)
    if several is not None:
        return several
    if target_m is None and _has(text, scope, _cues("outbound_words")):
        return Sides(source or (context.source if context.source in [r.mention.code for r in pool] else "") or "", "")
    foreign = all_sources(text, scope, sentence) or (source_m is None and many_actors(text, scope, figure)) or \
        re.search(r"from\s+(?:more\s+than\s+|over\s+|some\s+|about\s+)?\d+\s+countries", text[sentence[0]:sentence[1]])
    neutral = [r.mention.code for r in pool
               if r.role in (NEUTRAL, LABEL) and r.mention.code and not r.mention.is_region]
    if target is None or target == source:
        if context.target and context.target != source:
            target = context.target
        elif source and context.source and context.source != source and context.target == source:
            target = context.source  # the article's pair seen from the other side: its other country
        else:
            target = next((c for c in neutral if c != source), None)
    if source is None:
        if foreign:
            source = ""
        elif context.source in neutral and context.source != target:
            source = context.source
        else:
            source = next((c for c in neutral if c != target), None)
    if target is None:
        target = context.target if context.target != source else ""
    if source is None:
        source = context.source if context.source != target else ""
    return Sides(source or "", target or "")


QUANTIFIED = re.compile(r"(?:\b(?:more\s+than|over|some|about|nearly|at\s+least)\s+)?(?:\b\d[\d,]*|\bseveral|\bmany|"
                        r"\bnumerous|\bdozens\s+of|\bhundreds\s+of|\bthe\s+winning|\bwinning|\bother)\s+(?:[a-z-]+\s+)?$",
                        re.IGNORECASE)


def many_actors(text: str, scope: tuple[int, int], figure: tuple[int, int]) -> bool:
    """'More than 10 companies won 14 transmission lines … with bids adding up to 6.87 billion reais': many
    companies or investors act before the figure in its clause, with no nationality of their own."""
    for start, _end, _cue in find_cues(text, scope[0], figure[1], _cues("plural_actors")):
        if QUANTIFIED.search(text, max(scope[0], start - 30), start) and not countries_within(text, scope[0], start):
            return True  # a count of them ('more than 10 companies') is the same
    return False


def all_sources(text: str, scope: tuple[int, int], sentence: tuple[int, int]) -> bool:
    """The amount is every investor's together ('foreign investment', 'investment in fixed capital',
    'a combined …'): no one country invests it, whatever country the article is about."""
    if _has(text, scope, _cues("foreign_words")):
        return True
    return any(not OWNER_BEFORE.search(text, max(sentence[0], start - 25), start)
               for start, _end, _cue in find_cues(text, sentence[0], sentence[1], _cues("all_sources_words")))


# 'the company's total investment', 'its total investment': one investor's total, not every investor's
OWNER_BEFORE = re.compile(r"(?:\b(?:company|firm|group|carmaker|maker|giant|its|their|his|her)(?:[’']s)?|[’']s)\s+"
                          r"(?:[\w-]+\s+)?$", re.IGNORECASE)


def article_context(title: str, text: str) -> Sides:
    """Who invests where, as the headline and lead tell it; else by dateline and mention counts."""
    lead_end = _lead_end(text)
    votes: dict[str, Counter[str]] = {SOURCE: Counter(), TARGET: Counter()}
    counts: Counter[str] = Counter()
    for weight, chunk in ((3, title), (1, text[:lead_end])):
        # a headline names a government by its capital ('Riyadh nears deal', 'Tokyo extends loans')
        for role in roles_in(chunk, (0, len(chunk)), [], capitals=chunk is title):
            if role.mention.code and role.role in (SOURCE, TARGET):
                votes[role.role][role.mention.code] += weight
    # every mention but those in a paragraph's dateline ('TOKYO, Sept 11 (Reuters) -'): found once in
    # the whole text (as the figures' sentences ask), not again paragraph by paragraph
    everywhere = _countries(text)
    datelines = [(p.start(), p.start() + end) for p in PARAGRAPH.finditer(text)
                 if (end := dateline_end(p.group()))]
    for mention in everywhere:
        if not any(a <= mention.start < b for a, b in datelines):
            counts[mention.code] += 1
    for mention in _countries(title):
        counts[mention.code] += 2
    home = _dateline_country(text)
    target = _top(votes[TARGET]) or home or _top(counts, exclude=_top(votes[SOURCE]) or None)
    title_codes = {m.code for m in _countries(title)}
    only_foreign = re.search(r"\bforeign\b", title, re.IGNORECASE) and len(title_codes) <= 1
    others = [(code, n) for code, n in counts.most_common() if code != target]
    ranking = _ranks_investors(title) and len(others) >= 3
    source = "" if only_foreign or ranking else _top(votes[SOURCE], exclude=target)
    if not source and not only_foreign and not ranking and others and others[0][1] >= 2:
        # no headline or lead says who invests: a country the story keeps naming, unless several are
        # named about as often (a breakdown by investor, whose totals are no one country's)
        runner_up = others[1][1] if len(others) > 1 else 0
        source = "" if not title_codes - {target} and runner_up * 2 > others[0][1] else others[0][0]
    if target and source == target:
        source = ""
    named = [m.code for m in _countries(title)] + [m.code for m in everywhere]
    pair = tuple(dict.fromkeys(named))[:2]
    debt = _debt_sides(title)
    if debt is not None:
        return Sides(debt[0], debt[1], pair, debt=True)
    return Sides(source or "", target or "", pair)


def _debt_sides(title: str) -> tuple[str, str] | None:
    """(creditor, debtor) of a headline about a country's debt: 'China takes the biggest slice of
    Kenya's external debt payments', 'Zambia owes China $6 billion'. The debtor is the country whose
    debt it is (possessive) or who owes; the creditor the other country the headline names."""
    if not find_cues(title, 0, len(title), _cues("debt_words")):
        return None
    mentions = _countries(title)
    codes = list(dict.fromkeys(m.code for m in mentions))
    if len(codes) != 2:
        return None
    for m in mentions:
        after = title[m.end:m.end + 40]
        owes = re.match(r"\s+(?:owes|owed|borrowed|repaid|pays|paid)\b", after)
        debt_nouns = [*_cues("debt_words"), "external", "foreign", "public"]
        if owes or (POSSESSIVE.match(after) and _word_after(title, m.end + 2, debt_nouns, 3)):
            creditor = next(c for c in codes if c != m.code)
            return creditor, m.code
    return None


def debt_sides(text: str, scope: tuple[int, int], sentence: tuple[int, int], context: Sides) -> Sides | None:
    """The sides of a figure in a debt story: every creditor together ('external creditors', 'public
    debt') has no source; a sentence that names the creditor (or its capital) is creditor → debtor;
    None when the sentence says neither (the rules for investment decide)."""
    if _has(text, scope, _cues("all_creditors_words")) and not any(
            m.code == context.source for m in find_countries(text[scope[0]:scope[1]], capitals=True)):
        return Sides("", context.target)
    named = {m.code for m in find_countries(text[sentence[0]:sentence[1]], capitals=True)}
    if context.source in named:
        return Sides(context.source, context.target)
    return None


def _countries(text: str) -> list[CountryMention]:
    """The mentions of one country each, not groups; companies, which stand for their country only
    where they act, do not count towards the article's countries."""
    return [m for m in find_countries(text) if m.code and not m.is_company]


def _ranks_investors(title: str) -> bool:
    """'China leads foreign investors in Tajikistan', 'British capital heads the list of foreign
    investors', 'China moves to the top of Uzbekistan's foreign investor table'."""
    return bool(find_cues(title, 0, len(title), _cues("ranking_words"))) and \
        bool(find_cues(title, 0, len(title), _cues("investor_words")))


def _top(counter: Counter[str], exclude: str | None = None) -> str:
    ranked = [(code, n) for code, n in counter.most_common() if code != exclude]
    return ranked[0][0] if ranked else ""


LEAD_CHARS = 2000  # a lead is a sentence or two: a first line longer than this is not one


def _lead_end(text: str) -> int:
    first = re.search(r"[^\n]+", text)
    return min(first.end(), first.start() + LEAD_CHARS) if first else len(text)


def _dateline_country(text: str) -> str:
    for paragraph in re.finditer(r"[^\n]+", text[:600]):
        end = dateline_end(paragraph.group())
        if end:
            mentions = find_countries(paragraph.group()[:end].title(), capitals=True)
            if mentions:
                code = mentions[-1].code
                rest = text[paragraph.start() + end:]
                return code if any(m.code == code for m in find_countries(rest)) else ""
    return ""
