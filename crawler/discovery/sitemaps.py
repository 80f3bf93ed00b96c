"""Sitemaps: indexes (child sitemaps with ``lastmod``), URL sets and Google News sitemaps."""

from __future__ import annotations

from urllib.parse import urljoin

from lxml import etree

from crawler.discovery.entries import (
    NEWS_SITEMAP,
    PAGE,
    SITEMAP,
    SITEMAP_INDEX,
    URLSET,
    Entry,
    Listing,
    parse_date,
)
from crawler.discovery.xml import child_text, local, parse_xml


def parse_sitemap(body: bytes, base_url: str) -> Listing:
    """Return a sitemap's entries: child sitemaps of an index, or pages of a URL set."""
    root, malformed = parse_xml(body)
    if root is None or local(root.tag) not in {"sitemapindex", "urlset"}:
        return Listing(problem="malformed")
    kind = SITEMAP if local(root.tag) == "sitemapindex" else PAGE
    child_tag = "sitemap" if kind == SITEMAP else "url"
    listing = Listing()
    for node in root:
        if local(node.tag) != child_tag:
            continue
        entry = _entry(node, kind, base_url)
        if entry is not None:
            listing.entries.append(entry)
            listing.is_news = listing.is_news or _has_news(node)
    if malformed or not listing.entries:
        listing.problem = "malformed" if malformed else "empty"
    listing.kind = SITEMAP_INDEX if kind == SITEMAP else NEWS_SITEMAP if listing.is_news else URLSET
    return listing


def _has_news(node: etree._Element) -> bool:
    """Return True when a ``<url>`` carries a Google News ``<news:news>`` block."""
    return any(local(child.tag) == "news" for child in node)


def _entry(node: etree._Element, kind: str, base_url: str) -> Entry | None:
    """Return one ``<sitemap>`` or ``<url>`` element as an Entry, or None without ``<loc>``."""
    loc = next((c.text.strip() for c in node if local(c.tag) == "loc" and c.text), None)
    if not loc:
        return None
    lastmod = parse_date(next((c.text for c in node if local(c.tag) == "lastmod"), None))
    news = next((c for c in node if local(c.tag) == "news"), None)
    title = published = None
    if news is not None:
        title = child_text(news, "title")
        published = parse_date(child_text(news, "publication_date"))
    return Entry(
        url=urljoin(base_url, loc), kind=kind, title=title, published=published, lastmod=lastmod
    )
