"""The base of every outlet's site model: URL patterns, date style and the shared page shapes.

An outlet's module subclasses :class:`OutletSite` and overrides only what its real site does
differently (URL pattern, article markup, search pagination, date format).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crawler.demo.sites.markup import Link, esc, jsonld, link_list, metas, page, paragraphs
from crawler.demo.sites.model import ArticleSpec


@dataclass(frozen=True)
class RenderContext:
    """What a template needs beyond the article's words."""

    url: str  # the URL this page is served at
    canonical_url: str  # the article's canonical URL (differs from url on AMP pages)
    related: tuple[Link, ...] = ()  # links for the outlet's related-stories box
    section_url: str = ""


class OutletSite:
    """Defaults shared by all outlet models; subclasses set the class attributes."""

    key = ""
    name = ""
    origin = ""  # scheme://host of article pages
    lang = "en-US"
    feed_format = "rss"  # "rss" (RSS 2.0) or "atom"
    section_front_path = "/news/"  # a non-article page; never a start URL
    image_host = "https://images.example-cdn.com"
    newsletter = "Sign up for our daily newsletter to get the top stories in your inbox."
    robots_disallow: tuple[str, ...] = ("/wp-admin/", "/preview/")
    #: How the outlet's archive sitemaps are laid out (see crawler/demo/sites/archives.py).
    sitemap_layout = "monthly-index"
    #: Sitemaps robots.txt lists besides the configured ones (found only through discovery).
    robots_only_sitemaps: tuple[str, ...] = ()
    #: Feeds only the home page declares, as (title, URL, listing): listing "home_feed" shows
    #: the articles listed only there, "feed" the main feed's articles.
    home_only_feeds: tuple[tuple[str, str, str], ...] = ()

    # --- URLs -------------------------------------------------------------------------------
    def article_url(self, spec: ArticleSpec) -> str:
        """Return the URL of an article (default: ``origin/slug/``)."""
        return f"{self.origin}/{spec.slug}/"

    def amp_url(self, url: str) -> str:
        """Return the AMP variant of an article URL (default: ``.../amp/``)."""
        return url.rstrip("/") + "/amp/"

    def image_url(self, spec: ArticleSpec) -> str:
        """Return the lead image URL of an article (never fetched)."""
        name = spec.slug.strip("/").split("/")[-1].replace(".html", "")
        if spec.published_dt is None:  # an undated page carries no date, not even in a path
            return f"{self.origin}/images/{name}.jpg"
        return f"{self.image_host}/{self.key}/{spec.published_dt:%Y}/{name}.jpg"

    def child_sitemap_url(self, index_url: str, day: date) -> str:
        """Return the URL of the index's child sitemap for ``day``'s month."""
        parts = urlsplit(index_url)
        path = parts.path.rsplit(".xml", 1)[0] + f"-{day:%Y-%m}.xml"
        return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))

    def layout_for(self, sitemap_url: str) -> str:
        """Return the layout of one of the outlet's archive sitemaps (default: the outlet's)."""
        return self.sitemap_layout

    def robots_sitemaps(self, configured: list[str]) -> list[str]:
        """Return the ``Sitemap:`` lines of robots.txt: the configured sitemaps and extras."""
        return [*configured, *self.robots_only_sitemaps]

    def search_page_url(self, first_url: str, page_number: int) -> str:
        """Return result page ``page_number`` (1-based) of a search (default: ``&page=N``)."""
        return with_query(first_url, page=str(page_number))

    # --- dates --------------------------------------------------------------------------------
    def fmt_date(self, dt: datetime) -> str:
        """Return a timestamp as this outlet prints it in meta tags and JSON-LD."""
        return dt.isoformat()

    def published_stamp(self, spec: ArticleSpec) -> str:
        """Return the article's publication time as :meth:`fmt_date` prints it, "" when undated."""
        return self.fmt_date(spec.published_dt) if spec.published_dt else ""

    def visible_date(self, dt: datetime) -> str:
        """Return a timestamp as this outlet shows it to readers."""
        return dt.strftime("%B %-d, %Y %-I:%M %p")

    # --- pages ----------------------------------------------------------------------------------
    def render_article(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return the article page's HTML (every outlet overrides this)."""
        raise NotImplementedError

    def render_amp(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return a minimal AMP page of the article, canonical pointing at the main URL."""
        data = self.base_jsonld(spec, ctx)
        head = (
            f"<title>{esc(spec.title)}</title>\n"
            f'<link rel="canonical" href="{esc(ctx.canonical_url)}">\n'
            '<script async src="https://cdn.ampproject.org/v0.js"></script>\n'
            f"{jsonld(data)}"
        )
        body = (
            f'<article class="amp-article"><h1>{esc(spec.title)}</h1>'
            f'<div class="amp-byline">By {esc(" and ".join(spec.authors))}</div>'
            f'<div class="amp-article-body">{paragraphs(spec.paragraphs)}</div></article>'
        )
        return page(lang=self.lang, head=head, body=body, html_attrs="amp")

    def base_jsonld(self, spec: ArticleSpec, ctx: RenderContext) -> dict:
        """Return a plain schema.org NewsArticle for the article."""
        data: dict = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": spec.title,
            "description": spec.description,
            "url": ctx.canonical_url,
            "mainEntityOfPage": ctx.canonical_url,
            "image": self.image_url(spec),
            "author": [{"@type": "Person", "name": name} for name in spec.authors],
            "publisher": {"@type": "Organization", "name": self.name},
            "articleSection": spec.section,
            "keywords": list(spec.tags),
        }
        if spec.published_dt:
            data["datePublished"] = self.fmt_date(spec.published_dt)
            data["dateModified"] = self.fmt_date(spec.modified_dt or spec.published_dt)
        return data

    def render_listing(self, title: str, links: list[Link], next_url: str | None) -> str:
        """Return a listing page (search results or a section front) linking ``links``."""
        items = "\n".join(
            f'<article class="result-item"><h3 class="result-title"><a href="{esc(href)}">'
            f"{esc(text)}</a></h3></article>"
            for text, href in links
        )
        nav = f'<a class="next" rel="next" href="{esc(next_url)}">Next page</a>' if next_url else ""
        head = f"<title>{esc(title)} | {esc(self.name)}</title>\n" + metas(
            "property", [("og:type", "website"), ("og:title", title)]
        )
        body = (
            f'<header><a href="{esc(self.origin)}/">{esc(self.name)}</a></header>\n'
            f'<main class="listing"><h1>{esc(title)}</h1>\n{items}\n<nav class="pagination">{nav}'
            f"</nav></main>"
        )
        return page(lang=self.lang, head=head, body=body)

    def chrome(self, inner: str) -> str:
        """Return ``inner`` wrapped in a site header, a navigation bar and a footer."""
        nav = link_list(
            [("News", f"{self.origin}/news/"), ("Entertainment", f"{self.origin}/entertainment/")],
            ul_class="site-nav",
        )
        return (
            f'<header class="site-header"><a class="logo" href="{esc(self.origin)}/">'
            f"{esc(self.name)}</a><nav>{nav}</nav></header>\n{inner}\n"
            f'<footer class="site-footer"><p>&copy; 2022 {esc(self.name)}. All rights reserved.'
            "</p></footer>"
        )


def with_query(url: str, **params: str) -> str:
    """Return ``url`` with query parameters set (added or replaced)."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update(params)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))
