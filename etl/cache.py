"""The cache beside the processed tables (SQLite), so a re-run only does the work a change calls for.

Three tables, each keyed by hashes of everything its entries depend on, with the extractor's version
(a hash of the ETL's own code and lexicons) among them, so a code change invalidates everything:

- ``extraction``: an article content's extraction (Article and Figures), whatever its file is named;
- ``segments``: an article's finished rows (``etl.segments``), per file name, content and reviews;
- ``fact_groups``: the rendered facts of one group of figures (``etl.facts``).

Entries of other versions are dropped on opening; segments and fact groups a run did not use are
dropped when they outnumber the used ones, so the file stays the size of the current corpus.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import asdict
from functools import cache
from pathlib import Path

from etl.models import Article, Figure

CACHE_NAME = ".flowcite-cache.sqlite"
SCHEMA = 2  # the layout of the tables below


@cache
def extractor_version() -> str:
    """A hash of every source and lexicon file of the ETL: results from other code are not reused."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*package.glob("*.py"), *package.glob("lexicons/*.json")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class ExtractionCache:
    """Cached extractions of article contents (a small SQLite file; one writer, the pipeline)."""

    SLACK = 1000  # unused segments and fact groups kept beyond twice the used ones before pruning

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        if self.db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:  # written by other code: start afresh
            for table in ("extraction", "segments", "fact_groups"):
                self.db.execute(f"DROP TABLE IF EXISTS {table}")
            self.db.execute(f"PRAGMA user_version = {SCHEMA}")
        self.db.execute("CREATE TABLE IF NOT EXISTS extraction (content_hash TEXT, version TEXT, result TEXT, "
                        "PRIMARY KEY (content_hash, version))")
        self.db.execute("CREATE TABLE IF NOT EXISTS segments (key TEXT PRIMARY KEY, version TEXT, article_id TEXT, "
                        "source_file TEXT, reviews TEXT, articles TEXT, texts TEXT, figures TEXT, derived TEXT, "
                        "spill TEXT, figure_count INTEGER, extra TEXT)")
        self.db.execute("CREATE TABLE IF NOT EXISTS fact_groups (digest TEXT PRIMARY KEY, version TEXT, rows TEXT)")
        self.version = extractor_version()
        for table in ("extraction", "segments", "fact_groups"):
            self.db.execute(f"DELETE FROM {table} WHERE version != ?", (self.version,))
        self.hits = 0
        self.misses = 0
        self.used: dict[str, set[str]] = {"segments": set(), "fact_groups": set()}

    def get(self, content_hash: str, source_file: str) -> tuple[Article, list[Figure]] | None:
        row = self.db.execute("SELECT result FROM extraction WHERE content_hash = ? AND version = ?",
                              (content_hash, self.version)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        data = json.loads(row[0])
        article = Article(**{**data["article"], "source_file": source_file})
        return article, [Figure(**figure) for figure in data["figures"]]

    def put(self, article: Article, figures: list[Figure]) -> None:
        result = json.dumps({"article": asdict(article), "figures": [asdict(f) for f in figures]},
                            ensure_ascii=False)
        self.db.execute("INSERT OR REPLACE INTO extraction VALUES (?, ?, ?)",
                        (article.content_hash, self.version, result))

    def get_segments(self, keys: list[str]) -> dict[str, tuple[object, ...]]:
        """The stored records (``Segment.record``) of those of ``keys`` that have one."""
        found: dict[str, tuple[object, ...]] = {}
        for start in range(0, len(keys), 500):  # SQLite's limit on parameters is 999 in old builds
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute("SELECT key, article_id, source_file, reviews, articles, texts, figures, derived, "
                                   f"spill, figure_count, extra FROM segments WHERE key IN ({marks})",
                                   chunk).fetchall()
            found.update((row[0], tuple(row[1:])) for row in rows)
        self.used["segments"].update(found)
        return found

    def put_segment(self, key: str, record: tuple[object, ...]) -> None:
        self.used["segments"].add(key)
        self.db.execute("INSERT OR REPLACE INTO segments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (key, self.version, *record))

    def get_facts(self, digest: str) -> str | None:
        row = self.db.execute("SELECT rows FROM fact_groups WHERE digest = ?", (digest,)).fetchone()
        if row is not None:
            self.used["fact_groups"].add(digest)
        return None if row is None else str(row[0])

    def put_facts(self, digest: str, text: str) -> None:
        self.used["fact_groups"].add(digest)
        self.db.execute("INSERT OR REPLACE INTO fact_groups VALUES (?, ?, ?)", (digest, self.version, text))

    def prune(self) -> None:
        """Drop segments and fact groups this run did not use, once they outnumber the used ones."""
        for table, column in (("segments", "key"), ("fact_groups", "digest")):
            used = self.used[table]
            (count,) = self.db.execute(f"SELECT count(*) FROM {table}").fetchone()
            if count > 2 * len(used) + self.SLACK:
                self.db.execute(f"CREATE TEMP TABLE IF NOT EXISTS used_{table} (key TEXT PRIMARY KEY)")
                self.db.executemany(f"INSERT OR IGNORE INTO used_{table} VALUES (?)", ((k,) for k in used))
                self.db.execute(f"DELETE FROM {table} WHERE {column} NOT IN (SELECT key FROM used_{table})")

    def close(self) -> None:
        self.db.commit()
        self.db.close()
