"""Newsweek (Drupal): ``div.article-body``, parsely meta, ``/slug-1730123`` URLs."""

from __future__ import annotations

from datetime import date

from crawler.demo.sites.base import OutletSite, RenderContext, with_query
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
from crawler.demo.sites.model import ArticleSpec


class NewsweekSite(OutletSite):
    """newsweek.com: URLs ``/<slug>-<id>``; search ``/search/site/<q>`` paged with ``?page=N-1``."""

    key = "newsweek"
    name = "Newsweek"
    origin = "https://www.newsweek.com"
    section_front_path = "/culture"
    image_host = "https://d.newsweek.com/en/full/2022/08"
    newsletter = (
        "Newsweek is committed to challenging conventional wisdom. Sign up for our newsletter."
    )

    def layout_for(self, sitemap_url: str) -> str:
        """Return ``span-index`` for ``/sitemap.xml``, ``span-files`` for a year's file."""
        return "span-index" if sitemap_url.endswith("/sitemap.xml") else "span-files"

    def child_sitemap_url(self, index_url: str, day: date) -> str:
        """Return the year's file ``sitemap-2022.xml?v=2022``."""
        return f"{self.origin}/sitemap-{day:%Y}.xml?v={day:%Y}"

    def article_url(self, spec: ArticleSpec) -> str:
        """Return ``/<slug>`` (the slug ends with the node id)."""
        return f"{self.origin}/{spec.slug}"

    def search_page_url(self, first_url: str, page_number: int) -> str:
        """Return ``?page=N-1`` (Drupal counts pages from zero)."""
        return with_query(first_url, page=str(page_number - 1))

    def head_html(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return the page's head: title, canonical link, meta tags and JSON-LD."""
        data = self.base_jsonld(spec, ctx)
        data["author"] = [
            person(n, f"{self.origin}/authors/{n.lower().replace(' ', '-')}") for n in spec.authors
        ]
        published = self.published_stamp(spec)
        return "\n".join(
            [
                f"<title>{esc(spec.title)} - Newsweek</title>",
                f'<link rel="canonical" href="{esc(ctx.canonical_url)}">',
                metas(
                    "name",
                    [
                        ("description", spec.description),
                        ("parsely-pub-date", published),
                        ("parsely-author", ", ".join(spec.authors)),
                        ("parsely-section", spec.section),
                    ],
                ),
                opengraph(
                    title=spec.title,
                    description=spec.description,
                    url=ctx.canonical_url,
                    image=self.image_url(spec),
                    site_name="Newsweek",
                ),
                metas("property", [("article:published_time", published)]),
                jsonld(data),
            ]
        )

    def render_article(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return a Newsweek article page."""
        head = self.head_html(spec, ctx)
        published = self.published_stamp(spec)
        related = "".join(
            f'<div class="related-inline"><span>Related</span><a href="{esc(h)}">{esc(t)}</a></div>'
            for t, h in ctx.related[:1]
        )
        body = interleave(para_blocks(spec.paragraphs), {2: related})
        date = (
            f'<time datetime="{published}">On {self.visible_date(spec.published_dt)} EDT</time>'
            if published
            else ""
        )
        byline = "".join(
            f'<span class="author"><a href="#">{esc(n)}</a></span>' for n in spec.authors
        )
        main = (
            f'<article><header class="article-header"><h1 class="title">{esc(spec.title)}</h1>'
            f'<div class="byline">By {byline}</div><div class="published-date">{date}</div>'
            "</header>"
            f'<div class="article-body v_text paywall">{body}</div>'
            f'<div class="newsletter-promo"><p>{esc(self.newsletter)}</p></div></article>'
        )
        return page(lang="en", head=head, body=self.chrome(main))
