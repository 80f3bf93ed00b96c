"""Record every response to a WARC file, or replay a crawl from one with no network at all.

Recording sits next to the downloader, so the record holds the bytes as they came off the wire
(before decompression and redirects); request and response records are linked with
``WARC-Concurrent-To``. On replay, a request missing from the capture fails with
``NotInCapture``, and a missing ``robots.txt`` is served as a 404 (allow all).
"""

from __future__ import annotations

import zlib
from datetime import datetime, timezone
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import IO, TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Headers, Response
from scrapy.utils.httpobj import urlparse_cached
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.dedup.urls import url_key
from crawler.scrapy_compat import response_class

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Request

#: Request meta keys the middleware fills (the pipeline copies them onto the Article).
META_FILE, META_RECORD, META_FETCHED = "capture_file", "capture_record_id", "fetched_at"
#: Headers that describe the transfer, not the content; dropped (re)written by us.
_TRANSFER_HEADERS = {b"transfer-encoding", b"content-length", b"content-encoding"}


class NotInCapture(IgnoreRequest):
    """A replayed crawl asked for a URL the WARC file does not hold."""


class CaptureError(ValueError):
    """The replay file cannot be replayed: unreadable, not a WARC file, or no responses in it."""


class _Writer:
    """One WARC file being written, shared by every crawler of the process."""

    _open: dict[str, _Writer] = {}

    def __init__(self, path: str) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path, self.users = path, 0
        self.handle: IO[bytes] = open(path, "wb")  # noqa: SIM115 - closed by release()
        self.writer = WARCWriter(self.handle, gzip=path.endswith(".gz"))
        info = self.writer.create_warcinfo_record(Path(path).name, {"software": "newsarchive"})
        self.writer.write_record(info)

    @classmethod
    def acquire(cls, path: str) -> _Writer:
        """Return the shared writer for ``path``, opening the file on first use."""
        writer = cls._open.get(path) or cls._open.setdefault(path, cls(path))
        writer.users += 1
        return writer

    def release(self) -> None:
        """Close the file when its last crawler is done."""
        self.users -= 1
        if self.users <= 0:
            self.handle.close()
            self._open.pop(self.path, None)

    def write(self, request: Request, response: Response) -> str:
        """Write a request/response pair and return the response record's WARC-Record-ID."""
        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        status = StatusAndHeaders(
            f"{response.status} {_reason(response.status)}",
            _header_list(response.headers, len(response.body)),
            protocol="HTTP/1.1",
        )
        warc_headers = {"WARC-Date": now}
        resp = self.writer.create_warc_record(
            response.url, "response", payload=BytesIO(response.body), http_headers=status,
            warc_headers_dict=warc_headers,
        )  # fmt: skip
        target = urlparse_cached(request)
        line = f"{request.method} {target.path or '/'}{'?' + target.query if target.query else ''}"
        req_headers = [("Host", target.netloc), *_header_list(request.headers, None)]
        http_request = StatusAndHeaders(
            line, req_headers, protocol="HTTP/1.1", is_http_request=True
        )
        req = self.writer.create_warc_record(
            request.url, "request", payload=BytesIO(request.body), http_headers=http_request,
            warc_headers_dict=warc_headers,
        )  # fmt: skip
        self.writer.write_request_response_pair(req, resp)
        return resp.rec_headers.get_header("WARC-Record-ID")


def _reason(status: int) -> str:
    """Return the HTTP reason phrase for ``status``."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _header_list(headers: Headers, body_length: int | None) -> list[tuple[str, str]]:
    """Return Scrapy headers as (name, value) pairs; Content-Length rewritten to ``body_length``."""
    pairs = []
    for name, values in headers.items():
        if body_length is not None and name.lower() in (b"transfer-encoding", b"content-length"):
            continue
        pairs.extend((name.decode("latin-1"), v.decode("latin-1")) for v in values)
    if body_length is not None:
        pairs.append(("Content-Length", str(body_length)))
    return pairs


class _Capture:
    """An indexed WARC file open for replay: URL -> offset of its response record."""

    _open: dict[str, _Capture] = {}

    def __init__(self, path: str) -> None:
        self.path = path
        try:
            self.handle: IO[bytes] = open(path, "rb")  # noqa: SIM115 - kept open for the process
        except OSError as exc:
            raise CaptureError(f"cannot read the replay file {path}: {exc.strerror}") from None
        self.by_url: dict[str, int] = {}
        self.by_key: dict[str, int] = {}
        try:
            self._index()
        except (ArchiveLoadFailed, OSError, EOFError, zlib.error) as exc:
            self.handle.close()
            raise CaptureError(f"{path} is not a WARC file ({_why_unreadable(exc)})") from None
        if not self.by_url:
            self.handle.close()
            raise CaptureError(f"{path} holds no HTTP responses to replay (not a WARC capture)")

    def _index(self) -> None:
        """Index the response records by URL and canonical URL (ArchiveLoadFailed: not WARC)."""
        records = ArchiveIterator(self.handle)
        for record in records:
            if not record.format.startswith("warc"):
                raise ArchiveLoadFailed(f"{record.format} records, not WARC")
            url = record.rec_headers.get_header("WARC-Target-URI")
            if record.rec_type == "response" and url:
                offset = records.get_record_offset()
                self.by_url.setdefault(url, offset)
                self.by_key.setdefault(url_key(url), offset)

    @classmethod
    def open(cls, path: str) -> _Capture:
        """Return the shared, indexed capture at ``path`` (CaptureError when it cannot be)."""
        return cls._open.get(path) or cls._open.setdefault(path, cls(path))

    def lookup(self, request: Request) -> Response | None:
        """Return the captured response for ``request`` (exact URL, then canonical), or None."""
        offset = self.by_url.get(request.url)
        if offset is None:
            offset = self.by_key.get(url_key(request.url))
        if offset is None:
            return None
        self.handle.seek(offset)
        record = next(iter(ArchiveIterator(self.handle)))
        body = record.content_stream().read()
        headers = Headers()
        for name, value in record.http_headers.headers:
            if name.lower().encode("latin-1") not in _TRANSFER_HEADERS:
                headers.appendlist(name, value)
        url = record.rec_headers.get_header("WARC-Target-URI")
        cls = response_class(headers, url, body)
        response = cls(
            url=url, status=int(record.http_headers.get_statuscode()), headers=headers,
            body=body, request=request,
        )  # fmt: skip
        request.meta[META_FILE] = self.path
        request.meta[META_RECORD] = record.rec_headers.get_header("WARC-Record-ID")
        request.meta[META_FETCHED] = record.rec_headers.get_header("WARC-Date")
        return response


def _why_unreadable(exc: BaseException) -> str:
    """Return a short, printable reason a capture could not be read."""
    text = str(exc)
    if text.startswith("Unknown archive format"):
        return "unknown archive format"
    printable = "".join(c for c in text.splitlines()[0] if c.isprintable()) if text else ""
    return printable[:120] or type(exc).__name__


def check_capture(path: str | Path) -> int:
    """Return how many responses the replay file holds; CaptureError saying why it cannot be used.

    The capture is indexed once per process: the crawl's middleware reuses this index.
    """
    return len(_Capture.open(str(path)).by_url)


class WarcMiddleware:
    """Downloader middleware: ``NEWSARCHIVE_WARC_RECORD`` writes, ``..._REPLAY`` serves."""

    def __init__(self, record: str | None, replay: str | None, crawler: Crawler) -> None:
        self.writer = _Writer.acquire(record) if record else None
        self.capture = _Capture.open(replay) if replay else None
        self.stats = crawler.stats
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Return the middleware, or raise NotConfigured when neither recording nor replaying."""
        record = crawler.settings.get("NEWSARCHIVE_WARC_RECORD")
        replay = crawler.settings.get("NEWSARCHIVE_WARC_REPLAY")
        if not record and not replay:
            raise NotConfigured
        if record and replay:
            raise NotConfigured("record and replay at once: choose one")
        return cls(record, replay, crawler)

    def process_request(self, request: Request) -> Response | None:
        """Return the captured response when replaying; raise NotInCapture when it is missing."""
        if self.capture is None:
            return None
        response = self.capture.lookup(request)
        if response is not None:
            request.meta["warc_replayed"] = True
            self.stats.inc_value("newsarchive/warc/replayed")
            return response
        if urlparse_cached(request).path == "/robots.txt":
            return Response(url=request.url, status=404, request=request)
        self.stats.inc_value("newsarchive/warc/not_in_capture")
        raise NotInCapture(f"not in capture: {request.url}")

    def process_response(self, request: Request, response: Response) -> Response:
        """Write the response (with its request) to the WARC file when recording."""
        if self.writer is not None and not request.meta.get("warc_replayed"):
            request.meta[META_RECORD] = self.writer.write(request, response)
            request.meta[META_FILE] = self.writer.path
            request.meta[META_FETCHED] = datetime.now(timezone.utc).isoformat()
            self.stats.inc_value("newsarchive/warc/recorded")
        return response

    def spider_closed(self) -> None:
        """Release the shared WARC writer."""
        if self.writer is not None:
            self.writer.release()
            self.writer = None
