"""What a test server answers for one path."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """Status, headers and body of a response; ``chunks`` streams a large body instead."""

    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    #: A factory of body chunks, for bodies too large to hold (used instead of ``body``).
    chunks: Callable[[], Iterable[bytes]] | None = None
    #: Content-Length announced for a streamed body (None: none, the body ends at close).
    length: int | None = None
    #: Writes the whole response to the socket itself (garbage, slow headers...): overrides all.
    raw: Callable[[socket.socket, threading.Event], None] | None = None
