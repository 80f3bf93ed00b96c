"""Table-driven tests of URL canonicalization (archive.dedup.urls)."""

from __future__ import annotations

import hashlib

import pytest

from archive.dedup.urls import canonicalize_url, outlet_host, url_key
from archive.web import registrable_domain

PEOPLE = "https://people.com/politics/kushner-memoir-kardashian-7977263"
GUARDIAN = "https://theguardian.com/us-news/2022/aug/23/jared-kushner-memoir"
INDY = "https://independent.co.uk/news/world/americas/kushner-kardashian-b2151234.html"

# (variant as seen in the wild, expected canonical URL)
VARIANTS: list[tuple[str, str]] = [
    # tracking parameters
    (f"{PEOPLE}?utm_source=twitter&utm_medium=social", PEOPLE),
    (f"{PEOPLE}?utm_campaign=a&utm_content=b&utm_term=c", PEOPLE),
    (f"{PEOPLE}?UTM_Source=newsletter", PEOPLE),
    (f"{PEOPLE}?fbclid=IwAR0abcDEF", PEOPLE),
    (f"{PEOPLE}?gclid=EAIaIQobChMI", PEOPLE),
    (f"{PEOPLE}?mc_cid=1a2b3c&mc_eid=4d5e6f", PEOPLE),
    (f"{PEOPLE}?ref=homepage", PEOPLE),
    (f"{PEOPLE}?ref_src=twsrc%5Etfw", PEOPLE),
    (f"{GUARDIAN}?CMP=share_btn_tw", GUARDIAN),
    (f"{GUARDIAN}?cmpid=org=ngr::mtfo=twitter", GUARDIAN),
    (f"{INDY}?ito=social-twitter", INDY),
    (f"{GUARDIAN}?taid=5f1a2b3c4d", GUARDIAN),
    (f"{PEOPLE}?ocid=msedgntp&smid=nytcore-ios-share", PEOPLE),
    (f"{PEOPLE}?_ga=2.1234.5678&igshid=abc", PEOPLE),
    (f"{PEOPLE}?xtor=RSS-1&ns_source=rss", PEOPLE),
    # content-selecting parameters stay, sorted
    ("https://example.com/article?page=2&id=7", "https://example.com/article?id=7&page=2"),
    ("https://example.com/a?id=7&utm_source=x&page=2", "https://example.com/a?id=7&page=2"),
    (
        "https://example.com/story.php?story_fbid=1&id=2",
        "https://example.com/story.php?id=2&story_fbid=1",
    ),
    # AMP variants
    (f"{PEOPLE}/amp", PEOPLE),
    (f"{PEOPLE}/amp/", PEOPLE),
    (
        "https://www.cnbc.com/amp/2022/08/23/kushner-book.html",
        "https://cnbc.com/2022/08/23/kushner-book.html",
    ),
    (f"{PEOPLE}?amp", PEOPLE),
    (f"{PEOPLE}?amp=1", PEOPLE),
    (f"{PEOPLE}?amp=true&utm_source=google", PEOPLE),
    (
        "https://www.washingtonpost.com/politics/2022/08/23/kushner/?outputType=amp",
        "https://washingtonpost.com/politics/2022/08/23/kushner",
    ),
    (
        "https://www.foxnews.com/politics/kushner-book-kardashian.amp",
        "https://foxnews.com/politics/kushner-book-kardashian",
    ),
    (
        "https://www.dailymail.co.uk/news/article-11141234/Kushner-book.amp.html",
        "https://dailymail.co.uk/news/article-11141234/Kushner-book.html",
    ),
    ("https://amp.theguardian.com/us-news/2022/aug/23/jared-kushner-memoir", GUARDIAN),
    # host variants, scheme, ports
    ("https://www.people.com/politics/kushner-memoir-kardashian-7977263", PEOPLE),
    ("https://m.people.com/politics/kushner-memoir-kardashian-7977263", PEOPLE),
    ("http://people.com/politics/kushner-memoir-kardashian-7977263", PEOPLE),
    ("HTTPS://People.COM/politics/kushner-memoir-kardashian-7977263", PEOPLE),
    ("https://people.com:443/politics/kushner-memoir-kardashian-7977263", PEOPLE),
    ("http://www.people.com:80/politics/kushner-memoir-kardashian-7977263", PEOPLE),
    ("https://people.com:8443/politics/x", "https://people.com:8443/politics/x"),
    (
        "https://m.bbc.co.uk/news/world-us-canada-62650000",
        "https://bbc.co.uk/news/world-us-canada-62650000",
    ),
    ("https://people.com./politics/kushner-memoir-kardashian-7977263", PEOPLE),
    # trailing slashes, fragments, doubled slashes, encoding
    (f"{PEOPLE}/", PEOPLE),
    (f"{PEOPLE}#comments", PEOPLE),
    (f"{PEOPLE}/#article-body", PEOPLE),
    ("https://people.com//politics//kushner-memoir-kardashian-7977263", PEOPLE),
    ("https://example.com/caf%C3%A9", "https://example.com/caf%C3%A9"),
    ("https://example.com/a%7eb", "https://example.com/a~b"),
    ("https://example.com/a b", "https://example.com/a%20b"),
    ("https://www.example.com", "https://example.com/"),
    ("https://www.example.com/?utm_source=x", "https://example.com/"),
    # paths are case-sensitive and 'amp' inside a word is not an AMP marker
    ("https://example.com/News/Story", "https://example.com/News/Story"),
    ("https://example.com/ampersand-story", "https://example.com/ampersand-story"),
    ("https://example.com/stamp.html", "https://example.com/stamp.html"),
    # host labels that are not variants stay
    (
        "https://edition.cnn.com/2022/08/23/politics/x",
        "https://edition.cnn.com/2022/08/23/politics/x",
    ),
    ("https://www.co.uk/x", "https://www.co.uk/x"),
]

# (page URL, rel=canonical value, expected canonical URL)
HINTS: list[tuple[str, str | None, str]] = [
    (f"{PEOPLE}?utm_source=x", PEOPLE, PEOPLE),
    (
        "https://people.com/amp/story-123",
        "https://people.com/politics/story-123",
        "https://people.com/politics/story-123",
    ),
    ("https://people.com/p/story", "/politics/story/", "https://people.com/politics/story"),
    (
        "https://www.the-independent.com/news/world/x-b2151234.html",
        "https://www.independent.co.uk/news/world/x-b2151234.html",
        "https://independent.co.uk/news/world/x-b2151234.html",
    ),
    (
        "https://www.independent.co.uk/news/x-b1.html",
        "https://www.the-independent.com/news/x-b1.html",
        "https://the-independent.com/news/x-b1.html",
    ),
    (
        "https://edition.cnn.com/2022/08/23/politics/x",
        "https://www.cnn.com/2022/08/23/politics/x",
        "https://cnn.com/2022/08/23/politics/x",
    ),
    ("https://news.bbc.co.uk/1/x", "https://www.bbc.com/news/x", "https://bbc.com/news/x"),
    # a canonical to a foreign domain is ignored (syndicated copies point at the origin)
    (
        "https://www.yahoo.com/news/kushner-book-1234.html",
        "https://people.com/politics/kushner-1",
        "https://yahoo.com/news/kushner-book-1234.html",
    ),
    (
        "https://msn.com/en-us/news/x/ar-AA1",
        "https://www.independent.co.uk/news/x-b1.html",
        "https://msn.com/en-us/news/x/ar-AA1",
    ),
    # a front-page canonical on an article is a template mistake and ignored
    (
        "https://example.com/news/story-1",
        "https://example.com/",
        "https://example.com/news/story-1",
    ),
    # unusable hints are ignored
    (
        "https://example.com/news/story-1",
        "mailto:desk@example.com",
        "https://example.com/news/story-1",
    ),
    ("https://example.com/news/story-1", "", "https://example.com/news/story-1"),
    ("https://example.com/news/story-1", None, "https://example.com/news/story-1"),
]


@pytest.mark.parametrize(("url", "expected"), VARIANTS)
def test_variant_canonicalizes(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


@pytest.mark.parametrize(("url", "hint", "expected"), HINTS)
def test_rel_canonical_hint(url: str, hint: str | None, expected: str) -> None:
    assert canonicalize_url(url, hint) == expected


def test_enough_real_world_variants() -> None:
    assert len(VARIANTS) + len(HINTS) >= 40


def test_canonicalization_is_idempotent() -> None:
    for url, _ in VARIANTS:
        once = canonicalize_url(url)
        assert canonicalize_url(once) == once


def test_custom_sister_domains() -> None:
    groups = [{"nypost.com", "pagesix.com"}]
    url, hint = "https://pagesix.com/2022/08/23/x/", "https://nypost.com/2022/08/23/x/"
    assert canonicalize_url(url, hint, sister_domains=groups) == "https://nypost.com/2022/08/23/x"
    assert canonicalize_url(url, hint) == "https://pagesix.com/2022/08/23/x"


def test_url_key_is_sha256_of_canonical_url() -> None:
    expected = hashlib.sha256(PEOPLE.encode()).hexdigest()
    assert (
        url_key("http://www.people.com/politics/kushner-memoir-kardashian-7977263/?amp") == expected
    )
    assert url_key(PEOPLE) != url_key(GUARDIAN)


def test_non_http_urls_pass_through() -> None:
    assert canonicalize_url(" mailto:desk@example.com ") == "mailto:desk@example.com"
    assert canonicalize_url("data:text/plain,hi") == "data:text/plain,hi"


def test_outlet_host_and_registrable_domain() -> None:
    assert outlet_host("https://amp.www.theguardian.com/x") == "theguardian.com"
    assert registrable_domain("news.bbc.co.uk") == "bbc.co.uk"
    assert registrable_domain("edition.cnn.com") == "cnn.com"


@pytest.mark.parametrize(
    ("url", "hint", "trusted"),
    [
        ("https://world.kbs.co.kr/a", "https://news.kbs.co.kr/a", True),
        # two sites under one country's public suffix are two outlets, not one
        ("https://world.kbs.co.kr/a", "https://www.other.co.kr/a", False),
        ("https://www.abc.net.au/news/a", "https://www.other.net.au/a", False),
    ],
)
def test_a_canonical_on_another_site_under_the_same_public_suffix_is_ignored(
    url: str, hint: str, trusted: bool
) -> None:
    canonical = canonicalize_url(url, hint)
    assert (canonical == canonicalize_url(hint)) is trusted
