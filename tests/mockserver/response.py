"""What the mock server answers: a :class:`Response`, and the :class:`Request` a handler gets."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from functools import cached_property
from typing import Any
from urllib.parse import parse_qs, urlsplit

HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
XML = "application/xml; charset=utf-8"
JSON = "application/json"

#: Writes a whole response to the socket itself (garbage, stalled headers...); gets the server's
#: stopping event so a long write ends when the server closes.
RawWriter = Callable[[socket.socket, threading.Event], None]


@dataclass(frozen=True)
class Response:
    """Status, headers and body of one answer.

    ``content_type`` None sends no Content-Type (or the one in ``headers``). ``etag`` and
    ``last_modified`` are sent and make conditional requests answer 304 (unless the site turns
    conditionals off). ``gzip`` compresses the body for clients that accept it. A 200 with a
    ``body`` honours a single ``Range: bytes=...`` (206 / 416). ``chunks`` streams a body too big
    to hold (``length``: the Content-Length announced, None: the body ends when the connection
    closes); ``raw`` replaces the whole exchange. Content-Length and Date are always the
    server's own.
    """

    status: int = 200
    body: bytes = b""
    content_type: str | None = HTML
    headers: tuple[tuple[str, str], ...] = ()
    etag: str | None = None
    last_modified: datetime | None = None
    location: str | None = None
    gzip: bool = False
    chunks: Callable[[], Iterable[bytes]] | None = None
    length: int | None = None
    raw: RawWriter | None = None

    @classmethod
    def html(cls, text: str, **options: Any) -> Response:
        """Return an HTML response of ``text`` (UTF-8)."""
        return cls(body=text.encode("utf-8"), content_type=HTML, **options)

    @classmethod
    def text(cls, text: str, content_type: str = TEXT, **options: Any) -> Response:
        """Return a text response of ``text`` (UTF-8) with ``content_type``."""
        return cls(body=text.encode("utf-8"), content_type=content_type, **options)

    @classmethod
    def xml(cls, text: str, content_type: str = XML, **options: Any) -> Response:
        """Return an XML response (feeds, sitemaps) of ``text``."""
        return cls.text(text, content_type, **options)

    @classmethod
    def json(cls, value: object, **options: Any) -> Response:
        """Return ``value`` serialized as a JSON response."""
        return cls.text(json.dumps(value), JSON, **options)

    @classmethod
    def redirect(cls, location: str, status: int = 302) -> Response:
        """Return a redirect to ``location``."""
        return cls(status=status, location=location, body=b"moved")

    def header_pairs(self) -> list[tuple[str, str]]:
        """Return the headers this response carries (before length, date and encoding)."""
        pairs: list[tuple[str, str]] = []
        if self.content_type is not None:
            pairs.append(("Content-Type", self.content_type))
        skip = {"content-length", "date"}
        pairs += [(k, v) for k, v in self.headers if k.lower() not in skip]
        if self.etag is not None:
            pairs.append(("ETag", self.etag))
        if self.last_modified is not None:
            pairs.append(("Last-Modified", http_date(self.last_modified)))
        if self.location is not None:
            pairs.append(("Location", self.location))
        return pairs


def http_date(moment: datetime) -> str:
    """Return ``moment`` as an HTTP date (``Tue, 02 Aug 2022 17:39:00 GMT``)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return format_datetime(aware.astimezone(timezone.utc), usegmt=True)


@dataclass(frozen=True)
class Request:
    """One request as a handler sees it: where it arrived, what it asked for, its headers."""

    method: str
    host: str
    port: int
    path: str  # path and query, as sent on the request line
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def base(self) -> str:
        """Return ``http://host:port`` of the address the request reached."""
        return f"http://{self.host}:{self.port}"

    @property
    def url(self) -> str:
        """Return the absolute URL requested."""
        return self.base + self.path

    @cached_property
    def route(self) -> str:
        """Return the path without its query string."""
        return urlsplit(self.path).path

    @cached_property
    def query(self) -> str:
        """Return the raw query string ('' when none)."""
        return urlsplit(self.path).query

    @cached_property
    def params(self) -> dict[str, list[str]]:
        """Return the query parameters (name -> every value, in order)."""
        return parse_qs(self.query, keep_blank_values=True)

    def param(self, name: str, default: str | None = None) -> str | None:
        """Return the first value of query parameter ``name``, else ``default``."""
        values = self.params.get(name)
        return values[0] if values else default

    def header(self, name: str, default: str | None = None) -> str | None:
        """Return a request header, its name matched case-insensitively."""
        lowered = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == lowered), default)
