"""The Scrapy add-on that turns a crawl into one worker of a distributed crawl.

Listed in ``ADDONS``; it does nothing unless ``NEWSARCHIVE_REDIS_URL`` is set. Then it swaps in
scrapy-redis's scheduler (with leases) and a Redis duplicate filter keyed by our canonical-URL
fingerprint, under keys named by ``NEWSARCHIVE_CRAWL_ID``, enables the coordinator extension and
the seed-once middleware, and gives this worker its share of the per-domain politeness budget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.utils.misc import load_object

from crawler.distributed.keys import check_crawl_id
from crawler.distributed.settings import default_crawl_id, polite_settings, worker_count

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

#: The priority at which the add-on's settings are written (above the project's, so they win).
_ADDON_PRIORITY = 25
COMPONENTS = {
    "EXTENSIONS": ("crawler.distributed.coordinator.WorkerCoordinator", 0),
    "SPIDER_MIDDLEWARES": ("crawler.distributed.seeding.SeedOnceMiddleware", 0),
}


def _force(settings: BaseSettings, name: str, value: Any) -> None:
    """Set ``name`` over whatever set it before (project, command line)."""
    settings.set(name, value, priority=max(settings.getpriority(name) or 0, _ADDON_PRIORITY))


class DistributedCrawl:
    """Add-on: share the frontier, duplicate filter and politeness budget through Redis."""

    def update_settings(self, settings: BaseSettings) -> None:
        """Apply the distributed crawl's settings when ``NEWSARCHIVE_REDIS_URL`` is set."""
        redis_url = settings.get("NEWSARCHIVE_REDIS_URL")
        if not redis_url:
            return
        crawl_id = settings.get("NEWSARCHIVE_CRAWL_ID") or default_crawl_id(
            settings.get("NEWSARCHIVE_STORY")
        )
        try:
            check_crawl_id(crawl_id)
        except ValueError as exc:
            raise ValueError(f"setting NEWSARCHIVE_CRAWL_ID: {exc}") from None
        workers = worker_count(settings)
        for name, value in polite_settings(settings, workers).items():
            _force(settings, name, value)
        values = {
            "NEWSARCHIVE_CRAWL_ID": crawl_id,
            "REDIS_URL": redis_url,
            "SCHEDULER": "crawler.distributed.scheduler.DistributedScheduler",
            "DUPEFILTER_CLASS": "crawler.distributed.dupefilter.CanonicalDupeFilter",
            "SCHEDULER_PERSIST": True,
            "SCHEDULER_FLUSH_ON_START": False,
        }
        for name, value in values.items():
            _force(settings, name, value)
        for name, (path, order) in COMPONENTS.items():
            settings.set_in_component_priority_dict(name, load_object(path), order)
