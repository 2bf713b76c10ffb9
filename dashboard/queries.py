"""What each view shows, as pure pandas: pairs, headline cards, chart rows, filtered figures.

Charts draw facts (figures consolidated across articles), so a figure cited by three outlets is one
bar with three citations, never three bars. Planned figures never mix with actuals: they are left
out unless asked for, and then marked.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from types import SimpleNamespace

import pandas as pd

from dashboard import display
from dashboard.data import Dataset
from dashboard.lookups import ROW_CELLS
from dashboard.periods import period_label

CHART_CURRENCY = "USD"


@dataclass(frozen=True)
class Pair:
    source: str
    target: str

    @property
    def key(self) -> str:
        return f"{self.source or 'ALL'}-{self.target or 'ALL'}"

    @classmethod
    def parse(cls, key: str) -> Pair:
        source, _, target = key.partition("-")
        return cls("" if source == "ALL" else source, "" if target == "ALL" else target)

    def label(self) -> str:
        return f"{self.source or 'all investors'} → {self.target or 'all recipients'}"


@dataclass(frozen=True)
class Card:
    title: str
    value: str
    detail: str
    source: str
    figure_id: str


def records(frame: pd.DataFrame) -> list[SimpleNamespace]:
    """Rows as attribute records (typed loosely, like the CSV cells they come from)."""
    columns = [str(c) for c in frame.columns]  # whole columns as lists: far faster than row by row
    values = [frame[c].tolist() for c in frame.columns]
    return [SimpleNamespace(**dict(zip(columns, row, strict=True))) for row in zip(*values, strict=True)]


def pairs(ds: Dataset) -> pd.DataFrame:
    """Country pairs by number of facts, most first (ties: most articles, then alphabetical)."""
    return ds.memo("pairs", lambda: _pairs(ds))


def _pairs(ds: Dataset) -> pd.DataFrame:
    facts = ds.facts[(ds.facts["source_country"] != "") | (ds.facts["target_country"] != "")]
    if facts.empty:
        return pd.DataFrame(columns=["key", "facts", "articles", "label"])
    articles = ds.figures.groupby(["source_country", "target_country"])["article_id"].nunique()
    counted = facts.groupby(["source_country", "target_country"]).size().rename("facts").reset_index()
    counted["articles"] = [int(articles.get((s, t), 0)) for s, t in
                           zip(counted["source_country"], counted["target_country"], strict=True)]
    counted["key"] = [Pair(s, t).key for s, t in zip(counted["source_country"], counted["target_country"],
                                                     strict=True)]
    counted["label"] = [f"{Pair(s, t).label()} ({display.plural(int(n), 'fact')})" for s, t, n in
                        zip(counted["source_country"], counted["target_country"], counted["facts"], strict=True)]
    both = counted[(counted["source_country"] != "") & (counted["target_country"] != "")]
    rest = counted.drop(both.index)
    ordered = [frame.sort_values(["facts", "articles", "key"], ascending=[False, False, True])
               for frame in (both, rest)]
    return pd.concat(ordered, ignore_index=True)


def default_pair(ds: Dataset) -> Pair | None:
    ranked = pairs(ds)
    return Pair.parse(str(ranked.iloc[0]["key"])) if not ranked.empty else None


def pair_figures(ds: Dataset, pair: Pair) -> pd.DataFrame:
    return ds.pair_tables(pair.source, pair.target)[0]


def pair_facts(ds: Dataset, pair: Pair, metric: str, *, planned: bool = False) -> pd.DataFrame:
    f = pair_facts_all(ds, pair)
    chosen = f[f["metric"] == metric]
    if not planned:
        chosen = chosen[chosen["basis"] == "actual"]
    return chosen


def citation_text(ds: Dataset, figure_ids: str) -> str:
    """'Kazinform (2019-09-05); Newsroom (2019-08-23)' for the figures behind a fact."""
    cited = sorted(ds.citation[i] for i in str(figure_ids).split(";") if i in ds.citation)
    return "; ".join(dict.fromkeys(
        f"{outlet} ({', '.join(part for part in (published, reviewed and f'{reviewed} by an analyst') if part)})"
        if published or reviewed else outlet for published, outlet, reviewed in cited))


def doubtful_ids(ds: Dataset, figure_ids: list[str] | str, threshold: float) -> list[str]:
    """The figures among ``figure_ids`` nobody has reviewed whose confidence is under ``threshold``."""
    groups = [figure_ids] if isinstance(figure_ids, str) else figure_ids
    ids = dict.fromkeys(i for group in groups for i in str(group).split(";") if i)
    doubtful = []
    position, scores, reviewed = ds.figure_position, ds.confidence.scores, ds.confidence.reviewed
    for figure_id in ids:
        if figure_id not in position:
            continue
        at = position[figure_id]
        if not reviewed[at] and scores[at] < threshold:  # NaN (unknown) is not under it: not marked
            doubtful.append(figure_id)
    return doubtful


def confidence_text(ds: Dataset, figure_ids: str) -> str:
    """For a chart's tooltip: how sure the least sure figure behind a point is, and why (escaped: the reason
    quotes the article)."""
    positions = [ds.figure_position[i] for i in str(figure_ids).split(";") if i in ds.figure_position]
    if not positions:
        return ""
    scores, reviewed = ds.confidence.scores, ds.confidence.reviewed
    if all(reviewed[p] for p in positions):
        return "reviewed by an analyst"
    open_ = [(float(scores[p]), p) for p in positions if not reviewed[p] and scores[p] == scores[p]]
    if not open_:
        return "confidence unknown (rebuild the tables)"
    confidence = min(score for score, _ in open_)
    reason = min(ds.confidence.reason(p) for score, p in open_ if score == confidence)  # read only the least sure
    return html.escape(f"confidence {confidence:.2f}, not reviewed: {reason}")


def _note(ds: Dataset, figure_ids: str) -> str:
    """A point's tooltip: who cited it, and how sure the figure behind it is."""
    return f"{citation_text(ds, figure_ids)}<br>{confidence_text(ds, figure_ids)}"


def source_line(ds: Dataset, figure_ids: list[str]) -> str:
    ids = ";".join(i for group in figure_ids for i in str(group).split(";") if i)
    return f"Source: {citation_text(ds, ids)}" if ids else "Source: —"


def _first_figures(ds: Dataset, facts: list[SimpleNamespace]) -> list[dict[str, object]]:
    """For each fact, the cells the charts show of the most recently published figure behind it, read
    for all the facts at once."""
    latest = []
    for r in facts:
        positions = [ds.figure_position[i] for i in str(r.figure_ids).split(";") if i in ds.figure_position]
        latest.append(max(positions, key=lambda p: (ds.citation.at(p)[0], p)))  # few positions per fact
    columns = ds.rows.many_cells(latest, [c for c in ROW_CELLS if c in ds.figures.columns])
    return [{c: values[i] for c, values in columns.items()} for i in range(len(latest))]


CHARTED_METRICS = ("investment_inflow", "investment_total", "deal_value")


def pair_currencies(ds: Dataset, pair: Pair) -> list[str]:
    """The currencies the pair's amounts are in, US dollars first, then by number of facts. Each chart
    draws one currency: amounts are never converted at a rate the articles do not give."""
    f = pair_facts_all(ds, pair)
    money = f[(f["kind"] == "money") & f["metric"].isin(CHARTED_METRICS) & (f["currency"] != "")]
    counted = money["currency"].value_counts()
    return sorted(counted.index, key=lambda c: (c != CHART_CURRENCY, -int(counted[c]), str(c)))


def uncharted(ds: Dataset, pair: Pair) -> dict[str, int]:
    """What the overview does not draw for the pair, by metric (counts, trade, shares…), so it can say so."""
    f = pair_facts_all(ds, pair)
    drawn = f["metric"].isin(CHARTED_METRICS) & (f["kind"] == "money") | (f["metric"] == "growth_rate") & (
        f["kind"] == "percent")
    return {str(k): int(v) for k, v in f[~drawn]["metric"].value_counts().sort_index().items()}


def pair_facts_all(ds: Dataset, pair: Pair) -> pd.DataFrame:
    return ds.pair_tables(pair.source, pair.target)[1]


def _money_label(figure: Mapping[str, object], value: float, currency: str) -> str:
    """A fact's value in words, with the qualifier and correction of the figure behind it."""
    return display.with_correction({"kind": "money", "value": value, "currency": currency,
                                    "qualifier": figure["qualifier"], "text": figure["text"],
                                    "extracted_value": figure.get("extracted_value", "")})


def inflow_bars(ds: Dataset, pair: Pair, *, currency: str = CHART_CURRENCY, planned: bool = False) -> pd.DataFrame:
    """Inflows by period: stated facts, derived earlier amounts and (if asked) planned figures."""
    facts = pair_facts(ds, pair, "investment_inflow", planned=planned)
    facts = facts[(facts["currency"] == currency) & (facts["period_start"] != "")]
    rows = []
    facts_ = records(facts)
    for r, figure in zip(facts_, _first_figures(ds, facts_), strict=True):
        rows.append({
            "start": r.period_start, "end": r.period_end, "value": float(r.value),
            "label": _money_label(figure, float(r.value), currency), "qualifier": figure["qualifier"],
            "period": period_label(r.period_start, r.period_end),
            "series": "planned" if r.basis == "planned" else "stated", "basis": r.basis,
            "note": f"cited by {display.plural(int(r.citations), 'article')}: {citation_text(ds, r.figure_ids)}"
                    f"<br>{confidence_text(ds, r.figure_ids)}",
            "figure_ids": r.figure_ids, "fact_id": r.fact_id,
        })
    d = ds.derived
    derived = d[(d["rule"] == "growth_implied_earlier") & (d["metric"] == "investment_inflow")
                & (d["source_country"] == pair.source) & (d["target_country"] == pair.target)
                & (d["unit"] == currency)]
    if not planned and "basis" in derived.columns:
        derived = derived[derived["basis"] == "actual"]
    stated_periods = {(r["start"], r["end"]) for r in rows}
    for r in records(derived):
        if (r.period_start, r.period_end) in stated_periods:
            continue  # the article states that period itself; the derived check lives on the Checks page
        inputs = [str(ds.figures["text"].iat[ds.figure_position[i]]) for i in str(r.input_ids).split(";")
                  if i in ds.figure_position]
        rows.append({
            "start": r.period_start, "end": r.period_end, "value": float(r.value),
            "label": f"{display.money(float(r.value), currency)} (derived)", "qualifier": "about",
            "period": period_label(r.period_start, r.period_end), "series": "derived", "basis": "actual",
            "note": f"derived from {' and '.join(inputs)} ({citation_text(ds, r.input_ids)})",
            "figure_ids": r.input_ids, "fact_id": r.derived_id,
        })
    frame = pd.DataFrame(rows, columns=["start", "end", "value", "label", "qualifier", "period", "series", "basis",
                                        "note", "figure_ids", "fact_id"])
    return _one_bar_per_period(frame, currency).sort_values(["start", "series"], ignore_index=True)


def _one_bar_per_period(frame: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The largest figure of a period is its total; smaller ones for the same period (sectors, parts)
    go into the bar's note instead of being drawn over it."""
    if frame.empty:
        return frame
    group = frame.groupby(["start", "end", "series"], sort=False).ngroup()  # numbered as they first appear
    ranked = frame.assign(_group=group).sort_values(["_group", "value"], ascending=[True, False], kind="stable")
    first = ~ranked["_group"].duplicated()
    top = ranked[first].copy()
    parts = ranked[~first].groupby("_group")["value"].agg(lambda v: ", ".join(display.money(x, currency) for x in v))
    top["note"] = [f"{note}<br>also cited for this period (parts): {parts[g]}" if g in parts.index else note
                   for note, g in zip(top["note"], top["_group"], strict=True)]
    return top.drop(columns="_group")


def cumulative_claims(ds: Dataset, pair: Pair, *, currency: str = CHART_CURRENCY) -> pd.DataFrame:
    """Every cumulative total claimed for the pair, by publication date and outlet (never averaged)."""
    f = pair_figures(ds, pair)
    f = f[(f["metric"] == "investment_total") & (f["basis"] == "actual") & (f["currency"] == currency)
          & (f["kind"] == "money")]
    out = pd.DataFrame({
        "published": f["published"], "value": f["value"], "outlet": f["outlet"],
        "qualifier": f["qualifier"], "text": f["text"], "figure_id": f["figure_id"],
        "label": [display.with_correction(row) for row in
                  f[[c for c in display.LABEL_COLUMNS if c in f.columns]].to_dict("records")],
        "qualifier_words": [display.qualifier_name(q) for q in f["qualifier"].tolist()],
        "reviewed": [confidence_text(ds, i) for i in f["figure_id"].tolist()],
        "period": [period_label(s, e) for s, e in zip(f["period_start"].tolist(), f["period_end"].tolist(),
                                                       strict=True)],
    })
    return out.sort_values(["published", "outlet"], ignore_index=True)


def _signing_time(frame: pd.DataFrame) -> pd.Series:
    """Periods short enough to be a time of signing (a day, a month, a year), not a portfolio's span."""
    start = pd.to_datetime(frame["period_start"], errors="coerce")
    end = pd.to_datetime(frame["period_end"], errors="coerce")
    return (end - start).dt.days.le(366).fillna(False).astype(bool)


def deals_by_year(ds: Dataset, pair: Pair, *, currency: str = CHART_CURRENCY, planned: bool = False) -> pd.DataFrame:
    """Deals by year signed, one row per deal (fact), named by its companies; a package and its parts are
    separate rows, never summed."""
    facts = pair_facts(ds, pair, "deal_value", planned=planned)
    facts = facts[(facts["currency"] == currency) & (facts["kind"] == "money") & _signing_time(facts)]
    rows = []
    facts_ = records(facts)
    for r, figure in zip(facts_, _first_figures(ds, facts_), strict=True):
        companies = [c for c in str(figure["entities"]).split(";") if c]
        rows.append({"year": str(r.period_start or r.period_end)[:4], "value": float(r.value),
                     "label": _money_label(figure, float(r.value), currency),
                     "qualifier": figure["qualifier"],
                     "company": ", ".join(companies) if companies else "companies not named", "basis": r.basis,
                     "text": figure["text"], "note": _note(ds, r.figure_ids), "figure_ids": r.figure_ids})
    frame = pd.DataFrame(rows, columns=["year", "value", "label", "qualifier", "company", "basis", "text", "note",
                                        "figure_ids"]).sort_values(["year", "company", "value"], ignore_index=True)
    frame["deal"] = _deal_names(frame)
    return frame


def _deal_names(frame: pd.DataFrame) -> list[str]:
    """Each deal's category on the chart: its companies, numbered when a year has several deals of theirs."""
    seen: dict[tuple[str, str], int] = {}
    totals = frame.groupby(["year", "company"]).size().to_dict() if not frame.empty else {}
    names = []
    for year, company in zip(frame["year"].tolist(), frame["company"].tolist(), strict=True):
        seen[(year, company)] = seen.get((year, company), 0) + 1
        many = totals.get((year, company), 1) > 1
        names.append(f"{company} ({seen[(year, company)]})" if many else company)
    return names


def growth_by_period(ds: Dataset, pair: Pair, *, planned: bool = False) -> pd.DataFrame:
    """Growth rates (percent) by period."""
    facts = pair_facts(ds, pair, "growth_rate", planned=planned)
    facts = facts[facts["kind"] == "percent"]
    rows = []
    facts_ = records(facts)
    for r, figure in zip(facts_, _first_figures(ds, facts_), strict=True):
        row = {"kind": "percent", "metric": "growth_rate", "value": float(r.value), "qualifier": figure["qualifier"],
               "text": figure["text"], "extracted_value": figure.get("extracted_value", "")}
        rows.append({"start": r.period_start or r.period_end, "period": period_label(r.period_start, r.period_end),
                     "value": float(r.value), "label": display.with_correction(row), "qualifier": figure["qualifier"],
                     "basis": r.basis, "note": _note(ds, r.figure_ids), "text": figure["text"],
                     "figure_ids": r.figure_ids})
    return pd.DataFrame(rows, columns=["start", "period", "value", "label", "qualifier", "basis", "note", "text",
                                       "figure_ids"]).sort_values("start", ignore_index=True)


def headline_cards(ds: Dataset, pair: Pair, *, currency: str = CHART_CURRENCY) -> list[Card]:
    """Latest cumulative total, latest period inflow with its growth rate, deals signed in the latest year."""
    cards: list[Card] = []
    f = pair_figures(ds, pair)
    f = f[f["basis"] == "actual"]
    totals = f[(f["metric"] == "investment_total") & (f["kind"] == "money") & (f["currency"] == currency)]
    totals = totals.sort_values("published")
    if not totals.empty:
        t = totals.iloc[-1]
        cards.append(Card("Latest cumulative total", display.with_correction(t.to_dict()),
                          period_label(t["period_start"], t["period_end"]), f"{t['outlet']}, {t['published']}",
                          t["figure_id"]))
    inflows = f[(f["metric"] == "investment_inflow") & (f["kind"] == "money") & (f["period_start"] != "")
                & (f["currency"] == currency)]
    inflows = inflows.sort_values(["period_end", "published", "value"])
    if not inflows.empty:
        i = inflows.iloc[-1]
        rates = f[(f["metric"] == "growth_rate") & (f["kind"] == "percent") & (f["period_start"] == i["period_start"])
                  & (f["period_end"] == i["period_end"]) & (f["article_id"] == i["article_id"])]
        growth = f", {display.figure_text(rates.iloc[0].to_dict())} on a year earlier" if not rates.empty else ""
        cards.append(Card("Latest period inflow", display.with_correction(i.to_dict()),
                          period_label(i["period_start"], i["period_end"]) + growth,
                          f"{i['outlet']}, {i['published']}", i["figure_id"]))
    deals = f[(f["metric"] == "deal_value") & (f["currency"] == currency) & (f["kind"] == "money")]
    deals = deals[_signing_time(deals)]
    if not deals.empty:
        year = str((deals["period_start"].where(deals["period_start"] != "", deals["period_end"])).max())[:4]
        in_year = deals[deals["period_end"].str[:4] == year]
        # an article's largest deal figure is its package; smaller ones are usually parts of it
        packages = in_year.sort_values("value").groupby("article_id").tail(1)
        fact_ids = set(ds.fact_of_figure.of_figures(packages["figure_id"]).values())
        cited = pair_facts_all(ds, pair)  # a figure's fact has the figure's pair
        facts = cited[cited["fact_id"].isin(fact_ids)]
        total = float(facts["value"].sum()) if not facts.empty else float(packages["value"].sum())
        ids = ";".join(packages["figure_id"])
        distinct = len(facts) or len(packages)
        cards.append(Card(f"Deals signed in {year}", display.money(total, currency),
                          f"the largest package of each article: {display.plural(distinct, 'distinct package')} "
                          f"in {display.plural(len(packages), 'article')}", citation_text(ds, ids),
                          packages.iloc[-1]["figure_id"]))
    return cards


def filter_figures(ds: Dataset, *, pair: Pair | None = None, metrics: list[str] | None = None,
                   bases: list[str] | None = None, outlets: list[str] | None = None, start: str = "", end: str = "",
                   text: str = "", reviewed: str = "all", confidence_below: float | None = None) -> pd.DataFrame:
    """The Figures page's rows after every filter; period filters keep figures overlapping [start, end];
    ``confidence_below`` keeps the figures whose confidence is under it (unknown confidence is not)."""
    f = ds.figures
    if confidence_below is not None:
        f = f[pd.to_numeric(f["confidence"], errors="coerce") < confidence_below]
    if pair is not None:
        f = f[(f["source_country"] == pair.source) & (f["target_country"] == pair.target)]
    if metrics:
        f = f[f["metric"].isin(metrics)]
    if bases:
        f = f[f["basis"].isin(bases)]
    if outlets:
        f = f[f["outlet"].isin(outlets)]
    if start:
        f = f[(f["period_end"] == "") | (f["period_end"] >= start)]
    if end:
        f = f[(f["period_start"] == "") | (f["period_start"] <= end)]
    if text:
        needle = text.casefold()
        haystack = (f["text"] + " " + f["quote"] + " " + f["article_title"] + " " + f["entities"]).str.casefold()
        f = f[haystack.str.contains(needle, regex=False)]
    if reviewed in ("reviewed", "automatic") and "reviewed" in f.columns:
        f = f[(f["reviewed"] != "") == (reviewed == "reviewed")]
    return f


def shown_figures(rows: pd.DataFrame) -> pd.DataFrame:
    """Figures as an analyst reads them: the reviewed value in words first, what the article printed
    (and what it was corrected from), human names for codes, the sentence; ids and codes last."""
    records_ = rows.to_dict("records")
    return pd.DataFrame({
        "figure": [display.figure_text(r) for r in records_],
        "as printed": [str(r.get("text", "")) for r in records_],
        "corrected from": [str(r.get("text", "")) if display.corrected_from(r) else "" for r in records_],
        "metric": [display.metric_name(str(r.get("metric", ""))) for r in records_],
        "basis": [display.basis_name(str(r.get("basis", ""))) for r in records_],
        "period": [period_label(str(r.get("period_start", "")), str(r.get("period_end", ""))) for r in records_],
        "investor": rows["source_country"].to_numpy(), "recipient": rows["target_country"].to_numpy(),
        "companies": [str(r.get("entities", "")).replace(";", ", ") for r in records_],
        "outlet": rows["outlet"].to_numpy() if "outlet" in rows else "", "published": rows["published"].to_numpy()
        if "published" in rows else "",
        "review": [str(r.get("reviewed") or "automatic") for r in records_],
        "confidence": pd.to_numeric(rows["confidence"], errors="coerce").to_numpy() if "confidence" in rows else None,
        "doubtful": [str(r.get("doubtful_field") or "") for r in records_],
        "why": [str(r.get("reasons") or "").split(" | ")[0] for r in records_],
        "sentence": rows["quote"].to_numpy(),
        "value": rows["value"].to_numpy(), "currency": rows["currency"].to_numpy(),
        "qualifier": [display.qualifier_name(str(r.get("qualifier", ""))) for r in records_],
        "period_start": rows["period_start"].to_numpy(), "period_end": rows["period_end"].to_numpy(),
        "figure_id": rows["figure_id"].to_numpy(), "article_id": rows["article_id"].to_numpy(),
    })
