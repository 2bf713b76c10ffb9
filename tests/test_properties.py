"""Property tests: extraction never raises on any text; ingest raises only flowcite's InputError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.errors import InputError
from etl.extract import extract_figures
from etl.ingest import parse_article
from tests.conftest import make_article

NEWSY = st.lists(st.sampled_from(list("0123456789$€%.,;:-–()' \nabcdefghijklmnopqrstuvwxyzUSKZT")) |
                 st.sampled_from([" billion", " million", " percent", " times", " since 1991", " in 2019",
                                 " from the U.S.", " into Kazakhstan", " more than", " about", " Chinese",
                                 " projects", " the first half of", " a year earlier", " US$", " (about ",
                                 " and ", "\n\n", " tenge", " lakh crore", " fiscal 2021-22"]), max_size=120)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=600), NEWSY.map(lambda parts: "".join(parts))))
def test_extraction_never_raises(text: str) -> None:
    for figure in extract_figures(make_article(text)):
        assert text[figure.char_start:figure.char_end] == figure.text
        assert figure.kind in {"money", "percent", "multiple", "count"}


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["txt", "md", "html"]))
def test_ingest_raises_only_input_errors(raw: bytes, fmt: str) -> None:
    try:
        article = parse_article(raw, f"fuzz.{fmt}", fmt)
    except InputError as error:
        assert str(error).startswith(f"fuzz.{fmt}: ")
        assert "\n" not in str(error)
    else:
        assert article.text.strip()
        extract_figures(article)
