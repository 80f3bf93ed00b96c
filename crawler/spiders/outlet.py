"""The config-driven spider: one outlet's feeds, sitemaps, search pages and seeds to articles."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy import signals
from scrapy.http import Response, TextResponse

from crawler.config import Outlet, Story, resolve_story
from crawler.config.outlets import parse_archives
from crawler.discovery.links import parse_links
from crawler.extract import extract_article
from crawler.health import META_ENDPOINT, EndpointTracker
from crawler.middlewares.warc import META_FETCHED, META_FILE, META_RECORD
from crawler.outcome import count_endpoint, count_error
from crawler.reasons import EXTRACT_ERROR, NOT_ARTICLE, SPIDER_ERROR
from crawler.relevance import Relevance
from crawler.signals import article_stored, robots_fetched
from crawler.spiders.failures import classify_failure
from crawler.spiders.items import PageItem, Rejected
from crawler.spiders.listings import META_ROOT, ListingsMixin
from crawler.spiders.responses import captured_at, header
from crawler.spiders.seeding import SeedingMixin

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from twisted.python.failure import Failure

__all__ = ["EXTRACT_ERROR", "NOT_ARTICLE", "OutletSpider"]

Output = Iterator[scrapy.Request | PageItem | Rejected]


class OutletSpider(ListingsMixin, SeedingMixin, scrapy.Spider):
    """Crawls one outlet (``outlet`` is set on the per-outlet subclass by the spider loader)."""

    name = "outlet"
    outlet: Outlet

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> OutletSpider:
        """Return the spider with its story (``-a story=FILE|KEY``) and settings resolved."""
        story = kwargs.pop("story", None) or crawler.settings.get("NEWSARCHIVE_STORY")
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.story = story if isinstance(story, Story) else resolve_story(story)
        spider.relevance = Relevance(spider.story)
        spider.configure(crawler)
        return spider

    def configure(self, crawler: Crawler) -> None:
        """Read the crawl settings and connect the spider's signal handlers."""
        settings = crawler.settings
        default_depth = settings.getint("NEWSARCHIVE_SEARCH_PAGES")
        self.search_depth = self.outlet.search_pages or default_depth
        self.max_links = settings.getint("NEWSARCHIVE_MAX_LINKS_PER_LISTING")
        self.date_pruning = settings.getbool("NEWSARCHIVE_DATE_PRUNING")
        self.discovery_enabled = settings.getbool("NEWSARCHIVE_DISCOVERY")
        self.max_template_urls = settings.getint("NEWSARCHIVE_MAX_TEMPLATE_URLS")
        self.max_robots_sitemaps = settings.getint("NEWSARCHIVE_MAX_ROBOTS_SITEMAPS")
        self.max_home_feeds = settings.getint("NEWSARCHIVE_MAX_HOME_FEEDS")
        # Web-archive index discovery (the outlet's ``archives`` plus ``--archives``): validated
        # here, used by the archive-index endpoint source once it lands (design.md).
        self.web_archives = tuple(
            dict.fromkeys(
                self.outlet.archives + parse_archives(settings.get("NEWSARCHIVE_ARCHIVES"))
            )
        )
        self.errors: list[str] = []
        self.health = EndpointTracker(self.outlet.key, self.story)
        self.robots_files = {}
        crawler.signals.connect(self.robots_fetched, signal=robots_fetched)
        crawler.signals.connect(self.health.article_stored, signal=article_stored)
        crawler.signals.connect(self.on_spider_error, signal=signals.spider_error)

    async def start(self) -> AsyncIterator[scrapy.Request | Rejected]:
        """Yield the outlet's seeds: configured endpoints, rejections, the discovery reads."""
        for request in self.seed_requests():
            yield request

    def parse_start(self, response: Response) -> Output:
        """Handle a seed URL: an article is stored, any other page is read as a listing."""
        root = bool(response.meta.get(META_ROOT))
        if not isinstance(response, TextResponse):
            count_endpoint(self.crawler.stats, response.meta, None, root=root)
            return
        fields = self._extract(response)
        if fields.get("is_article") and fields.get("body"):
            self.health.answered(response.meta.get(META_ENDPOINT), response.status, root=True)
            count_endpoint(self.crawler.stats, response.meta, None, root=root)
            yield self._page_item(response, fields)
            return
        listing = parse_links(response.body, response.url, self.outlet.owns)
        self.note_listing(response, listing)
        yield from self._capped(listing, response, "start_url")
        yield from self._follow(listing, response, "start_url")

    # -- articles ---------------------------------------------------------------------------

    def parse_article(self, response: Response) -> Output:
        """Yield the extracted article, or a not-article rejection."""
        channel = response.meta.get("channel", "link")
        if not isinstance(response, TextResponse):
            yield self._reject(response.url, NOT_ARTICLE, "not a text response", channel)
            return
        try:
            fields = self._extract(response)
        except Exception as exc:  # one broken page never stops the crawl (the store counts it)
            yield self._reject(response.url, EXTRACT_ERROR, repr(exc)[:500], channel)
            return
        if not fields.get("is_article") or not fields.get("body"):
            problems = fields.get("problems") or []
            detail = "; ".join(p["message"] for p in problems) or "no article body"
            yield self._reject(response.url, NOT_ARTICLE, detail, channel)
            return
        yield self._page_item(response, fields)

    def _extract(self, response: Response) -> dict[str, Any]:
        """Return the extracted fields of a page of this outlet, read with its page object
        (the design it served when the page was fetched)."""
        when = captured_at(response)
        return extract_article(response.body, response.url, self.outlet, captured_at=when)

    def _page_item(self, response: Response, fields: dict[str, Any]) -> PageItem:
        """Return the pipeline item for an extracted page with its fetch facts."""
        headers = response.headers
        meta = response.meta
        return PageItem(
            url=response.url, outlet=self.outlet.key, story=self.story.key,
            channel=meta.get("channel", "link"), fields=fields, http_status=response.status,
            etag=header(headers, b"ETag"), last_modified=header(headers, b"Last-Modified"),
            capture_file=meta.get(META_FILE), capture_record_id=meta.get(META_RECORD),
            fetched_at=meta.get(META_FETCHED), endpoint=meta.get(META_ENDPOINT),
        )  # fmt: skip

    def on_error(self, failure: Failure) -> Output:
        """Yield the rejection for a failed request (robots, not in capture, HTTP error...)."""
        request = failure.request
        reason, detail = classify_failure(failure)
        yield self._reject(request.url, reason, detail, request.meta.get("channel"))

    def on_spider_error(
        self, failure: Failure, response: Response | Failure, spider: scrapy.Spider
    ) -> None:
        """Count a callback or errback that raised as an error (an endpoint's own: it failed)."""
        if spider is not self:
            return
        request = getattr(response, "request", None) or getattr(failure, "request", None)
        if request is not None:
            root = bool(request.meta.get(META_ROOT))
            count_endpoint(self.crawler.stats, request.meta, SPIDER_ERROR, root=root)
        url = request.url if request is not None else "?"
        detail = f"{failure.type.__name__}: {failure.getErrorMessage()}"[:500]
        count_error(self.crawler.stats, self.errors, url, SPIDER_ERROR, detail)

    def _reject(self, url: str, reason: str, detail: str, channel: str | None) -> Rejected:
        """Return a rejection item for ``url``."""
        return Rejected(
            url=url, outlet=self.outlet.key, story=self.story.key, reason=reason,
            detail=detail, channel=channel,
        )  # fmt: skip
