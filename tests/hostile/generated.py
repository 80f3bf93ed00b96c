"""Hostile responses too large or too dynamic to store: built at test time, streamed if big."""

from __future__ import annotations

import socket
import threading
import zlib
from collections.abc import Iterator
from functools import cache

from tests.hostile.build_pages import article
from tests.mockserver import Response

MB = 1024 * 1024
#: Decompressed size of the compression bombs (DOWNLOAD_MAXSIZE is 16 MB).
BOMB_BYTES = 64 * MB
#: Size of the oversized bodies.
BIG_BODY_BYTES = 50 * MB
LINKS_ON_PAGE = 100_000
FEED_ENTRIES = 10_000
#: How long the slow-header and endless-body responses keep a connection (> DOWNLOAD_TIMEOUT).
STALL_S = 20.0


@cache
def bomb(kind: str) -> bytes:
    """Return ``BOMB_BYTES`` of zeros compressed as gzip or deflate (about 64 KB)."""
    wbits = 31 if kind == "gzip" else 15
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = bytes(MB)
    parts = [packer.compress(block) for _ in range(BOMB_BYTES // MB)]
    return b"".join(parts) + packer.flush()


def _big_chunks() -> Iterator[bytes]:
    """Yield ``BIG_BODY_BYTES`` of HTML in 1 MB chunks."""
    chunk = (b"<p>" + b"padding " * 130_000 + b"</p>")[:MB]
    yield b"<html><body>" + chunk[12:]
    for _ in range(BIG_BODY_BYTES // MB - 1):
        yield chunk


def redirect(location: str, status: int = 302) -> Response:
    """Return a redirect to ``location``."""
    return Response(status=status, headers=(("Location", location),), body=b"moved")


def links_page(base: str, count: int, *, as_article: bool) -> Response:
    """Return a page with ``count`` distinct same-site article-like links."""
    links = "".join(
        f'<a href="{base}/hostile/linked/{i:06d}-kushner-linked-story">story {i}</a> '
        for i in range(count)
    )
    if as_article:
        return Response(body=article(body_extra=f"<aside>{links}</aside>").encode())
    return Response(body=f"<html><body><h1>Everything</h1>{links}</body></html>".encode())


def feed_10k(base: str) -> Response:
    """Return an RSS feed of ``FEED_ENTRIES`` items, all dated long before the story."""
    items = "".join(
        f"<item><title>Old item {i}</title><link>{base}/hostile/old/{i:05d}-old-feed-item</link>"
        "<pubDate>Mon, 04 Mar 2019 08:00:00 GMT</pubDate></item>"
        for i in range(FEED_ENTRIES)
    )
    channel = f"<channel><title>Big</title>{items}</channel>"
    xml = f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'
    return Response(content_type="application/rss+xml", body=xml.encode())


def billion_laughs() -> Response:
    """Return a sitemap whose entities would expand to gigabytes if a parser expanded them."""
    entities = ['<!ENTITY lol0 "lollollollollollollollollollol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE urlset [{"".join(entities)}]>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>http://x/&lol9;</loc></url></urlset>"
    )
    return Response(content_type="application/xml", body=xml.encode())


def external_entities(canary: str) -> Response:
    """Return a sitemap with external entities pointing at a local file and the canary server."""
    xml = (
        '<?xml version="1.0"?><!DOCTYPE urlset ['
        '<!ENTITY file SYSTEM "file:///etc/passwd">'
        f'<!ENTITY net SYSTEM "{canary}/xxe-fetched">]>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>&file;</loc></url><url><loc>&net;</loc></url></urlset>"
    )
    return Response(content_type="application/xml", body=xml.encode())


def calendar(base: str, path: str) -> Response:
    """Return a calendar page linking to the previous and next month and to each day."""
    year, month = (int(p) for p in path.rsplit("/", 2)[-2:])
    prev_y, prev_m = (year, month - 1) if month > 1 else (year - 1, 12)
    next_y, next_m = (year, month + 1) if month < 12 else (year + 1, 1)
    days = "".join(
        f'<a href="{base}/hostile/calendar/{year}-{month:02d}-{d:02d}-events-day-listing">{d}</a>'
        for d in range(1, 29)
    )
    nav = (
        f'<a href="{base}/hostile/calendar/{prev_y}/{prev_m}">prev</a>'
        f'<a href="{base}/hostile/calendar/{next_y}/{next_m}">next</a>'
    )
    return Response(body=f"<html><body><h1>Events</h1>{nav}{days}</body></html>".encode())


def search_trap(base: str, page: int) -> Response:
    """Return a search results page that always has a next page."""
    nxt = f'<a rel="next" href="{base}/hostile/search?q=kushner&page={page + 1}">Next</a>'
    return Response(
        body=f"<html><body><p>No results on page {page}</p>{nxt}</body></html>".encode()
    )


def _stall(head: bytes) -> Response:
    """Return a response that sends ``head`` then trickles bytes for ``STALL_S`` seconds."""

    def write(sock: socket.socket, stopping: threading.Event) -> None:
        sock.sendall(head)
        for _ in range(int(STALL_S / 0.25)):
            if stopping.wait(0.25):
                return
            sock.sendall(b"x")

    return Response(raw=write)


def _raw(data: bytes) -> Response:
    """Return a response that writes ``data`` verbatim and closes."""
    return Response(raw=lambda sock, _stopping: sock.sendall(data))


def transport_pages(base: str, canary: str) -> dict[str, Response]:
    """Return the transport-level hostile responses by name (served at ``/hostile/<name>``)."""
    html = article().encode()
    return {
        "gzip-bomb": Response(body=bomb("gzip"), headers=(("Content-Encoding", "gzip"),)),
        "deflate-bomb": Response(body=bomb("deflate"), headers=(("Content-Encoding", "deflate"),)),
        "body-50mb-with-content-length": Response(chunks=_big_chunks, length=BIG_BODY_BYTES),
        "body-50mb-without-content-length": Response(chunks=_big_chunks),
        "redirect-loop-two-steps": redirect(f"{base}/hostile/redirect-loop-two-steps-b"),
        "redirect-loop-two-steps-b": redirect(f"{base}/hostile/redirect-loop-two-steps"),
        "redirect-to-itself": redirect(f"{base}/hostile/redirect-to-itself", 301),
        "redirect-to-other-domain": redirect("http://other.invalid/kushner-stolen-story"),
        "redirect-to-loopback-canary": redirect(f"{canary}/stolen-by-redirect", 307),
        "redirect-to-link-local-metadata": redirect("http://169.254.169.254/latest/meta-data/"),
        "redirect-to-ipv6-loopback": redirect("http://[::1]/admin"),
        "redirect-to-file-scheme": redirect("file:///etc/passwd"),
        "redirect-to-decimal-ip-loopback": redirect("http://2130706433/admin"),
        "redirect-to-private-10-network": redirect("http://10.0.0.1/router"),
        "headers-never-finish": _stall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"),
        "body-never-finishes": _stall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>"),
        "garbage-instead-of-http": _raw(b"\x00\xffGARBAGE not http\r\n\r\n"),
        "header-line-100kb": _raw(
            b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 100_000 + b"\r\nContent-Length: 2\r\n\r\nhi"
        ),
        "conflicting-content-length-headers": _raw(
            b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: "
            + str(len(html)).encode()
            + b"\r\nContent-Type: text/html\r\n\r\n"
            + html
        ),  # fmt: skip
        "octet-stream-content-type": Response(content_type="application/octet-stream", body=html),
        "status-204-no-content": Response(status=204, body=b""),
        "divs-nested-100000-deep": Response(
            body=article(body_extra="<div>" * 100_000 + "deep" + "</div>" * 100_000).encode()
        ),
        "article-with-100000-links": links_page(base, LINKS_ON_PAGE, as_article=True),
        "inline-base64-image-8mb": Response(
            body=article(body_extra=f"<img src='data:image/png;base64,{'A' * 8 * MB}'>").encode()
        ),
    }


def listing_pages(base: str, canary: str) -> dict[str, Response]:
    """Return the hostile listings (feeds, sitemaps, link pages) by name."""
    return {
        "feed-10000-entries.xml": feed_10k(base),
        "sitemap-billion-laughs.xml": billion_laughs(),
        "sitemap-external-entities.xml": external_entities(canary),
        "listing-100000-links": links_page(base, LINKS_ON_PAGE, as_article=False),
    }
