"""robots.txt obeyed as Scrapy does, with refusals raised as their own exception type.

The fetched robots.txt of each host is also announced (signal ``crawler.signals.robots_fetched``)
so that endpoint discovery reads its ``Sitemap:`` lines without fetching the file again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.http.request import NO_CALLBACK

from crawler.scrapy_compat import RefusingRobotsTxtMiddleware
from crawler.signals import robots_fetched

if TYPE_CHECKING:
    from scrapy.http import Request, Response


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


class RecordingRobotsTxtMiddleware(RefusingRobotsTxtMiddleware):
    """Scrapy's robots.txt middleware: refusals are ``RobotsBlocked``, fetched files announced.

    Its parent (``crawler.scrapy_compat``) also fixes Scrapy 2.19's robots.txt waiters, who
    were let through unchecked while the file was being downloaded.
    """

    refusal = RobotsBlocked

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
