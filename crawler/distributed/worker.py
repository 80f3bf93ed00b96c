"""Front-end helpers: turn ``--redis/--crawl-id/--workers`` into a worker's Scrapy settings.

``newsarchive crawl`` and ``newsarchive recrawl`` take the options below and merge
:func:`distributed_overrides` into their ``-s`` overrides; everything else is the add-on's job.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

import crawler.settings as project_settings
from crawler.distributed.keys import check_crawl_id
from crawler.distributed.settings import default_crawl_id

ADDON_PATH = "crawler.distributed.DistributedCrawl"

RedisOption = Annotated[
    str | None,
    typer.Option(
        "--redis",
        help="Share the crawl with other workers through this Redis (redis://HOST:6379/0).",
    ),
]
CrawlIdOption = Annotated[
    str | None,
    typer.Option("--crawl-id", help="Name the workers of one crawl share (default: story-date)."),
]
WorkersOption = Annotated[
    int | None,
    typer.Option("--workers", min=1, help="Workers sharing each outlet's politeness budget."),
]


def check_redis(redis_url: str) -> None:
    """Return when Redis answers at ``redis_url``; ValueError naming ``--redis`` otherwise."""
    import redis

    try:
        client = redis.Redis.from_url(redis_url, socket_connect_timeout=5)
        client.ping()
    except (ValueError, redis.RedisError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ValueError(f"--redis: cannot use {redis_url!r}: {reason}") from None
    client.close()


def distributed_overrides(
    redis_url: str | None,
    *,
    crawl_id: str | None = None,
    workers: int | None = None,
    story_key: str | None = None,
) -> dict[str, Any]:
    """Return the Scrapy settings that make this process one worker (empty without Redis)."""
    if not redis_url:
        if crawl_id or workers:
            raise ValueError("--crawl-id and --workers need --redis")
        return {}
    check_redis(redis_url)
    crawl_id = crawl_id or default_crawl_id(story_key)
    try:
        check_crawl_id(crawl_id)
    except ValueError as exc:
        raise ValueError(f"--crawl-id: {exc}") from None
    addons = dict(getattr(project_settings, "ADDONS", {}) or {})
    addons.setdefault(ADDON_PATH, 0)
    overrides: dict[str, Any] = {
        "ADDONS": addons,
        "NEWSARCHIVE_REDIS_URL": redis_url,
        "NEWSARCHIVE_CRAWL_ID": crawl_id,
    }
    if workers:
        overrides["NEWSARCHIVE_WORKERS"] = workers
    return overrides
