"""A fault-injecting HTTP/1.1 server on a 127.0.0.x address, with a timestamped access log.

Each connection carries one request (``Connection: close``) so every fault reaches the crawler
as a failed request it must retry, never as a transparent client-side reconnect. Faults come
from a seeded :class:`FaultPlan`; the server is bounded: a held ("timeout") connection is
closed after ``hold_s`` or at shutdown, a slow drip ends within ``drip_s``.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formatdate

from tests.faults.page import Page
from tests.faults.plan import FaultPlan

_MAX_HEAD = 64 * 1024
_REASONS = {
    200: "OK", 301: "Moved Permanently", 302: "Found", 404: "Not Found", 429: "Too Many Requests",
    500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
}  # fmt: skip
Resolver = Callable[[str, str], Page | None]


@dataclass(frozen=True)
class AccessEntry:
    """One request the server received: when (epoch s), for what, and what it answered."""

    at: float
    host: str
    path: str
    attempt: int
    fault: str | None
    status: int | None
    retry_after_s: int | None = None


class FaultServer:
    """Serves ``resolve(base, path)`` on ``host`` with the plan's faults; call :meth:`close`."""

    def __init__(
        self,
        resolve: Resolver,
        *,
        host: str = "127.0.0.1",
        plan: FaultPlan | None = None,
        hold_s: float = 3.0,
        drip_s: float = 0.6,
    ) -> None:
        self.resolve, self.plan = resolve, plan or FaultPlan(rate=0.0)
        self.hold_s, self.drip_s = hold_s, drip_s
        self.access_log: list[AccessEntry] = []
        self.attempts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        handler = _handler_class(self)
        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.tcp = _Server((host, 0), handler)
        self.host = host
        self.port = self.tcp.server_address[1]
        self.base = f"http://{host}:{self.port}"
        self._thread = threading.Thread(target=self.tcp.serve_forever, daemon=True)
        self._thread.start()

    def next_attempt(self, path: str) -> int:
        """Count a request for ``path`` and return its attempt number (1-based)."""
        with self._lock:
            self.attempts[path] += 1
            return self.attempts[path]

    def log(self, entry: AccessEntry) -> None:
        """Append an access log entry."""
        with self._lock:
            self.access_log.append(entry)

    def faults_served(self) -> Counter[str]:
        """Return how many times each fault kind was served."""
        return Counter(e.fault for e in self.access_log if e.fault)

    def paths_requested(self) -> Counter[str]:
        """Return how many times each path was requested."""
        return Counter(e.path for e in self.access_log)

    def hold(self, seconds: float) -> None:
        """Sleep up to ``seconds`` (cut short by :meth:`close`)."""
        self.stopping.wait(seconds)

    def close(self) -> None:
        """Stop serving, release held connections and close the socket."""
        self.stopping.set()
        self.tcp.shutdown()
        self.tcp.server_close()

    def __enter__(self) -> FaultServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    request_queue_size = 256


def _handler_class(server: FaultServer) -> type[socketserver.BaseRequestHandler]:
    """Return the request handler class bound to ``server``."""

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            with contextlib.suppress(OSError):  # the client went away: nothing to answer
                _serve_one(server, self.request)

    return Handler


def _read_request_path(sock: socket.socket) -> str | None:
    """Return the path of the request on ``sock`` (None when none arrives)."""
    data = b""
    sock.settimeout(10)
    while b"\r\n\r\n" not in data and len(data) < _MAX_HEAD:
        chunk = sock.recv(4096)
        if not chunk:
            return None
        data += chunk
    parts = data.split(b"\r\n", 1)[0].split()
    return parts[1].decode("latin-1") if len(parts) >= 2 else None


def _serve_one(server: FaultServer, sock: socket.socket) -> None:
    """Read one request and answer it (or fail it) as the plan says."""
    path = _read_request_path(sock)
    if path is None:
        return
    attempt = server.next_attempt(path)
    fault = server.plan.fault(path, attempt)
    page = server.resolve(server.base, path)
    if page is None and fault is None:
        page = Page(status=404, body=b"<html><body>Not found</body></html>")
    retry_after = None
    if fault in ("429", "503") and (fault == "429" or server.plan.retry_after_on_503):
        retry_after = server.plan.retry_after(path, attempt)
    status = _status_of(fault, page)
    server.log(AccessEntry(time.time(), server.host, path, attempt, fault, status, retry_after))
    if fault is None and page.raw is not None:
        page.raw(sock, server.stopping)
    elif fault is None:
        _send(sock, page)
    else:
        _inject(server, sock, fault, page, retry_after)


def _status_of(fault: str | None, page: Page | None) -> int | None:
    """Return the HTTP status a response carries (None when none is sent)."""
    if fault and fault.isdigit():
        return int(fault)
    return page.status if page is not None and fault not in ("reset", "timeout") else None


def _head(status: int, headers: list[tuple[str, str]]) -> bytes:
    """Return a response head."""
    lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}"]
    lines.append(f"Date: {formatdate(usegmt=True)}")
    lines += [f"{k}: {v}" for k, v in headers] + ["Connection: close", "", ""]
    return "\r\n".join(lines).encode("latin-1")


def _page_headers(page: Page, length: int | None) -> list[tuple[str, str]]:
    """Return a page's headers with its content type and length."""
    headers = [("Content-Type", page.content_type), *page.headers]
    return headers + ([("Content-Length", str(length))] if length is not None else [])


def _send(sock: socket.socket, page: Page) -> None:
    """Send a page completely."""
    if page.chunks is None:
        sock.sendall(_head(page.status, _page_headers(page, len(page.body))) + page.body)
        return
    sock.sendall(_head(page.status, _page_headers(page, page.length)))
    for chunk in page.chunks():
        sock.sendall(chunk)


def _inject(
    server: FaultServer, sock: socket.socket, fault: str, page: Page | None, retry_after: int | None
) -> None:
    """Fail one request with ``fault``."""
    body = page.body if page is not None and page.chunks is None else b"<html>ok</html>"
    if fault.isdigit():
        extra = [("Retry-After", str(retry_after))] if retry_after is not None else []
        error = f"<html><body>error {fault}</body></html>".encode()
        sock.sendall(_head(int(fault), [("Content-Type", "text/html"), *extra,
                                        ("Content-Length", str(len(error)))]) + error)  # fmt: skip
    elif fault == "reset":
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    elif fault == "timeout":
        server.hold(server.hold_s)
    elif fault == "truncated":
        sock.sendall(_head(200, _page_headers(page or Page(), len(body))) + body[: len(body) // 2])
    elif fault == "wrong-length":
        sock.sendall(_head(200, _page_headers(page or Page(), len(body) + 512)) + body)
    elif fault == "slow-drip":
        _drip(server, sock, page or Page(body=body), body)


def _drip(server: FaultServer, sock: socket.socket, page: Page, body: bytes) -> None:
    """Send a complete response in small pieces spread over ``drip_s`` seconds."""
    sock.sendall(_head(page.status, _page_headers(page, len(body))))
    pieces = 8
    step = max(1, len(body) // pieces + 1)
    for start in range(0, len(body), step):
        sock.sendall(body[start : start + step])
        server.hold(server.drip_s / pieces)
