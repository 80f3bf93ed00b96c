"""Insider: NewsArticle JSON-LD in UTC, key takeaways, ``#piano-inline-content-wrapper``."""

from __future__ import annotations

from datetime import date, datetime

from crawler.demo.sites.base import OutletSite, RenderContext
from crawler.demo.sites.markup import (
    esc,
    interleave,
    jsonld,
    link_list,
    metas,
    opengraph,
    page,
    para_blocks,
    person,
)
from crawler.demo.sites.model import ArticleSpec, iso_z


class InsiderSite(OutletSite):
    """insider.com: URLs ``/slug-2022-8`` (the slug ends with year and month)."""

    key = "insider"
    name = "Insider"
    origin = "https://www.insider.com"
    section_front_path = "/entertainment"
    image_host = "https://i.insider.com"
    newsletter = "Sign up for Insider's Culture newsletter for the biggest stories every week."
    #: Monthly files on businessinsider.com; robots.txt lists their index (found by discovery).
    sitemap_host = "https://www.businessinsider.com"
    robots_only_sitemaps = ("https://www.businessinsider.com/sitemap/index.xml",)

    def layout_for(self, sitemap_url: str) -> str:
        """Return ``span-index`` for ``sitemap/index.xml``, ``span-files`` for a month's file."""
        return "span-index" if sitemap_url.endswith("/index.xml") else "span-files"

    def child_sitemap_url(self, index_url: str, day: date) -> str:
        """Return the month's file ``sitemap/2022-08.xml``."""
        return f"{self.sitemap_host}/sitemap/{day:%Y-%m}.xml"

    def article_url(self, spec: ArticleSpec) -> str:
        """Return ``https://www.insider.com/<slug>`` (no trailing slash)."""
        return f"{self.origin}/{spec.slug}"

    def fmt_date(self, dt: datetime) -> str:
        """Return UTC with a ``Z`` suffix."""
        return iso_z(dt)

    def render_article(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return an Insider article page."""
        data = self.base_jsonld(spec, ctx)
        data["author"] = [
            person(n, f"https://www.insider.com/author/{n.lower().replace(' ', '-')}")
            for n in spec.authors
        ]
        data["publisher"] = {"@type": "Organization", "name": "Insider"}
        head = "\n".join(
            [
                f"<title>{esc(spec.title)}</title>",
                f'<link rel="canonical" href="{esc(ctx.canonical_url)}">',
                metas(
                    "name", [("description", spec.description), ("author", ", ".join(spec.authors))]
                ),
                opengraph(
                    title=spec.title,
                    description=spec.description,
                    url=ctx.canonical_url,
                    image=self.image_url(spec),
                    site_name="Insider",
                ),
                jsonld(data),
            ]
        )
        takeaways = link_list([(spec.description, ctx.canonical_url)], ul_class="summary-list")
        more = "".join(
            f'<p class="read-more"><a href="{esc(h)}">Read more: {esc(t)}</a></p>'
            for t, h in ctx.related[:1]
        )
        blocks = para_blocks(spec.paragraphs)
        body = interleave(blocks, {2: more})
        date = (
            f'<div class="byline-timestamp" data-timestamp="{self.fmt_date(spec.published_dt)}">'
            f"{self.visible_date(spec.published_dt)}</div>"
            if spec.published_dt
            else ""
        )
        authors = "".join(
            f'<a class="byline-author-name" href="#">{esc(n)}</a>' for n in spec.authors
        )
        main = (
            f'<article class="post-content"><h1 class="post-headline">{esc(spec.title)}</h1>'
            f'<div class="byline-wrapper">{authors}{date}</div>{takeaways}'
            f'<section id="piano-inline-content-wrapper" class="content-lock-content" '
            f"data-piano-inline-content-wrapper>{body}</section>"
            f'<div class="newsletter-signup"><p>{esc(self.newsletter)}</p></div></article>'
        )
        return page(lang="en", head=head, body=self.chrome(main))
