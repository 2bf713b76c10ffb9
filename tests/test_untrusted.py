"""Untrusted article text: escaped in the app, neutralized in spreadsheet downloads."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.data import read_dataset
from dashboard.exports import csv_bytes, neutralize, xlsx_bytes
from etl.pipeline import run_pipeline, write_outputs
from tests.conftest import ROOT

HOSTILE_TITLE = "<script>alert('t')</script> <img src=x onerror=alert(1)> [click me](javascript:alert(2)) **bold**"
ARTICLE = f"""---
title: "{HOSTILE_TITLE.replace('"', "'")}"
publisher: "=HYPERLINK(\\"http://evil.example\\",\\"Outlet\\")"
published: 2019-08-23
---

Chinese investment in Kazakhstan reached $2 billion in 2018 <script>alert(3)</script>, officials said.

-5 percent looked like a formula; @SUM(A1) too, while +1 rose 4% in 2018 for Chinese firms in Kazakhstan.
"""


@pytest.fixture()
def hostile_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "hostile.md").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "processed"
    result = run_pipeline([articles], workers=1)
    assert not result.failures and result.figures
    write_outputs(result, out)
    monkeypatch.setenv("FLOWCITE_DATA", str(out))
    return out


def test_hostile_title_and_text_render_as_text(hostile_data: Path) -> None:
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=90)
    at.switch_page("views/sources.py")
    at.run()
    assert not at.exception
    html_blocks = [m.value for m in at.markdown if "<mark" in m.value or 'class="article"' in m.value]
    assert html_blocks, "the article text is shown"
    for block in html_blocks:
        assert "<script" not in block and "<img" not in block
    assert any("&lt;script&gt;alert(3)&lt;/script&gt;" in block for block in html_blocks)
    shown_title = at.subheader[0].value
    for escaped in ("\\<script\\>", "\\[click me\\]\\(javascript", "\\*\\*bold"):
        assert escaped in shown_title
    at.switch_page("views/figures.py")
    at.run()
    assert not at.exception
    assert len(at.dataframe[0].value) == len(read_dataset(hostile_data).figures)  # data cells, not markup


def test_spreadsheet_downloads_neutralize_formulas_and_keep_numbers(hostile_data: Path) -> None:
    ds = read_dataset(hostile_data)
    table = ds.figures[["text", "value", "outlet", "quote"]]
    assert table["outlet"].str.startswith("=").all()
    text = csv_bytes(table).decode("utf-8")
    frame = pd.read_csv(io.StringIO(text), dtype={"value": float})
    assert frame["outlet"].str.startswith("'=HYPERLINK").all()
    assert frame["value"].tolist() == table["value"].tolist()
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(table)))
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        cells = dict(zip(header, row, strict=True))
        assert cells["value"].data_type == "n"  # numbers stay numbers
        assert str(cells["outlet"].value).startswith("'=")
        assert cells["outlet"].data_type == "s"


def test_neutralize_covers_every_formula_start() -> None:
    frame = pd.DataFrame({"cell": ["=1+1", "+1", "-1", "@SUM(A1)", "\t=x", "plain", "5 = 5"], "n": range(7)})
    assert neutralize(frame)["cell"].tolist() == ["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\t=x", "plain", "5 = 5"]
    assert neutralize(frame)["n"].tolist() == list(range(7))
