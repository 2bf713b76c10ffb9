"""Saving is safe: concurrent sessions both land, and a writer killed mid-save leaves every file valid."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from etl.reviews import read_log
from etl.validate import validate_folder
from tests.conftest import ROOT
from tests.review_helpers import figures, make_data_folder

WORKER = str(ROOT / "tests" / "save_worker.py")


def target(root: Path) -> tuple[str, str]:
    row = figures(root, "seed-001.txt")["17 sectors"]
    return row["figure_id"], row["article_id"]


def test_two_processes_each_save_200_decisions_concurrently(tmp_path: Path) -> None:
    root = make_data_folder(tmp_path / "data", "seed-001.txt")
    figure_id, article_id = target(root)
    workers = [subprocess.Popen([sys.executable, WORKER, str(root), figure_id, article_id, who, "200"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
               for who in ("alice", "bob")]
    for worker in workers:
        _, errors = worker.communicate(timeout=600)
        assert worker.returncode == 0, errors
    decisions = read_log(root / "reviews.csv").decisions
    assert len(decisions) == 400
    for who in ("alice", "bob"):
        assert [d.new_value for d in decisions if d.reviewer == who] == [f"{who}-{i}" for i in range(200)]
    assert len({d.review_id for d in decisions}) == 400
    assert validate_folder(root / "processed") == []
    last = decisions[-1].new_value
    assert figures(root, "seed-001.txt")["17 sectors"]["entities"] == last


def test_a_writer_killed_mid_save_leaves_every_file_valid(tmp_path: Path) -> None:
    root = make_data_folder(tmp_path / "data", "seed-001.txt", "dev-003.html", "dev-004.txt", "dev-011.md")
    figure_id, article_id = target(root)
    for attempt in range(4):
        before = (root / "reviews.csv").read_bytes() if (root / "reviews.csv").exists() else b""
        saved_before = len(read_log(root / "reviews.csv").decisions)
        worker = subprocess.Popen([sys.executable, WORKER, str(root), figure_id, article_id, f"w{attempt}", "1000"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
        assert worker.stdout is not None
        worker.stdout.readline()  # at least one save landed
        time.sleep(0.05 + 0.13 * attempt)  # then die somewhere inside a later save
        os.killpg(worker.pid, signal.SIGKILL)  # the writer and any helper process it started
        worker.wait(timeout=30)
        log = read_log(root / "reviews.csv")  # parses: every row whole
        assert not log.skipped
        decisions = log.decisions
        assert (root / "reviews.csv").read_bytes().startswith(before)  # earlier decisions intact
        assert len(decisions) > saved_before
        for name in ("articles", "figures", "derived", "facts", "texts"):
            with (root / "processed" / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
                rows = list(csv.reader(handle))
            assert rows and all(len(row) == len(rows[0]) for row in rows), name
        assert validate_folder(root / "processed") == []
