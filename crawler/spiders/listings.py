"""Reading listings (feeds, sitemaps, search pages) into article requests, pruning before fetch.

A listed entry is rejected unfetched only when the listing itself proves it fails the story: a
date outside the window (its listed publication date, its ``lastmod``, or a date in its URL)
or a ``none`` term in its listed title. A title that lacks the story's terms never rejects: it
only ranks (a title naming a term raises the request's priority).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy.http import Response

from crawler.discovery.entries import SITEMAP, Entry, Listing
from crawler.discovery.feeds import parse_feed
from crawler.discovery.links import parse_links
from crawler.discovery.sitemaps import parse_sitemap
from crawler.discovery.urldates import article_span, sitemap_spans
from crawler.health import META_ENDPOINT
from crawler.outcome import count_endpoint
from crawler.reasons import MALFORMED_LISTING
from crawler.relevance import OFF_TOPIC, OUT_OF_WINDOW
from crawler.spiders.failures import OFFSITE, classify_failure
from crawler.spiders.items import PageItem, Rejected

if TYPE_CHECKING:
    from twisted.python.failure import Failure

#: Rejection of a link page with more candidate links than NEWSARCHIVE_MAX_LINKS_PER_LISTING.
TOO_MANY_LINKS = "too-many-links"
#: Priority of listing requests over article requests (discover early, fetch steadily).
LISTING_PRIORITY = 10
#: Extra priority for a candidate whose listed title names a story term.
TITLE_MATCH_PRIORITY = 5
#: Request meta key: True on an endpoint's own request (False on its children and next pages).
META_ROOT = "root"
#: Statistics of what date pruning skipped (each skip is one request saved).
PRUNED_STAT = "newsarchive/pruned/{}"
REQUESTS_SAVED_STAT = "newsarchive/pruned/requests_saved"

Output = Iterator[scrapy.Request | PageItem | Rejected]


class ListingsMixin:
    """The listing callbacks of :class:`crawler.spiders.outlet.OutletSpider`."""

    # Set by the spider: outlet, story, relevance, health, crawler, max_links, search_depth,
    # date_pruning; and _reject().
    if TYPE_CHECKING:
        from crawler.config import Outlet, Story
        from crawler.health import EndpointTracker
        from crawler.relevance import Relevance

        outlet: Outlet
        story: Story
        relevance: Relevance
        health: EndpointTracker
        crawler: Any
        max_links: int
        search_depth: int
        date_pruning: bool

        def _reject(self, url: str, reason: str, detail: str, channel: str | None) -> Rejected: ...
        def parse_article(self, response: Response) -> Output: ...
        def on_error(self, failure: Failure) -> Output: ...

    def listing_request(
        self, url: str, callback: Any, channel: str, *, endpoint: str, root: bool, **meta: Any
    ) -> scrapy.Request:
        """Return a request for a listing reached through ``endpoint``."""
        return scrapy.Request(
            url, callback=callback, errback=self.on_listing_error, priority=LISTING_PRIORITY,
            meta={"channel": channel, META_ENDPOINT: endpoint, META_ROOT: root, **meta},
        )  # fmt: skip

    def note_listing(self, response: Response, listing: Listing) -> None:
        """Record a fetched listing and its entries in the endpoint's health."""
        meta = response.meta
        root = bool(meta.get(META_ROOT))
        self.health.answered(meta.get(META_ENDPOINT), response.status, root=root)
        self.health.listed(meta.get(META_ENDPOINT), listing, root=root)
        unread = listing.problem == "malformed" and not listing.entries
        count_endpoint(self.crawler.stats, meta, MALFORMED_LISTING if unread else None, root=root)

    def on_listing_error(self, failure: Failure) -> Output:
        """Record a listing that could not be fetched, as a rejection and in endpoint health."""
        request = failure.request
        reason, detail = classify_failure(failure)
        response = getattr(failure.value, "response", None)
        status = getattr(response, "status", None)
        root = bool(request.meta.get(META_ROOT))
        self.health.failed(request.meta.get(META_ENDPOINT), detail, status, root=root)
        count_endpoint(self.crawler.stats, request.meta, reason, root=root)
        yield self._reject(request.url, reason, detail, request.meta.get("channel"))

    # -- listings ---------------------------------------------------------------------------

    def parse_feed(self, response: Response) -> Output:
        """Yield article requests for a feed's items (dated items outside the window rejected)."""
        listing = parse_feed(response.body, response.url)
        self.note_listing(response, listing)
        yield from self._follow(listing, response, response.meta.get("channel", "feed"))

    def parse_sitemap(self, response: Response) -> Output:
        """Yield child sitemaps (skipping those dated or last modified before the window), pages."""
        listing = parse_sitemap(response.body, response.url)
        self.note_listing(response, listing)
        channel = response.meta.get("channel", "sitemap")
        children = [e for e in listing.entries if e.kind == SITEMAP]
        yield from self._children(children, response, channel)
        pages = Listing([e for e in listing.entries if e.kind != SITEMAP], problem=listing.problem)
        if channel == "sitemap" and listing.is_news:
            channel = "news-sitemap"
        yield from self._follow(pages, response, channel)

    def _children(self, children: list[Entry], response: Response, channel: str) -> Output:
        """Yield the child sitemaps of an index worth fetching; record those skipped by date."""
        stats = self.crawler.stats
        spans = sitemap_spans([c.url for c in children]) if self.date_pruning else []
        for index, entry in enumerate(children):
            span = spans[index] if spans else None
            if self.relevance.modified_before_window(entry.lastmod):
                stats.inc_value("newsarchive/sitemaps/skipped_by_lastmod")
                detail = f"child sitemap last modified {entry.lastmod:%Y-%m-%d}, before the window"
                yield self._reject(entry.url, OUT_OF_WINDOW, detail, channel)
            elif span is not None and self.relevance.span_out_of_window(span):
                self._count_pruned("sitemap-url-date")
                detail = f"child sitemap named for {span.describe()} ({span.evidence!r})"
                yield self._reject(entry.url, OUT_OF_WINDOW, detail, channel)
            else:
                yield self.listing_request(
                    entry.url, self.parse_sitemap, channel,
                    endpoint=response.meta.get(META_ENDPOINT, response.url), root=False,
                )  # fmt: skip

    def _count_pruned(self, what: str) -> None:
        """Count one request saved by date pruning."""
        self.crawler.stats.inc_value(PRUNED_STAT.format(what))
        self.crawler.stats.inc_value(REQUESTS_SAVED_STAT)

    def parse_search(self, response: Response) -> Output:
        """Yield result articles and the next results page, up to the configured depth."""
        listing = parse_links(response.body, response.url, self.outlet.owns)
        self.note_listing(response, listing)
        yield from self._capped(listing, response, "search")
        yield from self._follow(listing, response, "search")
        page = response.meta.get("page", 1)
        if listing.next_page and page < self.search_depth:
            yield self.listing_request(
                listing.next_page, self.parse_search, "search", page=page + 1, root=False,
                endpoint=response.meta.get(META_ENDPOINT, response.url),
            )  # fmt: skip

    def _capped(self, listing: Listing, response: Response, channel: str) -> Output:
        """Keep a link page's first ``max_links`` candidates; record a page that had more."""
        found = len(listing.entries)
        if found > self.max_links:
            del listing.entries[self.max_links :]
            detail = f"kept the first {self.max_links} of {found} links"
            yield self._reject(response.url, TOO_MANY_LINKS, detail, channel)

    def _follow(self, listing: Listing, response: Response, channel: str) -> Output:
        """Yield requests or rejections for a listing's pages; count an empty/bad listing."""
        if listing.problem:
            kind = response.meta.get("channel", channel)
            self.crawler.stats.inc_value(f"newsarchive/listing/{listing.problem}/{kind}")
            if listing.problem == "malformed" or not listing.entries:
                yield self._reject(response.url, f"{listing.problem}-listing", kind, kind)
        endpoint = response.meta.get(META_ENDPOINT, response.url)
        for entry in listing.entries:
            self.crawler.stats.inc_value(f"newsarchive/candidates/{channel}")
            yield self._candidate(entry, channel, endpoint)

    def _candidate(self, entry: Entry, channel: str, endpoint: str) -> scrapy.Request | Rejected:
        """Return the article request for a listed page, or why the listing proves it fails."""
        if not self.outlet.owns(entry.url):
            return self._reject(entry.url, OFFSITE, "listed link on another site", channel)
        why = self._listed_out_of_window(entry)
        if why:
            return self._reject(entry.url, OUT_OF_WINDOW, why, channel)
        excluded = self.relevance.title_excludes(entry.title)
        if excluded:
            detail = f"listed title names the excluded term {excluded!r}: {entry.title!r}"
            return self._reject(entry.url, OFF_TOPIC, detail, channel)
        priority = TITLE_MATCH_PRIORITY if self.relevance.title_matches(entry.title) else 0
        return scrapy.Request(
            entry.url, callback=self.parse_article, errback=self.on_error, priority=priority,
            meta={"channel": channel, META_ENDPOINT: endpoint},
        )  # fmt: skip

    def _listed_out_of_window(self, entry: Entry) -> str | None:
        """Return the evidence that a listed page lies outside the window, or None."""
        listed = entry.published or None
        if self.relevance.listing_out_of_window(listed):
            return f"listed {listed.isoformat()}"
        if self.relevance.modified_before_window(entry.lastmod):
            return f"lastmod {entry.lastmod}"
        if self.date_pruning and listed is None:
            span = article_span(entry.url)
            if span is not None and self.relevance.span_out_of_window(span):
                self._count_pruned("article-url-date")
                return f"URL dated {span.describe()} ({span.evidence!r})"
        return None
