"""HOLA! USA: Next.js page, ``__NEXT_DATA__``-style blob next to a NewsArticle JSON-LD."""

from __future__ import annotations

import json

from crawler.demo.sites.base import OutletSite, RenderContext
from crawler.demo.sites.markup import esc, interleave, jsonld, metas, opengraph, page, para_blocks
from crawler.demo.sites.model import ArticleSpec


class HolaSite(OutletSite):
    """hola.com/us: URLs ``/us/celebrities/<yyyymmdd><id>/<slug>/``."""

    key = "hola"
    name = "HOLA! USA"
    origin = "https://www.hola.com"
    section_front_path = "/us/royals/"
    sitemap_layout = "span-files"  # quarterly files sitemap/sitemap-2022-q3.xml
    image_host = "https://www.hola.com/us/images"
    newsletter = "Subscribe to HOLA! USA's newsletter for celebrity and royal news."

    def article_url(self, spec: ArticleSpec) -> str:
        """Return ``/us/celebrities/20220805<n>/<slug>/``."""
        words = spec.slug.partition(spec.article_id)[2]
        return f"{self.origin}/us/celebrities/{spec.article_id}{len(words):05d}/{words}/"

    def render_article(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return a HOLA! USA article page."""
        data = self.base_jsonld(spec, ctx)
        data["inLanguage"] = "en-US"
        published = self.published_stamp(spec)
        next_data = {
            "props": {"pageProps": {"article": {"id": spec.article_id, "title": spec.title}}}
        }
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
                    site_name="HOLA! USA",
                ),
                metas("property", [("article:published_time", published)]),
                jsonld(data),
            ]
        )
        blob = json.dumps(next_data).replace("</", "<\\/")
        related = "".join(
            f'<div class="ha-related"><span>READ MORE</span><a href="{esc(h)}">{esc(t)}</a></div>'
            for t, h in ctx.related[:1]
        )
        body = interleave(para_blocks(spec.paragraphs), {2: related})
        date = (
            f'<time datetime="{published}">{self.visible_date(spec.published_dt)}</time>'
            if published
            else ""
        )
        main = (
            '<div id="__next"><main><article class="ha-article"><h1 class="ha-title">'
            f"{esc(spec.title)}</h1>"
            f'<p class="ha-lead">{esc(spec.description)}</p>'
            '<div class="ha-byline">By <span class="ha-author">'
            f"{esc(', '.join(spec.authors))}</span> {date}</div>"
            f'<div class="ha-article-body article-body">{body}</div></article></main></div>'
            f'<script id="__NEXT_DATA__" type="application/json">{blob}</script>'
        )
        return page(lang="en", head=head, body=self.chrome(main))
