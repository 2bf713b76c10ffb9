"""In real Chromium, the way people click: each filter changed several times in a row takes effect
every time (a widget fed its default from the URL used to drop every second change), and a reload
restores the view from the URL."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page, expect

from dashboard import display
from dashboard.data import read_dataset
from dashboard.queries import Pair, filter_figures, pairs
from tests.browser import running_app, settle
from tests.conftest import ROOT

DATA = ROOT / "data" / "processed"


@pytest.fixture(scope="module")
def app() -> Iterator[tuple[Page, str]]:
    with running_app(ROOT, DATA) as (browser, url):
        yield browser.new_page(viewport={"width": 1400, "height": 1600}), url


def _count(page: Page) -> int:
    caption = page.get_by_text(re.compile(r"^[\d,]+ of [\d,]+ figures$")).first
    expect(caption).to_be_visible(timeout=30_000)
    return int(caption.inner_text().split(" of ")[0].replace(",", ""))


def _choose(page: Page, label: str, option: str) -> None:
    page.get_by_label(label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()
    settle(page)


def _multiselect_in_a_row(page: Page, label: str, name_of: Callable[[str], str], keyword: str,
                          steps: list[tuple[str, str]]) -> None:
    """Add and remove a multiselect's options one after another; after each, the rows are those the
    filter gives for what is chosen."""
    ds = read_dataset(DATA)
    widget = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label)
    chosen: list[str] = []
    for code, change in steps:
        name = name_of(code)
        if change == "add":
            widget.locator("input").click()
            page.get_by_role("option", name=name, exact=True).click()
            page.keyboard.press("Escape")
            page.locator("h1").first.click()  # done choosing: the widget takes its value on leaving
            chosen.append(code)
        else:
            widget.get_by_role("button", name=f"Remove {name}", exact=True).click()
            chosen.remove(code)
        settle(page)
        assert _count(page) == len(filter_figures(ds, **{keyword: chosen})), (label, change, code)


def test_every_filter_change_in_a_row_takes_effect_and_survives_a_reload(app: tuple[Page, str]) -> None:
    page, url = app
    ds = read_dataset(DATA)
    page.goto(f"{url}/figures", timeout=60_000)
    settle(page)
    assert _count(page) == len(ds.figures)
    expect(page.get_by_role("button", name="Deploy")).to_have_count(0)  # the viewer's toolbar only

    search = page.get_by_label("Search text, sentence, title or company")
    for term in ("Chevron", "Boeing", "Astana", "Boeing", "China"):
        search.fill(term)
        search.press("Enter")
        settle(page)
        assert search.input_value() == term
        assert _count(page) == len(filter_figures(ds, text=term)), term
        assert f"q={term}" in page.url
    search.fill("")
    search.press("Enter")
    settle(page)
    assert _count(page) == len(ds.figures) and "q=" not in page.url

    _multiselect_in_a_row(page, "Metric", display.metric_name, "metrics", [
        ("trade_value", "add"), ("deal_value", "add"), ("trade_value", "remove"), ("count", "add"),
        ("deal_value", "remove"), ("count", "remove")])
    _multiselect_in_a_row(page, "Basis", display.basis_name, "bases", [
        ("planned", "add"), ("actual", "add"), ("planned", "remove"), ("actual", "remove")])

    ranked = pairs(ds)
    for key, label in list(zip(ranked["key"], ranked["label"], strict=True))[:3] + [(ranked["key"][0],
                                                                                     ranked["label"][0])]:
        _choose(page, "Country pair", label)
        assert _count(page) == len(filter_figures(ds, pair=Pair.parse(key))), label
    _choose(page, "Country pair", "all pairs")

    start = page.get_by_label("Period from (YYYY or YYYY-MM-DD)")
    for year in ("2018", "2019", "2015", "2019"):
        start.fill(year)
        start.press("Enter")
        settle(page)
        assert _count(page) == len(filter_figures(ds, start=f"{year}-01-01")), year
    start.fill("2019-13-45")
    start.press("Enter")
    settle(page)
    expect(page.get_by_text("is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")).to_be_visible()
    assert _count(page) == len(ds.figures)
    start.fill("2019")
    start.press("Enter")
    settle(page)

    for state in ("automatic", "reviewed", "automatic"):
        page.get_by_text(state, exact=True).click()
        settle(page)
        assert _count(page) == len(filter_figures(ds, start="2019-01-01", reviewed=state)), state

    search.fill("Kazakhstan")
    search.press("Enter")
    settle(page)
    expected = len(filter_figures(ds, start="2019-01-01", reviewed="automatic", text="Kazakhstan"))
    assert _count(page) == expected
    page.reload()
    settle(page)
    assert _count(page) == expected
    assert page.get_by_label("Search text, sentence, title or company").input_value() == "Kazakhstan"
    assert page.get_by_label("Period from (YYYY or YYYY-MM-DD)").input_value() == "2019"


def test_briefing_chart_and_article_selectors_take_every_change(app: tuple[Page, str]) -> None:
    page, url = app
    page.goto(f"{url}/briefing?pair=USA-KAZ", timeout=60_000)
    settle(page)
    choices = page.locator('[data-testid="stRadio"] [role="radiogroup"] label')
    expect(choices.first).to_be_visible(timeout=60_000)
    titles = [choices.nth(i).inner_text() for i in range(choices.count())]
    assert len(titles) >= 3
    starts = {"Inflows by period": "Investment inflows", "Cumulative totals": "Cumulative investment",
              "Deals": "Deals signed", "Growth rates": "Growth rates"}
    for index in (1, 2, 0, 2):
        choices.nth(index).click()
        settle(page)
        expect(page.locator(".js-plotly-plot .gtitle").first).to_contain_text(starts[titles[index]])
        assert re.search(r"chart=[a-z_]+", page.url)

    ds = read_dataset(DATA)
    titles_by_id = dict(zip(ds.articles["article_id"], ds.articles["title"], strict=True))
    page.goto(f"{url}/sources", timeout=60_000)
    settle(page)
    for article_id in list(titles_by_id)[1:4] + [next(iter(titles_by_id))]:
        _choose(page, "Read an article", titles_by_id[article_id])
        expect(page.locator("h3").filter(has_text=titles_by_id[article_id][:30]).first).to_be_visible()
        assert f"article={article_id}" in page.url


def test_the_currency_control_takes_every_change(app: tuple[Page, str]) -> None:
    page, url = app
    page.goto(f"{url}/overview?pair=ARE-EGY", timeout=60_000)
    settle(page)
    control = page.locator('[data-testid="stButtonGroup"]')
    expect(control).to_be_visible(timeout=60_000)
    for currency in ("AED", "USD", "AED", "USD", "AED"):
        control.get_by_role("radio", name=currency, exact=True).click()
        settle(page)
        axes = page.locator(".js-plotly-plot .ytitle")
        expect(axes.first).to_contain_text(currency if currency != "USD" else "US$")
        assert f"currency={currency}" in page.url
    page.reload()
    settle(page)
    expect(page.locator(".js-plotly-plot .ytitle").first).to_contain_text("AED")

