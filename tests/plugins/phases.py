"""A local article server whose pages change by phase, logging the conditional headers it sees.

Pages are synthetic (invented text); they carry JSON-LD and meta tags the way outlets do.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROBOTS_TXT = "User-agent: *\nDisallow: /private/\n"


@dataclass
class Page:
    """What the server answers for one path in the current phase."""

    status: int = 200
    html: str = ""
    etag: str | None = None
    last_modified: datetime | None = None
    location: str | None = None


@dataclass
class Seen:
    """One request the server received."""

    path: str
    headers: dict[str, str] = field(default_factory=dict)


def article_html(
    headline: str,
    paragraphs: list[str],
    *,
    author: str = "Robin Example",
    published: str = "2022-08-02T17:39:00-04:00",
    modified: str | None = None,
    script: str = "",
) -> str:
    """Return a synthetic article page with JSON-LD, meta tags and the body paragraphs."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "author": [{"@type": "Person", "name": author}],
        "datePublished": published,
        "dateModified": modified or published,
        "articleBody": "\n\n".join(paragraphs),
    }
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{headline}</title><meta property='og:title' content='{headline}'>"
        f"<script type='application/ld+json'>{json.dumps(data)}</script>"
        f"<script>{script}</script></head><body><header>Site nav</header>"
        f"<article><h1>{headline}</h1>{body}</article><footer>Footer text</footer></body></html>"
    )


class PhaseServer:
    """Threaded HTTP server on 127.0.0.1: ``pages`` maps a path to its Page in this phase."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.seen: list[Seen] = []
        self.honour_conditionals = True
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        """Return the absolute URL of ``path`` on this server."""
        return self.base + path

    def requests_for(self, path: str) -> list[Seen]:
        """Return the requests received for ``path``."""
        with self._lock:
            return [s for s in self.seen if s.path == path]

    def close(self) -> None:
        """Stop serving."""
        self.httpd.shutdown()
        self.httpd.server_close()

    def answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        """Return (status, headers, body) for a GET of ``path``."""
        with self._lock:
            self.seen.append(Seen(path, headers))
            page = self.pages.get(path) or self.pages.get(path.partition("?")[0])
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, ROBOTS_TXT.encode()
        if page is None:
            return 404, {"Content-Type": "text/plain"}, b"not found"
        out = {"Content-Type": "text/html; charset=utf-8"}
        if page.etag:
            out["ETag"] = page.etag
        if page.last_modified:
            out["Last-Modified"] = format_datetime(page.last_modified, usegmt=True)
        if page.location:
            out["Location"] = page.location
        conditional = headers.get("If-None-Match")
        if (
            page.status == 200
            and self.honour_conditionals
            and page.etag
            and conditional == page.etag
        ):
            return 304, out, b""
        return page.status, out, page.html.encode("utf-8") if page.status == 200 else b"gone"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server API
                status, headers, body = server.answer(self.path, dict(self.headers.items()))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler
