"""The one access-log format of the mock server: a :class:`Hit` per request, an :class:`AccessLog`.

A hit enters the log when its request has been read and answered (status known, before the
body is sent), so the log is in arrival order and a test can count requests while a crawl
runs; ``end_s`` and ``bytes_sent`` are filled in when the response is finished. A server run
as a subprocess appends each hit to a JSON-lines file twice (when logged, when finished) and
:class:`FileAccessLog` reads the newest line of each.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


@dataclass
class Hit:
    """One request the server received, and what it answered."""

    host: str  # the address the request reached (127.0.0.x)
    port: int
    method: str
    path: str  # path and query, as sent on the request line
    status: int | None  # None: no status was sent (a reset or held connection)
    user_agent: str
    headers: dict[str, str] = field(default_factory=dict)
    start_s: float = 0.0  # epoch seconds when the request arrived
    end_s: float | None = None  # epoch seconds when the response was finished
    bytes_sent: int = 0  # body bytes written
    attempt: int = 1  # how many requests for this host and path so far, this one included
    fault: str | None = None  # the fault served instead of the page (see faults.FAULT_KINDS)
    retry_after_s: int | None = None  # the Retry-After the answer announced
    seq: int = 0  # arrival order within the server

    @property
    def url(self) -> str:
        """Return the absolute URL requested."""
        return f"http://{self.host}:{self.port}{self.path}"

    @property
    def route(self) -> str:
        """Return the path without its query string."""
        return urlsplit(self.path).path

    def header(self, name: str, default: str | None = None) -> str | None:
        """Return a request header, its name matched case-insensitively."""
        lowered = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == lowered), default)


class AccessLog:
    """Every hit of one server, in arrival order; thread-safe; queries return snapshots."""

    def __init__(self, sink: Path | None = None) -> None:
        self._hits: list[Hit] = []
        self._arrivals = 0
        self._lock = threading.Lock()
        self._sink = sink.open("a", encoding="utf-8") if sink is not None else None

    def record(self, hit: Hit) -> None:
        """Add a hit whose answer is decided."""
        with self._lock:
            self._arrivals += 1
            hit.seq = self._arrivals
            self._hits.append(hit)
        self._write(hit)

    def finished(self, hit: Hit) -> None:
        """Note that ``hit``'s response is complete."""
        self._write(hit)

    def _write(self, hit: Hit) -> None:
        """Append the hit's current state to the sink file, if any."""
        if self._sink is not None:
            line = json.dumps(asdict(hit)) + "\n"
            with self._lock:
                self._sink.write(line)
                self._sink.flush()

    def hits(self) -> list[Hit]:
        """Return every hit so far, in arrival order."""
        with self._lock:
            return list(self._hits)

    def clear(self) -> None:
        """Forget the hits seen so far."""
        with self._lock:
            self._hits.clear()

    def close(self) -> None:
        """Close the sink file."""
        if self._sink is not None:
            self._sink.close()

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits())

    def __len__(self) -> int:
        with self._lock:
            return len(self._hits)

    def requested(self, url: str) -> bool:
        """Return True when ``url`` (absolute, path and query exact) was requested."""
        return bool(self.hits_to(url))

    def hits_to(self, url: str) -> list[Hit]:
        """Return the hits for an absolute URL (host, port, path and query all equal)."""
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        port = parts.port or 80
        return [h for h in self.hits() if (h.host, h.port, h.path) == (parts.hostname, port, path)]

    def hits_for(self, host: str) -> list[Hit]:
        """Return the hits that reached ``host`` (``127.0.0.2`` or ``127.0.0.2:PORT``)."""
        name, _, port = host.partition(":")
        return [h for h in self.hits() if h.host == name and (not port or h.port == int(port))]

    def for_path(self, path: str, host: str | None = None) -> list[Hit]:
        """Return the hits whose path and query equal ``path`` (on ``host`` when given)."""
        hits = self.hits_for(host) if host else self.hits()
        return [h for h in hits if h.path == path]

    def paths(self, host: str | None = None, *, query: bool = True) -> list[str]:
        """Return the requested paths in order (with their query unless ``query`` is False)."""
        hits = self.hits_for(host) if host else self.hits()
        return [h.path if query else h.route for h in hits]

    def counts(self, host: str | None = None, *, query: bool = True) -> Counter[str]:
        """Return how many times each path was requested."""
        return Counter(self.paths(host, query=query))

    def faults(self) -> Counter[str]:
        """Return how many times each fault kind was served."""
        return Counter(h.fault for h in self.hits() if h.fault)


class FileAccessLog(AccessLog):
    """The access log of a server in another process, read from its JSON-lines file."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._cleared_to = 0  # hits up to this arrival number were cleared

    def hits(self) -> list[Hit]:
        """Return every hit so far (its newest state), in arrival order."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        complete = text[: text.rfind("\n") + 1]
        states = (Hit(**json.loads(line)) for line in complete.splitlines() if line)
        newest = {hit.seq: hit for hit in states if hit.seq > self._cleared_to}
        return [newest[seq] for seq in sorted(newest)]

    def clear(self) -> None:
        """Forget the hits seen so far (the file is kept: the server may still be writing)."""
        self._cleared_to = max((hit.seq for hit in self.hits()), default=self._cleared_to)

    def __len__(self) -> int:
        return len(self.hits())
