"""The config-driven spider: one outlet's feeds, sitemaps, search pages and seeds to articles."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import quote_plus

import scrapy
from scrapy.http import Response, TextResponse

from crawler.config import Outlet, Story, resolve_story
from crawler.discovery.entries import SITEMAP, Entry, Listing
from crawler.discovery.feeds import parse_feed
from crawler.discovery.links import parse_links
from crawler.discovery.sitemaps import parse_sitemap
from crawler.extract import extract_article
from crawler.middlewares.warc import META_FETCHED, META_FILE, META_RECORD
from crawler.relevance import OFF_TOPIC, OUT_OF_WINDOW, Relevance
from crawler.spiders.failures import OFFSITE, classify_failure
from crawler.spiders.items import PageItem, Rejected
from crawler.spiders.responses import captured_at, header

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from twisted.python.failure import Failure

NOT_ARTICLE, EXTRACT_ERROR = "not-article", "extract-error"
#: Rejection of a link page with more candidate links than NEWSARCHIVE_MAX_LINKS_PER_LISTING.
TOO_MANY_LINKS = "too-many-links"
#: Priority of listing requests over article requests (discover early, fetch steadily).
LISTING_PRIORITY = 10
#: Extra priority for a candidate whose listed title matches the story.
TITLE_MATCH_PRIORITY = 5

Output = Iterator[scrapy.Request | PageItem | Rejected]


class OutletSpider(scrapy.Spider):
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
        settings = crawler.settings
        spider.search_depth = spider.outlet.search_pages or settings.getint(
            "NEWSARCHIVE_SEARCH_PAGES", 3
        )
        spider.title_prefilter = settings.getbool("NEWSARCHIVE_NEWS_TITLE_PREFILTER", True)
        spider.max_links = settings.getint("NEWSARCHIVE_MAX_LINKS_PER_LISTING", 1000)
        spider.errors = []
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """Yield the outlet's seed requests: feeds, sitemaps, search pages, start URLs."""
        for request in self.seed_requests():
            yield request

    def seed_requests(self) -> list[scrapy.Request]:
        """Return one request per configured discovery endpoint."""
        query = quote_plus(self.story.search_query)
        outlet = self.outlet
        return [
            *(self._listing(url, self.parse_feed, "feed") for url in outlet.feeds),
            *(self._listing(url, self.parse_sitemap, "sitemap") for url in outlet.sitemaps),
            *(
                self._listing(url.replace("{query}", query), self.parse_search, "search", page=1)
                for url in outlet.search
            ),
            *(self._listing(url, self.parse_start, "start_url") for url in outlet.start_urls),
        ]

    def _listing(self, url: str, callback: Any, channel: str, **meta: Any) -> scrapy.Request:
        """Return a request for a listing (feed, sitemap, search or seed page)."""
        return scrapy.Request(
            url, callback=callback, errback=self.on_error, priority=LISTING_PRIORITY,
            meta={"channel": channel, **meta},
        )  # fmt: skip

    # -- listings ---------------------------------------------------------------------------

    def parse_feed(self, response: Response) -> Output:
        """Yield article requests for a feed's items (dated items outside the window rejected)."""
        listing = parse_feed(response.body, response.url)
        yield from self._follow(listing, response, "feed")

    def parse_sitemap(self, response: Response) -> Output:
        """Yield child sitemaps (skipping those last modified before the window) or articles."""
        listing = parse_sitemap(response.body, response.url)
        stats = self.crawler.stats
        for entry in listing.entries:
            if entry.kind != SITEMAP:
                continue
            if self.relevance.modified_before_window(entry.lastmod):
                stats.inc_value("newsarchive/sitemaps/skipped_by_lastmod")
                continue
            yield self._listing(entry.url, self.parse_sitemap, "sitemap")
        pages = Listing([e for e in listing.entries if e.kind != SITEMAP], problem=listing.problem)
        yield from self._follow(pages, response, "news-sitemap" if listing.is_news else "sitemap")

    def parse_search(self, response: Response) -> Output:
        """Yield result articles and the next results page, up to the configured depth."""
        listing = parse_links(response.body, response.url, self.outlet.owns)
        yield from self._capped(listing, response, "search")
        yield from self._follow(listing, response, "search")
        page = response.meta.get("page", 1)
        if listing.next_page and page < self.search_depth:
            yield self._listing(listing.next_page, self.parse_search, "search", page=page + 1)

    def parse_start(self, response: Response) -> Output:
        """Handle a seed URL: an article is stored, any other page is read as a listing."""
        if not isinstance(response, TextResponse):
            return
        fields = self._extract(response)
        if fields.get("is_article") and fields.get("body"):
            yield self._page_item(response, fields)
            return
        listing = parse_links(response.body, response.url, self.outlet.owns)
        yield from self._capped(listing, response, "start_url")
        yield from self._follow(listing, response, "start_url")

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
        for entry in listing.entries:
            self.crawler.stats.inc_value(f"newsarchive/candidates/{channel}")
            yield self._candidate(entry, channel)

    def _candidate(self, entry: Entry, channel: str) -> scrapy.Request | Rejected:
        """Return the article request for a listed page, or why it is rejected unfetched."""
        if not self.outlet.owns(entry.url):
            return self._reject(entry.url, OFFSITE, "listed link on another site", channel)
        listed = entry.published or None
        if self.relevance.listing_out_of_window(listed):
            return self._reject(entry.url, OUT_OF_WINDOW, f"listed {listed.isoformat()}", channel)
        if self.relevance.modified_before_window(entry.lastmod):
            return self._reject(entry.url, OUT_OF_WINDOW, f"lastmod {entry.lastmod}", channel)
        title_match = self.relevance.title_may_match(entry.title)
        if channel == "news-sitemap" and self.title_prefilter and not title_match:
            return self._reject(entry.url, OFF_TOPIC, f"news:title {entry.title!r}", channel)
        priority = TITLE_MATCH_PRIORITY if entry.title and title_match else 0
        return scrapy.Request(
            entry.url, callback=self.parse_article, errback=self.on_error, priority=priority,
            meta={"channel": channel},
        )  # fmt: skip

    # -- articles ---------------------------------------------------------------------------

    def parse_article(self, response: Response) -> Output:
        """Yield the extracted article, or a not-article rejection."""
        channel = response.meta.get("channel", "link")
        if not isinstance(response, TextResponse):
            yield self._reject(response.url, NOT_ARTICLE, "not a text response", channel)
            return
        try:
            fields = self._extract(response)
        except Exception as exc:  # one broken page never stops the crawl
            self.errors.append(f"{response.url}: extraction failed: {exc!r}")
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
            fetched_at=meta.get(META_FETCHED),
        )  # fmt: skip

    def on_error(self, failure: Failure) -> Output:
        """Yield the rejection for a failed request (robots, not in capture, HTTP error...)."""
        request = failure.request
        reason, detail = classify_failure(failure)
        yield self._reject(request.url, reason, detail, request.meta.get("channel"))

    def _reject(self, url: str, reason: str, detail: str, channel: str | None) -> Rejected:
        """Return a rejection item for ``url``."""
        return Rejected(
            url=url, outlet=self.outlet.key, story=self.story.key, reason=reason,
            detail=detail, channel=channel,
        )  # fmt: skip
