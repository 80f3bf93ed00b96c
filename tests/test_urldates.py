"""Dates in URLs: the span a child sitemap or an article URL stands for, and what is no date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from crawler.discovery.urldates import article_span, sitemap_span, sitemap_spans

SLACK = timedelta(days=1)


@pytest.mark.parametrize(
    ("url", "start", "end", "precision"),
    [
        ("https://www.dailymail.co.uk/sitemap-articles-year~2021.xml", "2021-01-01", "2021-12-31", "year"),  # noqa: E501
        ("https://nypost.com/sitemap-2022.xml", "2022-01-01", "2022-12-31", "year"),
        ("https://paper.example/sitemap-2022-08.xml", "2022-08-01", "2022-08-31", "month"),
        ("https://www.businessinsider.com/sitemap/2024-02.xml", "2024-02-01", "2024-02-29", "month"),  # noqa: E501
        ("https://paper.example/2022/08/sitemap.xml", "2022-08-01", "2022-08-31", "month"),
        ("https://paper.example/sitemap-202208.xml", "2022-08-01", "2022-08-31", "month"),
        ("https://nypost.com/sitemap-2022.xml?mm=08&dd=02", "2022-08-02", "2022-08-02", "day"),
        ("https://nypost.com/sitemap-2022.xml?mm=08", "2022-08-01", "2022-08-31", "month"),
        ("https://www.dailymail.co.uk/sitemap-articles-day~2022-08-02.xml", "2022-08-02", "2022-08-02", "day"),  # noqa: E501
        ("https://www.hola.com/sitemap/sitemap-2022-q3.xml", "2022-07-01", "2022-09-30", "quarter"),
        ("https://paper.example/sitemaps/2022Q4.xml", "2022-10-01", "2022-12-31", "quarter"),
    ],
)  # fmt: skip
def test_sitemap_names_carry_spans(url: str, start: str, end: str, precision: str) -> None:
    span = sitemap_span(url)
    assert span is not None, url
    assert (span.start.isoformat(), span.end.isoformat(), span.precision) == (start, end, precision)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.gbnews.com/feeds/sitemaps/sitemap_3.xml",
        "https://www.foxnews.com/sitemap.xml?type=articles&page=2",
        "https://paper.example/sitemap.xml?page=2000",  # a page number, not a year
        "https://www.foxnews.com/sitemap.xml?type=articles&from=1659312000000",  # epoch millis
        "https://paper.example/sitemap-2022-1.xml",  # page 1 of 2022? month 1? not trusted
        "https://paper.example/post-sitemap-1234.xml",
        "https://paper.example/sitemap-2022-13.xml",  # no month 13: only the year...
    ],
)
def test_numbers_that_are_no_month_or_day(url: str) -> None:
    span = sitemap_span(url)
    assert span is None or span.precision == "year", (url, span)


@pytest.mark.parametrize(
    ("url", "day_or_month"),
    [
        ("https://nypost.com/2022/08/02/kim-kardashian-memoir/", "2022-08-02"),
        ("https://paper.example/2022/8/2/story", "2022-08-02"),
        ("https://www.insider.com/kim-kardashian-kushner-memoir-2022-8", "2022-08"),
        ("https://www.insider.com/kim-kardashian-kushner-memoir-2022-08/", "2022-08"),
        ("https://paper.example/news/20220805-kushner-story", "2022-08-05"),
        ("https://paper.example/a/2022-08-02/story", "2022-08-02"),
        ("https://paper.example/politics/2022/08/story-slug", "2022-08"),
    ],
)
def test_article_urls_carry_their_publication_day_or_month(url: str, day_or_month: str) -> None:
    span = article_span(url)
    assert span is not None and span.describe() == day_or_month, (url, span)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.dailymail.co.uk/tvshowbiz/article-11133261/Kim-Kardashian.html",  # an id
        "https://people.com/politics/kim-kardashian-kushner-7890123",
        "https://www.thelist.com/958123/kim-kardashian-kushner/",
        "https://www.independent.co.uk/news/world/americas/kushner-b2140263.html",
        "https://paper.example/elections/2022/who-won",  # a year alone may be a topic
        "https://paper.example/news/2022-world-cup-final",
        "https://paper.example/video/20220805123456",  # 14 digits: a timestamp id
        "https://paper.example/news/19821314-story",  # no month 13
        "https://paper.example/news/18220805-story",  # too old for a compact date: an id
    ],
)
def test_article_ids_and_topic_years_are_no_dates(url: str) -> None:
    assert article_span(url) is None, url


def test_a_span_is_outside_only_when_no_day_of_it_meets_the_window() -> None:
    year = sitemap_span("https://paper.example/sitemap-2021.xml")
    assert year is not None
    assert year.outside(date(2022, 7, 20), date(2022, 9, 30), SLACK)
    assert not year.outside(date(2021, 12, 20), date(2022, 1, 30), SLACK)
    near = article_span("https://paper.example/2022/07/19/late-evening-story/")
    assert near is not None and not near.outside(date(2022, 7, 20), None, SLACK)  # the slack
    assert near.outside(date(2022, 7, 21), None, SLACK)
    assert not near.outside(None, None, SLACK)


def test_a_numbered_series_is_no_series_of_years() -> None:
    counters = [f"https://paper.example/sitemap_{n}.xml" for n in (1, 2, 3, 1999, 2000)]
    assert sitemap_spans(counters) == [None] * 5
    years = [f"https://paper.example/sitemap-{y}.xml" for y in (2019, 2020, 2021)]
    assert [s.describe() for s in sitemap_spans(years)] == ["2019", "2020", "2021"]
    mixed = [*years, "https://paper.example/sitemap-news.xml"]
    assert [s and s.describe() for s in sitemap_spans(mixed)] == ["2019", "2020", "2021", None]
