"""Honour ``Retry-After`` on 429 and 503 responses, per host, at the wire.

Scrapy's RetryMiddleware retries a 429/503 at once, and requests already queued for the host
go out right after it: a server that said "come back in N seconds" hears from us at once. A
downloader middleware cannot prevent that (queued requests have passed it), so the wait lives
in the HTTP download handler: every request to a host waits until the time the host's last
429/503 ``Retry-After`` gave, then goes on the wire. Enable it for http and https::

    DOWNLOAD_HANDLERS = {
        "http": "crawler.middlewares.retry_after.RetryAfterDownloadHandler",
        "https": "crawler.middlewares.retry_after.RetryAfterDownloadHandler",
    }

Settings (defaults in ``crawler/settings.py``): ``NEWSARCHIVE_RETRY_AFTER_STATUSES`` (429, 503)
and ``NEWSARCHIVE_RETRY_AFTER_MAX_S`` (a longer wait is cut to this, and counted).
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from scrapy.utils.asyncio import sleep
from scrapy.utils.httpobj import urlparse_cached

from crawler.scrapy_compat import HttpDownloadHandler

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response
    from scrapy.statscollectors import StatsCollector

STAT_PREFIX = "newsarchive/retry_after"


def parse_retry_after(value: bytes | str | None, now: float) -> float | None:
    """Return the seconds to wait that a Retry-After value gives (delta or HTTP date), or None."""
    if value is None:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return max(0.0, (moment - datetime.fromtimestamp(now, timezone.utc)).total_seconds())


def request_host(request: Request) -> str:
    """Return the host a request goes to (the unit a Retry-After applies to)."""
    return (urlparse_cached(request).hostname or "").lower()


class RetryAfterGate:
    """Per-host times before which no request may be sent, learnt from Retry-After."""

    def __init__(self, stats: StatsCollector, statuses: set[int], max_wait_s: float) -> None:
        self.stats, self.statuses, self.max_wait_s = stats, statuses, max_wait_s
        #: host -> epoch seconds before which no request may be sent to it.
        self.not_before: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterGate:
        """Return the gate configured by the crawler's settings."""
        settings = crawler.settings
        statuses = settings.getlist("NEWSARCHIVE_RETRY_AFTER_STATUSES")
        max_wait_s = settings.getfloat("NEWSARCHIVE_RETRY_AFTER_MAX_S")
        return cls(crawler.stats, {int(s) for s in statuses}, max_wait_s)

    async def wait(self, request: Request) -> None:
        """Return once the request's host may be contacted."""
        host = request_host(request)
        waited = False
        while (wait_s := self.not_before.get(host, 0.0) - time.time()) > 0:
            if not waited:
                self.stats.inc_value(f"{STAT_PREFIX}/delayed_requests")
                waited = True
            await sleep(wait_s)

    def note(self, request: Request, response: Response) -> None:
        """Remember the host's Retry-After time from a 429/503 response."""
        if response.status not in self.statuses:
            return
        now = time.time()
        wait_s = parse_retry_after(response.headers.get(b"Retry-After"), now)
        if wait_s is None:
            return
        if wait_s > self.max_wait_s:
            self.stats.inc_value(f"{STAT_PREFIX}/capped")
            wait_s = self.max_wait_s
        host = request_host(request)
        self.not_before[host] = max(self.not_before.get(host, 0.0), now + wait_s)
        self.stats.inc_value(f"{STAT_PREFIX}/received")
        self.stats.max_value(f"{STAT_PREFIX}/max_wait_s", wait_s)


class RetryAfterDownloadHandler(HttpDownloadHandler):
    """Scrapy's HTTP/1.1 handler, holding each request until its host's Retry-After time."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.gate = RetryAfterGate.from_crawler(crawler)

    async def download_request(self, request: Request) -> Response:
        """Wait for the host's Retry-After time, download, and learn from the response."""
        await self.gate.wait(request)
        response = await super().download_request(request)
        self.gate.note(request, response)
        return response
