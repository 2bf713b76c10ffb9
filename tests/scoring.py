#!/usr/bin/env python3
"""Score an ETL run's figures.csv / articles.csv against hand-made gold files.

A project-local copy of ../shared/tools/score_figures.py, so that the tests never need ../shared.
The only change: ``score`` and ``load_gold`` take the folder of the articles (the gold files live
in tests/gold, the articles in data/articles).

    python score_figures.py --gold GOLD_DIR --pred OUT_DIR [--details] [--json]

GOLD_DIR holds NAME.json gold files next to the NAME.txt|md|html articles
(see ../CONTRACT.md). OUT_DIR holds the ETL's articles.csv and figures.csv.
Standard library only.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

FIELDS = ("kind", "value", "currency", "qualifier", "metric", "basis",
          "period", "source", "target")
SCORED_KINDS = {"money", "percent", "multiple"}
NUMBER = re.compile(r"\d+(?:[.,\s]\d+)*")


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().casefold()


def number_core(text: str) -> str:
    match = NUMBER.search(text)
    return re.sub(r"[\s,.]", "", match.group(0)) if match else ""


def same_span(gold_text: str, pred_text: str) -> int:
    """2: the prediction covers the gold text; 1: it is a part of it; 0: no match."""
    g, p = norm(gold_text), norm(pred_text)
    if not p or number_core(g) != number_core(p):
        return 0
    return 2 if g in p else 1 if p in g else 0


def find_match(figure: dict, preds: list[dict], used: set[int]) -> int | None:
    """The first unused prediction covering the figure; else a part of it cited in the same sentence."""
    partial = None
    for i, pred in enumerate(preds):
        if i in used:
            continue
        strength = same_span(figure["text"], pred.get("text", ""))
        if strength == 2:
            return i
        quote = norm(pred.get("quote"))
        if strength == 1 and partial is None and (not quote or norm(figure["text"]) in quote):
            partial = i
    return partial


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def field_ok(field: str, gold: dict, pred: dict) -> bool | None:
    """True/False when scored, None when the gold leaves the field open."""
    if field == "period":
        period = gold.get("period")
        if period is None:
            return None
        results = []
        for side in ("start", "end"):
            want = period.get(side)
            if want is None:
                continue
            got = (pred.get(f"period_{side}") or "").strip()
            results.append(got[: len(want)] == want if want else got == "")
        return all(results) if results else None
    want = gold.get(field)
    if want is None:
        return None
    column = {"source": "source_country", "target": "target_country"}.get(field, field)
    got = (pred.get(column) or "").strip()
    if field == "value":
        try:
            got_value = float(got)
        except ValueError:
            return False
        return abs(got_value - float(want)) <= max(1e-9, 0.005 * abs(float(want)))
    if field in ("currency", "source", "target"):
        return got.upper() == str(want).upper()
    return got.lower() == str(want).lower()


def standalone(raw: str, start: int, text: str) -> bool:
    """True unless the match sits inside a longer word or number ("5%" in "15%")."""
    before, after = raw[max(0, start - 2):start], raw[start + len(text):start + len(text) + 1]
    if before[-1:].isalnum() and text[:1].isalnum():
        return False
    if re.fullmatch(r"\d[.,]", before) and text[:1].isdigit():
        return False
    return not (after.isdigit() and text[-1:].isdigit())


def text_position(raw: str, text: str, occurrence: int) -> int:
    """Offset of the occurrence-th standalone appearance of text in raw."""
    start, seen = -1, 0
    while seen < max(occurrence, 1):
        start = raw.find(text, start + 1)
        if start < 0:
            return sys.maxsize
        seen += standalone(raw, start, text)
    return start


def load_gold(gold_dir: Path, articles_dir: Path | None = None) -> list[tuple[dict, str]]:
    articles = []
    for path in sorted(gold_dir.rglob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if "figures" not in gold or "file" not in gold:
            continue
        article = (articles_dir / gold["file"]) if articles_dir else path.with_name(gold["file"])
        raw = article.read_text(encoding="utf-8", errors="replace")
        for figure in gold["figures"]:
            if text_position(raw, figure["text"], figure.get("occurrence", 1)) == sys.maxsize:
                sys.exit(f"gold error: {figure['text']!r} (occurrence "
                         f"{figure.get('occurrence', 1)}) not found in {article.name}")
        articles.append((gold, raw))
    if not articles:
        sys.exit(f"no gold files under {gold_dir}")
    return articles


def counted(pred: dict, ignore: list[str]) -> bool:
    kind = (pred.get("kind") or "").lower()
    if kind not in SCORED_KINDS and not (kind == "count" and pred.get("metric") != "other"):
        return False
    return not any(same_span(text, pred.get("text", "")) for text in ignore)


def score(gold_dir: Path, pred_dir: Path, articles_dir: Path | None = None) -> dict:
    articles_csv = read_csv(pred_dir / "articles.csv")
    figures_csv = read_csv(pred_dir / "figures.csv")
    by_file = {Path(row.get("source_file", "")).name: row for row in articles_csv}
    preds_by_article: dict[str, list[dict]] = {}
    for row in figures_csv:
        preds_by_article.setdefault(row.get("article_id", ""), []).append(row)

    totals = {"gold": 0, "matched": 0, "pred": 0, "pred_matched": 0, "complete": 0,
              "articles": 0, "articles_found": 0, "title_ok": 0, "date_ok": 0}
    field_hits = {field: [0, 0] for field in FIELDS}
    details: list[str] = []
    graded: list[tuple[float, bool]] = []  # (confidence, complete) of each found figure, when predictions carry one

    for gold, raw in load_gold(gold_dir, articles_dir):
        totals["articles"] += 1
        article = by_file.get(gold["file"])
        golds = sorted(gold["figures"],
                       key=lambda f: text_position(raw, f["text"], f.get("occurrence", 1)))
        totals["gold"] += len(golds)
        if article is None:
            details.append(f"{gold['file']}: article missing from articles.csv")
            continue
        totals["articles_found"] += 1
        if gold.get("title") is not None and norm(article.get("title")) == norm(gold["title"]):
            totals["title_ok"] += 1
        elif gold.get("title") is not None:
            details.append(f"{gold['file']}: title {article.get('title')!r} != {gold['title']!r}")
        if gold.get("published") and (article.get("published") or "")[:10] == gold["published"]:
            totals["date_ok"] += 1
        elif gold.get("published"):
            details.append(f"{gold['file']}: published {article.get('published')!r} != {gold['published']!r}")

        preds = sorted(preds_by_article.get(article.get("article_id", ""), []),
                       key=lambda p: int(float(p.get("char_start") or 0)))
        ignore = gold.get("ignore", [])
        live = [p for p in preds if counted(p, ignore)]
        totals["pred"] += len(live)
        used: set[int] = set()
        for figure in golds:
            hit = find_match(figure, preds, used)
            if hit is None:
                details.append(f"{gold['file']}: missed {figure['text']!r}")
                continue
            used.add(hit)
            totals["matched"] += 1
            totals["pred_matched"] += counted(preds[hit], ignore)
            complete = True
            for field in FIELDS:
                ok = field_ok(field, figure, preds[hit])
                if ok is None:
                    continue
                field_hits[field][1] += 1
                field_hits[field][0] += ok
                if not ok:
                    complete = False
                    want = figure.get(field)
                    got = ({k: preds[hit].get(k) for k in ("period_start", "period_end")}
                           if field == "period" else
                           preds[hit].get({"source": "source_country",
                                           "target": "target_country"}.get(field, field)))
                    details.append(f"{gold['file']}: {figure['text']!r} {field}: got {got!r}, want {want!r}")
            totals["complete"] += complete
            confidence = (preds[hit].get("confidence") or "").strip()
            if confidence:
                graded.append((float(confidence), complete))
        for i, p in enumerate(preds):
            if i not in used and counted(p, ignore):
                details.append(f"{gold['file']}: extra {p.get('text')!r} ({p.get('kind')}, {p.get('metric')})")

    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    return {
        "confidence": confidence_report(graded, totals["matched"]),
        "articles": totals["articles"],
        "articles_found": totals["articles_found"],
        "title_accuracy": ratio(totals["title_ok"], totals["articles"]),
        "date_accuracy": ratio(totals["date_ok"], totals["articles"]),
        "gold_figures": totals["gold"],
        "recall": ratio(totals["matched"], totals["gold"]),
        "precision": ratio(totals["pred_matched"], totals["pred"]),
        "fields": {field: ratio(*hits) for field, hits in field_hits.items()},
        "complete": ratio(totals["complete"], totals["gold"]),
        "details": details,
    }


def confidence_report(graded: list[tuple[float, bool]], matched: int) -> dict | None:
    """How well a `confidence` column (0..1, per figure) ranks the found figures: the share of
    wrong records among the least confident quarter ("caught by the lowest 25%"), and the share of
    right records at each confidence band (a calibrated 0.9 is right about 9 times in 10)."""
    if not graded or len(graded) < matched:
        return None
    ranked = sorted(graded, key=lambda g: g[0])
    wrong = sum(not ok for _, ok in ranked)
    quarter = ranked[: max(1, len(ranked) // 4)]
    bands = {}
    for low, high in ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01)):
        band = [ok for c, ok in ranked if low <= c < high]
        bands[f"{low:.1f}-{min(high, 1.0):.1f}"] = {"figures": len(band),
                                                    "right": round(sum(band) / len(band), 4) if band else None}
    return {"wrong_records": wrong,
            "caught_by_lowest_25pct": round(sum(not ok for _, ok in quarter) / wrong, 4) if wrong else 1.0,
            "bands": bands}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--pred", type=Path, required=True)
    parser.add_argument("--details", action="store_true", help="list every miss and mismatch")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--articles", type=Path, default=None, help="the articles' folder, when not beside the gold")
    args = parser.parse_args()
    result = score(args.gold, args.pred, args.articles)
    if args.json:
        if not args.details:
            result.pop("details")
        print(json.dumps(result, indent=2))
        return
    if args.details:
        print("\n".join(result["details"]) or "no misses")
        print()
    print(f"articles found   {result['articles_found']}/{result['articles']}")
    print(f"title accuracy   {result['title_accuracy']:.1%}")
    print(f"date accuracy    {result['date_accuracy']:.1%}")
    print(f"figure recall    {result['recall']:.1%} of {result['gold_figures']}")
    print(f"figure precision {result['precision']:.1%}")
    for field, value in result["fields"].items():
        print(f"  {field:<10} {value:.1%}")
    print(f"complete records {result['complete']:.1%}")
    conf = result.get("confidence")
    if conf:
        print(f"confidence       lowest 25% holds {conf['caught_by_lowest_25pct']:.1%} of the "
              f"{conf['wrong_records']} found figures with a wrong field")
        for band, b in conf["bands"].items():
            right = "-" if b["right"] is None else f"{b['right']:.1%} right"
            print(f"  {band:<10} {b['figures']:>5} figures, {right}")


if __name__ == "__main__":
    main()
