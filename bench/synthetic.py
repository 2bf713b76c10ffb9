"""A seeded synthetic processed dataset of any size, in the ETL's output format (for benchmarks)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from etl.parquet import convert, parquet_path
from etl.schema import resources

COUNTRIES = ["USA", "KAZ", "CHN", "UZB", "RUS", "JPN", "IND", "ARE", "EGY", "KGZ", "TUR", "DEU", "FRA", "GBR", "KOR"]
METRICS = ["investment_inflow", "investment_total", "deal_value", "trade_value", "growth_rate", "share", "count"]
OUTLETS = ["Kazinform", "Reuters", "Trend", "Caspian News", "The National", "The Hindu", "Al Bawaba", "Kun.uz",
           "Malay Mail", "Today.Az", "Oreanda-News", "Infralive"]


def _ids(prefix: str, count: int) -> list[str]:
    return [hashlib.sha256(f"{prefix}{i}".encode()).hexdigest()[:16] for i in range(count)]


def write_dataset(folder: Path, figures: int, *, seed: int = 7, parquet: bool = True) -> Path:
    """articles/figures/derived/facts CSVs with ``figures`` figures (10 per article), one fact per figure,
    every column of the data package; with ``parquet``, the Parquet tables beside them, as the ETL writes."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    n_articles = max(1, figures // 10)
    article_ids = _ids("a", n_articles)
    published = pd.Timestamp("2005-01-01") + pd.to_timedelta(rng.integers(0, 365 * 18, n_articles), unit="D")
    articles = pd.DataFrame({
        "article_id": article_ids, "source_file": [f"a{i}.txt" for i in range(n_articles)],
        "title": [f"Synthetic article {i}" for i in range(n_articles)], "author": "",
        "publisher": rng.choice(OUTLETS, n_articles), "published": published.strftime("%Y-%m-%d"), "url": "",
        "format": "txt", "content_hash": [i * 4 for i in article_ids], "char_count": 2000, "undated": False,
    })
    owner = rng.integers(0, n_articles, figures)
    metric = rng.choice(METRICS, figures, p=[0.25, 0.1, 0.2, 0.15, 0.15, 0.1, 0.05])
    year = published.year.to_numpy()[owner] - rng.integers(0, 2, figures)
    half = rng.integers(0, 3, figures)  # 0: full year, 1: H1, 2: H2
    start = pd.to_datetime({"year": year, "month": np.where(half == 2, 7, 1), "day": 1})
    end = pd.to_datetime({"year": year, "month": np.where(half == 1, 6, 12), "day": np.where(half == 1, 30, 31)})
    kind = np.select([metric == "growth_rate", metric == "share", metric == "count"], ["percent", "percent", "count"],
                     "money")
    value = np.where(kind == "money", rng.lognormal(21, 1.5, figures).round(-5),
                     np.where(kind == "percent", rng.normal(8, 15, figures).round(1), rng.integers(1, 500, figures)))
    pairs = rng.choice(len(COUNTRIES), (figures, 2))
    source = np.array(COUNTRIES)[pairs[:, 0]]
    target = np.array(COUNTRIES)[(pairs[:, 0] + 1 + pairs[:, 1] % (len(COUNTRIES) - 1)) % len(COUNTRIES)]
    figure_ids = _ids("f", figures)
    frame = pd.DataFrame({
        "figure_id": figure_ids, "article_id": np.array(article_ids)[owner], "text": [f"${v:,.0f}" for v in value],
        "char_start": 100, "char_end": 112, "quote": "A synthetic sentence with a figure in it.", "kind": kind,
        "value": value, "currency": np.where(kind == "money", "USD", ""), "qualifier": "exact", "metric": metric,
        "basis": rng.choice(["actual", "planned"], figures, p=[0.85, 0.15]),
        "period_start": start.dt.strftime("%Y-%m-%d"), "period_end": end.dt.strftime("%Y-%m-%d"),
        "source_country": source, "target_country": target,
        "entities": rng.choice(["", "Boeing", "Chevron", "Air Astana", "JICA"], figures), "equivalent_of": "",
        "period_text": "", "sentence_start": 90, "reviewed": "",
        "unit": np.where(kind == "count", "projects", ""), "extracted_value": "",
        "confidence": rng.uniform(0.3, 1.0, figures).round(3),
    })
    for field in ("value", "metric", "basis", "period", "sides"):
        frame[f"confidence_{field}"] = rng.uniform(0.5, 1.0, figures).round(3)
    frame["doubtful_field"] = rng.choice(["metric", "period", "sides", "basis"], figures)
    frame["reasons"] = [f"{d} from the cue 'invested' near the figure | value: as printed"
                        for d in frame["doubtful_field"]]
    frame.loc[frame["metric"] == "investment_total", "period_start"] = "1991-01-01"
    facts = pd.DataFrame({
        "fact_id": _ids("x", figures), "metric": frame["metric"], "kind": frame["kind"], "basis": frame["basis"],
        "currency": frame["currency"], "source_country": source, "target_country": target,
        "period_start": frame["period_start"], "period_end": frame["period_end"], "value": value, "value_min": value,
        "value_max": value, "citations": 1, "figure_ids": figure_ids, "article_ids": frame["article_id"],
        "publishers": "", "first_published": "", "last_published": "", "conflict": False, "spread_pct": 0,
        "conflict_set": "", "unit": frame["unit"],
    })
    derived = pd.DataFrame(columns=["derived_id", "rule", "value", "unit", "currency", "metric", "basis",
                                    "period_start", "period_end", "source_country", "target_country", "article_id",
                                    "input_ids", "description", "check_figure_id", "check_difference_pct"])
    tables = resources()
    for name, table in (("articles", articles), ("figures", frame), ("facts", facts), ("derived", derived)):
        columns = [f["name"] for f in tables[name]["fields"]]
        table.reindex(columns=columns, fill_value="").to_csv(folder / f"{name}.csv", index=False)
    if parquet:  # as the ETL writes them
        for name in ("articles", "figures", "facts", "derived"):
            _parquet(folder / f"{name}.csv", tables[name]["fields"])
    return folder


def _parquet(csv_path: Path, fields: list[dict[str, object]]) -> None:
    """The Parquet the ETL would write beside a synthetic CSV."""
    convert(csv_path, fields, parquet_path(csv_path)).replace(parquet_path(csv_path))  # type: ignore[arg-type]
