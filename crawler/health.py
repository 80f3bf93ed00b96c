"""Endpoint health: per run, what each of an outlet's endpoints answered, listed and led to.

The spider keeps an :class:`EndpointTracker` (``spider.health``): every endpoint it fetches
(configured, templated, discovered, and the robots.txt and home page discovery reads) with its
HTTP status or error, the listing documents fetched under it (child sitemaps roll up into the
endpoint that listed them), the entries they listed with their oldest and newest dates, and the
articles stored through it. :class:`EndpointHealthExtension` writes those rows into the
archive's ``endpoint_health`` table when the spider closes; ``newsarchive coverage``/``stats``
and the scheduler read them back (``Archive.endpoint_health()``) to flag endpoints that have
failed or listed nothing for their last runs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.discovery.endpoints import Endpoint
from crawler.discovery.entries import Entry, Listing
from crawler.discovery.reach import ListingDates
from crawler.relevance import LISTING_SLACK

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

    from crawler.config import Story

logger = logging.getLogger(__name__)
#: Request meta key: the URL of the endpoint a listing or an article was reached through.
META_ENDPOINT = "endpoint"
#: Endpoint kinds of the two discovery reads themselves.
ROBOTS_KIND, HOME_KIND = "robots", "home"


@dataclass
class EndpointStats:
    """What one endpoint did in one run."""

    endpoint: Endpoint
    http_status: int | None = None
    error: str | None = None
    listing_kind: str | None = None
    listings: int = 0
    listing_errors: int = 0
    entries: int = 0
    articles: int = 0
    dates: ListingDates = field(default_factory=ListingDates)
    fetched: bool = False

    def row(self, outlet: str) -> dict[str, Any]:
        """Return the archive row (``archive.models.EndpointHealth`` columns)."""
        point = self.endpoint
        return {
            "outlet": outlet, "endpoint": point.url, "source": point.source, "kind": point.kind,
            "template": point.template, "listing_kind": self.listing_kind,
            "http_status": self.http_status, "error": self.error, "fetched": self.fetched,
            "listings": self.listings, "listing_errors": self.listing_errors,
            "entries": self.entries, "articles": self.articles,
            "oldest_listed": self.dates.oldest, "newest_listed": self.dates.newest,
        }  # fmt: skip


class EndpointTracker:
    """Collects :class:`EndpointStats` for one spider's outlet and story."""

    def __init__(self, outlet: str, story: Story) -> None:
        self.outlet, self.story = outlet, story
        self.endpoints: dict[str, EndpointStats] = {}

    def register(self, endpoint: Endpoint) -> EndpointStats:
        """Start tracking ``endpoint`` (idempotent); return its stats."""
        stats = self.endpoints.get(endpoint.url)
        if stats is None:
            stats = self.endpoints[endpoint.url] = EndpointStats(endpoint)
        return stats

    def answered(self, url: str | None, status: int, *, root: bool) -> None:
        """Record a fetched listing document under its endpoint (``root``: the endpoint itself)."""
        stats = self.endpoints.get(url or "")
        if stats is None:
            return
        stats.listings += 1
        if root:
            stats.http_status, stats.fetched = status, True

    def failed(self, url: str | None, error: str, status: int | None, *, root: bool) -> None:
        """Record a listing that could not be fetched (root: the endpoint itself failed)."""
        stats = self.endpoints.get(url or "")
        if stats is None:
            return
        stats.listing_errors += 1
        if root:
            stats.http_status, stats.error, stats.fetched = status, error, True

    def listed(self, url: str | None, listing: Listing, *, root: bool) -> None:
        """Count a parsed listing's entries and dates under its endpoint."""
        stats = self.endpoints.get(url or "")
        if stats is None:
            return
        if root:
            stats.listing_kind = listing.kind
            if listing.problem == "malformed" and not listing.entries:
                stats.error = "malformed listing"
        for entry in listing.entries:
            self.entry(stats, entry)

    def entry(self, stats: EndpointStats, entry: Entry) -> None:
        """Count one listed entry (a page or a child sitemap)."""
        story = self.story
        stats.entries += 1
        stats.dates.add(entry, story.published_after, story.published_before, LISTING_SLACK)

    def article_stored(self, item: Any, **_: Any) -> None:
        """Count a stored article under the endpoint it was found through (signal handler)."""
        stats = self.endpoints.get(getattr(item, "endpoint", None) or "")
        if stats is not None and getattr(item, "outlet", None) == self.outlet:
            stats.articles += 1

    def rows(self) -> list[dict[str, Any]]:
        """Return one archive row per tracked endpoint, in the order they were registered."""
        return [stats.row(self.outlet) for stats in self.endpoints.values()]


class EndpointHealthExtension:
    """Writes the spider's endpoint rows into the archive when it closes (needs a crawl run)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Return the extension, or NotConfigured when health recording is switched off."""
        if not crawler.settings.getbool("NEWSARCHIVE_ENDPOINT_HEALTH"):
            raise NotConfigured
        return cls(crawler)

    def spider_closed(self, spider: Any) -> None:
        """Store the spider's endpoint rows for the crawl run (nothing without a run id)."""
        tracker = getattr(spider, "health", None)
        run_id = self.crawler.stats.get_value("newsarchive/run_id") if self.crawler.stats else None
        if not isinstance(tracker, EndpointTracker) or not run_id or not tracker.endpoints:
            return
        from crawler.pipelines.store import shared_archive

        try:
            archive = shared_archive(self.crawler.settings.get("NEWSARCHIVE_DB") or None)
            archive.record_endpoint_health(int(run_id), tracker.rows())
        except Exception as exc:  # health is a report: never fail the crawl over it
            logger.error("could not record endpoint health for run %s: %s", run_id, exc)
            errors = getattr(spider, "errors", None)
            if isinstance(errors, list):
                errors.append(f"endpoint health not recorded: {type(exc).__name__}: {exc}")
