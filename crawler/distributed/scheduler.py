"""The scrapy-redis scheduler with leases: a popped request stays leased until it is finished.

The queue is scrapy-redis's priority queue (a sorted set), popped through
:meth:`Frontier.pop`, which moves the request into this worker's in-flight hash in the same
atomic step. The lease id travels in ``request.meta``; the coordinator releases it once the
scraper has finished the response (children scheduled, items stored). A request that comes
back to the scheduler still carrying a lease (a retry, a redirect) is pushed first and then its
old lease is released, so the work is never outside Redis.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.utils.misc import load_object
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from crawler.distributed.coordinator import LEASE_META, WorkerCoordinator
from crawler.scrapy_compat import decode_request

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

    from crawler.distributed.frontier import Frontier

logger = logging.getLogger(__name__)


class LeasedPriorityQueue(PriorityQueue):
    """scrapy-redis's priority queue whose pop leases the request to this worker."""

    def __init__(self, frontier: Frontier, spider: Spider, serializer: Any = None) -> None:
        super().__init__(frontier.server, spider, frontier.keys.queue, serializer=serializer)
        self.frontier = frontier

    def push(self, request: Request) -> None:
        """Add ``request`` to the shared frontier (without any lease it carried)."""
        request.meta.pop(LEASE_META, None)
        super().push(request)

    def pop(self, timeout: int = 0) -> Request | None:
        """Return the best-priority request, leased to this worker, or None."""
        leased = self.frontier.pop()
        if leased is None:
            return None
        lease_id, data = leased
        try:
            request = decode_request(self, data)
        except Exception:  # an undecodable entry must not hold a lease forever
            logger.exception("dropping an undecodable request from %s", self.key)
            self.frontier.release(lease_id)
            return None
        request.meta[LEASE_META] = lease_id
        return request


class DistributedScheduler(Scheduler):
    """SCHEDULER for workers sharing one frontier; it never flushes the shared state."""

    crawler: Crawler
    frontier: Frontier

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Return the scheduler of ``crawler`` (needs the WorkerCoordinator extension)."""
        instance = super().from_crawler(crawler)
        instance.crawler = crawler
        return instance

    def open(self, spider: Spider) -> None:
        """Attach to the spider's shared frontier and duplicate filter."""
        self.spider = spider
        self.frontier = WorkerCoordinator.of(self.crawler).frontier
        self.queue = LeasedPriorityQueue(self.frontier, spider, serializer=self.serializer)
        if not self.df:
            self.df = load_object(self.dupefilter_cls).from_spider(spider)
        pending = len(self.queue)
        if pending:
            logger.info("joining crawl: %d requests in the shared frontier", pending)

    def close(self, reason: str) -> None:
        """Keep the frontier and filter for the other workers (leases go back on spider close)."""

    def enqueue_request(self, request: Request) -> bool:
        """Push ``request`` unless seen; a lease it carried is released after the push."""
        lease_id = request.meta.pop(LEASE_META, None)
        try:
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                return False
            self.queue.push(request)
            if self.stats:
                self.stats.inc_value("scheduler/enqueued/redis")
            return True
        finally:
            if lease_id:
                self.frontier.release(lease_id)

    def next_request(self) -> Request | None:
        """Return the next request of the shared frontier, leased to this worker."""
        request = self.queue.pop()
        if request is not None and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request
