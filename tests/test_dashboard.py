"""The dashboard runs headless on the bundled data (AppTest drives the real app)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def test_figures_page_renders_and_filters() -> None:
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert not at.error
    table = at.dataframe[0].value
    everything = len(table)
    assert everything > 100
    at.selectbox[0].select("trade_value").run()
    assert not at.exception
    filtered = at.dataframe[0].value
    assert 0 < len(filtered) < everything
    assert set(filtered["metric"]) == {"trade_value"}
