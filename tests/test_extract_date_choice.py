"""Which publication date a page shows: markup timestamps checked against its printed date."""

from __future__ import annotations

import json

import pytest

from crawler.extract import extract_article

PROSE = "".join(
    f"<p>Paragraph {i} of a synthetic report on the harbour plan, the ferries and the tides, "
    "written only for this test and long enough to count as article prose.</p>"
    for i in range(8)
)
URL = "https://news.example.org/harbour-plan-passes"


def page(byline: str = "", head: str = "", lang: str = "en", after: str = "") -> str:
    """Return a synthetic article page with ``byline`` under its headline."""
    return (
        f'<html lang="{lang}"><head><title>Harbour plan passes</title>{head}</head><body>'
        f"<article><header><h1>Harbour plan passes</h1>{byline}</header>{PROSE}</article>"
        f"{after}</body></html>"
    )


def ld(published: str, modified: str | None = None) -> str:
    """Return a JSON-LD NewsArticle with the given dates."""
    data = {"@type": "NewsArticle", "headline": "Harbour plan passes", "datePublished": published}
    if modified:
        data["dateModified"] = modified
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_a_utc_timestamp_takes_the_local_day_the_byline_prints() -> None:
    html = page('<time class="date">3 de mayo de 2022</time>', ld("2022-05-04T00:25:56Z"), "es")
    result = extract_article(html, URL)
    assert result["date_published"] == "2022-05-03"
    assert result["published_at"] == "2022-05-04T00:25:56+00:00"
    assert result["provenance"]["date_published"] == "generic"


def test_a_utc_timestamp_keeps_its_day_when_no_offset_could_reach_the_printed_one() -> None:
    byline = "<div><span>Ana Ruiz</span> <span>03.05.2022</span></div>"
    result = extract_article(page(byline, ld("2022-05-04T20:00:00Z"), "es"), URL)
    assert result["date_published"] == "2022-05-04T20:00:00+00:00"


def test_a_utc_timestamp_takes_the_page_offset_another_element_gives_the_same_moment() -> None:
    footer = '<footer><time datetime="2022-05-03T23:37:37-04:00">May 3, 2022</time></footer>'
    result = extract_article(page(head=ld("2022-05-04T03:37:37+00:00"), after=footer), URL)
    assert result["date_published"] == "2022-05-03T23:37:37-04:00"
    assert result["published_at"] == "2022-05-04T03:37:37+00:00"


def test_a_printed_date_another_markup_date_confirms_replaces_the_published_one() -> None:
    byline = "<div><span>Christoph Hein</span> <span>12.01.2022</span></div>"
    head = ld("2021-11-29T15:13:37+01:00", "2022-01-12T15:27:30+01:00")
    result = extract_article(page(byline, head, "de"), URL)
    assert result["date_published"] == "2022-01-12"


def test_a_date_marked_up_in_the_byline_is_what_the_page_shows() -> None:
    byline = '<span class="date">03.03.2011, 14:17</span>'
    result = extract_article(page(byline, ld("2011-02-21T17:47:28+01:00"), "de"), URL)
    assert result["date_published"] == "2011-03-03"


def test_a_plain_stamp_alone_does_not_overrule_a_timestamp_with_an_offset() -> None:
    byline = "<div><span>Clara Lind</span> <span>03.03.2011</span></div>"
    result = extract_article(page(byline, ld("2011-02-21T17:47:28+01:00"), "de"), URL)
    assert result["date_published"] == "2011-02-21T17:47:28+01:00"
    assert result["provenance"]["date_published"] == "jsonld"


def test_a_plain_stamp_replaces_a_bare_day_in_the_markup() -> None:
    byline = "<div><span>Clara Lind</span> <span>13.10.2021</span></div>"
    head = '<meta name="date" content="2021-10-15">'
    result = extract_article(page(byline, head, "de"), URL)
    assert result["date_published"] == "2021-10-13"


def test_an_update_printed_under_the_headline_leaves_the_publication_date() -> None:
    byline = "<p>Jane Doe</p><p>Updated Mar 12, 2020 @ 10:42 am</p>"
    head = ld("2019-10-15T16:59:59Z", "2020-03-12T14:42:17Z")
    result = extract_article(page(byline, head), URL)
    assert result["date_published"] == "2019-10-15T16:59:59+00:00"


def test_without_markup_dates_the_byline_date_beats_the_date_in_the_url() -> None:
    byline = '<p class="byline">Von Clara Lind | 31.03.2020</p>'
    result = extract_article(page(byline, lang="de"), "https://news.example.org/2020/06/02/plan")
    assert result["date_published"] == "2020-03-31"
    assert result["date_guessed"] is None


@pytest.mark.parametrize(("lang", "day"), [("es-MX", "2022-05-03"), ("en-US", "2022-03-05")])
def test_slashed_markup_dates_are_read_in_the_page_language(lang: str, day: str) -> None:
    head = '<meta property="article:published_time" content="03/05/2022 17:22">'
    result = extract_article(page(head=head, lang=lang), URL)
    assert result["date_published"].startswith(day)


def test_an_outlet_page_object_date_is_not_second_guessed() -> None:
    html = page(
        '<span class="byline-date">08/05/2022</span>'
        '<div class="mntl-attribution__item-date">Published on August 2, 2022 05:39PM EDT</div>'
    )
    result = extract_article(html, "https://people.com/harbour-plan-passes")
    assert result["provenance"]["date_published"] == "page:people"
    assert result["date_published"] == "2022-08-02T17:39:00-04:00"
