"""The outlets registry: which sites cover the story and where their articles can be found."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from archive.web import owned_by
from crawler.config.errors import ConfigError
from crawler.config.validate import Checker, read_toml

DEFAULT_OUTLETS_PATH = Path(__file__).resolve().parent.parent / "outlets.toml"
OUTLET_KEYS = {
    "key", "name", "domains", "feeds", "sitemaps", "search", "start_urls",
    "search_pages", "locale", "sister_domains", "discover", "archives", "home",
}  # fmt: skip
#: The web-archive indexes an outlet (``archives = [...]``) or a crawl (``--archives``) may use.
WEB_ARCHIVES = ("wayback", "commoncrawl")
#: The config keys whose entries are discovery endpoints (templates allowed in each).
ENDPOINT_KEYS = ("feeds", "sitemaps", "search", "start_urls")
_DOMAIN = re.compile(r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$")


@dataclass(frozen=True)
class Outlet:
    """One outlet of the registry: its spider name, domains and discovery endpoints."""

    key: str
    name: str
    domains: tuple[str, ...]
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    search: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()
    search_pages: int | None = None
    locale: str | None = None
    sister_domains: tuple[str, ...] = ()
    #: Add robots.txt ``Sitemap:`` lines and the home page's feed links to the crawl.
    discover: bool = True
    #: Web-archive indexes to discover this outlet's past articles through (see WEB_ARCHIVES).
    archives: tuple[str, ...] = ()
    #: The home page (robots.txt and feed links are read from its origin); None: derived.
    home: str | None = None

    def owns(self, url: str, *, sisters: bool = True) -> bool:
        """Return True when ``url`` is on one of the outlet's (or sister) domains.

        A domain owns its subdomains; one written with a port only that port
        (``archive.web.domain_owns``).
        """
        return owned_by(url, self.domains + (self.sister_domains if sisters else ()))


def load_outlets(path: str | Path | None = None) -> list[Outlet]:
    """Return the outlets of a TOML registry, validated; raise ConfigError naming file and key."""
    path = Path(path) if path else DEFAULT_OUTLETS_PATH
    document = read_toml(path)
    Checker(path, document, "top level").unknown({"outlets"})
    entries = document.get("outlets")
    if not isinstance(entries, list) or not entries:
        raise ConfigError(path, "expected a non-empty [[outlets]] array of tables")
    outlets: list[Outlet] = []
    for index, entry in enumerate(entries, start=1):
        outlets.append(parse_outlet(path, entry, index))
    keys = [o.key for o in outlets]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ConfigError(path, f"duplicate outlet key {duplicates[0]!r}", where="outlets")
    return outlets


def parse_outlet(path: str | Path, entry: Any, index: int = 1) -> Outlet:
    """Return one validated Outlet from an ``[[outlets]]`` table (``path`` names it in errors)."""
    path = Path(path)
    if not isinstance(entry, dict):
        raise ConfigError(path, "expected a table", where=f"outlet #{index}")
    label = entry.get("key") if isinstance(entry.get("key"), str) else f"#{index}"
    check = Checker(path, entry, f"outlet {label}")
    check.unknown(OUTLET_KEYS)
    key = check.ident("key")
    domains = tuple(d.lower() for d in check.strings("domains", required=True))
    sisters = tuple(d.lower() for d in check.strings("sister_domains"))
    for name, values in (("domains", domains), ("sister_domains", sisters)):
        bad = [d for d in values if not _DOMAIN.match(d)]
        if bad:
            raise check.fail(name, f"bare host names like 'people.com', got {bad[0]!r}")
    outlet = Outlet(
        key=key,
        name=check.text("name", default=key) or key,
        domains=domains,
        feeds=check.urls("feeds"),
        sitemaps=check.urls("sitemaps"),
        search=check.urls("search", placeholder="{query}"),
        start_urls=check.urls("start_urls"),
        search_pages=check.integer("search_pages", minimum=1),
        locale=check.text("locale"),
        sister_domains=sisters,
        discover=check.boolean("discover", default=True),
        archives=check.choices("archives", WEB_ARCHIVES),
        home=check.url("home"),
    )
    if outlet.home and not outlet.owns(outlet.home):
        raise check.fail("home", f"a URL on the outlet's domains, got {outlet.home!r}")
    return outlet


def parse_archives(value: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """Return web-archive names from ``wayback,commoncrawl`` or a list; ValueError when unknown."""
    if not value:
        return ()
    names = value.split(",") if isinstance(value, str) else list(value)
    names = [n.strip() for n in names if n.strip()]
    bad = [n for n in names if n not in WEB_ARCHIVES]
    if bad:
        raise ValueError(f"unknown web archive {bad[0]!r} (known: {', '.join(WEB_ARCHIVES)})")
    return tuple(dict.fromkeys(names))


def outlet_for_url(url: str, outlets: Iterable[Outlet]) -> Outlet | None:
    """Return the outlet whose own domains serve ``url`` (sister domains second), else None."""
    outlets = tuple(outlets)
    for sisters in (False, True):
        for outlet in outlets:
            if outlet.owns(url, sisters=sisters):
                return outlet
    return None


@cache
def default_outlets() -> tuple[Outlet, ...]:
    """Return the outlets of the default registry (``crawler/outlets.toml``), loaded once."""
    return tuple(load_outlets(DEFAULT_OUTLETS_PATH))


def resolve_outlet(
    outlet: Outlet | str | None, url: str | None, outlets: Iterable[Outlet] | None = None
) -> Outlet | None:
    """Return the outlet a page belongs to: ``outlet`` itself; for a key, the registry's outlet
    of that key (or one known only by its key); without either, the outlet serving ``url``.

    ``outlets`` is the registry (default: ``default_outlets()``).
    """
    if isinstance(outlet, Outlet):
        return outlet
    registry = tuple(outlets) if outlets is not None else default_outlets()
    if outlet:
        known = next((o for o in registry if o.key == outlet), None)
        return known or Outlet(key=outlet, name=outlet, domains=())
    return outlet_for_url(url, registry) if url else None


def select_outlets(outlets: list[Outlet], keys: list[str] | None, path: str | Path) -> list[Outlet]:
    """Return the outlets named by ``keys`` (all when empty); raise ConfigError for unknown keys."""
    if not keys:
        return outlets
    by_key = {o.key: o for o in outlets}
    missing = [k for k in keys if k not in by_key]
    if missing:
        raise ConfigError(
            path, f"no outlet {missing[0]!r} (known: {', '.join(sorted(by_key))})", where="outlets"
        )
    return [by_key[k] for k in keys]
