#!/usr/bin/env python3
"""Fit the confidence model (``etl/lexicons/confidence.json``) on the annotated corpora, and measure it.

    .venv/bin/python tests/calibrate.py                    # refit and rewrite etl/lexicons/confidence.json
    .venv/bin/python tests/calibrate.py --check            # measure only: cross-validated by article
    .venv/bin/python tests/calibrate.py --check --plot docs/reliability.png

Examples are the found figures of dev and dev2 as today's rules extract them, and of dev2 as the rules
extracted it before they were tuned on it (``tests/calibration/dev2-before-tuning``): each gold figure
is matched to the extracted figure the scorer matches, and each field's features (``etl.confidence``)
with whether the field is right become one example of that field's model. A field model is a logistic
regression with an L2 penalty, fitted by Newton's method (deterministic: refitting the same corpus
gives the same weights, which a test checks); the record model takes the five fields' log-odds.

``--check`` leaves the weights alone and scores them honestly: five folds by article, each scored by a
model fitted on the other articles, reported the way ``../shared/tools/score_figures.py`` does (the
share of wrong records among the least confident quarter, and how often each confidence band is right).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.confidence import FIELDS, evidence, record_features  # noqa: E402
from etl.extract import extract_figures  # noqa: E402
from etl.ingest import read_article  # noqa: E402
from etl.models import Article, Figure  # noqa: E402
from tests import scoring  # noqa: E402

GOLD = ROOT / "tests" / "gold"
ARTICLES = ROOT / "data" / "articles"
BEFORE = ROOT / "tests" / "calibration" / "dev2-before-tuning"
WEIGHTS = ROOT / "etl" / "lexicons" / "confidence.json"
CORPORA = ("dev", "dev2")
L2 = 2.0  # penalty of every weight but the bias
MIN_COUNT = 5  # a feature seen in fewer examples gets no weight
DIGITS = 4
FIELD_PARTS = {"value": ("kind", "value", "currency", "qualifier"), "metric": ("metric",), "basis": ("basis",),
               "period": ("period",), "sides": ("source", "target")}


@dataclass
class Example:
    group: str  # the article, for folds
    features: dict[str, dict[str, float]]
    right: dict[str, bool]  # per field, and "record"


def _gold_files() -> list[Path]:
    return sorted(p for corpus in CORPORA for p in (GOLD / corpus).glob("*.json"))


def _labels(gold: dict, row: dict[str, str]) -> dict[str, bool]:
    right = {name: all(scoring.field_ok(part, gold, row) is not False for part in parts)
             for name, parts in FIELD_PARTS.items()}
    right["record"] = all(right.values())
    return right


def _examples(group: str, article: Article, figures: list[Figure], gold: dict) -> list[Example]:
    raw = (ARTICLES / gold["file"]).read_text(encoding="utf-8", errors="replace")
    wanted = sorted(gold["figures"], key=lambda f: scoring.text_position(raw, f["text"], f.get("occurrence", 1)))
    figures = sorted(figures, key=lambda f: f.char_start)
    rows = [{k: str(v) for k, v in f.row().items()} for f in figures]
    used: set[int] = set()
    found = []
    for item in wanted:
        hit = scoring.find_match(item, rows, used)
        if hit is None:
            continue
        used.add(hit)
        found.append(Example(group, evidence(figures[hit], article).features, _labels(item, rows[hit])))
    return found


def _figure(row: dict[str, str]) -> Figure:
    typed: dict[str, object] = {}
    for spec in fields(Figure):
        if spec.name not in row:
            continue
        value = row[spec.name]
        typed[spec.name] = (int(value or 0) if spec.type in ("int", int) else float(value or 0)
                            if spec.type in ("float", float) else value.split(";") if spec.name == "entities" and value
                            else [] if spec.name == "entities" else value)
    return Figure(**typed)  # type: ignore[arg-type]


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def collect() -> list[Example]:
    """Every example: today's extraction of dev and dev2, and dev2 as extracted before tuning."""
    examples: list[Example] = []
    golds = {json.loads(p.read_text(encoding="utf-8"))["file"]: json.loads(p.read_text(encoding="utf-8"))
             for p in _gold_files()}
    for name, gold in sorted(golds.items()):
        article = read_article(ARTICLES / name)
        examples += _examples(f"now:{name}", article, extract_figures(article), gold)
    texts = {row["article_id"]: row["text"] for row in _read(BEFORE / "texts.csv")}
    figures: dict[str, list[Figure]] = {}
    for row in _read(BEFORE / "figures.csv"):
        figures.setdefault(row["article_id"], []).append(_figure(row))
    for row in _read(BEFORE / "articles.csv"):
        gold = golds.get(row["source_file"])
        if gold is None:
            continue
        article = Article(row["article_id"], row["source_file"], row["title"], row["author"], row["publisher"],
                          row["published"], row["url"], row["format"], row["content_hash"], texts[row["article_id"]])
        examples += _examples(f"before:{row['source_file']}", article, figures.get(row["article_id"], []), gold)
    return examples


def _fit(rows: list[dict[str, float]], right: list[bool]) -> dict[str, float]:
    """Logistic regression by Newton's method: the bias unpenalized, every other weight by L2."""
    counts: dict[str, int] = {}
    for row in rows:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(name for name, count in counts.items() if count >= MIN_COUNT)
    x = np.array([[1.0] + [row.get(name, 0.0) for name in names] for row in rows])
    y = np.array([1.0 if ok else 0.0 for ok in right])
    penalty = np.full(x.shape[1], L2)
    penalty[0] = 1e-6
    w = np.zeros(x.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    fitted = {name: round(float(v), DIGITS) for name, v in zip(names, w[1:], strict=True)}
    return {"bias": round(float(w[0]), DIGITS)} | {name: v for name, v in fitted.items() if v != 0.0}


def _probability(weights: dict[str, float], features: dict[str, float]) -> float:
    score = weights.get("bias", 0.0) + sum(weights.get(k, 0.0) * v for k, v in features.items())
    return float(1.0 / (1.0 + np.exp(-np.clip(score, -30, 30))))


def fit(examples: list[Example]) -> dict[str, dict[str, float]]:
    weights = {name: _fit([e.features[name] for e in examples], [e.right[name] for e in examples]) for name in FIELDS}
    fields_of = [{name: _probability(weights[name], e.features[name]) for name in FIELDS} for e in examples]
    weights["record"] = _fit([record_features(f, e.features) for f, e in zip(fields_of, examples, strict=True)],
                             [e.right["record"] for e in examples])
    return weights


def predict(weights: dict[str, dict[str, float]], example: Example) -> float:
    fields_of = {name: _probability(weights[name], example.features[name]) for name in FIELDS}
    return _probability(weights["record"], record_features(fields_of, example.features))


def cross_validated(examples: list[Example], folds: int = 5) -> list[tuple[float, bool, str]]:
    """(confidence, record right, group) of every example, each from a model fitted without its article."""
    groups = sorted({e.group.split(":", 1)[1] for e in examples})  # both readings of an article in one fold
    fold_of = {g: i % folds for i, g in enumerate(groups)}
    graded = []
    for fold in range(folds):
        train = [e for e in examples if fold_of[e.group.split(":", 1)[1]] != fold]
        weights = fit(train)
        graded += [(predict(weights, e), e.right["record"], e.group) for e in examples
                   if fold_of[e.group.split(":", 1)[1]] == fold]
    return graded


def report(graded: Iterable[tuple[float, bool]]) -> dict:
    graded = list(graded)
    result = scoring.confidence_report(graded, len(graded)) or {}
    high = [ok for c, ok in graded if c >= 0.9]
    result["share_at_0.9"] = round(len(high) / len(graded), 4) if graded else 0.0
    result["right_at_0.9"] = round(sum(high) / len(high), 4) if high else None
    result["figures"] = len(graded)
    result["right"] = round(sum(ok for _, ok in graded) / len(graded), 4) if graded else None
    return result


def _print(title: str, result: dict) -> None:
    print(f"{title}: {result['figures']} found figures, {result['right']:.1%} right; the least confident 25% hold "
          f"{result['caught_by_lowest_25pct']:.1%} of the {result['wrong_records']} wrong; "
          f"{result['share_at_0.9']:.1%} are at >= 0.9, right {result['right_at_0.9'] or 0:.1%}")
    for band, b in result["bands"].items():
        print(f"  {band:<8} {b['figures']:>5} figures, " + ("-" if b["right"] is None else f"{b['right']:.1%} right"))


def markdown(graded: list[tuple[float, bool, str]]) -> str:
    """The cross-validated measure as BENCHMARKS.md reports it."""
    now = [(c, ok) for c, ok, g in graded if g.startswith("now:")]
    before = [(c, ok) for c, ok, g in graded if g.startswith("before:")]
    parts = [("dev + dev2 as extracted now", now), ("dev2 as extracted before tuning (unseen then)", before),
             ("both together", [(c, ok) for c, ok, _ in graded])]
    lines = ["| found figures | right | least confident 25% hold, of the wrong | at >= 0.9: share, right | "
             "0-0.5 | 0.5-0.7 | 0.7-0.9 | 0.9-1 |", "|---|---|---|---|---|---|---|---|"]
    for title, rows in parts:
        r = report(rows)
        bands = " | ".join("-" if b["right"] is None else f"{b['figures']}: {b['right']:.0%} right"
                           for b in r["bands"].values())
        at_high = f"{r['share_at_0.9']:.1%}, " + ("-" if r["right_at_0.9"] is None else f"{r['right_at_0.9']:.0%}")
        lines.append(f"| {title}: {r['figures']} | {r['right']:.1%} | {r['caught_by_lowest_25pct']:.1%} of "
                     f"{r['wrong_records']} | {at_high} | {bands} |")
    return "\n".join(lines)


def reliability_plot(graded: list[tuple[float, bool]], path: Path) -> None:
    import plotly.graph_objects as go

    edges = [i / 10 for i in range(11)]
    xs, ys, sizes = [], [], []
    for low, high in zip(edges, edges[1:], strict=False):
        band = [(c, ok) for c, ok in graded if low <= c < high or (high == 1.0 and c == 1.0)]
        if band:
            xs.append(sum(c for c, _ in band) / len(band))
            ys.append(sum(ok for _, ok in band) / len(band))
            sizes.append(len(band))
    figure = go.Figure([go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name="perfectly calibrated",
                                   line={"dash": "dot", "color": "#888"}),
                        go.Scatter(x=xs, y=ys, mode="lines+markers+text", name="flowcite (by article, held out)",
                                   text=[str(n) for n in sizes], textposition="top left",
                                   marker={"size": [6 + n ** 0.5 for n in sizes], "color": "#1f77b4"})])
    figure.update_layout(title="How often a figure is right at each confidence (dev + dev2, 5 folds by article)",
                         xaxis_title="confidence", yaxis_title="share of figures with every field right",
                         width=900, height=560, template="plotly_white", xaxis={"range": [0, 1.02]},
                         yaxis={"range": [0, 1.05]})
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.write_image(str(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="measure by article-fold cross-validation only")
    parser.add_argument("--plot", type=Path, help="write a reliability plot (PNG) of the cross-validated run")
    parser.add_argument("--markdown", type=Path, help="write the cross-validated measure as a Markdown table")
    args = parser.parse_args()
    examples = collect()
    if args.check:
        graded = cross_validated(examples)
        _print("all (dev + dev2 now, dev2 before tuning)", report((c, ok) for c, ok, _ in graded))
        _print("dev + dev2 as extracted now", report((c, ok) for c, ok, g in graded if g.startswith("now:")))
        _print("dev2 as extracted before tuning (unseen then)",
               report((c, ok) for c, ok, g in graded if g.startswith("before:")))
        if args.plot:
            reliability_plot([(c, ok) for c, ok, _ in graded], args.plot)
        if args.markdown:
            args.markdown.write_text(markdown(graded) + "\n", encoding="utf-8")
        return
    weights = fit(examples)
    doc = ("Learned weights of etl/confidence.py: per field, logistic regression weights of its evidence "
           "features; 'record' combines the fields' log-odds. Regenerate with `.venv/bin/python tests/calibrate.py` "
           f"(fitted on {len(examples)} found figures of dev and dev2, today's and before tuning).")
    WEIGHTS.write_text(json.dumps({"_doc": doc, "weights": weights}, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS.relative_to(ROOT)} from {len(examples)} examples")


if __name__ == "__main__":
    main()
