"""Distributed crawling: N worker processes share one frontier in Redis and one archive.

Built on scrapy-redis (scheduler, priority queue, duplicate filter) plus what it lacks: leases
so a killed worker's in-flight requests are crawled by others, a seed-once claim, a shared
"done" check so every worker exits when the crawl is, and politeness divided among workers.
Enable it with the add-on :class:`DistributedCrawl` and ``NEWSARCHIVE_REDIS_URL``
(``newsarchive crawl --redis URL`` does both). See docs/scaling.md.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DistributedCrawl"]


def __getattr__(name: str) -> Any:
    """Return the add-on class lazily (the CLI imports this package without Scrapy)."""
    if name == "DistributedCrawl":
        from crawler.distributed.addon import DistributedCrawl

        return DistributedCrawl
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
