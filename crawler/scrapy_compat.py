"""Every place the crawler relies on Scrapy's (or scrapy-redis's, or Twisted's) internals.

Scrapy keeps no promise about what is below its documented API, so each use of a private
attribute, an undocumented method or a message text lives here, as one small function whose
docstring names the internal it relies on. ``tests/test_scrapy_compat.py`` checks each against
the installed release and fails loudly when one changes; ``pyproject.toml`` pins Scrapy to
the minor versions those tests passed on (:data:`TESTED_SCRAPY`).

A hook that finds its internal missing raises :class:`ScrapyInternalsChanged` rather than
quietly doing nothing: a crawl that silently stops releasing leases or flushing writes is worse
than one that does not start.

The hooks and their users:

- :func:`set_idle_poll_interval`, :func:`on_request_finished`, :func:`item_pipelines`: the
  distributed crawl's coordinator (``crawler/distributed/coordinator.py``);
- :func:`decode_request`: the distributed scheduler's leased pop (scrapy-redis);
- :data:`HttpDownloadHandler`: the Retry-After download handler;
- :class:`RefusingRobotsTxtMiddleware`: robots.txt refusals told apart, and Scrapy 2.19's
  robots.txt waiters fixed (``middlewares/robots``);
- :func:`response_class`: WARC replay; :func:`is_size_abort`: failure reasons;
- :func:`resolver`: the safety middleware's address checks;
- :func:`finish_reason`, :func:`responses_received`: run summaries and progress;
- :data:`READ_AS_FLOAT`, :data:`READ_AS_BOOL`: the ``-s`` value check (``crawler/overrides``).

Everything else the crawler uses of Scrapy is documented API (the spider loader implements
the documented ``SpiderLoaderProtocol``; timers and sleeps use ``scrapy.utils.asyncio``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.responsetypes import responsetypes
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import load_object
from twisted.internet.defer import Deferred

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Headers, Response
    from scrapy.robotstxt import RobotParser

#: The Scrapy releases the hooks below were tested on (kept equal to pyproject.toml's pin).
TESTED_SCRAPY = ">=2.19,<2.20"

#: Settings whose Scrapy default is an int but which Scrapy reads as a float (a delay or
#: timeout of 0.5 is valid), or as a bool; ``-s`` values of the others with an int default
#: must be integers. Scrapy's own code is the only record of this (checked by the tests).
READ_AS_FLOAT = frozenset({"DOWNLOAD_DELAY", "DOWNLOAD_TIMEOUT", "DNS_TIMEOUT"})
READ_AS_BOOL = frozenset({"TELNETCONSOLE_ENABLED"})

#: Scrapy's HTTP/1.1 download handler (``DOWNLOAD_HANDLERS_BASE["http"]``): the Retry-After
#: handler subclasses it and overrides ``async download_request(self, request)``. The module
#: ``scrapy.core`` is internal; the class path is the documented default of the setting.
HttpDownloadHandler = HTTP11DownloadHandler

#: How the decompression middleware words a body abandoned for DOWNLOAD_MAXSIZE (an
#: IgnoreRequest, not a DownloadCancelledError like the download handler's own size limit).
_DECOMPRESSION_MAXSIZE = re.compile(r"exceeded DOWNLOAD_MAXSIZE|maxsize|max size", re.IGNORECASE)


class ScrapyInternalsChanged(RuntimeError):
    """A Scrapy internal the crawler relies on is not there: this release is not supported."""

    def __init__(self, internal: str) -> None:
        super().__init__(
            f"this Scrapy release changed {internal}, which newsarchive relies on "
            f"(tested with scrapy{TESTED_SCRAPY}; see crawler/scrapy_compat.py)"
        )


def set_idle_poll_interval(engine: Any, seconds: float) -> None:
    """Make the engine look at its scheduler every ``seconds`` when it has nothing to do.

    Relies on ``ExecutionEngine._SLOT_HEARTBEAT_INTERVAL`` (private; 5 s), read when the engine
    starts its slot's heartbeat, just after ``spider_opened``. A worker of a shared frontier
    waiting for other workers' discoveries must look sooner than every 5 s; there is no setting.
    """
    if not isinstance(getattr(engine, "_SLOT_HEARTBEAT_INTERVAL", None), int | float):
        raise ScrapyInternalsChanged("ExecutionEngine._SLOT_HEARTBEAT_INTERVAL")
    engine._SLOT_HEARTBEAT_INTERVAL = seconds  # noqa: SLF001 - no public knob


def on_request_finished(engine: Any, callback: Callable[[Request], None]) -> None:
    """Call ``callback(request)`` each time the scraper has finished a response or a failure.

    Relies on ``Scraper.slot.finish_response(result, request)`` (undocumented), which Scrapy
    calls once the callback or errback has run, its requests are scheduled and its items have
    been through every item pipeline. No signal says "this request's outputs are all handled",
    so the method is wrapped on this engine's slot instance (call after ``spider_opened``).
    """
    slot = getattr(getattr(engine, "scraper", None), "slot", None)
    original = getattr(slot, "finish_response", None)
    if not callable(original):
        raise ScrapyInternalsChanged("Scraper.slot.finish_response")

    def finish_response(result: Any, request: Request) -> None:
        """Let Scrapy finish the response, then tell ``callback``."""
        original(result, request)
        callback(request)

    slot.finish_response = finish_response  # type: ignore[union-attr]


def item_pipelines(crawler: Crawler) -> list[Any]:
    """Return the crawl's enabled item pipeline instances, in ``ITEM_PIPELINES`` order.

    Built from public parts (``ITEM_PIPELINES`` with its base, ``Crawler.get_item_pipeline``,
    Scrapy 2.12+): Scrapy has no API listing them, and its own list
    (``engine.scraper.itemproc.middlewares``) is internal. Call after the engine exists.
    """
    if not callable(getattr(crawler, "get_item_pipeline", None)):
        raise ScrapyInternalsChanged("Crawler.get_item_pipeline")
    configured = crawler.settings.getwithbase("ITEM_PIPELINES")
    enabled = sorted(
        ((order, path) for path, order in configured.items() if order is not None),
        key=lambda pair: pair[0],
    )
    found: list[Any] = []
    for _order, path in enabled:
        pipeline = crawler.get_item_pipeline(load_object(path) if isinstance(path, str) else path)
        if pipeline is not None and all(pipeline is not seen for seen in found):
            found.append(pipeline)
    return found


class RefusingRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware whose refusals raise :attr:`refusal` (a subclass sets it).

    Relies on ``RobotsTxtMiddleware.process_request_2(rp, request)`` (undocumented): the step
    of ``process_request``, once the site's parser is known, that raises ``IgnoreRequest`` for
    a URL robots.txt forbids. Scrapy's refusal is a bare IgnoreRequest, which the spider could
    not tell from any other; overriding that one step keeps the rest of Scrapy's middleware.

    Also relies on ``RobotsTxtMiddleware._parsers`` (private: netloc -> parser, None, or the
    Deferred of a download in progress) to work around a Scrapy 2.19 bug: every request that
    waits for a robots.txt being downloaded is handed the same Deferred, whose first awaiter's
    callback returns None, so later waiters got ``None`` and were let through unchecked.
    """

    refusal: type[IgnoreRequest] = IgnoreRequest

    async def robot_parser(self, request: Request) -> RobotParser | None:
        """Return the host's parser, read from the settled table (never a waiter's result).

        Once the download has settled, the table holds the parser (or None after a download
        error, which allows all, as Scrapy intends).
        """
        parsers = getattr(self, "_parsers", None)
        if not isinstance(parsers, dict):
            raise ScrapyInternalsChanged("RobotsTxtMiddleware._parsers")
        parser = await super().robot_parser(request)
        settled = parsers.get(urlparse_cached(request).netloc, parser)
        return parser if isinstance(settled, Deferred) else settled

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        """Raise :attr:`refusal` when robots.txt forbids ``request``."""
        parent = getattr(super(), "process_request_2", None)
        if not callable(parent):
            raise ScrapyInternalsChanged("RobotsTxtMiddleware.process_request_2")
        try:
            parent(rp, request)
        except IgnoreRequest as exc:
            raise self.refusal(str(exc)) from None


def decode_request(queue: Any, data: bytes) -> Request:
    """Return the request a scrapy-redis queue serialized as ``data``.

    Relies on scrapy-redis's ``Base._decode_request(encoded)`` (private): the leased pop takes
    the raw entry from Redis itself (atomically, with the lease) and decodes it as the queue's
    own ``pop`` would.
    """
    decode = getattr(queue, "_decode_request", None)
    if not callable(decode):
        raise ScrapyInternalsChanged("scrapy_redis.queue.Base._decode_request")
    return decode(data)


def response_class(headers: Headers, url: str, body: bytes) -> type[Response]:
    """Return the Response class Scrapy would build for these headers, URL and body.

    Relies on ``scrapy.responsetypes.responsetypes.from_args`` (undocumented), the sniffing
    Scrapy's own download handlers use, so a replayed page is the same type as a fetched one.
    """
    from_args = getattr(responsetypes, "from_args", None)
    if not callable(from_args):
        raise ScrapyInternalsChanged("scrapy.responsetypes.responsetypes.from_args")
    return from_args(headers=headers, url=url, body=body)


def is_size_abort(exc: BaseException) -> bool:
    """Return True when a download was abandoned for DOWNLOAD_MAXSIZE.

    The download handler raises ``DownloadCancelledError``; the decompression middleware raises
    a bare ``IgnoreRequest`` whose only mark is its message (undocumented wording).
    """
    if isinstance(exc, DownloadCancelledError):
        return True
    return isinstance(exc, IgnoreRequest) and bool(_DECOMPRESSION_MAXSIZE.search(str(exc)))


def resolver() -> Callable[[str], Deferred[str]]:
    """Return the name resolver of the running crawl: ``resolve(host)`` -> Deferred address.

    Relies on Scrapy running a Twisted reactor (``TWISTED_REACTOR_ENABLED``, the default) with
    its caching resolver (``TWISTED_DNS_RESOLVER``) installed as the reactor's: the safety
    middleware then checks the address Scrapy will connect to, from the same cache.
    """
    from twisted.internet import reactor

    resolve = getattr(reactor, "resolve", None)
    if not callable(resolve):
        raise ScrapyInternalsChanged("the reactor's resolve()")
    return resolve


def finish_reason(stats: Mapping[str, Any]) -> str | None:
    """Return why a crawler closed (``"finished"`` when it ran to the end), None if it never did.

    Relies on the ``finish_reason`` statistic Scrapy's CoreStats extension writes on close
    (a stat name, not an API). A crawler stopped before it started (Ctrl-C while the crawl
    was set up) never closed.
    """
    reason = stats.get("finish_reason")
    return None if reason is None else str(reason)


def responses_received(stats: Mapping[str, Any]) -> int:
    """Return how many responses the crawler received (robots.txt and errors included).

    Relies on the ``response_received_count`` statistic of Scrapy's CoreStats extension.
    """
    return int(stats.get("response_received_count", 0))
