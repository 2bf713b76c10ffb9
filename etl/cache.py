"""The extraction cache: one row per article content, so an unchanged article is never extracted twice.

Keyed by the article's content hash and the extractor's version (a hash of the ETL's own code and
lexicons): a change to either re-extracts. Stored in SQLite beside the processed tables.
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

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS extraction (content_hash TEXT, version TEXT, result TEXT, "
                        "PRIMARY KEY (content_hash, version))")
        self.version = extractor_version()
        self.hits = 0
        self.misses = 0

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

    def close(self) -> None:
        self.db.commit()
        self.db.close()
