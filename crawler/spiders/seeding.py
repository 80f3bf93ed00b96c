"""Seeding one outlet's crawl: its configured endpoints, expanded, and those its site declares.

Configured and templated endpoints come from :func:`configured_endpoints`; unless the outlet
says ``discover = false``, the home page is read for its feed links and the home host's
robots.txt for its ``Sitemap:`` lines. The robots.txt is the one Scrapy's robots middleware
already fetched (announced with ``crawler.signals.robots_fetched``); only when the middleware
did not fetch it (``ROBOTSTXT_OBEY`` off) does the spider request it. Declared endpoints go
through :func:`select_discovered` (deduplicated against the known ones, pruned by date, capped)
and are crawled with the channels ``home-feed`` and ``robots-sitemap``.

Extension point: a further source of endpoints (web-archive indexes) adds its requests in
:meth:`SeedingMixin.seed_requests` and hands each Endpoint it finds to
:meth:`SeedingMixin.endpoint_request`, which registers it for endpoint health and routes it by
``kind`` to its parser (:data:`PARSERS`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse

from crawler.discovery.declared import home_feeds, robots_sitemaps
from crawler.discovery.endpoints import (
    FEED,
    HOME_FEED,
    ROBOTS_SITEMAP,
    SEARCH,
    SITEMAP,
    START_URL,
    Endpoint,
    configured_endpoints,
    home_url,
    select_discovered,
)
from crawler.health import HOME_KIND, META_ENDPOINT, ROBOTS_KIND
from crawler.outcome import count_endpoint, count_error
from crawler.reasons import is_error
from crawler.spiders.failures import classify_failure
from crawler.spiders.items import PageItem, Rejected
from crawler.spiders.listings import LISTING_PRIORITY, META_ROOT, PRUNED_STAT, REQUESTS_SAVED_STAT

if TYPE_CHECKING:
    from twisted.python.failure import Failure

#: Endpoint kind -> the spider callback that parses it.
PARSERS = {
    FEED: "parse_feed", SITEMAP: "parse_sitemap", SEARCH: "parse_search", START_URL: "parse_start",
}  # fmt: skip
#: Source of the two discovery reads (robots.txt, home page) in endpoint health.
DISCOVERY = "discovery"

Output = Iterator[scrapy.Request | PageItem | Rejected]


@dataclass(frozen=True)
class RobotsFile:
    """A robots.txt as the robots middleware fetched it."""

    url: str
    status: int | None
    body: bytes | None
    error: str | None


class SeedingMixin:
    """Seed requests and endpoint discovery of :class:`crawler.spiders.outlet.OutletSpider`."""

    if TYPE_CHECKING:
        from crawler.config import Outlet, Story
        from crawler.health import EndpointTracker

        outlet: Outlet
        story: Story
        health: EndpointTracker
        crawler: Any
        discovery_enabled: bool
        date_pruning: bool
        max_template_urls: int
        max_robots_sitemaps: int
        max_home_feeds: int
        robots_files: dict[str, RobotsFile]
        errors: list[str]

        def _reject(self, url: str, reason: str, detail: str, channel: str | None) -> Rejected: ...
        def listing_request(self, url: str, callback: Any, channel: str, **kw: Any) -> Any: ...

    def seed_requests(self) -> list[scrapy.Request | Rejected]:
        """Return the configured endpoints' requests, their dropped expansions, the home read."""
        plan = configured_endpoints(self.outlet, self.story, limit=self.max_template_urls)
        seeds: list[scrapy.Request | Rejected] = [self.endpoint_request(e) for e in plan.endpoints]
        seeds += [self._reject(d.url, d.reason, d.detail, d.source) for d in plan.dropped]
        if self.outlet.discover and self.discovery_enabled:
            seeds.append(self.home_request())
        return seeds

    def endpoint_request(self, endpoint: Endpoint) -> scrapy.Request:
        """Return the request of an endpoint (tracked in endpoint health), routed by its kind."""
        self.health.register(endpoint)
        callback = getattr(self, PARSERS[endpoint.kind])
        meta = {"page": 1} if endpoint.kind == SEARCH else {}
        return self.listing_request(
            endpoint.url, callback, endpoint.channel, endpoint=endpoint.url, root=True, **meta
        )

    def robots_fetched(self, netloc: str, url: str, status: int | None, body: bytes | None,
                       error: str | None, **_: Any) -> None:  # fmt: skip
        """Keep a robots.txt the robots middleware fetched (``robots_fetched`` signal handler)."""
        self.robots_files.setdefault(netloc, RobotsFile(url, status, body, error))

    # -- the home page ------------------------------------------------------------------------

    def home_request(self) -> scrapy.Request:
        """Return the request of the outlet's home page (read for its feed links)."""
        url = home_url(self.outlet)
        self.health.register(Endpoint(url, HOME_KIND, DISCOVERY))
        return scrapy.Request(
            url, callback=self.parse_home, errback=self.on_home_error, dont_filter=True,
            priority=LISTING_PRIORITY + 1, meta={"channel": HOME_FEED, META_ENDPOINT: url},
        )  # fmt: skip

    def parse_home(self, response: Response) -> Output:
        """Yield the feeds the home page declares, then the robots.txt sitemaps."""
        home = response.request.url if response.request else response.url
        stats = self.health.register(Endpoint(home, HOME_KIND, DISCOVERY))
        stats.http_status, stats.fetched, stats.listings = response.status, True, 1
        count_endpoint(self.crawler.stats, response.meta, None, root=True)
        text = isinstance(response, TextResponse)
        feeds = home_feeds(response.body, response.url) if text else []
        stats.entries = len(feeds)
        yield from self._use_discovered(feeds, FEED, HOME_FEED, self.max_home_feeds)
        yield from self._robots_step(home)

    def on_home_error(self, failure: Failure) -> Output:
        """Record a home page that could not be read; robots.txt discovery still goes on."""
        home = failure.request.url
        reason, detail = classify_failure(failure)
        status = getattr(getattr(failure.value, "response", None), "status", None)
        self.health.failed(home, detail, status, root=True)
        self.crawler.stats.inc_value("newsarchive/discovery/home_failed")
        count_endpoint(self.crawler.stats, failure.request.meta, reason, root=True)
        if is_error(reason):
            count_error(self.crawler.stats, self.errors, home, reason, detail)
        yield from self._robots_step(home)

    # -- robots.txt ---------------------------------------------------------------------------

    def _robots_step(self, home: str) -> Output:
        """Yield the robots.txt sitemaps of the home host (fetching robots.txt only if unseen)."""
        parts = urlsplit(home)
        known = self.robots_files.get(parts.netloc)
        if known is not None:
            yield from self._robots_sitemaps(known)
            return
        yield scrapy.Request(
            f"{parts.scheme}://{parts.netloc}/robots.txt", callback=self.parse_robots,
            errback=self.on_robots_error, dont_filter=True, priority=LISTING_PRIORITY + 1,
            meta={"dont_obey_robotstxt": True, "handle_httpstatus_all": True},
        )  # fmt: skip

    def parse_robots(self, response: Response) -> Output:
        """Yield the sitemaps of a robots.txt the spider fetched itself."""
        robots = RobotsFile(response.url, response.status, response.body, None)
        yield from self._robots_sitemaps(robots)

    def on_robots_error(self, failure: Failure) -> Output:
        """Record a robots.txt that could not be fetched."""
        _, detail = classify_failure(failure)
        yield from self._robots_sitemaps(RobotsFile(failure.request.url, None, None, detail))

    def _robots_sitemaps(self, robots: RobotsFile) -> Output:
        """Yield requests for a robots.txt's ``Sitemap:`` lines worth fetching."""
        stats = self.health.register(Endpoint(robots.url, ROBOTS_KIND, DISCOVERY))
        stats.http_status, stats.error, stats.fetched = robots.status, robots.error, True
        stats.listings = 1
        sitemaps = robots_sitemaps(robots.body) if robots.status == 200 else []
        stats.entries = len(sitemaps)
        yield from self._use_discovered(sitemaps, SITEMAP, ROBOTS_SITEMAP, self.max_robots_sitemaps)

    # -- declared endpoints -------------------------------------------------------------------

    def _use_discovered(self, urls: list[str], kind: str, source: str, limit: int) -> Output:
        """Yield requests for declared endpoints worth fetching; record those left out."""
        plan = select_discovered(
            urls, kind=kind, source=source, known=list(self.health.endpoints), story=self.story,
            limit=limit, prune=self.date_pruning, owns=self.outlet.owns,
        )  # fmt: skip
        stats = self.crawler.stats
        stats.inc_value(f"newsarchive/discovered/{source}", len(plan.endpoints))
        for endpoint in plan.endpoints:
            yield self.endpoint_request(endpoint)
        for dropped in plan.dropped:
            stats.inc_value(f"newsarchive/discovered/{source}/dropped/{dropped.reason}")
            if dropped.reason == "out-of-window":
                stats.inc_value(PRUNED_STAT.format("discovered-url-date"))
                stats.inc_value(REQUESTS_SAVED_STAT)
            yield self._reject(dropped.url, dropped.reason, dropped.detail, source)


__all__ = ["DISCOVERY", "META_ROOT", "PARSERS", "RobotsFile", "SeedingMixin"]
