"""The Dask engine and incremental runs give exactly the local engine's output."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from etl.cache import CACHE_NAME, ExtractionCache
from etl.pipeline import extract_to
from etl.reviews import Decision, append_decisions
from tests.conftest import ARTICLES, BUNDLED, ROOT

TABLES = ("articles.csv", "figures.csv", "derived.csv", "facts.csv", "texts.csv", "datapackage.json")


def same_files(a: Path, b: Path) -> None:
    for name in TABLES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_dask_engine_on_a_local_cluster_matches_the_local_engine(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    local, remote = tmp_path / "local", tmp_path / "dask"
    assert extract_to([ARTICLES], local, use_cache=False).article_count == BUNDLED
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        done = subprocess.run([sys.executable, "-m", "etl", "extract", str(ARTICLES), "--out", str(remote),
                               "--engine", "dask", "--scheduler", cluster.scheduler_address, "--no-cache"],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert len(cluster.scheduler.workers) == 2
    assert f"{BUNDLED} articles, " in done.stderr and " 0 failures" in done.stderr
    same_files(local, remote)


def test_dask_engine_needs_a_scheduler(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "etl", "extract", str(ARTICLES), "--out", str(tmp_path),
                           "--engine", "dask"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "--engine dask needs --scheduler ADDRESS" in done.stderr


def test_incremental_run_re_extracts_only_the_changed_article(tmp_path: Path) -> None:
    corpus = tmp_path / "articles"
    shutil.copytree(ARTICLES, corpus)
    out = tmp_path / "out"
    first = extract_to([corpus], out)
    assert (first.article_count, first.cache_hits) == (BUNDLED, 0)
    again = extract_to([corpus], out)
    assert again.cache_hits == BUNDLED
    changed = corpus / "dev-002.md"
    changed.write_text(changed.read_text(encoding="utf-8").replace("$1.88 billion", "$1.98 billion"),
                       encoding="utf-8")
    third = extract_to([corpus], out)
    assert third.cache_hits == BUNDLED - 1  # only the changed article was extracted again
    fresh = tmp_path / "fresh"
    extract_to([corpus], fresh, use_cache=False)
    same_files(out, fresh)
    assert "$1.98 billion" in (out / "figures.csv").read_text(encoding="utf-8")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _figure(out: Path, source_file: str, text: str) -> dict[str, str]:
    ids = {row["article_id"] for row in _rows(out / "articles.csv") if row["source_file"] == source_file}
    return next(row for row in _rows(out / "figures.csv") if row["article_id"] in ids and row["text"] == text)


def test_kept_rows_follow_review_decisions_and_file_names(tmp_path: Path) -> None:
    corpus, out, reviews = tmp_path / "articles", tmp_path / "out", tmp_path / "reviews.csv"
    shutil.copytree(ARTICLES, corpus)
    extract_to([corpus], out, reviews=reviews)
    figure = next(row for row in _rows(out / "figures.csv") if row["kind"] == "money")
    source_file = next(row["source_file"] for row in _rows(out / "articles.csv")
                       if row["article_id"] == figure["article_id"])
    append_decisions(reviews, [Decision(figure["figure_id"], figure["article_id"], "correct", "target_country",
                                        figure["target_country"], "NOR", reviewer="test")])
    again = extract_to([corpus], out, reviews=reviews)
    assert again.cache_hits == BUNDLED  # the other rows kept; the reviewed one re-reviewed from its extraction
    corrected = _figure(out, source_file, figure["text"])
    assert (corrected["target_country"], corrected["reviewed"]) == ("NOR", "corrected")
    renamed = corpus / f"renamed-{source_file}"
    (corpus / source_file).rename(renamed)
    third = extract_to([corpus], out, reviews=reviews)
    assert third.cache_hits == BUNDLED and _figure(out, renamed.name, figure["text"])["target_country"] == "NOR"
    fresh = tmp_path / "fresh"
    extract_to([corpus], fresh, reviews=reviews, use_cache=False)
    same_files(out, fresh)


def test_a_cache_written_by_other_code_is_started_afresh(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    old = sqlite3.connect(out / CACHE_NAME)
    old.execute("CREATE TABLE extraction (content_hash TEXT, version TEXT, result TEXT)")
    old.execute("INSERT INTO extraction VALUES ('x', 'y', 'not json')")
    old.commit()
    old.close()
    assert extract_to([ARTICLES], out).cache_hits == 0
    assert extract_to([ARTICLES], out).cache_hits == BUNDLED
    fresh = tmp_path / "fresh"
    extract_to([ARTICLES], fresh, use_cache=False)
    same_files(out, fresh)


def test_rows_no_run_uses_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ExtractionCache, "SLACK", 0)
    corpus, out = tmp_path / "articles", tmp_path / "out"
    shutil.copytree(ARTICLES, corpus)
    extract_to([corpus], out)
    for path in sorted(corpus.iterdir())[3:]:
        path.unlink()
    extract_to([corpus], out)
    db = sqlite3.connect(out / CACHE_NAME)
    assert db.execute("SELECT count(*) FROM segments").fetchone() == (3,)
    db.close()
    assert extract_to([corpus], out).cache_hits == 3
