"""The mock HTTP/1.1 server: one or several 127.0.0.x addresses, a :class:`Site` each, one log.

Every address listens on the same port by default (``shared_port``), so a test can give each
outlet its own host name with one port to remember; ``shared_port=False`` picks a free port per
address. Requests are answered on threads; ``keep_alive=False`` closes the connection after
every response (what fault tests want: a fault is then a failed request, never a transparent
client-side reconnect). Faulted, raw and length-less streamed answers always close it.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import socketserver
import sys
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from tests.mockserver.faults import FaultPlan, inject, status_of
from tests.mockserver.log import AccessLog, Hit
from tests.mockserver.protocol import Outgoing, head, prepare
from tests.mockserver.response import TEXT, RawWriter, Request, Response
from tests.mockserver.site import Site

NOT_FOUND = Response.html(
    "<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>", status=404
)
#: Largest request body read (a bigger one is cut and its connection closed).
MAX_REQUEST_BODY = 16 * 1024 * 1024
#: Attempts at finding one port free on every address of a shared-port server.
BIND_TRIES = 50
#: How long :meth:`MockServer.close` waits for the accepting thread.
STOP_TIMEOUT_S = 5.0
DEFAULT_HOST = "127.0.0.1"


class MockServer:
    """Serves ``sites[host]`` on each of ``hosts``; logs every request in ``log``; call close()."""

    def __init__(
        self,
        hosts: str | Sequence[str] = DEFAULT_HOST,
        *,
        port: int = 0,
        shared_port: bool = True,
        keep_alive: bool = True,
        idle_timeout_s: float = 30.0,
        faults: FaultPlan | None = None,
        log_path: Path | None = None,
    ) -> None:
        self.hosts = [hosts] if isinstance(hosts, str) else list(hosts)
        if not self.hosts:
            raise ValueError("a mock server needs at least one address")
        self.sites: dict[str, Site] = {host: Site(faults=faults) for host in self.hosts}
        self.keep_alive, self.idle_timeout_s = keep_alive, idle_timeout_s
        self.log = AccessLog(log_path)
        self.stopping = threading.Event()
        self._attempts: Counter[tuple[str, str]] = Counter()
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._listeners = _bind(self, self.hosts, port, shared_port)
        self.bases = {lst.host: f"http://{lst.host}:{lst.port}" for lst in self._listeners}
        self._wake, self._waker = socket.socketpair()
        name = f"mockserver-{self.port}"
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True, name=name)
        self._acceptor.start()

    @property
    def base(self) -> str:
        """Return ``http://host:port`` of the first address."""
        return self.bases[self.hosts[0]]

    @property
    def port(self) -> int:
        """Return the port of the first address."""
        return self._listeners[0].port

    def site(self, host: str | None = None) -> Site:
        """Return the site served on ``host`` (default: the first address)."""
        return self.sites[host or self.hosts[0]]

    def url(self, path: str, host: str | None = None) -> str:
        """Return the absolute URL of ``path`` on ``host`` (default: the first address)."""
        return self.bases[host or self.hosts[0]] + path

    def close(self) -> None:
        """Stop serving: end held answers, close listeners and every open connection."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        self._waker.send(b"\0")
        self._acceptor.join(timeout=STOP_TIMEOUT_S)
        for listener in self._listeners:
            listener.server_close()
        self._wake.close()
        self._waker.close()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self.log.close()

    def __enter__(self) -> MockServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"MockServer({', '.join(self.bases.values())})"

    def _accept_loop(self) -> None:
        """Accept connections on every address (this one thread for all) until :meth:`close`."""
        with selectors.DefaultSelector() as selector:
            selector.register(self._wake, selectors.EVENT_READ, None)
            for listener in self._listeners:
                selector.register(listener.socket, selectors.EVENT_READ, listener)
            while not self.stopping.is_set():
                for key, _ in selector.select():
                    if key.data is not None and not self.stopping.is_set():
                        key.data._handle_request_noblock()

    # -- one exchange ----------------------------------------------------------------------

    def exchange(self, handler: _Handler) -> None:
        """Answer the request ``handler`` has just parsed, and log it."""
        arrived = time.time()
        listener = handler.server
        request = Request(
            handler.command, listener.host, listener.port, handler.path,
            dict(handler.headers.items()), _read_body(handler),
        )  # fmt: skip
        site = self.sites[listener.host]
        if site.latency_s:
            self.stopping.wait(site.latency_s)
        attempt = self._next_attempt(listener.host, request.path)
        plan = site.faults
        fault = plan.fault(request.path, attempt) if plan is not None else None
        response = _resolve(site, request)
        if fault is not None and plan is not None:
            retry_after = plan.retry_after(request.path, attempt)
            status = status_of(fault, response)
            hit = self._record(request, arrived, status, attempt, fault, retry_after)
            sock, stopping = handler.connection, self.stopping
            self._finish(hit, lambda: inject(sock, fault, response, retry_after, plan, stopping))
            handler.close_connection = True
            return
        response = response or NOT_FOUND
        raw = response.raw
        if raw is not None:
            hit = self._record(request, arrived, response.status, attempt)
            self._finish(hit, lambda: _write_raw(raw, handler.connection, self.stopping))
            handler.close_connection = True
            return
        outgoing = prepare(response, request, conditional=site.conditional)
        hit = self._record(request, arrived, outgoing.status, attempt)
        self._finish(hit, lambda: self._send(handler, request, outgoing))

    def _next_attempt(self, host: str, path: str) -> int:
        """Count a request for ``path`` on ``host``; return its attempt number (1-based)."""
        with self._lock:
            self._attempts[(host, path)] += 1
            return self._attempts[(host, path)]

    def _record(
        self,
        request: Request,
        arrived: float,
        status: int | None,
        attempt: int,
        fault: str | None = None,
        retry_after: int | None = None,
    ) -> Hit:
        """Log a request whose answer is decided; return its hit."""
        hit = Hit(
            request.host, request.port, request.method, request.path, status,
            request.header("User-Agent", "") or "", dict(request.headers), arrived,
            attempt=attempt, fault=fault, retry_after_s=retry_after,
        )  # fmt: skip
        self.log.record(hit)
        return hit

    def _finish(self, hit: Hit, send: Callable[[], int]) -> None:
        """Run ``send()`` (returns body bytes written); complete ``hit`` whatever happens."""
        try:
            hit.bytes_sent = send()
        finally:
            hit.end_s = time.time()
            self.log.finished(hit)

    def _send(self, handler: _Handler, request: Request, outgoing: Outgoing) -> int:
        """Write ``outgoing``; return the body bytes written."""
        endless = outgoing.streamed and outgoing.source.length is None
        close = not self.keep_alive or handler.close_connection or endless
        headers = outgoing.headers + ([("Connection", "close")] if close else [])
        handler.close_connection = close
        sock = handler.connection
        if request.method == "HEAD":
            sock.sendall(head(outgoing.status, headers))
            return 0
        chunks = outgoing.source.chunks
        if chunks is None:
            sock.sendall(head(outgoing.status, headers) + outgoing.body)
            return len(outgoing.body)
        sock.sendall(head(outgoing.status, headers))
        sent = 0
        for chunk in chunks():
            sock.sendall(chunk)
            sent += len(chunk)
        return sent

    def opened(self, connection: socket.socket) -> None:
        """Track an accepted connection (closed by :meth:`close`)."""
        with self._lock:
            self._connections.add(connection)

    def closed(self, connection: socket.socket) -> None:
        """Forget a finished connection."""
        with self._lock:
            self._connections.discard(connection)


def _resolve(site: Site, request: Request) -> Response | None:
    """Return the site's answer; a handler that raises gives a 500 with its traceback."""
    try:
        return site.resolve(request)
    except Exception:  # noqa: BLE001 - a broken test handler must not kill the server
        text = traceback.format_exc()
        print(f"mockserver: handler failed for {request.url}\n{text}", file=sys.stderr)
        return Response.text(text, TEXT, status=500)


def _write_raw(raw: RawWriter, sock: socket.socket, stopping: threading.Event) -> int:
    """Let a raw writer do the whole exchange; return 0 (its size is its own business)."""
    raw(sock, stopping)
    return 0


def _read_body(handler: BaseHTTPRequestHandler) -> bytes:
    """Return the request body (Content-Length bodies; others close the connection)."""
    if handler.headers.get("Transfer-Encoding"):
        handler.close_connection = True
        return b""
    try:
        length = int(handler.headers.get("Content-Length") or 0)
    except ValueError:
        length = 0
    if length > MAX_REQUEST_BODY:
        handler.close_connection = True
    return handler.rfile.read(min(length, MAX_REQUEST_BODY)) if length > 0 else b""


class _Handler(BaseHTTPRequestHandler):
    """Parses requests (http.server) and hands each to :meth:`MockServer.exchange`."""

    protocol_version = "HTTP/1.1"
    server: _Listener

    def setup(self) -> None:
        self.timeout = self.server.mock.idle_timeout_s
        super().setup()
        self.server.mock.opened(self.connection)

    def handle(self) -> None:
        with contextlib.suppress(OSError):  # the client went away: nothing to answer
            super().handle()

    def finish(self) -> None:
        try:
            with contextlib.suppress(OSError):
                super().finish()
        finally:
            self.server.mock.closed(self.connection)

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self.server.mock.exchange(self)

    do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_GET  # noqa: N815

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


class _Listener(socketserver.ThreadingTCPServer):
    """One listening address of a mock server."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self, mock: MockServer, host: str, port: int) -> None:
        self.mock, self.host = mock, host
        super().__init__((host, port), _Handler)
        self.port = self.server_address[1]


def _bind(mock: MockServer, hosts: list[str], port: int, shared: bool) -> list[_Listener]:
    """Return listening sockets on every host: one port for all when ``shared``."""
    if not shared or len(hosts) == 1:
        return [_Listener(mock, host, port) for host in hosts]
    for _ in range(BIND_TRIES):
        listeners = [_Listener(mock, hosts[0], port)]
        try:
            listeners += [_Listener(mock, host, listeners[0].port) for host in hosts[1:]]
            return listeners
        except OSError:
            for listener in listeners:
                listener.server_close()
            if port:
                raise
    raise RuntimeError(f"no port free on every address of {hosts}")
