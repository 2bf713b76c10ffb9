"""The public pipeline: article files in, processed tables out.

``run_pipeline`` reads and extracts (in parallel across the machine's cores, output in a
deterministic order); ``write_outputs`` writes the tables atomically. The dashboard uses the ETL
only through these functions.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from etl.derive import DERIVED_COLUMNS, derive
from etl.errors import InputError, UnsupportedTypeError
from etl.extract import extract_figures
from etl.facts import FACT_COLUMNS, consolidate
from etl.ingest import is_article_file, parse_article, read_article
from etl.models import ARTICLE_COLUMNS, FIGURE_COLUMNS, Article, Figure
from etl.reviews import Decision, apply_reviews, read_log
from etl.schema import datapackage
from etl.write import write_tables


@dataclass
class Failure:
    file: str
    message: str


@dataclass
class PipelineResult:
    articles: list[Article] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    derived: list[dict[str, object]] = field(default_factory=list)
    facts: list[dict[str, object]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, file it repeats)
    rejected: list[Figure] = field(default_factory=list)  # figures analysts rejected
    unapplied: list[tuple[Decision, str]] = field(default_factory=list)  # decisions that no longer apply
    seconds: float = 0.0


def collect_inputs(inputs: Iterable[Path]) -> tuple[list[Path], list[Failure]]:
    """Article files named or found in folders (recursively); a named file of another type is a failure."""
    files: list[Path] = []
    failures: list[Failure] = []
    for item in inputs:
        if item.is_dir():
            files.extend(sorted(p for p in item.rglob("*") if p.is_file() and is_article_file(p)
                                and not p.name.startswith(".")))
        elif item.is_file():
            if is_article_file(item):
                files.append(item)
            else:
                error = UnsupportedTypeError(item.name, item.suffix)
                failures.append(Failure(item.name, str(error)))
        else:
            failures.append(Failure(item.name, f"{item}: no such file or folder"))
    return files, failures


def process_file(path: Path) -> tuple[Article, list[Figure]] | Failure:
    """Read and extract one file; every problem becomes a one-line Failure naming the file."""
    try:
        article = read_article(path)
        return article, extract_figures(article)
    except InputError as error:
        return Failure(path.name, str(error))
    except Exception as error:  # a bug must not stop the other files
        return Failure(path.name, f"{path.name}: internal error while extracting ({type(error).__name__}: {error})")


def process_bytes(name: str, raw: bytes, fmt: str) -> tuple[Article, list[Figure]]:
    """Ingest and extract an article given as bytes (an upload). Raises InputError."""
    article = parse_article(raw, name, fmt)
    return article, extract_figures(article)


def run_pipeline(inputs: Sequence[Path], *, workers: int | None = None, reviews: Path | None = None,
                 on_progress: Callable[[int, int], None] | None = None) -> PipelineResult:
    """Extract every article under ``inputs``, apply the review log if given, consolidate the figures.
    Pure of disk writes. Raises ReviewLogError when the review log cannot be read."""
    began = time.perf_counter()
    files, failures = collect_inputs(inputs)
    workers = workers or os.cpu_count() or 1
    outcomes: list[tuple[Article, list[Figure]] | Failure] = []
    if workers == 1 or len(files) <= 2:
        for index, path in enumerate(files, 1):
            outcomes.append(process_file(path))
            if on_progress:
                on_progress(index, len(files))
    else:
        # forkserver: workers never inherit this process's open files (a data folder's lock among them)
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver")) as pool:
            for index, outcome in enumerate(pool.map(process_file, files, chunksize=max(1, len(files) // (
                    workers * 8))), 1):
                outcomes.append(outcome)
                if on_progress:
                    on_progress(index, len(files))
    result = PipelineResult(failures=failures)
    seen: dict[str, str] = {}
    for outcome in outcomes:
        if isinstance(outcome, Failure):
            result.failures.append(outcome)
            continue
        article, figures = outcome
        if article.article_id in seen:
            result.duplicates.append((article.source_file, seen[article.article_id]))
            continue
        seen[article.article_id] = article.source_file
        result.articles.append(article)
        result.figures.extend(figures)
    if reviews is not None:
        applied = apply_reviews(result.figures, result.articles, read_log(reviews))
        result.figures, result.rejected, result.unapplied = applied.figures, applied.rejected, applied.unapplied
    result.derived = derive(result.figures)
    result.facts = consolidate(result.figures, result.articles)
    result.seconds = time.perf_counter() - began
    return result


def write_outputs(result: PipelineResult, out_dir: Path) -> None:
    """Write articles, figures, derived, facts, texts and datapackage.json, each file atomically."""
    write_tables(out_dir, {
        "articles": (ARTICLE_COLUMNS, [a.row() for a in result.articles]),
        "figures": (FIGURE_COLUMNS, [f.row() for f in result.figures]),
        "derived": (DERIVED_COLUMNS, result.derived),
        "facts": (FACT_COLUMNS, result.facts),
        "texts": (["article_id", "text"], [{"article_id": a.article_id, "text": a.text} for a in result.articles]),
    }, datapackage())
