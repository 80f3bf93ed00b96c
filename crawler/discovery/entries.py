"""What a listing yields: candidate pages and child listings, with the dates they advertise."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from dateutil import parser as date_parser

PAGE = "page"
SITEMAP = "sitemap"
#: What a fetched listing turned out to be (``Listing.kind``).
FEED_LISTING, SITEMAP_INDEX, NEWS_SITEMAP, URLSET, HTML_PAGE = (
    "feed", "sitemap-index", "news-sitemap", "urlset", "html",
)  # fmt: skip


@dataclass(frozen=True)
class Entry:
    """One link found in a listing: a candidate page or a child sitemap."""

    url: str
    kind: str = PAGE
    title: str | None = None
    published: datetime | None = None
    lastmod: datetime | None = None


@dataclass
class Listing:
    """A parsed listing: its entries, the next page (search pagination) and any problem."""

    entries: list[Entry] = field(default_factory=list)
    next_page: str | None = None
    problem: str | None = None  # "malformed" | "empty"
    is_news: bool = False
    kind: str | None = None  # FEED_LISTING, SITEMAP_INDEX, NEWS_SITEMAP, URLSET or HTML_PAGE


def parse_date(value: str | None) -> datetime | None:
    """Return an aware datetime from an RFC 822 or ISO 8601 string (naive means UTC), or None."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        try:
            moment = date_parser.isoparse(value)
        except (ValueError, OverflowError):
            try:
                moment = date_parser.parse(value)
            except (ValueError, OverflowError):
                return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment
