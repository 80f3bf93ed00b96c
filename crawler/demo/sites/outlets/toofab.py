"""Toofab: date-path URLs, Pacific-time dates, ``article-content`` body with gallery teasers."""

from __future__ import annotations

from datetime import datetime

from crawler.demo.sites.base import OutletSite, RenderContext
from crawler.demo.sites.markup import esc, interleave, jsonld, metas, opengraph, page, para_blocks
from crawler.demo.sites.model import ArticleSpec


class ToofabSite(OutletSite):
    """toofab.com: URLs ``/2022/08/02/<slug>/``; -07:00 offsets."""

    key = "toofab"
    name = "Toofab"
    origin = "https://toofab.com"
    section_front_path = "/category/tv/"
    home_only_feeds = (("Toofab (Atom)", "https://feeds.toofab.com/atom", "feed"),)
    image_host = "https://images.toofab.com/image"
    newsletter = (
        "Get the latest celebrity news delivered to your inbox: sign up for the Toofab newsletter."
    )

    def article_url(self, spec: ArticleSpec) -> str:
        """Return ``/YYYY/MM/DD/<slug>/`` (undated pages fall back to ``/<slug>/``)."""
        dt = spec.published_dt
        return f"{self.origin}/{dt:%Y/%m/%d}/{spec.slug}/" if dt else f"{self.origin}/{spec.slug}/"

    def visible_date(self, dt: datetime) -> str:
        """Return ``8/2/2022 11:58 AM PT``."""
        return f"{dt.month}/{dt.day}/{dt.year} {dt:%-I:%M %p} PT"

    def render_article(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return a Toofab article page."""
        data = self.base_jsonld(spec, ctx)
        published = self.published_stamp(spec)
        head = "\n".join(
            [
                f"<title>{esc(spec.title)} | Toofab</title>",
                f'<link rel="canonical" href="{esc(ctx.canonical_url)}">',
                metas(
                    "name", [("description", spec.description), ("author", ", ".join(spec.authors))]
                ),
                opengraph(
                    title=spec.title,
                    description=spec.description,
                    url=ctx.canonical_url,
                    image=self.image_url(spec),
                    site_name="Toofab",
                ),
                metas(
                    "property",
                    [("article:published_time", published), ("article:modified_time", published)],
                ),
                jsonld(data),
            ]
        )
        gallery = "".join(
            f'<div class="gallery-teaser"><a href="{esc(h)}">View Gallery: {esc(t)}</a></div>'
            for t, h in ctx.related[:1]
        )
        body = interleave(para_blocks(spec.paragraphs), {2: gallery})
        date = (
            f'<time class="date" datetime="{published}">'
            f"{self.visible_date(spec.published_dt)}</time>"
            if published
            else ""
        )
        main = (
            f'<article class="article"><header><h1 class="title">{esc(spec.title)}</h1>'
            f'<div class="byline">By <span class="author">{esc(", ".join(spec.authors))}</span> '
            f"| {date}</div>"
            f'</header><div class="article-content">{body}</div>'
            f'<aside class="newsletter"><p>{esc(self.newsletter)}</p></aside></article>'
        )
        return page(lang="en", head=head, body=self.chrome(main))
