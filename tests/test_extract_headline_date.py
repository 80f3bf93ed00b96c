"""The date a page prints with its headline (byline, dateline), on common CMS markup."""

from __future__ import annotations

from datetime import date

import pytest
from lxml.html import HtmlElement, fromstring

from crawler.extract.fields.dates.headline import (
    LABEL_STEMS,
    PUBLISHED,
    PUBLISHED_LABELS,
    shown_date,
)

PROSE = (
    "<p>The council voted on the harbour plan after a long debate about ferries, tides, the "
    "old sea wall and what the town should pay for it over the next ten years.</p>"
)


def tree(body: str) -> HtmlElement:
    """Return the parsed page with ``body`` inside ``<body>``."""
    return fromstring(f"<html><body>{body}</body></html>")


def shown_day(body: str, title: str | None = "Harbour plan passes", dayfirst: bool = True):
    """Return the day the page shows with its headline, or None."""
    found = shown_date(tree(body), title, dayfirst)
    return found.day if found else None


@pytest.mark.parametrize(
    "byline",
    [
        '<p class="byline">Von Clara Lind | 3. Mai 2022, 21:25 Uhr</p>',
        '<div class="meta"><span>Clara Lind</span><time>3 de mayo de 2022</time></div>',
        "<div><span>Clara Lind</span> <span>03.05.2022</span></div>",
        '<div class="article-info"><span>By Clara Lind</span> <span>May 3, 2022</span></div>',
    ],
)
def test_the_date_in_the_byline_under_the_headline_is_shown(byline: str) -> None:
    body = f"<article><h1>Harbour plan passes</h1>{byline}{PROSE}</article>"
    assert shown_day(body) == date(2022, 5, 3)


def test_a_kicker_date_above_the_headline_in_its_header_is_shown() -> None:
    body = (
        '<article><header><div class="kicker">Politik 6 May 2022</div>'
        f"<h1>Harbour plan passes</h1></header>{PROSE}</article>"
    )
    assert shown_day(body) == date(2022, 5, 6)


def test_dates_of_a_teaser_list_in_another_block_above_the_headline_are_not_shown() -> None:
    body = (
        "<aside><ul><li>Ferry strike ends 18. Januar 2019</li>"
        "<li>New mayor sworn in 22. November 2018</li></ul></aside>"
        f"<main><article><header><h1>Harbour plan passes</h1></header>{PROSE}</article></main>"
    )
    assert shown_day(body) is None


def test_a_date_inside_a_sentence_after_the_headline_is_a_mention_not_a_stamp() -> None:
    body = (
        "<article><h1>Harbour plan passes</h1>"
        "<p>Der Stammtisch findet am Mi. 5. Februar 2020 ab 19 Uhr im Ratskeller statt.</p>"
        f"{PROSE}</article>"
    )
    assert shown_day(body) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "<p>Die Wahl findet am 5. Mai 2022 statt.</p>",
        "<p>Die Wahl findet am <b>5. Mai 2022</b> statt, wie der Rat mitteilte.</p>",
        "<p>Am <a href='/termine'><b>5. Mai 2022</b></a> beginnt der Umbau.</p>",
    ],
)
def test_a_short_sentence_with_a_date_is_a_mention(sentence: str) -> None:
    assert shown_day(f"<article><h1>Harbour plan passes</h1>{sentence}{PROSE}</article>") is None


def test_a_date_in_an_inline_element_of_a_subline_is_a_stamp() -> None:
    subline = "<h4><strong>16.10.2019</strong> Hafenreport &#8729; Stadtfernsehen</h4>"
    body = f"<article><h1>Harbour plan passes</h1>{subline}{PROSE}</article>"
    assert shown_day(body) == date(2019, 10, 16)


def test_wordpress_published_time_wins_over_the_updated_one_before_it() -> None:
    body = (
        '<article><header class="entry-header"><h1 class="entry-title">Harbour plan passes</h1>'
        '<div class="entry-meta"><time class="updated" datetime="2022-12-29T15:36:19+01:00">'
        '29. Dezember 2022</time> <time class="entry-date published" '
        'datetime="2022-12-30T07:00:40+01:00">30. Dezember 2022</time></div></header>'
        f"{PROSE}</article>"
    )
    found = shown_date(tree(body), "Harbour plan passes", True)
    assert found is not None
    assert (found.day, found.role) == (date(2022, 12, 30), PUBLISHED)
    assert found.timestamp == "2022-12-30T07:00:40+01:00"


def test_an_hatom_updated_class_alone_still_dates_the_entry() -> None:
    body = (
        '<article><h1>Harbour plan passes</h1><div class="post-meta">'
        '<time class="updated" datetime="2023-11-06T15:25:00+01:00">6. November 2023</time>'
        f"</div>{PROSE}</article>"
    )
    assert shown_day(body) == date(2023, 11, 6)


@pytest.mark.parametrize(
    "stamp", ["Updated Mar 12, 2020 @ 10:42 am", "Aktualisiert: 12.03.2020, 10:27"]
)
def test_a_date_printed_as_an_update_is_not_the_publication_date(stamp: str) -> None:
    body = f"<article><h1>Harbour plan passes</h1><p>Jessica Doe</p><p>{stamp}</p>{PROSE}</article>"
    assert shown_day(body) is None


def test_a_forum_profile_date_is_not_the_date_of_the_post() -> None:
    body = (
        "<div><h1>Harbour plan passes</h1><dl><dt>Beiträge:</dt><dd>1626</dd>"
        "<dt>Registriert:</dt><dd>18.09.2008</dd></dl><p>21.01.2009 10:15</p>"
        f"{PROSE}</div>"
    )
    assert shown_day(body) == date(2009, 1, 21)


def test_the_headline_is_the_h2_equal_to_the_title_when_the_h1_is_the_site_bar() -> None:
    body = (
        "<h1>Harbour plan passes | Town Hall News</h1><nav><a>Start</a><a>Themen</a></nav>"
        '<div><h2>Harbour plan passes</h2><span class="date">25.01.2022</span></div>'
        f"{PROSE}"
    )
    assert shown_day(body) == date(2022, 1, 25)


def test_a_publication_label_anywhere_dates_a_page_without_a_header_date() -> None:
    body = (
        f"<article><h1>Harbour plan passes</h1>{PROSE}{PROSE}</article>"
        "<footer><p><span>Erschienen am:</span> <b>01.11.2023</b></p></footer>"
    )
    found = shown_date(tree(body), "Harbour plan passes", True)
    assert found is not None and (found.day, found.role) == (date(2023, 11, 1), PUBLISHED)


def test_an_itemprop_date_published_outside_an_item_dates_the_page() -> None:
    body = (
        f"<div><p>Harbour plan passes</p>{PROSE}"
        '<time itemprop="datePublished" datetime="2022-01-27">27.01.2022</time></div>'
    )
    found = shown_date(tree(body), "Harbour plan passes", True)
    assert found is not None and found.marked and found.day == date(2022, 1, 27)


def test_a_us_page_reads_slashed_dates_month_first_and_keeps_the_other_reading() -> None:
    body = f"<article><h1>Harbour plan passes</h1><p>By Ann Lee 11/01/2021</p>{PROSE}</article>"
    found = shown_date(tree(body), "Harbour plan passes", False)
    assert found is not None
    assert (found.day, found.other_reading) == (date(2021, 11, 1), date(2021, 1, 11))


def test_a_page_without_headline_or_labelled_date_shows_none() -> None:
    assert shown_day(f"<div>{PROSE}</div>") is None
    assert shown_date(None, "Harbour plan passes", True) is None


@pytest.mark.parametrize("label", PUBLISHED_LABELS)
def test_every_publication_label_is_found_by_one_of_the_fast_stems(label: str) -> None:
    assert any(stem in label for stem in LABEL_STEMS)


def test_a_rail_of_links_after_the_headline_does_not_hide_the_date_below_it() -> None:
    rail = "".join(
        f'<li><a href="/s{i}">Another story about the council and its harbour plans, part {i}</a>'
        f'<a href="/a{i}">Some Writer</a><span>hace {i} minutos</span></li>'
        for i in range(12)
    )
    body = (
        f"<header><h1>Harbour plan passes</h1><aside><span>LO ÚLTIMO</span><ul>{rail}</ul></aside>"
        '</header><article><div class="story-meta"><strong class="date">miércoles, 4 de mayo de '
        '2022</strong><time datetime="2022-05-04T07:59:48-04:00">07:59</time></div>'
        f"{PROSE}</article>"
    )
    assert shown_day(body) == date(2022, 5, 4)


def test_the_nearest_mark_decides_a_dates_role_inside_a_posted_on_box() -> None:
    # WordPress themes print both times inside "posted-on": the box says "posted", but the
    # second <time> says of itself that it is the update.
    byline = (
        '<div class="entry-meta"><span class="posted-on">Veröffentlicht am <a href="/x/">'
        '<time class="entry-date published" datetime="2019-02-10T09:30:10+01:00">'
        "10. Februar 2019</time>"
        '<time class="updated" datetime="2019-02-09T23:00:55+01:00">9. Februar 2019</time>'
        "</a></span></div>"
    )
    body = f"<article><header>{byline}<h1>Harbour plan passes</h1></header>{PROSE}</article>"
    assert shown_day(body) == date(2019, 2, 10)


def test_a_date_block_is_read_the_same_way_every_time() -> None:
    # The headline's ancestors bound the markup a date's role is read from; they must be
    # compared as elements (an id() of lxml's short-lived proxies is reused by other nodes).
    byline = (
        '<div class="author_date"><div class="row"><div class="col">'
        "<span><a>Chris Roe</a></span> - <span>Nov 19, 2019, 8:15 pm CST</span>"
        "</div></div></div>"
    )
    page = tree(f'<div class="post"><h1>Harbour plan passes</h1>{byline}{PROSE}</div>')
    found = {shown_date(page, "Harbour plan passes", False) for _ in range(50)}
    assert len(found) == 1 and next(iter(found)).marked
