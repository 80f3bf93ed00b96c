"""HTTP details a real server gets right: conditional requests (304), byte ranges (206), gzip.

:func:`prepare` turns a site's :class:`Response` into what is sent for one request.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus

from tests.mockserver.response import Request, Response

_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
#: Statuses whose response has no body, so announces no Content-Length either.
BODILESS = frozenset({304})


@dataclass(frozen=True)
class Outgoing:
    """A response ready to send: status, every header, and the body bytes (or a stream)."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes
    source: Response

    @property
    def streamed(self) -> bool:
        """Return True when the body comes from ``source.chunks`` instead of ``body``."""
        return self.source.chunks is not None


def reason(status: int) -> str:
    """Return the reason phrase of a status ('Status' for unknown codes)."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Status"


def head(status: int, headers: list[tuple[str, str]]) -> bytes:
    """Return a response head: status line, Date, ``headers`` and the blank line."""
    lines = [f"HTTP/1.1 {status} {reason(status)}", f"Date: {formatdate(usegmt=True)}"]
    lines += [f"{name}: {value}" for name, value in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def prepare(response: Response, request: Request, *, conditional: bool = True) -> Outgoing:
    """Return what to send for ``response`` to ``request`` (304, 206, 416, gzip applied)."""
    headers = response.header_pairs()
    if response.chunks is not None:
        length = [("Content-Length", str(response.length))] if response.length is not None else []
        return Outgoing(response.status, headers + length, b"", response)
    if conditional and not_modified(response, request):
        return Outgoing(304, headers, b"", response)
    body = response.body
    if response.gzip and accepts_gzip(request):
        body = gzip.compress(body, mtime=0)
        headers += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
    status = response.status
    wanted = request.header("Range")
    if status == 200 and wanted and request.method in ("GET", "HEAD"):
        status, body, extra = _ranged(wanted, body)
        headers += extra
    if status not in BODILESS:
        headers.append(("Content-Length", str(len(body))))
    return Outgoing(status, headers, body, response)


def not_modified(response: Response, request: Request) -> bool:
    """Return True when a conditional GET of a 200 response should get 304 (RFC 9110 13.2.2)."""
    if response.status != 200 or request.method not in ("GET", "HEAD"):
        return False
    tags = request.header("If-None-Match")
    if tags is not None:
        return response.etag is not None and etag_matches(tags, response.etag)
    since = request.header("If-Modified-Since")
    if since is None or response.last_modified is None:
        return False
    try:
        asked = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    return _whole_seconds(response.last_modified) <= _whole_seconds(asked)


def etag_matches(header: str, etag: str) -> bool:
    """Return True when an If-None-Match header names ``etag`` (weak comparison) or is ``*``."""
    if header.strip() == "*":
        return True
    opaque = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == opaque for tag in header.split(","))


def accepts_gzip(request: Request) -> bool:
    """Return True when the request's Accept-Encoding allows gzip."""
    accepted = (request.header("Accept-Encoding") or "").lower()
    for item in accepted.split(","):
        name, _, params = item.strip().partition(";")
        if name.strip() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """Return the (first, last) byte positions a single-range header asks for, clipped to ``size``.

    Raises ValueError when the range cannot be satisfied; None means "ignore the header"
    (malformed, or several ranges: a server may answer those with the whole body).
    """
    match = _RANGE.fullmatch(header.strip())
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first, last = match.group(1), match.group(2)
    if first == "":  # suffix: the last N bytes
        count = int(last)
        if count == 0 or size == 0:
            raise ValueError("empty suffix range")
        return max(0, size - count), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or (last and int(last) < start):
        raise ValueError(f"range {header!r} outside {size} bytes")
    return start, end


def _ranged(header: str, body: bytes) -> tuple[int, bytes, list[tuple[str, str]]]:
    """Return the status, body and extra headers answering a Range request for ``body``."""
    try:
        span = byte_range(header, len(body))
    except ValueError:
        return 416, b"", [("Content-Range", f"bytes */{len(body)}")]
    if span is None:
        return 200, body, []
    first, last = span
    return 206, body[first : last + 1], [("Content-Range", f"bytes {first}-{last}/{len(body)}")]


def _whole_seconds(moment: datetime) -> datetime:
    """Return ``moment`` in UTC without its fraction of a second (HTTP dates have none)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return aware.astimezone(timezone.utc).replace(microsecond=0)
