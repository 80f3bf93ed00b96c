"""robots.txt obeyed as Scrapy does, with refusals raised as their own exception type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest

if TYPE_CHECKING:
    from scrapy.http import Request
    from scrapy.robotstxt import RobotParser


class RobotsBlocked(IgnoreRequest):
    """A request refused by the site's robots.txt (the spider's errback records it)."""


class RecordingRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware whose refusals are recognisable as ``RobotsBlocked``."""

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        """Raise RobotsBlocked when robots.txt forbids ``request``."""
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest as exc:
            raise RobotsBlocked(str(exc)) from None
