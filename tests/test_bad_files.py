"""Each bad file gets one line naming it and the problem; other files go on; earlier output stays intact."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ARTICLES, ROOT

BAD_FILES = {
    "empty": ("empty.txt", b"", "empty.txt: the file is empty"),
    "whitespace": ("blank.md", b"  \n\n \t\n", "blank.md: the file is empty"),
    "binary": ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "photo.txt: the file is binary"),
    "undecodable": ("latin1.txt", "Investment reached €5 million in Señor's town.".encode("cp1252"),
                    "latin1.txt: the file is not valid UTF-8 text (invalid byte at offset"),
    "unsupported": ("report.pdf", b"%PDF-1.4 some pdf", "report.pdf: unsupported file type '.pdf'"),
    "too large": ("huge.txt", b"Investment reached $5 billion. " * 200_000, "huge.txt: the file is 6,200,000 bytes, "
                  "over the 5,000,000-byte limit"),
    "html without body": ("empty.html", b"<html><head><title>x</title><script>alert(1)</script></head>"
                          b"<body><nav><a href='/'>Home</a></nav></body></html>",
                          "empty.html: no article text found"),
    "bad front matter": ("broken.md", b"---\ntitle: [oops\n---\nText with $5 billion.\n",
                         "broken.md: malformed YAML front matter"),
}


def run_extract(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "etl", "extract", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def earlier_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    done = run_extract(str(ARTICLES / "seed-001.txt"), "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_bad_file_alone_leaves_earlier_output_untouched(case: str, earlier_output: Path, tmp_path: Path) -> None:
    name, content, message = BAD_FILES[case]
    bad = tmp_path / name
    bad.write_bytes(content)
    before = snapshot(earlier_output)
    done = run_extract(str(bad), "--out", str(earlier_output))
    assert done.returncode != 0
    lines = done.stderr.splitlines()
    assert any(line.startswith(message) for line in lines), done.stderr
    assert sum(name in line for line in lines) == 1  # one line for the file
    assert snapshot(earlier_output) == before


def test_bad_files_do_not_stop_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed-001.txt").write_bytes((ARTICLES / "seed-001.txt").read_bytes())
    for name, content, _ in BAD_FILES.values():
        if name.endswith((".txt", ".md", ".html")):
            (folder / name).write_bytes(content)
    (folder / "notes.json").write_text("{}")  # other types in a folder are skipped, not failures
    out = tmp_path / "out"
    done = run_extract(str(folder), "--out", str(out))
    assert done.returncode == 1
    assert "1 articles, 5 figures, 7 failures" in done.stderr
    assert "notes.json" not in done.stderr
    assert (out / "figures.csv").read_text(encoding="utf-8").count("\n") == 6
