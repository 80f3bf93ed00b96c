"""Discovery parsers: feeds, sitemap indexes, Google News sitemaps and search result pages."""

from __future__ import annotations

import gzip
from datetime import datetime, timezone

from crawler.discovery.entries import PAGE, SITEMAP
from crawler.discovery.feeds import parse_feed
from crawler.discovery.links import looks_like_article, parse_links
from crawler.discovery.sitemaps import parse_sitemap

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Kushner memoir</title><link>https://paper.example/news/kushner-memoir-out-now</link>
<pubDate>Sat, 20 Aug 2022 10:00:00 -0400</pubDate></item>
<item><title>No date</title><guid>https://paper.example/news/undated-item-here</guid></item>
</channel></rss>"""
ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title>
<link rel="alternate"
 href="/news/atom-entry-article"/><updated>2022-08-21T09:00:00Z</updated></entry></feed>"""
INDEX = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://paper.example/sitemap-2019.xml</loc><lastmod>2019-12-31</lastmod></sitemap>
<sitemap><loc>https://paper.example/sitemap-2022.xml</loc></sitemap></sitemapindex>"""
NEWS = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url>
<loc>https://paper.example/news/kushner-news-item</loc><news:news>
<news:publication><news:name>Paper</news:name></news:publication>
<news:publication_date>2022-08-22T08:00:00+01:00</news:publication_date>
<news:title>Kushner book</news:title></news:news></url></urlset>"""


def test_rss_items_with_dates_and_guid_links() -> None:
    listing = parse_feed(RSS, "https://paper.example/feed")
    first, second = listing.entries
    assert first.url.endswith("kushner-memoir-out-now") and first.title == "Kushner memoir"
    assert first.published == datetime(2022, 8, 20, 14, tzinfo=timezone.utc)
    assert second.url.endswith("undated-item-here") and second.published is None


def test_atom_links_resolve_against_the_feed() -> None:
    (entry,) = parse_feed(ATOM, "https://paper.example/feed.atom").entries
    assert entry.url == "https://paper.example/news/atom-entry-article"
    assert entry.published == datetime(2022, 8, 21, 9, tzinfo=timezone.utc)


def test_bad_feeds_report_their_problem() -> None:
    assert parse_feed(b"<html><body>oops</body></html>", "u").problem == "malformed"
    assert parse_feed(b"", "u").problem == "malformed"
    assert parse_feed(b"<rss><channel></channel></rss>", "u").problem == "empty"


def test_sitemap_index_children_with_lastmod() -> None:
    listing = parse_sitemap(INDEX, "https://paper.example/sitemap.xml")
    assert [e.kind for e in listing.entries] == [SITEMAP, SITEMAP]
    assert listing.entries[0].lastmod.year == 2019 and listing.entries[1].lastmod is None


def test_news_sitemap_titles_and_dates_and_gzip() -> None:
    for body in (NEWS, gzip.compress(NEWS)):
        listing = parse_sitemap(body, "https://paper.example/news.xml")
        (entry,) = listing.entries
        assert listing.is_news and entry.kind == PAGE and entry.title == "Kushner book"
        assert entry.published == datetime(2022, 8, 22, 7, tzinfo=timezone.utc)


def test_bad_sitemaps_report_their_problem() -> None:
    truncated = b"<urlset><url><loc>https://paper.example/a-b-c</loc></url><url><loc>https://pa"
    recovered = parse_sitemap(truncated, "u")
    assert recovered.problem == "malformed"
    assert recovered.entries[0].url == "https://paper.example/a-b-c"
    assert parse_sitemap(b"not xml at all", "u").problem == "malformed"
    empty = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>'
    assert parse_sitemap(empty, "u").problem == "empty"


def test_search_page_links_and_next_page() -> None:
    html = b"""<html><body><nav><a href="/tag/celebrity">Celebrity</a><a href="/">Home</a></nav>
    <a href="/news/kushner-memoir-kardashian-call">One</a>
    <a href="https://elsewhere.example/news/some-long-story-slug">Offsite</a>
    <a href="/2022/08/20/123456/">Numeric</a>
    <a href="/search?q=kushner&page=2" rel="next">Next</a></body></html>"""
    listing = parse_links(html, "https://paper.example/search?q=kushner", lambda u: "paper." in u)
    assert [e.url for e in listing.entries] == [
        "https://paper.example/news/kushner-memoir-kardashian-call",
        "https://paper.example/2022/08/20/123456/",
    ]
    assert listing.next_page == "https://paper.example/search?q=kushner&page=2"


def test_article_url_shapes() -> None:
    assert looks_like_article("https://www.dailymail.co.uk/tvshowbiz/article-11133261/Kim.html")
    assert looks_like_article("https://people.com/kim-kardashian-jared-kushner-memoir-5690000")
    assert not looks_like_article("https://people.com/celebrity/")
    assert not looks_like_article("https://people.com/author/jane-roe-writer/")
