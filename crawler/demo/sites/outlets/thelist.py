"""The List (Static Media): numeric-id URLs, one author object, ``columns-holder`` body."""

from __future__ import annotations

from datetime import datetime

from crawler.demo.sites.base import OutletSite, RenderContext
from crawler.demo.sites.markup import (
    esc,
    interleave,
    jsonld,
    metas,
    opengraph,
    page,
    para_blocks,
    person,
)
from crawler.demo.sites.model import ArticleSpec, iso_z


class TheListSite(OutletSite):
    """thelist.com: URLs ``/958123/<slug>/``; JSON-LD dates in UTC."""

    key = "thelist"
    name = "The List"
    origin = "https://www.thelist.com"
    section_front_path = "/category/celebrity/"
    robots_only_sitemaps = ("https://www.thelist.com/sitemap_index.xml",)
    image_host = "https://www.thelist.com/img/gallery"

    def fmt_date(self, dt: datetime) -> str:
        """Return UTC ``2022-08-06T19:14:00Z``."""
        return iso_z(dt)

    def visible_date(self, dt: datetime) -> str:
        """Return ``Aug. 6, 2022 3:14 pm EST`` (Static Media's style)."""
        return (
            f"{dt:%b}. {dt.day}, {dt.year} {dt:%-I:%M} {dt:%p}".replace("AM", "am").replace(
                "PM", "pm"
            )
            + " EST"
        )

    def render_article(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return a Static Media article page (single author object, not a list)."""
        data = self.base_jsonld(spec, ctx)
        data["@context"] = "http://schema.org"
        data["author"] = person(
            spec.authors[0], f"{self.origin}/author/{spec.authors[0].split()[0].lower()}/"
        )
        head = "\n".join(
            [
                f"<title>{esc(spec.title)}</title>",
                f'<link rel="canonical" href="{esc(ctx.canonical_url)}">',
                metas("name", [("description", spec.description)]),
                opengraph(
                    title=spec.title,
                    description=spec.description,
                    url=ctx.canonical_url,
                    image=self.image_url(spec),
                    site_name="TheList.com",
                ),
                jsonld(data),
            ]
        )
        blocks = para_blocks(spec.paragraphs)
        heading = (
            "<h2>What the memoir says</h2>"
            if spec.kind != "offtopic"
            else "<h2>How to make it</h2>"
        )
        body = interleave(blocks, {1: heading})
        date = (
            f'<span class="byline-timestamp"><time datetime="{self.fmt_date(spec.published_dt)}">'
            f"{self.visible_date(spec.published_dt)}</time></span>"
            if spec.published_dt
            else ""
        )
        main = (
            f'<div id="article" class="article"><h1 class="title-gallery">{esc(spec.title)}</h1>'
            '<div class="news-byline"><a class="byline-author" href="#">'
            f"{esc(spec.authors[0])}</a>{date}</div>"
            '<div class="columns-holder"><div class="news-article"><div class="article">'
            f"{body}</div></div>"
            f'<div class="gallery-related"><a href="{esc(self.origin)}/">Recommended</a></div>'
            "</div></div>"
        )
        return page(lang="en", head=head, body=self.chrome(main))
