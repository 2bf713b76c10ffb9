"""Every dashboard page driven headless with AppTest on the real app and the bundled data."""

from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import BUNDLED, ROOT

APP = str(ROOT / "dashboard" / "app.py")


def open_page(page: str, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for name, value in query.items():
        at.query_params[name] = value
    at.switch_page(f"views/{page}.py")
    return at.run()


def charts(at: AppTest) -> list[go.Figure]:
    """The plotly figures the page sent, decoded (plotly packs arrays as typed binary)."""
    return [plotly.io.from_json(element.proto.spec) for element in at.get("plotly_chart")]


def title(chart: go.Figure) -> str:
    return str(chart.layout.title.text).replace("<br>", " ")  # wrapped to fit its column


def by_title(at: AppTest) -> dict[str, go.Figure]:
    return {title(c).split(",")[0]: c for c in charts(at)}


def numbers(values: object) -> list[float]:
    """A trace's values; plotly sends numeric arrays packed as {'dtype', 'bdata'}."""
    if isinstance(values, dict) and "bdata" in values:
        return [float(v) for v in np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])]
    return [float(v) for v in (values or [])]  # type: ignore[union-attr]


def bar_values(chart: go.Figure) -> list[float]:
    return [round(v, 4) for trace in chart.data for v in numbers(trace.y)]


@pytest.fixture(autouse=True)
def bundled_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLOWCITE_DATA", raising=False)


def test_overview_draws_cards_and_four_charts_and_follows_the_pair() -> None:
    at = open_page("overview")
    assert not at.exception and not at.error
    assert at.selectbox[0].value == "CHN-KAZ"  # the pair with the most facts
    assert at.query_params["pair"] == "CHN-KAZ"
    titles = sorted(title(c) for c in charts(at))
    assert titles == sorted(f"{name}, CHN → KAZ" for name in (
        "Investment inflows by period", "Cumulative investment as cited over time",
        "Deals signed by year and company", "Growth rates by period"))
    at.selectbox[0].select("USA-KAZ").run()
    assert not at.exception
    assert at.query_params["pair"] == "USA-KAZ"
    shown = by_title(at)
    inflows, cumulative = shown["Investment inflows by period"], shown["Cumulative investment as cited over time"]
    growth = shown["Growth rates by period"]
    assert bar_values(inflows) == [3.7, 1.1, 0.8352]  # stated 2017, H1 2019; derived H1 2018
    assert [t.name for t in inflows.data] == ["stated", "derived from a growth rate"]
    assert sorted(bar_values(cumulative)) == [40.0, 42.0, 48.4]  # each outlet's claim, not averaged
    assert bar_values(growth) == [31.7]
    cards = " ".join(m.value for m in at.markdown)
    assert "US\\$1\\.1 billion" in cards and "H1 2019, \\+31\\.7% on a year earlier" in cards
    for chart in charts(at):
        assert chart.layout.annotations[-1].text.startswith("Source: ")
        assert chart.layout.yaxis.title.text in ("US$ billion", "percent change")


def test_overview_pair_comes_from_the_url_and_planned_toggle_adds_planned() -> None:
    at = open_page("overview", pair="ARE-EGY")
    assert at.selectbox[0].value == "ARE-EGY"
    before = [t.name for c in charts(at) for t in c.data]
    at = open_page("overview", pair="JPN-IND", planned="1")
    assert at.toggle[0].value is True
    names = [t.name for c in charts(at) for t in c.data]
    assert "planned (target)" in names and "planned (target)" not in before


def test_figures_page_filters_and_offers_downloads() -> None:
    at = open_page("figures")
    assert not at.exception and not at.error
    everything = len(at.dataframe[0].value)
    total = len(pd.read_csv(ROOT / "data" / "processed" / "figures.csv", dtype=str))
    assert everything == min(total, 500)  # one page of rows goes to the browser
    at.multiselect[0].select("trade_value").run()
    trade = at.dataframe[0].value
    assert 0 < len(trade) < everything and set(trade["metric"]) == {"trade value"}  # human names
    assert list(trade.columns[:3]) == ["figure", "as printed", "corrected from"]  # the analyst's columns first
    assert list(trade.columns[-2:]) == ["figure_id", "article_id"]
    assert all(str(v).startswith(("US$", "more than", "about", "less than", "up to", "at least")) or v[:3].isupper()
               for v in trade["figure"])
    assert at.query_params["metric"] == "trade_value"
    at.text_input[2].input("Boeing").run()
    assert set(at.dataframe[0].value["as printed"]) <= {"$7 billion", "$2.5 billion", "$1.3 billion"}
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [f"Download rows as CSV ({len(at.dataframe[0].value)})",
                      f"Download rows as Excel ({len(at.dataframe[0].value)})"]


def test_figures_page_link_shows_one_figure_in_its_sentence() -> None:
    rows = pd.read_csv(ROOT / "data" / "processed" / "figures.csv", dtype=str, keep_default_na=False)
    target = rows[(rows["text"] == "$1.1 billion") & (rows["period_start"] == "2019-01-01")].iloc[0]
    at = open_page("figures", figure=str(target["figure_id"]))
    shown = at.dataframe[0].value.iloc[0]
    assert (shown["figure"], shown["metric"], shown["period"]) == ("US$1.1 billion", "investment inflow", "H1 2019")
    assert list(at.dataframe[0].value["figure_id"]) == [target["figure_id"]]
    html = [m.value for m in at.markdown if "<mark" in m.value]
    assert html and "<mark" in html[0] and "$1.1 billion</mark>" in html[0]


def test_sources_page_lists_articles_and_marks_figures_in_the_text() -> None:
    at = open_page("sources")
    assert not at.exception and not at.error
    articles = at.dataframe[0].value
    total = len(pd.read_csv(ROOT / "data" / "processed" / "figures.csv", dtype=str))
    assert len(articles) == BUNDLED and articles["figures"].sum() == total
    seed = articles[articles["source_file"] == "seed-001.txt"].iloc[0]
    at = open_page("sources", article=str(seed["article_id"]))
    text = next(m.value for m in at.markdown if 'class="article"' in m.value)
    assert text.count("<mark") == 5 and "$40 billion</mark>" in text


def test_the_linked_figure_is_marked_apart_from_the_others_in_its_article() -> None:
    ds_figures = pd.read_csv(ROOT / "data" / "processed" / "figures.csv", dtype=str, keep_default_na=False)
    articles = pd.read_csv(ROOT / "data" / "processed" / "articles.csv", dtype=str, keep_default_na=False)
    seed = articles.loc[articles["source_file"] == "seed-001.txt", "article_id"].iloc[0]
    linked = ds_figures[(ds_figures["text"] == "$40 billion") & (ds_figures["article_id"] == seed)].iloc[0]
    at = open_page("sources", article=str(linked["article_id"]), figure=str(linked["figure_id"]))
    text = next(m.value for m in at.markdown if 'class="article"' in m.value)
    assert text.count('class="linked"') == 1 and text.count('class="other"') == 4
    assert f'id="fig-{linked["figure_id"]}" class="linked"' in text
    assert any("US$40 billion" in i.value.replace("\\", "") for i in at.info)  # as shown, unescaped


def test_checks_page_shows_derived_conflicts_and_citations() -> None:
    at = open_page("checks")
    assert not at.exception and not at.error
    derived = at.dataframe[0].value
    assert set(derived["rule"]) == {"earlier amount implied by a growth rate",
                                    "exchange rate implied by a restated amount"}
    seed_row = derived[derived["from"] == "$1.1 billion + 31.7 percent"]
    assert len(seed_row) == 1 and "835.2 million" in seed_row.iloc[0]["description"]
    assert seed_row.iloc[0]["derived"] == "US$835.23 million"  # a value in words, never 835227961.25
    assert [s.value for s in at.subheader] == ["Derived figures", "Conflicts", "Facts cited by several outlets"]


def test_checks_lists_no_conflict_between_unlike_counts_or_a_package_and_its_parts() -> None:
    at = open_page("checks")
    conflicts = at.dataframe[1].value
    counts = conflicts[conflicts["metric"] == "count"]
    assert counts.empty or counts["value"].str.split(" ", n=1).str[1].nunique() == 1  # one thing counted
    kaz_deals = conflicts[(conflicts["metric"] == "deal value") & (conflicts["pair"] == "USA → KAZ")]
    assert kaz_deals.empty, kaz_deals  # the $7 billion package and its $1.3 and $2.5 billion parts
    assert all(str(v).endswith("%") for v in conflicts["spread"])


def test_briefing_page_one_chart_per_screen_with_downloads() -> None:
    at = open_page("briefing", pair="USA-KAZ")
    assert not at.exception and not at.error
    assert len(charts(at)) == 1
    first = title(charts(at)[0])
    assert charts(at)[0].layout.font.size == 17  # large type
    at.radio[0].set_value(at.radio[0].options[1]).run()
    assert title(charts(at)[0]) != first
    assert at.query_params["chart"] == "cumulative"
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["PowerPoint deck (5 slides, native charts)", "This chart as PNG (16:9)",
                      "This chart as SVG (16:9)"]


@pytest.mark.parametrize("case", ["missing", "empty", "malformed", "columns"])
def test_bad_processed_data_gives_a_message_not_a_traceback(case: str, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    processed = ROOT / "data" / "processed"
    for name in ("articles", "figures", "derived", "facts"):
        (tmp_path / f"{name}.csv").write_bytes((processed / f"{name}.csv").read_bytes())
    figures = tmp_path / "figures.csv"
    if case == "missing":
        figures.unlink()
    elif case == "empty":
        figures.write_text("")
    elif case == "malformed":
        head, _, tail = figures.read_text(encoding="utf-8").rpartition(",money,")  # a quote open to the end
        figures.write_text(head + ',"money,' + tail)
    else:
        figures.write_text("a,b\n1,2\n")
    monkeypatch.setenv("FLOWCITE_DATA", str(tmp_path))
    for page in ("overview", "figures", "sources", "checks", "briefing"):
        at = open_page(page)
        assert not at.exception, page
        messages = [e.value for e in at.error]
        assert messages and "figures.csv" in messages[0] and "python -m etl extract" in messages[0], messages


def test_an_empty_data_folder_points_to_the_add_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLOWCITE_DATA", str(tmp_path))
    for page in ("overview", "figures", "sources", "checks", "briefing", "review"):
        at = open_page(page)
        assert not at.exception and not at.error, page
        [info] = [i.value for i in at.info]
        assert "Add articles page" in info and "make data" in info, page


def test_large_tables_page_through_rows_and_load_through_arrow(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from bench.synthetic import write_dataset
    from dashboard import data

    write_dataset(tmp_path, 2_000)
    small = data.read_dataset(tmp_path)
    monkeypatch.setattr(data, "LARGE_BYTES", 0)  # every table through Arrow
    large = data.read_dataset(tmp_path)
    assert not large.problems
    for name in ("articles", "figures", "facts"):
        pd.testing.assert_frame_equal(getattr(small, name), getattr(large, name), check_dtype=False)
    monkeypatch.setenv("FLOWCITE_DATA", str(tmp_path))
    at = open_page("figures")
    assert not at.exception and not at.error
    first = at.dataframe[0].value
    assert len(first) == 500  # one page goes to the browser, not 2,000 rows
    at.number_input[0].set_value(4).run()
    last = at.dataframe[0].value
    assert len(last) == 500 and set(first["figure_id"]).isdisjoint(last["figure_id"])


def test_cards_and_labels_say_values_in_words_and_no_correction_nobody_made() -> None:
    at = open_page("overview", pair="USA-KAZ")
    shown = " ".join(str(m.value).replace("\\", "") for m in at.markdown)
    assert "US$48.4 billion" in shown and "corrected" not in shown
    cumulative = by_title(at)["Cumulative investment as cited over time"]
    labels = [t for trace in cumulative.data for t in trace.text]
    assert "> 40" in labels and "48.4" in labels  # qualifier signs, never '40.00'
    hovers = [str(c[1]) for trace in cumulative.data for c in trace.customdata]
    assert "more than US$40 billion" in hovers
