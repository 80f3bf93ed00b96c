"""robots.txt obeyed as Scrapy does, with refusals raised as their own exception type."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest

from crawler.scrapy_compat import RefusingRobotsTxtMiddleware


class RobotsBlocked(IgnoreRequest):
    """A request refused by the site's robots.txt (the spider's errback records it)."""


class RecordingRobotsTxtMiddleware(RefusingRobotsTxtMiddleware):
    """Scrapy's robots.txt middleware whose refusals are recognisable as ``RobotsBlocked``."""

    refusal = RobotsBlocked
