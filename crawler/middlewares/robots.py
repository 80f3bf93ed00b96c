"""robots.txt obeyed as Scrapy does, with refusals raised as their own exception type.

The fetched robots.txt of each host is also announced (signal ``crawler.signals.robots_fetched``)
so that endpoint discovery reads its ``Sitemap:`` lines without fetching the file again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from crawler.signals import robots_fetched

if TYPE_CHECKING:
    from scrapy.http import Request, Response
    from scrapy.robotstxt import RobotParser


class RobotsBlocked(IgnoreRequest):
    """A request refused by the site's robots.txt (the spider's errback records it)."""


def _is_own_robots_request(request: Request) -> bool:
    """Return True for the robots.txt download this middleware made itself."""
    return (
        request.callback is NO_CALLBACK
        and bool(request.meta.get("dont_obey_robotstxt"))
        and urlsplit(request.url).path == "/robots.txt"
    )


def _asked_netloc(request: Request) -> str:
    """Return the host the robots.txt was fetched for (before any redirect)."""
    first = (request.meta.get("redirect_urls") or [request.url])[0]
    return urlsplit(first).netloc


class RecordingRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware: refusals are ``RobotsBlocked``, fetched files announced."""

    async def robot_parser(self, request: Request) -> RobotParser | None:
        """Return the host's parser, read from the settled table (never a waiter's result).

        Scrapy 2.19 hands every request that waits for a robots.txt being downloaded the same
        Deferred; its first awaiter's callback returns None, so later waiters got ``None`` and
        were let through unchecked (requests queued at the start of a crawl ignored
        robots.txt). Once the download has settled, the table holds the parser (or None after
        a download error, which allows all, as Scrapy intends).
        """
        parser = await super().robot_parser(request)
        settled = self._parsers.get(urlparse_cached(request).netloc, parser)
        return parser if isinstance(settled, Deferred) else settled

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        """Raise RobotsBlocked when robots.txt forbids ``request``."""
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest as exc:
            raise RobotsBlocked(str(exc)) from None

    def process_response(self, request: Request, response: Response) -> Response:
        """Announce a fetched robots.txt (any status) and pass the response on."""
        if _is_own_robots_request(request):
            self.crawler.signals.send_catch_log(
                signal=robots_fetched, netloc=_asked_netloc(request), url=response.url,
                status=response.status, body=response.body, error=None,
            )  # fmt: skip
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        """Announce a robots.txt that could not be fetched; let Scrapy handle the error."""
        if _is_own_robots_request(request):
            error = str(exception) or type(exception).__name__
            self.crawler.signals.send_catch_log(
                signal=robots_fetched, netloc=_asked_netloc(request), url=request.url,
                status=None, body=None, error=error,
            )  # fmt: skip
