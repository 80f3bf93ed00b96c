"""Discovery: turn feeds, sitemaps, search pages and seed pages into candidate article URLs.

Parsers here take bytes and a base URL and return plain data; they never import Scrapy, so
they are tested on saved bodies and reused by any fetcher.
"""

from __future__ import annotations

from crawler.discovery.entries import Entry, Listing, parse_date

__all__ = ["Entry", "Listing", "parse_date"]
