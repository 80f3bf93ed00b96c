"""The worker's side of a shared crawl: heartbeat, lease release, reclaim, and when to stop.

A Scrapy extension (``EXTENSIONS``) enabled by the distributed add-on. Per spider it

- renews this worker's lease every ``NEWSARCHIVE_HEARTBEAT_S`` and, then and whenever it is idle,
  hands the leases of lapsed workers (killed, frozen) back to the frontier, logging each;
- releases a request's lease once Scrapy's scraper has finished its response or failure (the
  callback's requests are in the frontier and its items stored by then) and every item
  pipeline with a ``flush()`` has written what it buffered (a lease is never released before
  its work is durable: see :class:`crawler.pipelines.base.BufferingPipeline`);
- keeps an idle worker open while the shared crawl is not done (requests queued, or leased to
  another worker who may still find more), so each worker exits when the crawl is done;
- on close, gives back any lease still held (a worker stopped with Ctrl-C loses nothing).
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.asyncio import create_looping_call
from scrapy_redis.connection import get_redis_from_settings

from crawler import scrapy_compat
from crawler.distributed.frontier import DONE, Frontier
from crawler.distributed.keys import CrawlKeys
from crawler.distributed.settings import worker_count
from crawler.pipelines.base import flush_pipelines

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Self

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
#: request.meta key of the lease (shared with the scheduler, which sets it).
LEASE_META = "newsarchive_lease"


def new_worker_id() -> str:
    """Return a worker id unique across machines: host, pid and a random suffix."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


class WorkerCoordinator:
    """Extension keeping one worker in step with the others on a shared frontier."""

    def __init__(self, crawler: Crawler, frontier: Frontier) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.frontier = frontier
        self.workers_expected = worker_count(settings)
        self.heartbeat_s = settings.getfloat("NEWSARCHIVE_HEARTBEAT_S")
        self.poll_s = settings.getfloat("NEWSARCHIVE_POLL_S")
        self._beat_loop: Any = None
        self._warned_workers = 0
        self._pipelines: list[Any] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Return the coordinator, or NotConfigured when the crawl is not distributed."""
        settings = crawler.settings
        if not settings.get("NEWSARCHIVE_REDIS_URL"):
            raise NotConfigured
        keys = CrawlKeys(settings.get("NEWSARCHIVE_CRAWL_ID"), crawler.spidercls.name)
        frontier = Frontier(
            get_redis_from_settings(settings), keys, new_worker_id(),
            lease_s=settings.getfloat("NEWSARCHIVE_LEASE_S"),
            ttl_s=settings.getint("NEWSARCHIVE_REDIS_TTL_S"),
        )  # fmt: skip
        coordinator = cls(crawler, frontier)
        crawler.signals.connect(coordinator.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(coordinator.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(coordinator.spider_closed, signal=signals.spider_closed)
        return coordinator

    @classmethod
    def of(cls, crawler: Crawler) -> WorkerCoordinator:
        """Return ``crawler``'s coordinator; RuntimeError when the extension is not enabled."""
        coordinator = crawler.get_extension(cls)
        if coordinator is None:
            raise RuntimeError(
                "the distributed scheduler needs the WorkerCoordinator extension: enable the "
                "add-on crawler.distributed.DistributedCrawl with NEWSARCHIVE_REDIS_URL set"
            )
        return coordinator

    def spider_opened(self, spider: Spider) -> None:
        """Join the crawl: register, hook the scraper, poll the frontier, start beating."""
        self.beat()
        self.attach(self.crawler.engine, scrapy_compat.item_pipelines(self.crawler))
        self.crawler.stats.set_value("newsarchive/distributed/worker", self.frontier.worker)
        self._beat_loop = create_looping_call(self.beat)
        self._beat_loop.start(self.heartbeat_s, now=False)

    def attach(self, engine: Any, pipelines: Iterable[Any]) -> None:
        """Hook the engine: release leases when the scraper finishes, flush, poll sooner."""
        scrapy_compat.on_request_finished(engine, self.finished)
        self._pipelines = list(pipelines)
        # The engine looks at its scheduler once per heartbeat (5 s) when it has nothing to
        # do; a worker waiting on others' discoveries should look sooner.
        scrapy_compat.set_idle_poll_interval(engine, self.poll_s)

    def beat(self) -> None:
        """Renew this worker's lease and reclaim lapsed workers' requests (errors logged)."""
        try:
            live = self.frontier.heartbeat()
            self.reclaim()
        except Exception:  # Redis hiccup: the next beat tries again
            logger.exception("heartbeat to the shared frontier failed")
            return
        if live > self.workers_expected and live > self._warned_workers:
            self._warned_workers = live
            logger.warning(
                "%d live workers but NEWSARCHIVE_WORKERS=%d: per-domain politeness is exceeded",
                live, self.workers_expected,
            )  # fmt: skip

    def reclaim(self) -> int:
        """Return how many requests of lapsed workers this worker handed back (each logged)."""
        moved = self.frontier.reclaim()
        for worker, count in moved.items():
            logger.warning(
                "handed %d requests of a lapsed worker back to the frontier (worker %s)",
                count, worker,
            )  # fmt: skip
            self.crawler.stats.inc_value("newsarchive/distributed/reclaimed", count)
        return sum(moved.values())

    def finished(self, request: Request) -> None:
        """Release the lease of a request the scraper has finished."""
        lease_id = request.meta.pop(LEASE_META, None)
        if not lease_id:
            return
        # A buffered write lost with this worker would not be redone by the one that takes the
        # request over: it would find the request's children already in the shared filter.
        self.flush()
        try:
            released = self.frontier.release(lease_id)
        except Exception:  # the lease lapses and the request is crawled again: no loss
            logger.exception("could not release the lease of %s", request.url)
            return
        if released:
            self.crawler.stats.inc_value("newsarchive/distributed/finished")

    def flush(self) -> None:
        """Write what the item pipelines buffered (errors logged: like a failed store)."""
        flush_pipelines(self._pipelines)

    def spider_idle(self, spider: Spider) -> None:
        """Stay open (DontCloseSpider) until the shared crawl is done.

        An idle worker polls more often than it beats, so it is usually the one to find a
        lapsed worker: it reclaims through :meth:`reclaim` too, so the hand-back is reported.
        """
        self.reclaim()
        state = self.frontier.state()
        if state != DONE:
            raise DontCloseSpider(f"shared crawl {state}")

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Leave the crawl: stop beating and give back any request still leased."""
        if self._beat_loop is not None and self._beat_loop.running:
            self._beat_loop.stop()
        returned = self.frontier.leave()
        if returned:
            logger.warning("closing (%s): gave %d leased requests back", reason, returned)
            self.crawler.stats.set_value("newsarchive/distributed/handed_back", returned)
