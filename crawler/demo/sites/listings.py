"""The outlet's discovery endpoints rendered from its articles: feeds, sitemaps, search, seeds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from crawler.demo.sites.base import OutletSite
from crawler.demo.sites.discovery import (
    Entry,
    atom_feed,
    is_news_sitemap,
    news_sitemap,
    rss_feed,
    sitemap_index,
    urlset,
)

RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"
HTML = "text/html; charset=utf-8"

#: A rendered endpoint: (URL, text, content type).
Page = tuple[str, str, str]


@dataclass(frozen=True)
class Listings:
    """The outlet's articles grouped by where listings show them."""

    in_window: list[Entry]  # dated, inside the window (story, robots-blocked and off-topic)
    search_first: list[Entry]  # result page 1: the story's articles (AMP URL where modelled)
    search_second: list[Entry]  # result page 2: older and undated coverage
    old: list[Entry]
    undated: list[Entry]


@dataclass
class Discovery:
    """Rendered endpoints plus facts the expectations need."""

    pages: list[Page]
    skipped_sitemaps: list[str]  # children whose lastmod is before the window
    search_pages: dict[str, list[str]]  # search template -> [page 1 URL, page 2 URL]


def _newest_first(entries: list[Entry]) -> list[Entry]:
    """Return dated entries newest first, undated ones last."""
    dated = sorted((e for e in entries if e.published), key=lambda e: e.published, reverse=True)
    return dated + [e for e in entries if not e.published]


def feeds(model: OutletSite, urls: list[str], items: Listings) -> list[Page]:
    """Return the outlet's feeds: window articles and undated ones, newest first."""
    entries = _newest_first(items.in_window + items.undated)
    out = []
    for url in urls:
        kwargs = {"title": f"{model.name} - Latest", "link": model.origin + "/", "self_url": url}
        if model.feed_format == "atom":
            out.append((url, atom_feed(entries=entries, **kwargs), ATOM))
        else:
            out.append((url, rss_feed(entries=entries, **kwargs), RSS))
    return out


def sitemaps(model: OutletSite, urls: list[str], items: Listings) -> tuple[list[Page], list[str]]:
    """Return news sitemaps and sitemap indexes with their children; and the skipped children."""
    out: list[Page] = []
    skipped: list[str] = []
    for url in urls:
        if is_news_sitemap(url):
            out.append((url, news_sitemap(model.name, _newest_first(items.in_window)), XML))
            continue
        groups: dict[str, list[tuple[str, datetime | None]]] = {}
        lastmods: dict[str, datetime] = {}
        for entry in items.in_window + items.old:
            child = model.child_sitemap_url(url, entry.published.date())
            groups.setdefault(child, []).append((entry.url, entry.published))
            lastmods[child] = max(lastmods.get(child, entry.published), entry.published)
        newest = max(lastmods, key=lambda child: lastmods[child])
        groups[newest].append((model.origin + model.section_front_path, lastmods[newest]))
        children = sorted(lastmods.items(), key=lambda kv: kv[1], reverse=True)
        out.append((url, sitemap_index(children), XML))
        out += [(child, urlset(rows), XML) for child, rows in groups.items()]
        old_days = {e.published.date() for e in items.old}
        skipped += [
            c for c in groups if any(c == model.child_sitemap_url(url, d) for d in old_days)
        ]
    return out, skipped


def search(
    model: OutletSite, templates: list[str], items: Listings, queries: list[str]
) -> tuple[list[Page], dict[str, list[str]]]:
    """Return two result pages per search template and query; page 1 links to page 2."""
    out: list[Page] = []
    urls: dict[str, list[str]] = {}
    for template in templates:
        for index, query in enumerate(queries):
            first = template.replace("{query}", query)
            second = model.search_page_url(first, 2)
            title = f"Search results for {query.replace('+', ' ')}"
            links1 = [(e.title, e.url) for e in items.search_first]
            links2 = [(e.title, e.url) for e in items.search_second]
            out.append((first, model.render_listing(title, links1, second), HTML))
            out.append((second, model.render_listing(title + ", page 2", links2, None), HTML))
            if index == 0:
                urls[template] = [first, second]
    return out, urls


def seeds(model: OutletSite, urls: list[str], items: Listings) -> list[Page]:
    """Return the start URLs as topic pages linking the story's coverage, old and new."""
    links = [(e.title, e.url) for e in items.search_first + items.search_second]
    return [(url, model.render_listing("Jared Kushner", links, None), HTML) for url in urls]


def section_front(model: OutletSite, items: Listings) -> Page:
    """Return the section front: a non-article page teasing the latest articles."""
    links = [(e.title, e.url) for e in _newest_first(items.in_window)]
    url = model.origin + model.section_front_path
    return url, model.render_listing(f"{model.name}: Latest", links, None), HTML


def discovery(model: OutletSite, cfg: dict, items: Listings, queries: list[str]) -> Discovery:
    """Return every discovery endpoint the outlet's config names, rendered."""
    pages = feeds(model, cfg.get("feeds", []), items)
    maps, skipped = sitemaps(model, cfg.get("sitemaps", []), items)
    found, search_urls = search(model, cfg.get("search", []), items, queries)
    pages += maps + found + seeds(model, cfg.get("start_urls", []), items)
    pages.append(section_front(model, items))
    return Discovery(pages, skipped, search_urls)
