"""The public pipeline: article files in, processed tables out.

Articles stream through in batches: each is read, looked up in the extraction cache by its content
hash, extracted if new (on this machine's cores, or on a Dask cluster), reviewed (the log's
decisions for it applied) and derived; its rows go straight to the output files. Only what facts
need — a few fields per figure — is kept until the end. Output order is the input order, so it is
the same however many workers run.

``run_pipeline`` collects everything in memory (small corpora, the dashboard, tests);
``extract_to`` streams to an output folder (the CLI). Both produce the same files.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from etl.cache import CACHE_NAME, ExtractionCache
from etl.derive import DERIVED_COLUMNS, derive
from etl.errors import FileTooLargeError, InputError, UnsupportedTypeError
from etl.extract import extract_figures
from etl.facts import FACT_COLUMNS, FactInput, FactSpill, consolidate
from etl.ingest import MAX_BYTES, SUFFIXES, decode, is_article_file, parse_article
from etl.models import ARTICLE_COLUMNS, FIGURE_COLUMNS, Article, Figure
from etl.reviews import Decision, apply_reviews, read_log
from etl.schema import datapackage
from etl.write import TableSet, write_tables

BATCH = 512
TEXT_COLUMNS = ["article_id", "text"]


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
    cache_hits: int = 0
    figure_count: int = 0
    article_count: int = 0


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
                failures.append(Failure(item.name, str(UnsupportedTypeError(item.name, item.suffix))))
        else:
            failures.append(Failure(item.name, f"{item}: no such file or folder"))
    return files, failures


def extract_bytes(name: str, raw: bytes) -> tuple[Article, list[Figure]] | Failure:
    """Ingest and extract one article from its bytes; every problem becomes a one-line Failure.
    Runs in worker processes and on Dask workers, so it needs nothing but its arguments."""
    try:
        article = parse_article(raw, name, SUFFIXES[Path(name).suffix.lower()])
        return article, extract_figures(article)
    except InputError as error:
        return Failure(name, str(error))
    except Exception as error:  # a bug must not stop the other files
        return Failure(name, f"{name}: internal error while extracting ({type(error).__name__}: {error})")


Outcome = tuple[Article, list[Figure]] | Failure
Runner = Callable[[list[tuple[str, bytes]]], list[Outcome]]


def local_runner(workers: int) -> tuple[Runner, Callable[[], None]]:
    """Extract batches on this machine's cores (a fork server, so workers inherit no open files)."""
    if workers <= 1:
        return (lambda batch: [extract_bytes(n, r) for n, r in batch]), (lambda: None)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver"))

    def run(batch: list[tuple[str, bytes]]) -> list[Outcome]:
        if len(batch) <= 2:
            return [extract_bytes(n, r) for n, r in batch]
        names, raws = zip(*batch, strict=True)
        return list(pool.map(extract_bytes, names, raws, chunksize=max(1, len(batch) // (workers * 4))))

    return run, lambda: pool.shutdown(cancel_futures=True)


def dask_runner(scheduler: str) -> tuple[Runner, Callable[[], None]]:
    """Extract batches on a Dask cluster (``flowcite[distributed]``); workers get bytes, not paths."""
    try:
        from distributed import Client
    except ImportError as error:  # pragma: no cover - depends on the optional extra
        raise RuntimeError("the dask engine needs the distributed extra: pip install 'flowcite[distributed]'") \
            from error
    client = Client(scheduler, timeout="30s")

    def run(batch: list[tuple[str, bytes]]) -> list[Outcome]:
        names, raws = zip(*batch, strict=True) if batch else ((), ())
        futures = client.map(extract_bytes, names, raws, pure=False)
        return list(client.gather(futures))

    return run, client.close


def _read(path: Path) -> tuple[str, bytes] | Failure:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Failure(path.name, str(FileTooLargeError(path.name, size, MAX_BYTES)))
        return path.name, path.read_bytes()
    except OSError as error:
        return Failure(path.name, f"{path.name}: cannot be read ({error.strerror or error})")


def _content_hash(name: str, raw: bytes) -> str | Failure:
    import hashlib

    try:
        return hashlib.sha256(decode(raw, name).encode("utf-8")).hexdigest()
    except InputError as error:
        return Failure(name, str(error))


def iter_outcomes(files: Sequence[Path], runner: Runner, cache: ExtractionCache | None,
                  on_progress: Callable[[int, int], None] | None = None) -> Iterator[Outcome]:
    """Each file's extraction, in input order, batch by batch (memory bounded by the batch size)."""
    done = 0
    for start in range(0, len(files), BATCH):
        slots: list[Outcome | None] = []
        todo: list[tuple[int, tuple[str, bytes]]] = []
        for path in files[start:start + BATCH]:
            read = _read(path)
            if isinstance(read, Failure):
                slots.append(read)
                continue
            cached = None
            if cache is not None:
                digest = _content_hash(*read)
                if isinstance(digest, Failure):
                    slots.append(digest)
                    continue
                cached = cache.get(digest, read[0])
            slots.append(cached)
            if cached is None:
                todo.append((len(slots) - 1, read))
        for (index, _), outcome in zip(todo, runner([item for _, item in todo]), strict=True):
            slots[index] = outcome
            if cache is not None and not isinstance(outcome, Failure):
                cache.put(*outcome)
        for slot in slots:
            assert slot is not None
            done += 1
            if on_progress:
                on_progress(done, len(files))
            yield slot


@dataclass
class Reviewer:
    """Applies the review log article by article and reports what did not apply at the end."""

    decisions: list[Decision]
    seen: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.by_article: dict[str, list[Decision]] = {}
        for decision in self.decisions:
            self.by_article.setdefault(decision.article_id, []).append(decision)

    def apply(self, article: Article, figures: list[Figure]) -> tuple[list[Figure], list[Figure],
                                                                       list[tuple[Decision, str]]]:
        self.seen.add(article.article_id)
        mine = self.by_article.get(article.article_id, [])
        if not mine:
            return figures, [], []
        applied = apply_reviews(figures, [article], mine)
        return applied.figures, applied.rejected, applied.unapplied

    def leftovers(self) -> list[tuple[Decision, str]]:
        return [(d, "the figure no longer exists (its article changed or was removed)") for d in self.decisions
                if d.article_id not in self.seen]


def _process(inputs: Sequence[Path], *, workers: int | None, reviews: Path | None, engine: str,
             scheduler: str | None, cache_path: Path | None, on_progress: Callable[[int, int], None] | None,
             sink: Callable[[Article, list[Figure], list[dict[str, object]]], None],
             fact_sink: Callable[[FactInput], None], result: PipelineResult) -> None:
    """The pipeline's one loop: ``sink`` receives each article's rows, ``fact_sink`` what facts need."""
    files, failures = collect_inputs(inputs)
    result.failures.extend(failures)
    reviewer = Reviewer(read_log(reviews) if reviews is not None else [])
    runner, close = dask_runner(scheduler or "") if engine == "dask" else local_runner(
        workers or os.cpu_count() or 1)
    cache = ExtractionCache(cache_path) if cache_path is not None else None
    seen: dict[str, str] = {}
    try:
        for outcome in iter_outcomes(files, runner, cache, on_progress):
            if isinstance(outcome, Failure):
                result.failures.append(outcome)
                continue
            article, figures = outcome
            if article.article_id in seen:
                result.duplicates.append((article.source_file, seen[article.article_id]))
                continue
            seen[article.article_id] = article.source_file
            figures, rejected, unapplied = reviewer.apply(article, figures)
            result.rejected.extend(rejected)
            result.unapplied.extend(unapplied)
            sink(article, figures, derive(figures))
            result.article_count += 1
            result.figure_count += len(figures)
            for figure in figures:
                fact_sink(FactInput.of(figure, article))
    finally:
        close()
        if cache is not None:
            result.cache_hits = cache.hits
            cache.close()
    result.unapplied.extend(reviewer.leftovers())


def run_pipeline(inputs: Sequence[Path], *, workers: int | None = None, reviews: Path | None = None,
                 engine: str = "local", scheduler: str | None = None, cache_path: Path | None = None,
                 on_progress: Callable[[int, int], None] | None = None) -> PipelineResult:
    """Extract every article under ``inputs`` into memory, applying the review log if given.
    Raises ReviewLogError when the review log cannot be read."""
    began = time.perf_counter()
    result = PipelineResult()

    def collect(article: Article, figures: list[Figure], derived: list[dict[str, object]]) -> None:
        result.articles.append(article)
        result.figures.extend(figures)
        result.derived.extend(derived)

    fact_inputs: list[FactInput] = []
    _process(inputs, workers=workers, reviews=reviews, engine=engine, scheduler=scheduler, cache_path=cache_path,
             on_progress=on_progress, sink=collect, fact_sink=fact_inputs.append, result=result)
    result.facts = consolidate(fact_inputs)
    result.seconds = time.perf_counter() - began
    return result


def _tables() -> dict[str, list[str]]:
    return {"articles": ARTICLE_COLUMNS, "figures": FIGURE_COLUMNS, "derived": DERIVED_COLUMNS,
            "facts": FACT_COLUMNS, "texts": TEXT_COLUMNS}


def write_outputs(result: PipelineResult, out_dir: Path) -> None:
    """Write articles, figures, derived, facts, texts and datapackage.json, each file atomically."""
    rows: dict[str, list[dict[str, Any]]] = {
        "articles": [a.row() for a in result.articles], "figures": [f.row() for f in result.figures],
        "derived": result.derived, "facts": result.facts,
        "texts": [{"article_id": a.article_id, "text": a.text} for a in result.articles]}
    write_tables(out_dir, {name: (columns, rows[name]) for name, columns in _tables().items()}, datapackage())


def extract_to(inputs: Sequence[Path], out_dir: Path, *, workers: int | None = None, reviews: Path | None = None,
               engine: str = "local", scheduler: str | None = None, use_cache: bool = True,
               on_progress: Callable[[int, int], None] | None = None) -> PipelineResult:
    """Stream every article under ``inputs`` into the output folder's tables (replaced all at once at
    the end; nothing is replaced when no article could be read). The result holds counts, failures,
    duplicates and unapplied decisions, not the rows."""
    began = time.perf_counter()
    result = PipelineResult()
    tables = TableSet(out_dir, _tables())
    spill = FactSpill(out_dir)
    try:
        def write(article: Article, figures: list[Figure], derived: list[dict[str, object]]) -> None:
            tables.write("articles", [article.row()])
            tables.write("texts", [{"article_id": article.article_id, "text": article.text}])
            tables.write("figures", [f.row() for f in figures])
            tables.write("derived", derived)

        _process(inputs, workers=workers, reviews=reviews, engine=engine, scheduler=scheduler,
                 cache_path=out_dir / CACHE_NAME if use_cache else None, on_progress=on_progress, sink=write,
                 fact_sink=spill.add, result=result)
        if result.article_count:
            tables.write("facts", spill.facts())
            tables.commit(datapackage())
    finally:
        spill.discard()
        tables.discard()
    result.seconds = time.perf_counter() - began
    return result

