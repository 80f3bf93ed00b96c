"""The outlet's discovery endpoints rendered from its articles: feeds, sitemaps, search, seeds.

Every endpoint a crawl of the default story uses gets its page: the configured ones as
expanded for the story (``crawler.discovery.endpoints.configured_endpoints``, the crawler's
own expansion), the home page with its feed links, robots.txt with its ``Sitemap:`` lines, and
the endpoints those declare that a crawl fetches (``select_discovered``, the crawler's own
selection). Feeds and news sitemaps list the newest :data:`RECENT_ITEMS` dated articles, as
real ones list only the latest; archive sitemaps list everything in their layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.config import Outlet, Story
from crawler.demo.sites.archives import LAYOUTS, Layout, SitemapPages
from crawler.demo.sites.base import OutletSite
from crawler.demo.sites.discovery import (
    Entry,
    atom_feed,
    home_page,
    is_news_sitemap,
    news_sitemap,
    rss_feed,
)
from crawler.discovery.endpoints import (
    FEED,
    HOME_FEED,
    ROBOTS_SITEMAP,
    SEARCH,
    SITEMAP,
    Endpoint,
    home_url,
    select_discovered,
)

RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"
#: How many dated articles a feed or a news sitemap lists (the newest).
RECENT_ITEMS = 4
#: The crawler's default cap on robots.txt sitemaps (NEWSARCHIVE_MAX_ROBOTS_SITEMAPS).
ROBOTS_CAP = 50

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

    pages: list[Page] = field(default_factory=list)
    skipped_sitemaps: list[str] = field(default_factory=list)  # never requested by a crawl
    missing: list[str] = field(default_factory=list)  # answered 404 (dated after the capture)
    search_pages: dict[str, list[str]] = field(default_factory=dict)  # template -> page URLs
    front_listed: bool = False  # a sitemap lists the section front (a not-article rejection)
    old_listed: bool = False  # a search or topic page lists the old coverage

    def add(self, part: SitemapPages) -> None:
        """Take one sitemap's pages and facts."""
        self.pages += part.pages
        self.skipped_sitemaps += part.skipped
        self.missing += part.missing
        self.front_listed = self.front_listed or part.front_listed


def _newest_first(entries: list[Entry]) -> list[Entry]:
    """Return dated entries newest first, undated ones last."""
    dated = sorted((e for e in entries if e.published), key=lambda e: e.published, reverse=True)
    return dated + [e for e in entries if not e.published]


def recent(entries: list[Entry], listing: str) -> list[Entry]:
    """Return what a feed or news sitemap lists: the newest dated entries, then undated ones."""
    shown = [e for e in _newest_first(entries) if e.listed(listing)]
    dated = [e for e in shown if e.published][:RECENT_ITEMS]
    return dated + [e for e in shown if not e.published]


def feed_page(model: OutletSite, url: str, entries: list[Entry]) -> Page:
    """Return a feed of ``entries`` in the outlet's format (RSS 2.0 or Atom)."""
    kwargs = {"title": f"{model.name} - Latest", "link": model.origin + "/", "self_url": url}
    if model.feed_format == "atom" or url.rstrip("/").endswith("/atom"):
        return url, atom_feed(entries=entries, **kwargs), ATOM
    return url, rss_feed(entries=entries, **kwargs), RSS


def sitemap_pages(model: OutletSite, url: str, items: Listings, story: Story) -> SitemapPages:
    """Return a news sitemap, or an archive sitemap in the outlet's layout."""
    if is_news_sitemap(url):
        entries = recent(items.in_window, "news")
        return SitemapPages(pages=[(url, news_sitemap(model.name, entries), XML_TYPE)])
    layout = Layout(
        model.layout_for(url), model.child_sitemap_url, model.origin + model.section_front_path
    )
    entries = [e for e in items.in_window + items.old if e.listed("sitemap")]
    return LAYOUTS[layout.name](layout, url, entries, story)


XML_TYPE = "application/xml; charset=utf-8"


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


def _home(model: OutletSite, outlet: Outlet, items: Listings) -> tuple[list[Page], list[str]]:
    """Return the home page (declaring the configured and home-only feeds) and those feeds."""
    feeds = [(f"{model.name} - Latest", url) for url in outlet.feeds]
    feeds += [(title, url) for title, url, _ in model.home_only_feeds]
    mime = (ATOM if model.feed_format == "atom" else RSS).split(";")[0]
    declared = [(t, u, ATOM.split(";")[0] if u.endswith("/atom") else mime) for t, u in feeds]
    page = home_page(name=model.name, url=home_url(outlet), feeds=declared, lang=model.lang)
    pages: list[Page] = [(home_url(outlet), page, HTML)]
    for _, url, listing in model.home_only_feeds:
        pages.append(feed_page(model, url, recent(items.in_window + items.undated, listing)))
    return pages, [u for _, u in feeds]


def discovery(
    model: OutletSite, outlet: Outlet, story: Story, endpoints: list[Endpoint],
    items: Listings, queries: list[str],
) -> Discovery:  # fmt: skip
    """Return every endpoint a crawl of ``story`` uses on this outlet, rendered."""
    found = Discovery()
    for endpoint in endpoints:
        if endpoint.kind == FEED:
            found.pages.append(
                feed_page(model, endpoint.url, recent(items.in_window + items.undated, "feed"))
            )
        elif endpoint.kind == SITEMAP:
            found.add(sitemap_pages(model, endpoint.url, items, story))
    templates = [e.template or e.url for e in endpoints if e.kind == SEARCH]
    pages, found.search_pages = search(model, list(dict.fromkeys(templates)), items, queries)
    found.pages += pages
    starts = [e.url for e in endpoints if e.kind == "start_url"]
    found.pages += seeds(model, starts, items)
    found.old_listed = bool(templates or starts)
    home_pages, home_feeds = _home(model, outlet, items)
    found.pages += home_pages
    _robots_sitemaps(model, story, endpoints, home_feeds, items, found)
    found.pages.append(section_front(model, items))
    return found


def _robots_sitemaps(
    model: OutletSite, story: Story, endpoints: list[Endpoint], home_feeds: list[str],
    items: Listings, found: Discovery,
) -> None:  # fmt: skip
    """Render the robots.txt sitemaps a crawl fetches; note the ones it skips by date."""
    configured = [e.url for e in endpoints if e.kind == SITEMAP]
    known = [e.url for e in endpoints] + home_feeds
    plan = select_discovered(
        model.robots_sitemaps(configured), kind=SITEMAP, source=ROBOTS_SITEMAP, known=known,
        story=story, limit=ROBOTS_CAP,
    )  # fmt: skip
    found.skipped_sitemaps += [d.url for d in plan.dropped]
    for endpoint in plan.endpoints:
        found.add(sitemap_pages(model, endpoint.url, items, story))


__all__ = ["HOME_FEED", "Discovery", "Listings", "discovery", "recent"]
