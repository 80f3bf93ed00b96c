"""The hostile corpus at ``/hostile/<name>``, served by the mock server on a 127.0.0.x address."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from tests.hostile import generated
from tests.hostile.catalog import STATIC_CONTENT_TYPES, TRANSPORT_FATES, static_fates
from tests.mockserver import MockServer, Request, Response

PAGES_DIR = Path(__file__).resolve().parent / "pages"
PREFIX = "/hostile/"
SEARCH_PAGES = 3


class HostileSite:
    """Resolves hostile paths; ``canary`` is a server no crawl may ever reach."""

    def __init__(self, canary: str) -> None:
        self.canary = canary
        self.base = ""

    @cached_property
    def static(self) -> dict[str, bytes]:
        """Return the stored hostile pages by name."""
        return {p.name: p.read_bytes() for p in PAGES_DIR.iterdir() if p.is_file()}

    @cached_property
    def dynamic(self) -> dict[str, Response]:
        """Return the generated hostile pages and listings by name."""
        pages = generated.transport_pages(self.base, self.canary)
        return {**pages, **generated.listing_pages(self.base, self.canary)}

    def url(self, name: str) -> str:
        """Return the URL of a hostile page."""
        return f"{self.base}{PREFIX}{name}"

    def feed(self) -> Response:
        """Return an RSS feed listing every hostile page (no dates: nothing is pre-filtered)."""
        names = [*static_fates(), *TRANSPORT_FATES]
        items = "".join(f"<item><title>{n}</title><link>{self.url(n)}</link></item>" for n in names)
        xml = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'
        return Response(content_type="application/rss+xml", body=xml.encode())

    def resolve(self, request: Request) -> Response | None:
        """Return the response for a mock-server request."""
        path = request.path
        if path == "/robots.txt":
            return Response(content_type="text/plain", body=b"User-agent: *\nAllow: /\n")
        if not path.startswith(PREFIX):
            return None
        name, _, query = path[len(PREFIX) :].partition("?")
        if name == "feed.xml":
            return self.feed()
        if name in self.static:
            content_type = STATIC_CONTENT_TYPES.get(name, "text/html")
            return Response(content_type=content_type, body=self.static[name])
        if name in self.dynamic:
            return self.dynamic[name]
        return self._routed(name, query)

    def _routed(self, name: str, query: str) -> Response | None:
        """Return the pages served under a pattern (traps, endless redirects)."""
        if name.startswith("redirect-chain-endless/"):
            step = int(name.rsplit("/", 1)[1])
            return generated.redirect(self.url(f"redirect-chain-endless/{step + 1}"))
        if name.startswith("calendar/"):
            parts = name.split("/")
            if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
                return generated.calendar(self.base, name)
            return generated.calendar(self.base, "calendar/2022/8")
        if name == "search":
            page = int(dict(p.split("=", 1) for p in query.split("&") if "=" in p).get("page", 1))
            return generated.search_trap(self.base, page)
        return None


def hostile_outlets_toml(base: str, key: str = "hostile", *, link_flood: bool = True) -> str:
    """Return an outlets file whose one outlet serves the hostile corpus at ``base``."""
    host = base.split("://", 1)[1]
    url = f"{base}{PREFIX}"
    flood = f', "{url}listing-100000-links"' if link_flood else ""
    return f"""
[[outlets]]
key = "{key}"
name = "Hostile Times"
domains = ["{host}"]
feeds = ["{url}feed.xml", "{url}feed-10000-entries.xml"]
sitemaps = ["{url}sitemap-billion-laughs.xml", "{url}sitemap-external-entities.xml"]
search = ["{url}search?q={{query}}"]
search_pages = {SEARCH_PAGES}
start_urls = ["{url}calendar/2022/8"{flood}]
"""


def start_hostile(host: str, canary: str) -> tuple[MockServer, HostileSite]:
    """Return the running hostile server on ``host`` (one request per connection) and its site."""
    site = HostileSite(canary)
    server = MockServer(host, keep_alive=False)
    server.site().mount("/", site.resolve)
    site.base = server.base
    _ = site.dynamic, site.static  # build the big pages now, not inside a timed request
    return server, site
