"""Perez Hilton (WordPress + Yoast): ``@graph`` JSON-LD whose author is an ``@id`` reference."""

from __future__ import annotations

import hashlib

from crawler.demo.sites.base import OutletSite, RenderContext
from crawler.demo.sites.markup import esc, interleave, jsonld, metas, opengraph, page, para_blocks
from crawler.demo.sites.model import ArticleSpec


class PerezHiltonSite(OutletSite):
    """perezhilton.com: URLs ``/<slug>/``; WordPress search ``/?s=`` paged as ``/page/2/?s=``."""

    key = "perezhilton"
    name = "Perez Hilton"
    origin = "https://perezhilton.com"
    section_front_path = "/category/celebrities/"
    robots_only_sitemaps = ("https://perezhilton.com/sitemap_index.xml",)
    image_host = "https://perezhilton.com/wp-content/uploads/2022/08"
    newsletter = "Sign up for the PerezHilton.com newsletter — you'll never miss the tea!"

    def search_page_url(self, first_url: str, page_number: int) -> str:
        """Return ``/page/N/?s=query`` (WordPress pretty pagination)."""
        base, _, query = first_url.partition("?")
        return f"{base.rstrip('/')}/page/{page_number}/?{query}"

    def yoast_graph(self, spec: ArticleSpec, ctx: RenderContext) -> dict:
        """Return Yoast's JSON-LD graph: Article, WebPage, Organization and Person nodes."""
        digest = hashlib.sha1(spec.authors[0].encode()).hexdigest()[:16]
        person_id = f"{self.origin}/#/schema/person/{digest}"
        article = {
            "@type": "Article",
            "@id": f"{ctx.canonical_url}#article",
            "isPartOf": {"@id": ctx.canonical_url},
            "author": {"@id": person_id},
            "headline": spec.title,
            "mainEntityOfPage": {"@id": ctx.canonical_url},
            "publisher": {"@id": f"{self.origin}/#organization"},
            "articleSection": [spec.section],
            "inLanguage": "en-US",
        }
        published = self.published_stamp(spec)
        if published:
            article["datePublished"] = published
            article["dateModified"] = published
        return {
            "@context": "https://schema.org",
            "@graph": [
                article,
                {
                    "@type": "WebPage",
                    "@id": ctx.canonical_url,
                    "url": ctx.canonical_url,
                    "name": spec.title,
                },
                {
                    "@type": "Organization",
                    "@id": f"{self.origin}/#organization",
                    "name": "Perez Hilton",
                },
                {"@type": "Person", "@id": person_id, "name": spec.authors[0]},
            ],
        }

    def head_html(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return the page's head: title, canonical link, meta tags and JSON-LD."""
        graph = self.yoast_graph(spec, ctx)
        published = self.published_stamp(spec)
        return "\n".join(
            [
                f"<title>{esc(spec.title)} - Perez Hilton</title>",
                f'<link rel="canonical" href="{esc(ctx.canonical_url)}">',
                metas("name", [("description", spec.description), ("author", spec.authors[0])]),
                opengraph(
                    title=spec.title,
                    description=spec.description,
                    url=ctx.canonical_url,
                    image=self.image_url(spec),
                    site_name="Perez Hilton",
                ),
                metas("property", [("article:published_time", published)]),
                jsonld(graph, attrs='class="yoast-schema-graph"'),
            ]
        )

    def render_article(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return a WordPress article page with a Yoast graph (dates absent when undated)."""
        head = self.head_html(spec, ctx)
        published = self.published_stamp(spec)
        related = "".join(
            f'<div class="related-post"><strong>Related: </strong><a href="{esc(h)}">{esc(t)}</a>'
            "</div>"
            for t, h in ctx.related[:1]
        )
        body = interleave(para_blocks(spec.paragraphs), {2: related})
        date = (
            f'<time class="entry-date published" datetime="{published}">'
            f"{self.visible_date(spec.published_dt)}</time>"
            if published
            else ""
        )
        main = (
            f'<article class="post type-post status-publish hentry"><header class="entry-header">'
            f'<h1 class="entry-title">{esc(spec.title)}</h1><div class="entry-meta">'
            f'<span class="byline"><span class="author vcard"><a class="url fn n" href="#">'
            f"{esc(spec.authors[0])}</a></span></span> {date}</div></header>"
            f'<div class="entry-content">{body}<p class="newsletter">{esc(self.newsletter)}</p>'
            "</div></article>"
        )
        return page(lang="en-US", head=head, body=self.chrome(main), body_attrs='class="single"')
