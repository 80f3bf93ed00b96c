"""Endpoints a site declares itself: robots.txt ``Sitemap:`` lines and home-page feed links."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
from lxml import etree

#: Google reads the first 500 KiB of a robots.txt; so do we.
MAX_ROBOTS_BYTES = 500 * 1024
#: ``Sitemap: <url>`` (any case, any group: the directive is independent of user agents).
_SITEMAP_LINE = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)
#: The MIME types of a feed link (``<link rel="alternate" type=...>``).
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml"})


def robots_sitemaps(body: bytes | None) -> list[str]:
    """Return the absolute http(s) URLs of a robots.txt's ``Sitemap:`` lines, first seen first."""
    if not body:
        return []
    text = body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace")
    found: dict[str, None] = {}
    for match in _SITEMAP_LINE.finditer(text):
        url = match.group(1).strip()
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname:
            found.setdefault(url)
    return list(found)


def home_feeds(body: bytes, base_url: str) -> list[str]:
    """Return the feed URLs a page declares with ``<link rel="alternate" type="...rss/atom">``."""
    try:
        root = lxml.html.fromstring(body)
    except (etree.ParserError, ValueError):
        return []
    found: dict[str, None] = {}
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_TYPES and href:
            url = urldefrag(urljoin(base_url, href))[0]
            if urlsplit(url).scheme in ("http", "https"):
                found.setdefault(url)
    return list(found)
