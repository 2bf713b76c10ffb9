"""The Review page opens on "Needs a look" (issue 12): every article's unreviewed figures, least confident
first, each with the field in doubt and why; confirming or correcting one takes it off the queue."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.review_helpers import make_data_folder, processed_rows, queue_rows

APP = str(ROOT / "dashboard" / "app.py")


def _open(root: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("FLOWCITE_DATA", str(root / "processed"))
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("views/review.py")
    at.run()
    return at


def _entries(at: AppTest) -> list[str]:
    """The figure ids of the queue's entries, in the order the page shows them."""
    return [b.key.removeprefix("confirm-") for b in at.button if (b.key or "").startswith("confirm-")]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_data_folder(tmp_path / "data", "dev-001.txt", "dev2-404.md")


def test_the_queue_lists_every_article_least_confident_first_with_its_reason(root: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(root, monkeypatch)
    assert not at.exception
    assert at.radio[0].value == "Needs a look"
    expected = queue_rows(root)
    shown = _entries(at)
    assert shown == [r["figure_id"] for r in expected[:10]]
    assert len({r["article_id"] for r in expected}) == 2  # one queue for every article
    assert any(f"{len(expected)} figures nobody has reviewed" in c.value for c in at.caption)
    confidences = [float(r["confidence"]) for r in expected[:10]]
    assert confidences == sorted(confidences)
    markdown = " ".join(m.value for m in at.markdown)
    first = expected[0]
    assert f"**{float(first['confidence']):.2f}**" in markdown
    reason = first["reasons"].split(" | ")[0]
    assert any(reason.split(":")[0] in m.value and "In doubt" in m.value for m in at.markdown), reason


def test_confirming_takes_a_figure_off_the_queue_and_makes_it_certain(root: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(root, monkeypatch)
    first = _entries(at)[0]
    assert at.button(key=f"confirm-{first}").disabled  # no name, no decision
    at.text_input[0].input("Ana").run()
    at.button(key=f"confirm-{first}").click().run()
    assert not at.exception and not at.error
    assert first not in _entries(at)
    assert _entries(at) == [r["figure_id"] for r in queue_rows(root)[:10]]
    confirmed = next(r for r in processed_rows(root) if r["figure_id"] == first)
    assert confirmed["reviewed"] == "confirmed" and float(confirmed["confidence"]) == 1.0
    assert any("off the queue" in s.value for s in at.success)


def test_correcting_the_field_in_doubt_takes_it_off_the_queue(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(root, monkeypatch)
    at.text_input[0].input("Ana").run()
    entry = next(r for r in queue_rows(root)[:10] if r["doubtful_field"] == "sides")
    figure_id = entry["figure_id"]
    at.text_input(key=f"fix-{figure_id}-source_country").input("JPN")
    next(b for b in at.button if b.label == "Save correction" and figure_id in str(b.form_id)).click().run()
    assert not at.exception and not at.error
    corrected = next(r for r in processed_rows(root) if r["figure_id"] == figure_id)
    assert corrected["source_country"] == "JPN" and corrected["reviewed"] == "corrected"
    assert figure_id not in _entries(at)
