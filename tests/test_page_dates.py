"""Publication dates and headlines of plain-text page copies, as outlets print them among the furniture."""

from __future__ import annotations

import pytest

from etl.page_copy import parse_page_copy

STORY = ("Foreign investment in the country reached $4.8 billion in the first half of the year, the ministry "
         "said on Tuesday in a statement on its website.")


@pytest.mark.parametrize(("furniture", "published"), [
    ("Reuters | Published November 23, 2022 | Updated November 24, 2022 08:55am", "2022-11-23"),
    ("News Desk | New Delhi | Updated: 29-03-2023 19:42 IST | Created: 28-03-2023 19:42 IST", "2023-03-28"),
    ("SOCIETY | 19:04 / 29.07.2024", "2024-07-29"),
    ("22.07.20", "2020-07-22"),
    ("Published: 2016-04-26 10:17", "2016-04-26"),
    ("Posted on 4 March 2024 by Jane Doe", "2024-03-04"),
    ("Business Materials 6 September 2023 03:00 (UTC +04:00)", "2023-09-06"),
    ("Last modified: 25.05.2021 12:00\n\nPublished: 22.05.2021", "2021-05-22"),
    ("Economy • 14/03/2022", "2022-03-14"),
    ("03/04/2023", ""),  # March 4 or 3 April: not guessed
    ("Updated: 25.05.2021", ""),  # an update is never the publication date
])
def test_the_publication_date_among_the_furniture(furniture: str, published: str) -> None:
    page = (f"Daily Outlet\n\nEconomy | World\n\n{furniture}\n\nInvestment rises in the first half of the year"
            f"\n\n{STORY}\n")
    assert parse_page_copy(page).published == published


@pytest.mark.parametrize(("opening", "published"), [
    ("TASHKENT, Uzbekistan, September 6, 2023. ", "2023-09-06"),
    ("NAIROBI, Kenya, 12 March 2024 - ", "2024-03-12"),
    ("BAKU, Oct. 17, 2008. ", "2008-10-17"),
    ("Officials said on September 6, 2023 that ", ""),  # a date in the story is not a dateline
])
def test_a_dateline_dates_a_page_that_prints_no_other_date(opening: str, published: str) -> None:
    page = f"Daily Outlet\n\nInvestment rises in the first half of the year\n\n{opening}{STORY}\n"
    assert parse_page_copy(page).published == published


@pytest.mark.parametrize("page", [
    "Trend News Agency\nLatest | Business | Uzbekistan\n\nUzbekistan Materials 6 September 2023 03:00\n\n"
    "China moves to the top of the investor table\n\nKamol Ismailov\n\n" + STORY,
    "The Daily Outlet\n\nChina moves to the top of the investor table\n\nBy Jane Doe | March 4, 2024\n\n" + STORY,
    "Outlet Research Center – A Long Institutional Name\n\nHome / Countries\n\n22.07.20\n\n"
    "China moves to the top of the investor table\n\n" + STORY,
])
def test_the_headline_is_not_the_outlet_or_the_menu(page: str) -> None:
    assert parse_page_copy(page).title == "China moves to the top of the investor table"
