"""Bylines written as text ("von Jane Roe") and Yoast's author label, through extraction."""

from __future__ import annotations

import pytest
from lxml.html import fromstring

from crawler.extract import extract_article
from crawler.extract.fields.authors.byline import find_bylines, find_text_bylines

PROSE = " ".join(
    ["The council met on Tuesday to discuss the harbour plan and the new ferry timetable."] * 12
)


def text_bylines(fragment: str) -> list[str]:
    """Return the text bylines ``find_text_bylines`` finds in a body fragment."""
    return find_text_bylines(fromstring(f"<html><body>{fragment}</body></html>"))


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p> von <em>Klaus Berger</em></p>", ["Klaus Berger"]),
        ("<p>Written by: <b>Julie Moss</b></p>", ["Julie Moss"]),
        ("<div>Posted on September 21, 2020 by Adi Tal</div>", ["Adi Tal"]),
        ("<div>Autor: Peter Maas/SP-X</div>", ["Peter Maas"]),
        ("<p>Von R. R. am 12.3.2019</p>", ["R. R"]),
        ("<p>Text: Lars Fink und Alina Schade</p>", ["Lars Fink; Alina Schade"]),
        ("<p>by Jane Roe, Staff Writer</p>", ["Jane Roe"]),
    ],
)
def test_short_texts_that_start_like_a_byline_give_the_name(
    fragment: str, expected: list[str]
) -> None:
    assert text_bylines(fragment) == expected


@pytest.mark.parametrize(
    "fragment",
    [
        "<p>Von Berlin nach Hamburg fuhr er mit dem Zug.</p>",
        "<p>By the way, this is fine</p>",
        "<p>von dpa</p>",
        "<footer><p>von Klaus Berger</p></footer>",
        "<div class='comment'><p>by Jane Roe</p></div>",
        f"<p>By Jane Roe {PROSE}</p>",
    ],
)
def test_sentences_footers_and_comments_are_not_bylines(fragment: str) -> None:
    assert text_bylines(fragment) == []


def page(head: str = "", byline: str = "") -> str:
    """Return an article page without structured authors."""
    return (
        f"<html><head><title>Harbour plan approved</title>{head}</head><body><article>"
        f"<h1>Harbour plan approved</h1>{byline}<p>{PROSE}</p><p>{PROSE}</p></article>"
        "</body></html>"
    )


def test_a_text_byline_is_the_generic_author_when_nothing_else_names_one() -> None:
    result = extract_article(page(byline="<p>von <em>Klaus Berger</em></p>"), "https://x.de/a")
    assert result["authors"] == ["Klaus Berger"]
    assert result["provenance"]["authors"] == "generic"


@pytest.mark.parametrize("label", ["Written by", "Verfasst von", "Geschrieben von"])
def test_the_yoast_twitter_label_names_the_author(label: str) -> None:
    head = (
        f'<meta name="twitter:label1" content="{label}">'
        '<meta name="twitter:data1" content="Jane Roe">'
        '<meta name="twitter:label2" content="Est. reading time">'
        '<meta name="twitter:data2" content="3 minutes">'
    )
    result = extract_article(page(head=head), "https://x.de/a")
    assert result["authors"] == ["Jane Roe"]
    assert result["provenance"]["authors"] == "meta"


def test_a_yoast_reading_time_label_is_not_an_author() -> None:
    head = (
        '<meta name="twitter:label1" content="Est. reading time">'
        '<meta name="twitter:data1" content="3 minutes">'
    )
    assert extract_article(page(head=head), "https://x.de/a")["authors"] == []


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<div><h5>Autor: </h5>Peter Maas/SP-X</div>", ["Peter Maas"]),
        ("<p>Bla bla.<br><strong>Text:</strong> Klaus Friedrich</p>", ["Klaus Friedrich"]),
        ("<div>Ein Artikel von <strong>Pamela Sla</strong> | 27.01.20</div>", ["Pamela Sla"]),
        ("<p>Von Jens Berg Foto: Michael Hud</p>", ["Jens Berg"]),
        ("<p>Autor: Heiko</p>", ["Heiko"]),
    ],
)
def test_labels_in_their_own_element_and_photo_credits(fragment: str, expected: list[str]) -> None:
    assert text_bylines(fragment) == expected


@pytest.mark.parametrize("fragment", ["<p>von Säure</p>", "<p>by Barbour</p>"])
def test_a_bare_preposition_needs_a_full_name(fragment: str) -> None:
    assert text_bylines(fragment) == []


def jsonld_page(author: str, byline: str) -> str:
    """Return an article whose JSON-LD names ``author`` and whose byline reads ``byline``."""
    return (
        '<html><head><title>Harbour plan</title><script type="application/ld+json">'
        f'{{"@type": "NewsArticle", "headline": "Harbour plan", "author": {{"name": "{author}"}}}}'
        f"</script></head><body><article><h1>Harbour plan</h1><p class='byline'>{byline}</p>"
        f"<p>{PROSE}</p></article></body></html>"
    )


def test_a_structured_first_name_is_completed_by_the_visible_byline() -> None:
    result = extract_article(jsonld_page("Todd", "By Todd Bates"), "https://x.com/a")
    assert result["authors"] == ["Todd Bates"]


@pytest.mark.parametrize(
    ("author", "byline"), [("Todd", "By Anna Bates"), ("Todd Bates", "By Todd Bates Jr")]
)
def test_a_structured_author_is_kept_otherwise(author: str, byline: str) -> None:
    assert extract_article(jsonld_page(author, byline), "https://x.com/a")["authors"] == [author]


@pytest.mark.parametrize(
    "fragment",
    [
        '<div><span class="author_single">Jane Roe</span></div>',
        '<div class="author-box__name">Jane Roe</div>',
    ],
)
def test_a_class_starting_with_author_marks_a_byline(fragment: str) -> None:
    assert find_bylines(fromstring(f"<html><body>{fragment}</body></html>")) == ["Jane Roe"]
