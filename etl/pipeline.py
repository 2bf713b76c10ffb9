"""The public pipeline: article files in, processed tables out.

Articles stream through in batches: each is read, looked up in the cache (its finished rows, else
its extraction), extracted if new (on this machine's cores, or on a Dask cluster), reviewed (the
log's decisions for it applied) and derived; its rows go straight to the output files. Only what
facts need — a line per figure in a spill file — is kept until the end. Output order is the input
order, so it is the same however many workers run.

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

from etl import limits
from etl.cache import CACHE_NAME, ExtractionCache
from etl.derive import DERIVED_COLUMNS, derive
from etl.errors import FileTooLargeError, InputError, UnsupportedTypeError
from etl.extract import extract_figures
from etl.facts import FACT_COLUMNS, FactInput, FactSpill, consolidate
from etl.ingest import SUFFIXES, content_hash, is_article_file, is_article_name, parse_article
from etl.limits import MAX_BYTES
from etl.models import ARTICLE_COLUMNS, FIGURE_COLUMNS, TEXT_COLUMNS, Article, Figure
from etl.reviews import Decision, ReviewLog, SkippedRow, apply_reviews, read_log
from etl.schema import datapackage, resources
from etl.segments import Segment, render_segment, reviews_digest, segment_key
from etl.write import TableSet, write_tables

BATCH = 512


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
    skipped_reviews: list[SkippedRow] = field(default_factory=list)  # log rows that cannot be applied
    parquet_problems: list[str] = field(default_factory=list)  # tables left without Parquet (CSV still written)
    seconds: float = 0.0
    cache_hits: int = 0
    figure_count: int = 0
    article_count: int = 0


def collect_inputs(inputs: Iterable[Path]) -> tuple[list[str], list[Failure]]:
    """Article files named or found in folders (recursively), as path strings (a corpus can hold
    hundreds of thousands); a named file of another type is a failure."""
    files: list[str] = []
    failures: list[Failure] = []
    for item in inputs:
        if item.is_dir():
            # plain strings, not Path objects: parsing 100k paths costs more than reading their files
            found = [folder + os.sep + name for folder, _, names in os.walk(item) for name in names
                     if not name.startswith(".") and is_article_name(name)]
            files.extend(sorted(found, key=lambda path: path.split(os.sep)))  # noqa: PTH206 - Path.parts order
        elif item.is_file():
            if is_article_file(item):
                files.append(os.fspath(item))
            else:
                failures.append(Failure(item.name, str(UnsupportedTypeError(item.name, item.suffix))))
        else:
            failures.append(Failure(item.name, f"{item}: no such file or folder"))
    return files, failures


def extract_bytes(name: str, raw: bytes) -> tuple[Article, list[Figure]] | Failure:
    """Ingest and extract one article from its bytes; every problem becomes a one-line Failure.
    Runs in worker processes and on Dask workers, so it needs nothing but its arguments."""
    seconds = limits.time_limit()
    deadline = time.monotonic() + seconds if seconds else None
    try:
        article = parse_article(raw, name, SUFFIXES[Path(name).suffix.lower()])
        return article, extract_figures(article, deadline=deadline)
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


def _read(path: str) -> tuple[str, bytes] | Failure:
    name = path.rpartition(os.sep)[2]
    try:
        with open(path, "rb") as stream:  # noqa: PTH123 - a plain string path, see collect_inputs
            size = os.fstat(stream.fileno()).st_size
            raw = stream.read() if size <= MAX_BYTES else b""
            if size > MAX_BYTES or len(raw) > MAX_BYTES:
                return Failure(name, str(FileTooLargeError(name, max(size, len(raw)), MAX_BYTES)))
        return name, raw
    except OSError as error:
        return Failure(name, f"{name}: cannot be read ({error.strerror or error})")


def _content_hash(name: str, raw: bytes) -> str | Failure:
    try:
        return content_hash(raw, name)
    except InputError as error:
        return Failure(name, str(error))


def iter_outcomes(files: Sequence[str], runner: Runner, cache: ExtractionCache | None,
                  on_progress: Callable[[int, int], None] | None = None,
                  segments: Callable[[list[str]], dict[str, Segment]] | None = None,
                  ) -> Iterator[tuple[str, Outcome | Segment]]:
    """(segment key, extraction) of each file, in input order, batch by batch (memory bounded by the
    batch size). With ``segments`` (segment keys → the finished rows kept for them) a file whose rows
    are kept comes out as its Segment, without being decoded or extracted."""
    done = 0
    version = cache.version if cache is not None else ""
    for start in range(0, len(files), BATCH):
        slots: list[Outcome | Segment | None] = []
        todo: list[tuple[int, tuple[str, bytes]]] = []
        reads = [_read(path) for path in files[start:start + BATCH]]
        keys = [segment_key(version, *read) if segments is not None and not isinstance(read, Failure) else ""
                for read in reads]
        kept = segments([key for key in keys if key]) if segments is not None else {}
        for key, read in zip(keys, reads, strict=True):
            if isinstance(read, Failure):
                slots.append(read)
                continue
            cached: Outcome | Segment | None = kept.get(key)
            if cache is not None and cached is None:
                digest = _content_hash(*read)
                if isinstance(digest, Failure):
                    slots.append(digest)
                    continue
                cached = cache.get(digest, read[0])
            slots.append(cached)
            if cached is None:
                todo.append((len(slots) - 1, read))
        for (index, _), outcome in zip(todo, runner([item for _, item in todo]) if todo else [], strict=True):
            slots[index] = outcome
            if cache is not None and not isinstance(outcome, Failure):
                cache.put(*outcome)
        for key, slot in zip(keys, slots, strict=True):
            assert slot is not None
            done += 1
            if on_progress:
                on_progress(done, len(files))
            yield key, slot


@dataclass
class Reviewer:
    """Applies the review log article by article and reports what did not apply at the end."""

    decisions: list[Decision]
    seen: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.by_article: dict[str, list[Decision]] = {}
        for decision in self.decisions:
            self.by_article.setdefault(decision.article_id, []).append(decision)

    def meet(self, article_id: str) -> None:
        """Note that an article was in this run (only those with decisions are remembered)."""
        if article_id in self.by_article:
            self.seen.add(article_id)

    def digest(self, article_id: str) -> str:
        return reviews_digest(self.by_article.get(article_id, []))

    def apply(self, article: Article, figures: list[Figure]) -> tuple[list[Figure], list[Figure],
                                                                       list[tuple[Decision, str]]]:
        mine = self.by_article.get(article.article_id, [])
        self.meet(article.article_id)
        if not mine:
            return figures, [], []
        applied = apply_reviews(figures, [article], mine)
        return applied.figures, applied.rejected, applied.unapplied

    def leftovers(self) -> list[tuple[Decision, str]]:
        return [(d, "the figure no longer exists (its article changed or was removed)") for d in self.decisions
                if d.article_id not in self.seen]


ArticleSink = Callable[[Article, list[Figure], list[dict[str, object]]], None]


def _process(inputs: Sequence[Path], *, workers: int | None, reviews: Path | None, engine: str,
             scheduler: str | None, cache: ExtractionCache | None, on_progress: Callable[[int, int], None] | None,
             result: PipelineResult, sink: ArticleSink | None = None,
             segment_sink: Callable[[Segment], None] | None = None) -> None:
    """The pipeline's one loop. Each article's reviewed figures and derived rows go to ``sink``; or, with
    ``segment_sink``, its finished rows as a Segment, kept in ``cache`` for the next run."""
    files, failures = collect_inputs(inputs)
    result.failures.extend(failures)
    log = read_log(reviews) if reviews is not None else ReviewLog()
    result.skipped_reviews.extend(log.skipped)
    reviewer = Reviewer(log.decisions)
    runner, close = dask_runner(scheduler or "") if engine == "dask" else local_runner(
        workers or os.cpu_count() or 1)
    kept = None
    if segment_sink is not None and cache is not None:
        kept_cache = cache

        def kept(keys: list[str]) -> dict[str, Segment]:
            found = {key: Segment.from_record(record) for key, record in kept_cache.get_segments(keys).items()}
            return {key: s for key, s in found.items() if s.reviews_digest == reviewer.digest(s.article_id)}

    seen: dict[int, int] = {}  # article id (as a number) → the position of the first file with it
    try:
        for position, (key, outcome) in enumerate(iter_outcomes(files, runner, cache, on_progress, kept)):
            if isinstance(outcome, Failure):
                result.failures.append(outcome)
                continue
            article_id, source_file = (outcome.article_id, outcome.source_file) if isinstance(outcome, Segment) \
                else (outcome[0].article_id, outcome[0].source_file)
            number = int(article_id, 16)
            if number in seen:
                result.duplicates.append((source_file, files[seen[number]].rpartition(os.sep)[2]))
                continue
            seen[number] = position
            if isinstance(outcome, Segment):
                reviewer.meet(article_id)
                result.cache_hits += 1
                segment = outcome
            else:
                article, figures = outcome
                figures, rejected, unapplied = reviewer.apply(article, figures)
                derived = derive(figures)
                if segment_sink is None:
                    assert sink is not None
                    sink(article, figures, derived)
                    result.rejected.extend(rejected)
                    result.unapplied.extend(unapplied)
                    result.article_count += 1
                    result.figure_count += len(figures)
                    continue
                segment = render_segment(article, figures, derived, reviewer.digest(article.article_id), rejected,
                                         unapplied)
                if cache is not None and key:
                    cache.put_segment(key, segment.record())
            assert segment_sink is not None  # segments come only from the cache of a segment run
            segment_sink(segment)
            result.rejected.extend(segment.rejected)
            result.unapplied.extend(segment.unapplied)
            result.article_count += 1
            result.figure_count += segment.figure_count
    finally:
        close()
        if cache is not None:
            result.cache_hits += cache.hits
    result.unapplied.extend(reviewer.leftovers())


def run_pipeline(inputs: Sequence[Path], *, workers: int | None = None, reviews: Path | None = None,
                 engine: str = "local", scheduler: str | None = None, cache_path: Path | None = None,
                 on_progress: Callable[[int, int], None] | None = None) -> PipelineResult:
    """Extract every article under ``inputs`` into memory, applying the review log if given.
    Raises ReviewLogError when the review log cannot be read."""
    began = time.perf_counter()
    result = PipelineResult()
    fact_inputs: list[FactInput] = []

    def collect(article: Article, figures: list[Figure], derived: list[dict[str, object]]) -> None:
        result.articles.append(article)
        result.figures.extend(figures)
        result.derived.extend(derived)
        fact_inputs.extend(FactInput.of(figure, article) for figure in figures)

    cache = ExtractionCache(cache_path) if cache_path is not None else None
    try:
        _process(inputs, workers=workers, reviews=reviews, engine=engine, scheduler=scheduler, cache=cache,
                 on_progress=on_progress, result=result, sink=collect)
    finally:
        if cache is not None:
            cache.close()
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
    tables = {name: (columns, rows[name]) for name, columns in _tables().items()}
    result.parquet_problems = write_tables(out_dir, tables, datapackage(), _parquet_fields())


def _parquet_fields() -> dict[str, list[dict[str, Any]]]:
    """Every table is also written as Parquet beside its CSV (what the dashboard reads first)."""
    return {name: schema["fields"] for name, schema in resources().items()}


def extract_to(inputs: Sequence[Path], out_dir: Path, *, workers: int | None = None, reviews: Path | None = None,
               engine: str = "local", scheduler: str | None = None, use_cache: bool = True,
               on_progress: Callable[[int, int], None] | None = None) -> PipelineResult:
    """Stream every article under ``inputs`` into the output folder's tables (replaced all at once at
    the end; nothing is replaced when no article could be read). The result holds counts, failures,
    duplicates and unapplied decisions, not the rows.

    With the cache, an article whose file, content and review decisions are unchanged since an earlier
    run has its rows copied from the cache as text, and a group of figures that is unchanged has its
    facts copied too: a re-run costs reading and hashing the files plus writing the tables."""
    began = time.perf_counter()
    result = PipelineResult()
    tables = TableSet(out_dir, _tables(), _parquet_fields())
    spill = FactSpill(out_dir)
    cache = ExtractionCache(out_dir / CACHE_NAME) if use_cache else None
    try:
        def write(segment: Segment) -> None:
            for name, text in segment.tables.items():
                tables.write_text(name, text)
            spill.add_lines(segment.spill)

        _process(inputs, workers=workers, reviews=reviews, engine=engine, scheduler=scheduler, cache=cache,
                 on_progress=on_progress, result=result, segment_sink=write)
        if result.article_count:
            for text in spill.facts_text(cache, cache.version if cache is not None else ""):
                tables.write_text("facts", text)
            tables.commit(datapackage())
            result.parquet_problems = tables.parquet_problems
            if cache is not None:
                cache.prune()
    finally:
        spill.discard()
        tables.discard()
        if cache is not None:
            cache.close()
    result.seconds = time.perf_counter() - began
    return result
