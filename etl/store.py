"""The data folder: articles, the processed tables and the review log, kept in agreement.

    DATA/articles/      the article files
    DATA/processed/     what ``extract`` writes from them, with the review log applied
    DATA/reviews.csv    the append-only log of analysts' decisions

Every change holds the folder's lock, writes each file atomically, and ends by rebuilding the
processed tables from the articles folder; a change interrupted before that is repaired by the next
one, which first checks that the tables and the folder agree.
"""

from __future__ import annotations

import csv
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from etl import errors
from etl.access import check_writable
from etl.extract import extract_figures, figure_id
from etl.fetch import FetchError, fetch
from etl.field_rules import FieldValueError
from etl.ingest import SUFFIXES, content_hash, parse_article, source_url
from etl.limits import MAX_BYTES, time_limit
from etl.locking import data_lock
from etl.models import Article, Figure
from etl.pipeline import PipelineResult, Reviewer, collect_inputs, extract_to
from etl.reviews import Decision, ReviewLogError, SkippedRow, added_spec, append_decisions, locate, read_log
from etl.write import atomic_write_files


@dataclass(frozen=True)
class DataFolder:
    root: Path

    @property
    def articles(self) -> Path:
        return self.root / "articles"

    @property
    def processed(self) -> Path:
        return self.root / "processed"

    @property
    def reviews(self) -> Path:
        return self.root / "reviews.csv"


@dataclass(frozen=True)
class Upload:
    name: str
    raw: bytes


@dataclass
class AddOutcome:
    saved: list[tuple[str, Article, int]] = field(default_factory=list)  # file, article, figures
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # upload, file already holding it
    failures: list[str] = field(default_factory=list)  # one line each
    result: PipelineResult | None = None

    @property
    def without_figures(self) -> list[str]:
        return [name for name, _, count in self.saved if count == 0]


class UnsafeNameError(errors.InputError):
    def __init__(self, file: str) -> None:
        super().__init__(file, "unsafe file name (no folders, '..', hidden or control characters allowed)")


class MissingDateError(errors.InputError):
    def __init__(self, file: str) -> None:
        super().__init__(file, "a pasted article needs its publication date (YYYY-MM-DD); it is never guessed")


def safe_name(name: str) -> str:
    """The upload's file name if it is a plain name of a supported type; UnsafeNameError otherwise."""
    cleaned = unicodedata.normalize("NFC", name).strip()
    if (not cleaned or cleaned != Path(cleaned).name or cleaned.startswith(".") or ".." in cleaned
            or any(ch in cleaned for ch in "/\\:") or any(unicodedata.category(ch)[0] == "C" for ch in cleaned)):
        raise UnsafeNameError(name.encode("unicode_escape").decode("ascii")[:80] or "(empty name)")
    if Path(cleaned).suffix.lower() not in SUFFIXES:
        raise errors.UnsupportedTypeError(cleaned, Path(cleaned).suffix)
    return cleaned


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar on one line."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def pasted_article(title: str, published: str, body: str, *, publisher: str = "", url: str = "",
                   author: str = "") -> Upload:
    """A pasted story as a Markdown article with front matter. The date is required, never guessed."""
    name = (re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
                   .lower()).strip("-")[:60] or "pasted-article") + ".md"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published.strip()):
        raise MissingDateError(name)
    if not body.strip():
        raise errors.NoArticleTextError(name)

    front = "\n".join(f"{key}: {_quoted(value)}" for key, value in (
        ("title", title), ("author", author), ("publisher", publisher), ("url", url)) if value.strip())
    text = f"---\n{front}\npublished: {published.strip()}\n---\n\n{body.strip()}\n"
    return Upload(name, text.encode("utf-8"))


def with_metadata(upload: Upload, *, publisher: str = "", author: str = "", max_bytes: int = MAX_BYTES) -> Upload:
    """The upload with the outlet and author an analyst gave it: a Markdown article whose front matter
    holds them beside what the file said itself (title, date, URL) and whose body is the file's text.
    Unchanged when neither is given. Raises InputError with a one-line message."""
    if not publisher.strip() and not author.strip():
        return upload
    name = safe_name(upload.name)
    article = parse_article(upload.raw, name, SUFFIXES[Path(name).suffix.lower()], max_bytes=max_bytes)

    fields = (("title", article.title), ("author", author.strip() or article.author),
              ("publisher", publisher.strip() or article.publisher), ("url", article.url),
              ("published", article.published))
    front = "\n".join(f"{key}: {_quoted(value)}" for key, value in fields if value.strip())
    return Upload(f"{Path(name).stem}.md", f"---\n{front}\n---\n\n{article.text.strip()}\n".encode())


def preview(upload: Upload, *, max_bytes: int = MAX_BYTES) -> tuple[Article, list[Figure]]:
    """Read and extract an upload without saving anything. Raises InputError with a one-line message."""
    name = safe_name(upload.name)
    seconds = time_limit()
    deadline = time.monotonic() + seconds if seconds else None
    article = parse_article(upload.raw, name, SUFFIXES[Path(name).suffix.lower()], max_bytes=max_bytes)
    return article, extract_figures(article, deadline=deadline)


def _known_articles(folder: DataFolder) -> dict[str, str]:
    """article_id → file name for every article file in the folder."""
    known: dict[str, str] = {}
    if not folder.articles.is_dir():
        return known
    for path in sorted(folder.articles.iterdir()):
        if path.is_file() and not path.name.startswith(".") and path.suffix.lower() in SUFFIXES:
            try:
                article = parse_article(path.read_bytes(), path.name, SUFFIXES[path.suffix.lower()])
            except errors.InputError:
                continue
            known.setdefault(article.article_id, path.name)
    return known


def _free_name(folder: Path, name: str) -> str:
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, number = name, 2
    while (folder / candidate).exists():
        candidate, number = f"{stem}-{number}{suffix}", number + 1
    return candidate


def rebuild(folder: DataFolder) -> PipelineResult:
    """Extract the folder's articles (unchanged ones from the cache), apply the review log, write the
    processed tables (lock held)."""
    return extract_to([folder.articles], folder.processed, reviews=folder.reviews)


def known_urls(folder: DataFolder) -> dict[str, str]:
    """address → file name of every page in the folder that flowcite fetched by its address."""
    found: dict[str, str] = {}
    for path in sorted(folder.articles.glob("*.htm*")) if folder.articles.is_dir() else []:
        try:
            with path.open("rb") as handle:
                url = source_url(handle.read(4096))
        except OSError:
            continue
        if url:
            found.setdefault(url, path.name)
    return found


def fetch_upload(folder: DataFolder, url: str) -> Upload:
    """The page at ``url`` as an upload (kept with its address and time), or a FetchError: a bad address,
    one already in the corpus, or a page that cannot be fetched."""
    check_writable(f"adding {url}", str(folder.root))
    existing = known_urls(folder).get(url.strip())
    if existing:
        raise FetchError(url.strip(), f"already in the corpus as {existing}; not fetched again")
    page = fetch(url)
    return Upload(page.file_name(), page.kept())


def add_articles(folder: DataFolder, uploads: list[Upload], *, max_bytes: int = MAX_BYTES) -> AddOutcome:
    """Save new articles and rebuild the tables with them; duplicates are recognized, bad files refused."""
    check_writable("adding articles", str(folder.root))
    outcome = AddOutcome()
    with data_lock(folder.root):
        known = _known_articles(folder)
        urls = known_urls(folder)
        staged: dict[Path, bytes] = {}
        for upload in uploads:
            try:
                article, figures = preview(upload, max_bytes=max_bytes)
            except errors.InputError as error:
                outcome.failures.append(str(error))
                continue
            if article.article_id in known:
                outcome.duplicates.append((article.source_file, known[article.article_id]))
                continue
            fetched_from = source_url(upload.raw)
            if fetched_from and fetched_from in urls:  # the same address, fetched again at another time
                outcome.duplicates.append((article.source_file, urls[fetched_from]))
                continue
            if fetched_from:
                urls[fetched_from] = article.source_file
            name = _free_name(folder.articles, article.source_file)
            while folder.articles / name in staged:
                name = _free_name(folder.articles, f"{Path(name).stem}-x{Path(name).suffix}")
            staged[folder.articles / name] = upload.raw
            known[article.article_id] = name
            outcome.saved.append((name, article, len(figures)))
        if staged:
            folder.articles.mkdir(parents=True, exist_ok=True)
            atomic_write_files(staged)
            try:
                outcome.result = rebuild(folder)
            except BaseException:
                for path in staged:  # an article is saved with its figures, or not at all
                    path.unlink(missing_ok=True)
                raise
    return outcome


def record_decisions(folder: DataFolder, decisions: list[Decision]) -> tuple[list[Decision], PipelineResult]:
    """Append decisions to the log and rebuild the tables with them applied."""
    check_writable("recording decisions", str(folder.root))
    with data_lock(folder.root):
        recorded = append_decisions(folder.reviews, decisions)
        return recorded, rebuild(folder)


@dataclass
class LogCheck:
    decisions: list[Decision]  # every decision the log holds that can be applied
    unapplied: list[tuple[Decision, str]]  # those whose figure or article is gone, and why
    skipped: list[SkippedRow]  # rows that cannot be applied at all (edited by hand, an older version)


def check_log(folder: DataFolder) -> LogCheck:
    """Read the review log and tell which decisions no longer apply. Writes nothing — no lock, no
    cache: every write is a rename, so what it reads is whole. Only the articles the log names are
    extracted. Raises ReviewLogError when the log as a whole cannot be read."""
    log = read_log(folder.reviews)
    reviewer = Reviewer(log.decisions)
    unapplied: list[tuple[Decision, str]] = []
    wanted = set(reviewer.by_article)
    files = collect_inputs([folder.articles])[0] if folder.articles.is_dir() and wanted else []
    for path in files:
        try:
            raw = Path(path).read_bytes()
            if content_hash(raw, Path(path).name)[:16] not in wanted:
                continue
            article, figures = preview(Upload(Path(path).name, raw))
        except (OSError, errors.InputError):
            continue  # the run that built the tables reported it; its decisions show as no longer applying
        if article.article_id in reviewer.seen:
            continue  # the same article twice: counted once, as the pipeline does
        unapplied.extend(reviewer.apply(article, figures)[2])
    return LogCheck(log.decisions, unapplied + reviewer.leftovers(), log.skipped)


def review_log_problems(folder: DataFolder) -> list[str]:
    """One line per row of the review log that cannot be applied, or the reason the log cannot be read."""
    try:
        return [str(row) for row in read_log(folder.reviews).skipped]
    except ReviewLogError as error:
        return [str(error)]


def find_figure(figures_csv: Path, figure_id: str) -> dict[str, str] | None:
    """The processed row of a figure, or None."""
    if not figures_csv.is_file():
        return None
    try:
        with figures_csv.open(newline="", encoding="utf-8") as handle:
            return next((row for row in csv.DictReader(handle) if row.get("figure_id") == figure_id), None)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise errors.InputError(figures_csv.name, f"cannot be read ({error}); rebuild it with make data") from error


def added_figure_id(folder: DataFolder, article_id: str, spec_json: str) -> str:
    """The id a missed figure will get: its fields checked like corrections, its text located in the
    article. InputError saying why otherwise."""
    try:
        spec = added_spec(spec_json)
    except FieldValueError as error:
        raise errors.InputError("the added figure", str(error)) from error
    text, occurrence = str(spec["text"]), int(str(spec["occurrence"]))
    for path in collect_inputs([folder.articles])[0] if folder.articles.is_dir() else []:
        name = Path(path).name
        try:
            article = parse_article(Path(path).read_bytes(), name, SUFFIXES[Path(path).suffix.lower()])
        except (OSError, errors.InputError):
            continue
        if article.article_id == article_id:
            found = locate(article, text, occurrence)
            if found is None:
                raise errors.InputError(name, f"{text!r} (occurrence {occurrence}) is not in the article")
            return figure_id(article_id, found[0], found[1])
    raise errors.InputError(article_id, "no article with this id in the data folder")
