"""The Dask engine and incremental runs give exactly the local engine's output."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from etl.pipeline import extract_to
from tests.conftest import ARTICLES, ROOT

TABLES = ("articles.csv", "figures.csv", "derived.csv", "facts.csv", "texts.csv", "datapackage.json")


def same_files(a: Path, b: Path) -> None:
    for name in TABLES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_dask_engine_on_a_local_cluster_matches_the_local_engine(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    local, remote = tmp_path / "local", tmp_path / "dask"
    assert extract_to([ARTICLES], local, use_cache=False).article_count == 17
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        done = subprocess.run([sys.executable, "-m", "etl", "extract", str(ARTICLES), "--out", str(remote),
                               "--engine", "dask", "--scheduler", cluster.scheduler_address, "--no-cache"],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert len(cluster.scheduler.workers) == 2
    assert "17 articles, 168 figures, 0 failures" in done.stderr
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
    assert (first.article_count, first.cache_hits) == (17, 0)
    again = extract_to([corpus], out)
    assert again.cache_hits == 17
    changed = corpus / "dev-002.md"
    changed.write_text(changed.read_text(encoding="utf-8").replace("$1.88 billion", "$1.98 billion"),
                       encoding="utf-8")
    third = extract_to([corpus], out)
    assert third.cache_hits == 16  # only the changed article was extracted again
    fresh = tmp_path / "fresh"
    extract_to([corpus], fresh, use_cache=False)
    same_files(out, fresh)
    assert "$1.98 billion" in (out / "figures.csv").read_text(encoding="utf-8")
