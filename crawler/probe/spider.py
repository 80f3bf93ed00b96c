"""The probe spider: fetches each endpoint of an outlet once and reports what it answered.

It is the crawl's own spider with one change: an endpoint's response is parsed and measured
(kind, entries, dates) but nothing is followed. Seeding, template expansion, robots.txt and
home-page discovery, robots.txt obedience, throttling and the User-Agent are the crawl's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler.discovery.endpoints import FEED, SITEMAP, Endpoint
from crawler.discovery.entries import Listing
from crawler.discovery.feeds import parse_feed
from crawler.discovery.links import parse_links
from crawler.discovery.sitemaps import parse_sitemap
from crawler.health import META_ENDPOINT
from crawler.spiders.failures import ROBOTS, classify_failure
from crawler.spiders.items import Rejected
from crawler.spiders.listings import LISTING_PRIORITY, META_ROOT
from crawler.spiders.outlet import OutletSpider


class ProbeSpider(OutletSpider):
    """Reads every endpoint of ``outlet`` once: status, kind, entries, dates, robots verdict."""

    name = "probe"

    def configure(self, crawler: Any) -> None:
        """Set up the crawl spider's state plus what the probe reports."""
        super().configure(crawler)
        self.blocked: set[str] = set()
        self.dropped: list[Rejected] = []

    def endpoint_request(self, endpoint: Endpoint) -> scrapy.Request:
        """Return the request of an endpoint, answered by :meth:`parse_probe`."""
        self.health.register(endpoint)
        return scrapy.Request(
            endpoint.url, callback=self.parse_probe, errback=self.on_probe_error,
            priority=LISTING_PRIORITY, dont_filter=True,
            meta={"channel": endpoint.channel, META_ENDPOINT: endpoint.url, META_ROOT: True},
        )  # fmt: skip

    def parse_probe(self, response: Response) -> Iterator[Any]:
        """Measure an endpoint's response; follow nothing."""
        stats = self.health.endpoints.get(response.meta.get(META_ENDPOINT, ""))
        kind = stats.endpoint.kind if stats else FEED
        self.note_listing(response, _parse(kind, response, self.outlet.owns))
        return iter(())

    def on_probe_error(self, failure: Failure) -> Iterator[Any]:
        """Record an endpoint that could not be fetched (robots.txt refusals noted apart)."""
        request = failure.request
        reason, detail = classify_failure(failure)
        if reason == ROBOTS:
            self.blocked.add(request.url)
        status = getattr(getattr(failure.value, "response", None), "status", None)
        self.health.failed(request.meta.get(META_ENDPOINT), detail, status, root=True)
        return iter(())

    def _reject(self, url: str, reason: str, detail: str, channel: str | None) -> Rejected:
        """Keep what seeding and discovery left out, for the report."""
        rejected = super()._reject(url, reason, detail, channel)
        self.dropped.append(rejected)
        return rejected


def _parse(kind: str, response: Response, owns: Any) -> Listing:
    """Return the listing an endpoint's response holds, read as its kind says."""
    if kind == FEED:
        return parse_feed(response.body, response.url)
    if kind == SITEMAP:
        return parse_sitemap(response.body, response.url)
    if not isinstance(response, TextResponse):
        return Listing(problem="malformed")
    return parse_links(response.body, response.url, owns)
