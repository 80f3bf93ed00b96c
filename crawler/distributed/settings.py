"""Politeness across the workers of a distributed crawl, and the crawl id they share.

The knobs themselves (``NEWSARCHIVE_REDIS_URL``, ``NEWSARCHIVE_WORKERS``, the lease, heartbeat,
poll and TTL times) and their defaults live in ``crawler/settings.py`` with every other knob.

Politeness across N workers (``NEWSARCHIVE_WORKERS``): each worker takes 1/N of the per-domain
budget, so the outlet sees about what one process would send it:

- ``CONCURRENT_REQUESTS_PER_DOMAIN`` (and ``_PER_IP``) become ``max(1, C // N)`` per worker;
- ``DOWNLOAD_DELAY`` and ``AUTOTHROTTLE_START_DELAY`` / ``_MAX_DELAY`` become ``N x`` the delay,
  so N workers together keep one request per delay;
- ``AUTOTHROTTLE_TARGET_CONCURRENCY`` becomes ``T / N``.

The division is static: start more workers than ``NEWSARCHIVE_WORKERS`` says and the budget is
exceeded (each worker logs a warning when it sees more live workers than that).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

#: Settings divided among workers: name -> how (``"floor"`` concurrency, ``"times"`` delay...).
SHARED_BUDGET = {
    "CONCURRENT_REQUESTS_PER_DOMAIN": "floor",
    "CONCURRENT_REQUESTS_PER_IP": "floor",
    "DOWNLOAD_DELAY": "times",
    "AUTOTHROTTLE_START_DELAY": "times",
    "AUTOTHROTTLE_MAX_DELAY": "times",
    "AUTOTHROTTLE_TARGET_CONCURRENCY": "divide",
}

_UNSAFE_ID_CHARS = re.compile(r"[^A-Za-z0-9._:-]+")


def worker_count(settings: BaseSettings) -> int:
    """Return ``NEWSARCHIVE_WORKERS`` (>= 1); ValueError naming the setting otherwise."""
    raw = settings.get("NEWSARCHIVE_WORKERS")
    try:
        count = int(raw)
    except (TypeError, ValueError):
        count = 0
    if count < 1:
        raise ValueError(f"setting NEWSARCHIVE_WORKERS: expected an integer >= 1, got {raw!r}")
    return count


def polite_settings(settings: BaseSettings, workers: int) -> dict[str, Any]:
    """Return one worker's share of the per-domain budget when ``workers`` crawl at once."""
    shares: dict[str, Any] = {}
    for name, how in SHARED_BUDGET.items():
        value = settings.getfloat(name)
        if how == "floor":
            shares[name] = max(1, int(value) // workers) if value else 0
        elif how == "times":
            shares[name] = value * workers
        else:
            shares[name] = value / workers
    return shares


def default_crawl_id(story: str | None, now: datetime | None = None) -> str:
    """Return "<story key>-<YYYYMMDD>" (UTC): the crawl id workers agree on without a flag."""
    stem = PurePath(story).stem if story else "default"
    slug = _UNSAFE_ID_CHARS.sub("-", stem).strip("-") or "default"
    return f"{slug}-{(now or datetime.now(UTC)).strftime('%Y%m%d')}"
