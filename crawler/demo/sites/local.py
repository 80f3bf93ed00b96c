"""Move synthetic sites from their real origins to local ones (``http://127.0.0.N:PORT``).

Every URL in every page, config and expectation is rewritten, across outlets (a syndicated
copy names the original's outlet). Search pages answer any query, as real search pages do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote_plus, urlsplit

from crawler.demo.sites.build import Site, origins_of, search_query, text_response
from crawler.demo.sites.discovery import urlset
from crawler.demo.sites.model import Response

#: A function rewriting every real origin in a text to its local base URL.
Rewrite = Callable[[str], str]
_URL_KEYS = ("feeds", "sitemaps", "search", "start_urls", "home")
#: A malformed feed body (unclosed elements): the crawl must count it and go on.
MALFORMED_FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken<item><link>'


@dataclass
class LocalSite:
    """A site served under a local origin."""

    key: str
    base_url: str
    pages: dict[str, Response]
    config: dict
    expected: dict
    aliases: list[tuple[re.Pattern[str], str]] = field(default_factory=list)

    def resolve(self, url: str) -> Response | None:
        """Return the response for ``url`` (search pages match any query), or None."""
        if url in self.pages:
            return self.pages[url]
        for pattern, target in self.aliases:
            if pattern.fullmatch(url):
                return self.pages[target]
        return None


def origin_map(sites: dict[str, Site], bases: dict[str, str]) -> dict[str, str]:
    """Return real origin -> local base URL for every outlet's hosts and domains."""
    mapping: dict[str, str] = {}
    for key, site in sites.items():
        domains = [*site.config.get("domains", []), *site.config.get("sister_domains", [])]
        hosts = [f"https://{d}" for d in domains] + [f"https://www.{d}" for d in domains]
        for origin in [*origins_of(site), *hosts]:
            mapping.setdefault(origin, bases[key].rstrip("/"))
    return mapping


def rewriter(mapping: dict[str, str]) -> Rewrite:
    """Return a function replacing every mapped origin in a text."""
    alternatives = "|".join(re.escape(o) for o in sorted(mapping, key=len, reverse=True))
    pattern = re.compile(f"(?:{alternatives})(?![\\w.-])")

    def rewrite(text: str) -> str:
        return pattern.sub(lambda m: mapping[m.group(0)], text)

    return rewrite


def _rewrite_any(value: object, rewrite: Rewrite) -> object:
    """Return ``value`` with every string inside rewritten (dicts and lists walked)."""
    if isinstance(value, str):
        return rewrite(value)
    if isinstance(value, list):
        return [_rewrite_any(v, rewrite) for v in value]
    if isinstance(value, dict):
        return {k: _rewrite_any(v, rewrite) for k, v in value.items()}
    return value


def _move_response(response: Response, rewrite: Rewrite) -> Response:
    """Return ``response`` with its body's URLs rewritten."""
    text = rewrite(response.body.decode("utf-8"))
    return text_response(text, response.content_type, status=response.status)


def _aliases(site: Site, rewrite: Rewrite, story: dict | None) -> list[tuple[re.Pattern[str], str]]:
    """Return (pattern, page URL) pairs letting each search page answer any query."""
    query = quote_plus(search_query(story))
    out = []
    for urls in site.search_pages.values():
        for url in map(rewrite, urls):
            parts = [re.escape(p) for p in url.split(query)]
            out.append((re.compile("[^/&#]+".join(parts)), url))
    return out


def relocate(sites: dict[str, Site], bases: dict[str, str], story: dict | None = None) -> dict:
    """Return key -> LocalSite with every outlet moved to ``bases[key]``."""
    rewrite = rewriter(origin_map(sites, bases))
    moved: dict[str, LocalSite] = {}
    for key, site in sites.items():
        pages: dict[str, Response] = {}
        for url, response in site.pages.items():
            pages.setdefault(rewrite(url), _move_response(response, rewrite))
        config = {
            k: _rewrite_any(v, rewrite) if k in _URL_KEYS else v for k, v in site.config.items()
        }
        config["domains"] = [urlsplit(bases[key]).hostname]
        config.pop("sister_domains", None)
        expected = _rewrite_any(site.expected, rewrite)
        aliases = _aliases(site, rewrite, story)
        moved[key] = LocalSite(key, bases[key].rstrip("/"), pages, config, expected, aliases)
    return moved


def local_story_toml(story: dict, sites: dict[str, Site], bases: dict[str, str]) -> str:
    """Return the story as TOML with its start URLs moved to the sites' local origins."""
    rewrite = rewriter(origin_map(sites, bases))
    moved = {**story, "start_urls": [rewrite(u) for u in story.get("start_urls", [])]}
    rules = moved.pop("relevance", {})
    lines = [f"{key} = {_toml(value)}" for key, value in moved.items()]
    lines += ["[relevance]", *(f"{key} = {_toml(value)}" for key, value in rules.items())]
    return "\n".join(lines) + "\n"


def _toml(value: object) -> str:
    """Return a TOML literal for a date, string, boolean, number or list of those."""
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | date):
        return str(value) if isinstance(value, int) else value.isoformat()
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def add_bad_endpoints(site: LocalSite) -> None:
    """Give ``site`` a malformed feed, a missing (404) feed and an empty sitemap."""
    broken, missing = f"{site.base_url}/feeds/broken.xml", f"{site.base_url}/feeds/missing.xml"
    empty = f"{site.base_url}/sitemaps/empty.xml"
    site.pages[broken] = text_response(MALFORMED_FEED, "application/rss+xml")
    site.pages[empty] = text_response(urlset([]), "application/xml")
    site.config["feeds"] = [*site.config.get("feeds", []), broken, missing]
    site.config["sitemaps"] = [*site.config.get("sitemaps", []), empty]
    site.expected["bad_endpoints"] = {broken: "malformed", missing: "404", empty: "empty"}
