"""Text normalization: body HTML -> paragraphs; titles; language; URLs; word counts."""

from __future__ import annotations

import pytest

from crawler.extract.fields.title.site_names import common_suffix_removed, strip_site_name
from crawler.extract.normalize.language import normalize_language
from crawler.extract.normalize.text import body_text, clean_text, html_to_text, word_count
from crawler.extract.normalize.urls import resolve_url


def test_html_fragment_becomes_paragraphs_without_markup_or_entities() -> None:
    html = (
        "<div><p>First&nbsp;paragraph with <b>bold</b> and   spaces.</p>"
        "<script>var x = 1;</script><p>Second &amp; last<br>line two</p></div>"
    )
    assert html_to_text(html) == "First paragraph with bold and spaces.\n\nSecond & last\nline two"


def test_escaped_html_article_body_is_unescaped_first() -> None:
    raw = "&lt;p&gt;One&lt;/p&gt;&lt;p&gt;Two&lt;/p&gt;"
    assert body_text(raw) == "One\n\nTwo"


def test_plain_text_keeps_paragraph_breaks_and_drops_zero_width() -> None:
    assert clean_text("  A\u200b b \r\n\r\n\n  C\t d  ") == "A b\n\nC d"


def test_word_count_counts_words_not_punctuation() -> None:
    assert word_count("It's a test — really, a test.") == 7
    assert word_count(None) == 0


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Memoir describes calls | Fox News", ["Fox News"], "Memoir describes calls"),
        ("Memoir describes calls - FOX NEWS", ["foxnews.com", "foxnews"], "Memoir describes calls"),
        ("People.com: Star helps woman", ["people.com"], "Star helps woman"),
        ("Kushner: the memoir | Daily Mail Online", ["Daily Mail Online"], "Kushner: the memoir"),
        ("Headline - with a dash inside", ["Fox News"], "Headline - with a dash inside"),
        (
            "People Magazine exclusive interview with a star",
            ["people"],
            "People Magazine exclusive interview with a star",
        ),
    ],
)
def test_site_names_are_stripped_from_titles(title: str, sites: list[str], expected: str) -> None:
    assert strip_site_name(title, sites) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("en-US", "en"), ("de_DE", "de"), ("EN", "en"), ("und", None), ("", None), (None, None)],
)
def test_language(value: object, expected: str | None) -> None:
    assert normalize_language(value) == expected


def test_canonical_url_resolves_against_page_url() -> None:
    page = "https://people.com/politics/story-1"
    assert resolve_url("/story-1?x=1", page) == "https://people.com/story-1?x=1"
    assert resolve_url("//cdn.example.com/a b.jpg", page) == "https://cdn.example.com/a%20b.jpg"
    assert resolve_url("javascript:void(0)", page) is None
    assert resolve_url("", page) is None


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        (
            "Ein langer Titel : Krimiblog-Archiv",
            ["archiv.krimiblog.de", "krimiblog"],
            "Ein langer Titel",
        ),
        ("NEWS WEB EASY|Ein Gesetz gegen Strafen", ["NEWS WEB EASY"], "Ein Gesetz gegen Strafen"),
        ("Ratio: 3|4 of voters agree", ["Example News"], "Ratio: 3|4 of voters agree"),
    ],
)
def test_spaced_colons_and_bare_pipes_separate_site_names(
    title: str, sites: list[str], expected: str
) -> None:
    assert strip_site_name(title, sites) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("What we do not want to hear | OTHERNAME.NET", "What we do not want to hear"),
        ("Getting started - www.example.co.uk", "Getting started"),
        ("example.com: a story about a domain", "example.com: a story about a domain"),
        ("Version 2.0 | Release notes", "Version 2.0 | Release notes"),
    ],
)
def test_a_trailing_host_name_is_a_site_name(title: str, expected: str) -> None:
    assert strip_site_name(title, []) == expected


def test_shared_tail_is_kept_when_the_page_title_names_the_site_in_front() -> None:
    post = "(News) Fourth interview: this time with an author"
    assert common_suffix_removed(post, f"A Shelf Full Of Sun: {post}") == post
    assert common_suffix_removed("Story one | Example", "Story two | Example") == "Story one"
