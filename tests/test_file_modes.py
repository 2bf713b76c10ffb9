"""Every file the project writes — tables, package, deck, review log, article, lock — gets the mode a
plain ``open(path, "w")`` would give it under the user's umask: readable by whoever could read the
folder, never private by accident of a temp file."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from etl import DataFolder, Decision, Upload, add_articles, record_decisions

ROOT = Path(__file__).resolve().parent.parent


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _plain_mode(folder: Path) -> int:
    probe = folder / "probe.txt"
    probe.write_text("x")
    mode = _mode(probe)
    probe.unlink()
    return mode


def test_every_written_file_has_the_plain_mode(tmp_path: Path) -> None:
    data = DataFolder(tmp_path / "data")
    data.articles.mkdir(parents=True)
    shutil.copy2(ROOT / "data" / "articles" / "seed-001.txt", data.articles / "seed-001.txt")
    raw = (ROOT / "data" / "articles" / "dev-003.html").read_bytes()
    outcome = add_articles(data, [Upload("usa-kaz.html", raw)])
    assert outcome.saved and not outcome.failures
    figure = next(iter((data.processed / "figures.csv").read_text(encoding="utf-8").splitlines()[1:])).split(",")[0]
    article = next(iter((data.processed / "articles.csv").read_text(encoding="utf-8").splitlines()[1:])).split(",")[0]
    record_decisions(data, [Decision(figure_id=figure, article_id=article, action="confirm", reviewer="Ana")])
    deck = tmp_path / "deck.pptx"
    done = subprocess.run([sys.executable, "-m", "dashboard.briefing", "--pair", "USA-KAZ", "--out", str(deck),
                           "--data", str(data.processed)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    expected = _plain_mode(tmp_path)
    written = [deck, data.reviews, data.articles / "usa-kaz.html", data.root / ".flowcite.lock",
               *sorted(data.processed.glob("*.csv")), data.processed / "datapackage.json"]
    assert len(written) >= 10
    assert {path.name: oct(_mode(path)) for path in written} == {path.name: oct(expected) for path in written}


def test_a_strict_umask_is_honoured(tmp_path: Path) -> None:
    script = ("import os, sys; os.umask(0o077); from pathlib import Path; from etl import atomic_write_files; "
              "atomic_write_files({Path(sys.argv[1]): 'x'})")
    target = tmp_path / "private.txt"
    subprocess.run([sys.executable, "-c", script, str(target)], check=True, cwd=ROOT, env={**os.environ})
    assert _mode(target) == 0o600
