"""Exactly one worker seeds discovery: the others wait for the frontier instead.

A spider middleware (``process_start``) around the spider's seed requests (feeds, sitemaps,
search pages, start URLs). Each worker asks Redis for the seed claim (``SET NX`` with a lease,
per crawl id and outlet); the winner yields the seeds into the shared frontier and then marks
the outlet seeded, the others wait for that mark and then crawl the frontier. If the seeding
worker dies before finishing, its claim lapses and another worker seeds; seeds already in the
frontier are dropped by the shared duplicate filter.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import sleep

from crawler.distributed.coordinator import WorkerCoordinator
from crawler.distributed.frontier import CLAIMED, SEEDED

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class SeedOnceMiddleware:
    """Spider middleware: only the worker holding the seed claim yields the start requests."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.poll_s = crawler.settings.getfloat("NEWSARCHIVE_POLL_S")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Return the middleware, or NotConfigured when the crawl is not distributed."""
        if not crawler.settings.get("NEWSARCHIVE_REDIS_URL"):
            raise NotConfigured
        return cls(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """Yield the spider's seeds if this worker wins the claim; nothing otherwise."""
        frontier = WorkerCoordinator.of(self.crawler).frontier
        stats = self.crawler.stats
        while (verdict := frontier.claim_seeding()) not in (CLAIMED, SEEDED):
            await sleep(self.poll_s)
        if verdict == SEEDED:
            stats.set_value("newsarchive/distributed/seeded_here", 0)
            return
        logger.info("this worker seeds %s", frontier.keys.prefix)
        async for item_or_request in start:
            yield item_or_request
        frontier.mark_seeded()
        stats.set_value("newsarchive/distributed/seeded_here", 1)
