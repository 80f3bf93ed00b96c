"""Why a request failed, as a rejection reason the archive records."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import TimeoutError as TwistedTimeoutError
from twisted.python.failure import Failure

from crawler.middlewares.robots import RobotsBlocked
from crawler.middlewares.warc import NotInCapture
from crawler.reasons import FETCH_ERROR, NOT_IN_CAPTURE, OFFSITE, ROBOTS, TOO_LARGE
from crawler.scrapy_compat import is_size_abort

__all__ = ["FETCH_ERROR", "NOT_IN_CAPTURE", "OFFSITE", "ROBOTS", "TOO_LARGE", "classify_failure"]


def classify_failure(failure: Failure) -> tuple[str, str]:
    """Return (reason, detail) for a failed request."""
    exc = failure.value
    if isinstance(exc, RobotsBlocked):
        return ROBOTS, "forbidden by robots.txt"
    if isinstance(exc, NotInCapture):
        return NOT_IN_CAPTURE, str(exc)
    if isinstance(exc, HttpError):
        return FETCH_ERROR, f"HTTP {exc.response.status}"
    message = str(exc) or type(exc).__name__
    if isinstance(getattr(exc, "reason", None), str):  # RequestRefused (safety middlewares)
        return exc.reason, message
    if is_size_abort(exc):
        return TOO_LARGE, message if str(exc) else "cancelled: body larger than DOWNLOAD_MAXSIZE"
    if isinstance(exc, IgnoreRequest):
        return (OFFSITE if "offsite" in message.lower() else FETCH_ERROR), message
    if isinstance(exc, TwistedTimeoutError):
        return FETCH_ERROR, "timeout"
    return FETCH_ERROR, f"{type(exc).__name__}: {message}"[:500]
