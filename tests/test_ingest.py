"""Reading articles: metadata from page copies, front matter and saved pages; content identity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl import errors
from etl.ingest import parse_article, read_article
from etl.pipeline import run_pipeline
from tests.conftest import ARTICLES


def test_page_copy_headline_and_byline_date_not_last_update() -> None:
    article = read_article(ARTICLES / "seed-001.txt")
    assert article.title == "Kazakhstan’s Relationship With U.S. On Upward Trend, As Officials Meet In Nur-Sultan"
    assert article.author == "Nazrin Gadimova"
    assert article.published == "2019-08-23"  # the byline date; the page says "Last update: April 24, 2024"
    assert "Last update" not in article.text and "logo" not in article.text
    assert "/ AP" not in article.text  # the photo caption is not story text


def test_page_copy_without_byline_takes_the_dated_line() -> None:
    raw = b"OREANDA-NEWS\n\nUzbekistan counts on larger foreign investment\n\nApril 17, 2008\n\n" \
          b"Uzbekistan expects foreign investment to reach USD 5,4 billion this year, officials said today.\n"
    article = parse_article(raw, "x.txt", "txt")
    assert article.title == "Uzbekistan counts on larger foreign investment"
    assert article.published == "2008-04-17"
    assert article.text.startswith("Uzbekistan expects")


def test_markdown_front_matter() -> None:
    article = read_article(ARTICLES / "dev-002.md")
    assert article.title.startswith("Kazakhstan courts American business")
    assert (article.publisher, article.published) == ("Kazinform", "2018-09-28")
    assert article.url.startswith("https://en.inform.kz/")
    assert not article.text.startswith("---")


def test_html_body_excludes_navigation_sidebar_and_footer() -> None:
    article = read_article(ARTICLES / "dev-003.html")
    assert article.title == "Deputy PM tallies foreign capital drawn by independent Kazakhstan"
    assert (article.publisher, article.published) == ("Kazinform", "2019-09-05")
    assert article.url.endswith("_a3562996/")
    assert "$330 billion" in article.text
    for noise in ("Most read", "Brent oil", "388 per US dollar", "Tel.:"):
        assert noise not in article.text


def test_same_content_is_one_article(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes((ARTICLES / "seed-001.txt").read_bytes())
    result = run_pipeline([tmp_path], workers=1)
    assert len(result.articles) == 1
    assert result.duplicates == [("b.txt", "a.txt")]
    assert parse_article(b"Same text here, $5 billion.", "x.md", "md").article_id == \
        parse_article(b"Same text here, $5 billion.", "y.md", "md").article_id


def test_malformed_front_matter_is_an_input_error() -> None:
    with pytest.raises(errors.MalformedFrontMatterError, match="bad.md: malformed YAML front matter"):
        parse_article(b"---\ntitle: [unclosed\n---\nBody text.\n", "bad.md", "md")


FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_ingest_fixture(name: str) -> None:
    """Small files named after the layout they cover; a new layout is a new file, not new code."""
    article = read_article(FIXTURES / name)
    expected = EXPECTED[name]
    for field in ("title", "author", "publisher", "published"):
        if field in expected:
            assert getattr(article, field) == expected[field], field
    for text in expected["contains"]:
        assert text in article.text
    for text in expected["not_contains"]:
        assert text not in article.text


PAGE = """<!doctype html><html><head><title>{title_tag}</title>{head}</head><body>
<article><h1>India, UAE sign food park pact</h1>
<p class="byline">By R. Mehta | {dateline}</p>
<p>NEW DELHI: The United Arab Emirates will invest $2 billion to develop a series of integrated food parks
across India, the two countries said after a virtual summit on Thursday, officials told reporters here.</p>
<p>The UAE is India's third-largest trading partner, with bilateral trade of $72.9 billion in 2021-22.</p>
</article></body></html>"""


@pytest.mark.parametrize(("title_tag", "head", "outlet"), [
    ("India, UAE sign food park pact | Business Daily", "", "Business Daily"),
    ("India, UAE sign food park pact - Business Daily", "", "Business Daily"),
    ("Business Daily — India, UAE sign food park pact", "", "Business Daily"),
    ("India, UAE sign food park pact", "", ""),  # no outlet on the page: none, never the headline
    ("India, UAE sign food park pact | BD", '<meta property="og:site_name" content="Business Daily">',
     "Business Daily"),
])
def test_html_outlet_is_never_the_headline(title_tag: str, head: str, outlet: str) -> None:
    page = PAGE.format(title_tag=title_tag, head=head, dateline="July 15, 2022")
    article = parse_article(page.encode(), "page.html", "html")
    assert article.title == "India, UAE sign food park pact"
    assert article.publisher == outlet


@pytest.mark.parametrize("dateline", ["Last updated: July 16, 2022 11:00 IST", "Updated July 16, 2022",
                                      "Published: 2022-07-15 09:30", "First published on July 15, 2022"])
def test_html_byline_date_words_are_no_author(dateline: str) -> None:
    page = PAGE.format(title_tag="India, UAE sign food park pact | Business Daily", head="", dateline=dateline)
    article = parse_article(page.encode(), "page.html", "html")
    assert "updated" not in article.author.lower() and "published" not in article.author.lower()
    assert "Mehta" in article.author
