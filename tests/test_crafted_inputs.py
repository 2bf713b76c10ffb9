"""Crafted files — each built to make a scanner backtrack, a loop go quadratic or a parser recurse —
are extracted or refused, with a one-line message naming the file, in under 10 s on one worker.

Each runs through ``extract_bytes``, what a worker (or the dashboard's preview) runs per file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from etl.errors import TimeLimitError
from etl.extract import extract_figures
from etl.limits import MAX_BYTES
from etl.pipeline import Failure, extract_bytes
from tests.conftest import ARTICLES, ROOT, make_article

SECONDS = 10.0
HEAD = "Title of the story\n\nPublished: 2020-01-01\n\nThe U.S. invested in Kazakhstan. "


def _page(body: str) -> bytes:
    return (HEAD + body + "\n").encode("utf-8")


def _html(body: str) -> bytes:
    return (f"<html><head><title>Story</title></head><body>{body}</body></html>").encode()


def _sentences(count: int) -> str:
    return "".join(f"China invested ${i % 90 + 1}.{i % 10} billion in Kazakhstan in {2000 + i % 20}, up {i % 50}% "
                   f"from a year earlier. " + ("\n\n" if i % 7 == 6 else "") for i in range(count))


CASES: dict[str, tuple[str, bytes]] = {
    "comma list after a dollar sign (40)": ("txt", _page("$" + "1," * 40 + "1 billion")),
    "comma list after a dollar sign (4,000)": ("txt", _page("$" + "1," * 4000 + "1 billion")),
    "comma list before percent": ("txt", _page("1, " * 3000 + "and 2 percent")),
    "3,200 percents in one sentence": ("txt", _page("Shares were " + ", ".join(f"{i % 90} percent"
                                                                               for i in range(3200)) + ".")),
    "12,800 percents in one sentence": ("txt", _page("Shares were " + ", ".join(f"{i % 90} percent"
                                                                                for i in range(12800)) + ".")),
    "500,000 spaces between $1 and billion": ("txt", _page("$1" + " " * 500_000 + "billion")),
    "a file of spaces up to the size limit": ("txt", _page(" " * (MAX_BYTES - 200))),
    "10,000 amounts in one sentence": ("txt", _page("It paid " + " ".join("$1" for _ in range(10_000)) + ".")),
    "more figures than an article holds": ("txt", _page(" ".join("$1" for _ in range(30_000)))),
    "a run of number words": ("txt", _page("It was " + "one " * 240_000 + "billion dollars.")),
    "a run of dots": ("txt", _page("It was" + "." * 990_000 + " $5 billion.")),
    "a run of abbreviations": ("txt", _page("U.S. " * 190_000 + "$5 billion.")),
    "a run of dashes and hyphens": ("txt", _page("-" * 400_000 + " 5-" * 100_000)),
    "a text over the length limit": ("txt", _page("word " * 260_000)),
    "a long ordinary article": ("txt", _page(_sentences(8000))),
    "a long line of years": ("txt", _page("2019 " * 190_000 + "$5 billion")),
    "a long run of newlines": ("txt", _page("\n" * 900_000 + "$5 billion in 2019.")),
    "deeply nested HTML": ("html", _html("<div>" * 20_000 + "<p>The U.S. invested $5 billion in 2019.</p>"
                                         + "</div>" * 20_000)),
    "HTML of 100,000 paragraphs": ("html", _html("".join(f"<p>Japan invested ${i % 9 + 1} billion in India.</p>"
                                                         for i in range(100_000)))),
    "HTML with a 4 MB script": ("html", _html("<script>" + "var a=1;" * 500_000 + "</script>"
                                              "<p>The U.S. invested $5 billion in Kazakhstan in 2019.</p>")),
    "unclosed HTML tags": ("html", _html("<p><b><i>" * 50_000 + "Korea invested $3 billion.")),
    "YAML aliases that expand exponentially": ("md", ("---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))
        + "title: *j\nauthor: *j\n---\n\nThe U.S. invested $5 billion.\n").encode()),
    "deeply nested YAML": ("md", ("---\ntitle: " + "[" * 50_000 + "]" * 50_000 +
                                  "\n---\n\nThe U.S. invested $5 billion.\n").encode()),
    "unclosed Markdown emphasis": ("md", ("---\ntitle: T\npublished: 2020-01-01\n---\n\n" + "*a " * 300_000
                                           + "__b " * 100_000 + "\n\nThe U.S. invested $5 billion.\n").encode()),
    "a Markdown link that never closes": ("md", ("# T\n\n" + "[a](" * 200_000 + "\n").encode()),
    "a front matter of one long line": ("md", ("---\ntitle: " + "x" * 2_000_000 +
                                               "\n---\n\nThe U.S. invested $5 billion.\n").encode()),
}


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    extract_bytes("warm.txt", _page("Japan invested $1 billion in India in 2019."))  # lexicons, patterns


@pytest.mark.parametrize("case", list(CASES))
def test_crafted_file_is_extracted_or_refused_quickly(case: str) -> None:
    fmt, raw = CASES[case]
    name = f"crafted.{fmt}"
    began = time.monotonic()
    outcome = extract_bytes(name, raw)
    seconds = time.monotonic() - began
    assert seconds < SECONDS, f"{case}: {seconds:.1f} s"
    if isinstance(outcome, Failure):
        assert outcome.message.startswith(f"{name}: ") and "\n" not in outcome.message
        assert "internal error" not in outcome.message, outcome.message
    else:
        article, figures = outcome
        assert article.source_file == name
        assert all(article.text[f.char_start:f.char_end] == f.text for f in figures)


@pytest.mark.parametrize(("case", "expected"), [
    ("more figures than an article holds", "figures, over the 20,000 one article may hold"),
    ("a text over the length limit", "characters, over the 1,000,000 one article may hold"),
    ("HTML of 100,000 paragraphs", "HTML elements, over the 50,000 a page may have"),
    ("YAML aliases that expand exponentially", "aliases (*name) are not allowed in front matter"),
    ("deeply nested YAML", "malformed YAML front matter"),
])
def test_what_no_article_holds_is_refused_with_the_reason(case: str, expected: str) -> None:
    fmt, raw = CASES[case]
    outcome = extract_bytes(f"crafted.{fmt}", raw)
    assert isinstance(outcome, Failure) and expected in outcome.message


def test_the_known_crafted_cases_still_find_their_figures() -> None:
    for case, count in (("3,200 percents in one sentence", 3200), ("10,000 amounts in one sentence", 10_000),
                        ("a long ordinary article", 16_000)):
        outcome = extract_bytes("crafted.txt", CASES[case][1])
        assert not isinstance(outcome, Failure), outcome
        assert len(outcome[1]) >= count, case


def test_an_article_past_its_deadline_is_stopped() -> None:
    article = make_article("Japan invested $1 billion in India in 2019. " * 50)
    assert len(extract_figures(article, deadline=time.monotonic() + 60)) == 50
    with pytest.raises(TimeLimitError, match="the limit per article"):
        extract_figures(article, deadline=time.monotonic() - 1)


def test_the_time_limit_fails_one_article_and_the_others_go_on(tmp_path: Path) -> None:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "long.txt").write_bytes(CASES["a long ordinary article"][1])  # about 3 s of extraction
    (corpus / "seed-001.txt").write_bytes((ARTICLES / "seed-001.txt").read_bytes())
    done = subprocess.run([sys.executable, "-m", "etl", "extract", str(corpus), "--out", str(tmp_path / "out"),
                           "--workers", "1", "--no-cache"], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "FLOWCITE_TIME_LIMIT": "0.5"})
    assert done.returncode == 1
    assert "long.txt: extraction took over 0.5 s, the limit per article" in done.stderr
    assert "1 articles, 5 figures, 1 failures" in done.stderr
    assert "seed-001.txt" in (tmp_path / "out" / "articles.csv").read_text(encoding="utf-8")
