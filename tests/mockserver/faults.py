"""Transport and server faults: a seeded, bounded :class:`FaultPlan` and the code that serves them.

A fault replaces the normal answer to one attempt at a path; the connection is closed after it,
so a crawler sees a failed request it must retry (never a transparent client-side reconnect).
"""

from __future__ import annotations

import random
import socket
import struct
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from tests.mockserver.protocol import head
from tests.mockserver.response import Response

#: Every fault the server can inject (``slow-drip`` is slow but succeeds).
FAULT_KINDS = (
    "500",
    "502",
    "503",
    "429",
    "reset",
    "timeout",
    "truncated",
    "wrong-length",
    "slow-drip",
)
#: Faults a crawler must retry (every kind except the slow but complete ``slow-drip``).
RETRYABLE = frozenset(FAULT_KINDS) - {"slow-drip"}
#: Paths never faulted by a random draw: robots.txt failures change crawl policy, not reliability.
NEVER_FAULTED = ("/robots.txt",)
#: Pieces a slow drip sends its body in.
DRIP_PIECES = 8
#: Bytes a "wrong-length" response announces beyond the body it sends.
WRONG_LENGTH_EXTRA = 512
_FILLER = b"<html>ok</html>"


@dataclass
class FaultPlan:
    """Decides, from a seed, the faults served for each path's first attempts.

    A faulted path fails on its first ``1..max_faults_per_path`` attempts (``rate`` of the paths
    are faulted) and succeeds afterwards, so a crawler with ``RETRY_TIMES >= max_faults_per_path``
    loses nothing. The plan is a pure function of (seed, path): reruns see the same faults.
    ``script`` names exact faults for chosen paths (path and query -> faults of attempts 1, 2...),
    instead of the draw. ``hold_s`` is how long a "timeout" holds the connection before closing
    it; ``drip_s`` how long a slow drip takes.
    """

    seed: int = 0
    rate: float = 0.3
    kinds: tuple[str, ...] = FAULT_KINDS
    max_faults_per_path: int = 2
    retry_after_s: tuple[int, ...] = (1, 2)
    #: Whether a 503 also announces Retry-After (a 429 always does).
    retry_after_on_503: bool = False
    script: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    hold_s: float = 3.0
    drip_s: float = 0.6
    _cache: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        unknown = {k for faults in self.script.values() for k in faults} - set(FAULT_KINDS)
        if unknown:
            raise ValueError(f"unknown fault kinds {sorted(unknown)}; known: {FAULT_KINDS}")

    def faults_for(self, path: str) -> tuple[str, ...]:
        """Return the faults served for the path's attempts 1, 2, ... (empty: never faulted)."""
        if path in self.script:
            return tuple(self.script[path])
        if path not in self._cache:
            self._cache[path] = self._draw(path)
        return self._cache[path]

    def _draw(self, path: str) -> tuple[str, ...]:
        """Return the seeded fault sequence of one path."""
        if path.split("?", 1)[0] in NEVER_FAULTED or not self.kinds or not self.rate:
            return ()
        rng = random.Random(f"{self.seed}:{path}")
        if rng.random() >= self.rate:
            return ()
        count = rng.randint(1, self.max_faults_per_path)
        return tuple(rng.choice(self.kinds) for _ in range(count))

    def fault(self, path: str, attempt: int) -> str | None:
        """Return the fault for the ``attempt``-th request of ``path`` (1-based), or None."""
        faults = self.faults_for(path)
        return faults[attempt - 1] if attempt <= len(faults) else None

    def retry_after(self, path: str, attempt: int) -> int | None:
        """Return the Retry-After seconds a fault of this attempt announces (None: no header)."""
        fault = self.fault(path, attempt)
        if fault != "429" and not (fault == "503" and self.retry_after_on_503):
            return None
        return random.Random(f"{self.seed}:{path}:{attempt}:ra").choice(self.retry_after_s)


def status_of(fault: str, response: Response | None) -> int | None:
    """Return the HTTP status a fault sends (None: the connection fails before any status)."""
    if fault.isdigit():
        return int(fault)
    if fault in ("reset", "timeout"):
        return None
    return response.status if fault == "slow-drip" and response is not None else 200


def inject(
    sock: socket.socket,
    fault: str,
    response: Response | None,
    retry_after: int | None,
    plan: FaultPlan,
    stopping: threading.Event,
) -> int:
    """Fail one request on ``sock`` with ``fault``; return the body bytes sent."""
    page = response if response is not None else Response()
    body = page.body if response is not None and page.chunks is None else _FILLER
    if fault.isdigit():
        extra = [("Retry-After", str(retry_after))] if retry_after is not None else []
        error = f"<html><body>error {fault}</body></html>".encode()
        headers = [("Content-Type", "text/html"), *extra, ("Content-Length", str(len(error)))]
        sock.sendall(head(int(fault), [*headers, _CLOSE]) + error)
        return len(error)
    if fault == "reset":  # the close that follows sends RST instead of FIN
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        return 0
    if fault == "timeout":
        stopping.wait(plan.hold_s)
        return 0
    if fault == "truncated":
        half = body[: len(body) // 2]
        sock.sendall(head(200, _headers(page, len(body))) + half)
        return len(half)
    if fault == "wrong-length":
        sock.sendall(head(200, _headers(page, len(body) + WRONG_LENGTH_EXTRA)) + body)
        return len(body)
    if fault == "slow-drip":
        return _drip(sock, page, body, plan.drip_s, stopping)
    raise ValueError(f"unknown fault {fault!r}")


_CLOSE = ("Connection", "close")


def _headers(page: Response, length: int) -> list[tuple[str, str]]:
    """Return a page's own headers with an announced ``length`` and Connection: close."""
    return [*page.header_pairs(), ("Content-Length", str(length)), _CLOSE]


def _drip(
    sock: socket.socket, page: Response, body: bytes, drip_s: float, stopping: threading.Event
) -> int:
    """Send a complete response in small pieces spread over ``drip_s`` seconds."""
    sock.sendall(head(page.status, _headers(page, len(body))))
    step = max(1, len(body) // DRIP_PIECES + 1)
    for start in range(0, len(body), step):
        sock.sendall(body[start : start + step])
        stopping.wait(drip_s / DRIP_PIECES)
    return len(body)
