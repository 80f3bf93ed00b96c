"""Discovery documents of a synthetic site: robots.txt, RSS 2.0 and Atom feeds, sitemaps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape as xml_escape

from crawler.demo.sites.model import rfc822

_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
_XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'


@dataclass(frozen=True)
class Entry:
    """An article as listings show it: URL, title, description, authors, date (may be None)."""

    url: str
    title: str
    description: str
    authors: tuple[str, ...]
    published: datetime | None
    listed_in: tuple[str, ...] = ()  # only these listings show it (empty: all that reach it)

    def listed(self, listing: str) -> bool:
        """Return True when ``listing`` (feed, news, sitemap, home_feed, search) shows it."""
        return listing in self.listed_in if self.listed_in else listing != "home_feed"


def x(text: str) -> str:
    """Return ``text`` escaped for XML text and attributes."""
    return xml_escape(text, {'"': "&quot;"})


def robots_txt(disallow: Sequence[str], sitemaps: Sequence[str]) -> str:
    """Return a robots.txt with a ``*`` group disallowing ``disallow`` and listing ``sitemaps``."""
    lines = ["# Synthetic robots.txt (newsarchive demo site)", "User-agent: *"]
    lines += [f"Disallow: {path}" for path in disallow]
    lines += ["", "User-agent: GPTBot", "Disallow: /", ""]
    lines += [f"Sitemap: {url}" for url in sitemaps]
    return "\n".join(lines) + "\n"


def rss_feed(*, title: str, link: str, self_url: str, entries: Sequence[Entry]) -> str:
    """Return an RSS 2.0 feed (items without a date carry no ``pubDate``)."""
    items = []
    for e in entries:
        date = f"<pubDate>{rfc822(e.published)}</pubDate>" if e.published else ""
        creators = "".join(f"<dc:creator><![CDATA[{a}]]></dc:creator>" for a in e.authors)
        items.append(
            f"<item><title>{x(e.title)}</title><link>{x(e.url)}</link>"
            f'<guid isPermaLink="true">{x(e.url)}</guid>{creators}{date}'
            f"<description><![CDATA[{e.description}]]></description></item>"
        )
    body = "\n".join(items)
    return (
        f'{_XML_DECL}<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        f'xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n<title>{x(title)}</title>'
        f"<link>{x(link)}</link>"
        f'<atom:link href="{x(self_url)}" rel="self" type="application/rss+xml"/>'
        f"<description>{x(title)}</description><language>en</language>\n{body}\n</channel>\n</rss>\n"
    )


def atom_feed(*, title: str, link: str, self_url: str, entries: Sequence[Entry]) -> str:
    """Return an Atom 1.0 feed (undated entries carry no ``published``)."""
    dated = [e.published for e in entries if e.published]
    updated = max(dated).isoformat() if dated else "2022-08-31T00:00:00+00:00"
    items = []
    for e in entries:
        published = f"<published>{e.published.isoformat()}</published>" if e.published else ""
        stamp = f"<updated>{e.published.isoformat()}</updated>" if e.published else ""
        authors = "".join(f"<author><name>{x(a)}</name></author>" for a in e.authors)
        items.append(
            f'<entry><title>{x(e.title)}</title><link rel="alternate" href="{x(e.url)}"/>'
            f"<id>{x(e.url)}</id>{published}{stamp}{authors}"
            f'<summary type="html">{x(e.description)}</summary></entry>'
        )
    body = "\n".join(items)
    return (
        f'{_XML_DECL}<feed xmlns="http://www.w3.org/2005/Atom">\n<title>{x(title)}</title>'
        f'<link rel="alternate" href="{x(link)}"/><link rel="self" href="{x(self_url)}"/>'
        f"<id>{x(self_url)}</id><updated>{updated}</updated>\n{body}\n</feed>\n"
    )


def sitemap_index(children: Sequence[tuple[str, datetime | None]]) -> str:
    """Return a sitemap index of (child URL, lastmod or None) pairs."""
    body = "\n".join(
        f"<sitemap><loc>{x(url)}</loc>"
        + (f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else "")
        + "</sitemap>"
        for url, lastmod in children
    )
    return f'{_XML_DECL}<sitemapindex xmlns="{_SITEMAP_NS}">\n{body}\n</sitemapindex>\n'


def urlset(urls: Sequence[tuple[str, datetime | None]]) -> str:
    """Return a plain ``urlset`` sitemap of (URL, lastmod) pairs (lastmod optional)."""
    rows = []
    for url, lastmod in urls:
        mod = f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else ""
        rows.append(f"<url><loc>{x(url)}</loc>{mod}<changefreq>daily</changefreq></url>")
    body = "\n".join(rows)
    return f'{_XML_DECL}<urlset xmlns="{_SITEMAP_NS}">\n{body}\n</urlset>\n'


def news_sitemap(publication: str, entries: Sequence[Entry]) -> str:
    """Return a Google News sitemap with ``news:title`` and ``news:publication_date``."""
    rows = []
    for e in entries:
        if e.published is None:
            continue
        rows.append(
            f"<url><loc>{x(e.url)}</loc><news:news><news:publication>"
            f"<news:name>{x(publication)}</news:name><news:language>en</news:language>"
            f"</news:publication><news:publication_date>{e.published.isoformat()}"
            f"</news:publication_date><news:title>{x(e.title)}</news:title></news:news></url>"
        )
    body = "\n".join(rows)
    return f'{_XML_DECL}<urlset xmlns="{_SITEMAP_NS}" xmlns:news="{_NEWS_NS}">\n{body}\n</urlset>\n'


def is_news_sitemap(url: str) -> bool:
    """Return True when a configured sitemap URL names a Google News sitemap."""
    lowered = url.lower()
    return "news" in lowered.rsplit("/", 1)[-1]


def home_page(*, name: str, url: str, feeds: Sequence[tuple[str, str, str]], lang: str) -> str:
    """Return a home page declaring ``feeds`` (title, URL, type) with ``<link rel=alternate>``."""
    links = "\n".join(
        f'<link rel="alternate" type="{x(kind)}" title="{x(title)}" href="{x(href)}">'
        for title, href, kind in feeds
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{x(lang)}"><head><meta charset="utf-8">'
        f"<title>{x(name)}</title>\n{links}\n</head>\n<body><header><h1>{x(name)}</h1></header>"
        f'<main class="home"><p>The latest from {x(name)}.</p></main>'
        f'<footer><a href="{x(url)}">{x(name)}</a></footer></body></html>\n'
    )
