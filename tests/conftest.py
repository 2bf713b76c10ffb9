"""Shared fixtures: the bundled corpus, its gold, and articles built from a sentence."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from etl.models import Article

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
GOLD = Path(__file__).resolve().parent / "gold"
BUNDLED = sum(1 for p in ARTICLES.iterdir() if p.suffix in (".txt", ".md", ".html", ".htm"))  # articles shipped


def make_article(text: str, published: str = "2019-08-23", title: str = "", name: str = "case.txt") -> Article:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Article(article_id=digest[:16], source_file=name, title=title, author="", publisher="",
                   published=published, url="", format="txt", content_hash=digest, text=text)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return ARTICLES
