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
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from etl import errors
from etl.cache import CACHE_NAME
from etl.extract import extract_figures, figure_id
from etl.ingest import MAX_BYTES, SUFFIXES, parse_article
from etl.locking import data_lock
from etl.models import Article, Figure
from etl.pipeline import PipelineResult, extract_to, run_pipeline
from etl.reviews import Decision, append_decisions, locate, read_log
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


def pasted_article(title: str, published: str, body: str, *, publisher: str = "", url: str = "",
                   author: str = "") -> Upload:
    """A pasted story as a Markdown article with front matter. The date is required, never guessed."""
    name = (re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
                   .lower()).strip("-")[:60] or "pasted-article") + ".md"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published.strip()):
        raise MissingDateError(name)
    if not body.strip():
        raise errors.NoArticleTextError(name)

    def quoted(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'

    front = "\n".join(f"{key}: {quoted(value)}" for key, value in (
        ("title", title), ("author", author), ("publisher", publisher), ("url", url)) if value.strip())
    text = f"---\n{front}\npublished: {published.strip()}\n---\n\n{body.strip()}\n"
    return Upload(name, text.encode("utf-8"))


def preview(upload: Upload, *, max_bytes: int = MAX_BYTES) -> tuple[Article, list[Figure]]:
    """Read and extract an upload without saving anything. Raises InputError with a one-line message."""
    name = safe_name(upload.name)
    article = parse_article(upload.raw, name, SUFFIXES[Path(name).suffix.lower()], max_bytes=max_bytes)
    return article, extract_figures(article)


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


def add_articles(folder: DataFolder, uploads: list[Upload], *, max_bytes: int = MAX_BYTES) -> AddOutcome:
    """Save new articles and rebuild the tables with them; duplicates are recognized, bad files refused."""
    outcome = AddOutcome()
    with data_lock(folder.root):
        known = _known_articles(folder)
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
    with data_lock(folder.root):
        recorded = append_decisions(folder.reviews, decisions)
        return recorded, rebuild(folder)


def check_log(folder: DataFolder) -> tuple[list[Decision], list[tuple[Decision, str]]]:
    """The log's decisions and those that no longer apply (validating the log as it reads it)."""
    with data_lock(folder.root):
        decisions = read_log(folder.reviews)
        result = run_pipeline([folder.articles], reviews=folder.reviews, cache_path=folder.processed / CACHE_NAME) \
            if folder.articles.is_dir() else None
    return decisions, (result.unapplied if result else [(d, "no articles folder") for d in decisions])


def find_figure(figures_csv: Path, figure_id: str) -> dict[str, str] | None:
    """The processed row of a figure, or None."""
    if not figures_csv.is_file():
        return None
    with figures_csv.open(newline="", encoding="utf-8") as handle:
        return next((row for row in csv.DictReader(handle) if row["figure_id"] == figure_id), None)


def added_figure_id(folder: DataFolder, article_id: str, spec_json: str) -> str:
    """The id a missed figure will get: located by its text in the article. InputError if it is not there."""
    try:
        spec = json.loads(spec_json)
        text, occurrence = str(spec["text"]), int(spec.get("occurrence", 1) or 1)
    except (ValueError, KeyError, TypeError) as error:
        raise errors.InputError("figure", "an added figure needs JSON with at least its text") from error
    for path in sorted(folder.articles.iterdir()) if folder.articles.is_dir() else []:
        if path.suffix.lower() in SUFFIXES and not path.name.startswith("."):
            try:
                article = parse_article(path.read_bytes(), path.name, SUFFIXES[path.suffix.lower()])
            except errors.InputError:
                continue
            if article.article_id == article_id:
                found = locate(article, text, occurrence)
                if found is None:
                    raise errors.InputError(path.name, f"{text!r} (occurrence {occurrence}) is not in the article")
                return figure_id(article_id, found[0], found[1])
    raise errors.InputError(article_id, "no article with this id in the data folder")
