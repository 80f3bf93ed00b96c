"""SheKnows (PMC WordPress): ``a-content`` body, ``c-tagline`` byline, sailthru and parsely meta."""

from __future__ import annotations

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
from crawler.demo.sites.model import ArticleSpec


class SheKnowsSite(OutletSite):
    """sheknows.com: URLs ``/entertainment/articles/<id>/<slug>/``."""

    key = "sheknows"
    name = "SheKnows"
    origin = "https://www.sheknows.com"
    section_front_path = "/entertainment/"
    robots_disallow = ("/wp-admin/", "/?s=", "/*/?s=", "/search/")
    image_host = "https://www.sheknows.com/wp-content/uploads/2022/08"
    newsletter = "Sign up for SheKnows' newsletter. For the latest news, follow us on social media."

    def article_url(self, spec: ArticleSpec) -> str:
        """Return ``/entertainment/articles/<id>/<words>/``."""
        return f"{self.origin}/entertainment/articles/{spec.slug}/"

    def search_page_url(self, first_url: str, page_number: int) -> str:
        """Return ``/page/N/?s=query``."""
        base, _, query = first_url.partition("?")
        return f"{base.rstrip('/')}/page/{page_number}/?{query}"

    def head_html(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return the page's head: title, canonical link, meta tags and JSON-LD."""
        data = self.base_jsonld(spec, ctx)
        data["author"] = [
            person(n, f"{self.origin}/author/{n.split()[0].lower()}/") for n in spec.authors
        ]
        published = self.published_stamp(spec)
        return "\n".join(
            [
                f"<title>{esc(spec.title)}</title>",
                f'<link rel="canonical" href="{esc(ctx.canonical_url)}">',
                metas(
                    "name",
                    [
                        ("description", spec.description),
                        ("sailthru.author", ", ".join(spec.authors)),
                        ("sailthru.date", published),
                        ("parsely-pub-date", published),
                        ("parsely-author", spec.authors[0]),
                    ],
                ),
                opengraph(
                    title=spec.title,
                    description=spec.description,
                    url=ctx.canonical_url,
                    image=self.image_url(spec),
                    site_name="SheKnows",
                ),
                metas("property", [("article:published_time", published)]),
                jsonld(data),
            ]
        )

    def render_article(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return a PMC article page."""
        head = self.head_html(spec, ctx)
        published = self.published_stamp(spec)
        related = "".join(
            f'<div class="pmc-related-link"><a href="{esc(h)}">Related story {esc(t)}</a></div>'
            for t, h in ctx.related[:1]
        )
        body = interleave(
            para_blocks(spec.paragraphs), {1: related, 3: f"<p><em>{esc(self.newsletter)}</em></p>"}
        )
        date = (
            f'<time class="c-timestamp" datetime="{published}">'
            f"{self.visible_date(spec.published_dt)}</time>"
            if published
            else ""
        )
        byline = "".join(f'<a class="c-tagline__link" href="#">{esc(n)}</a>' for n in spec.authors)
        main = (
            f'<article class="pmc-article"><h1 class="c-title">{esc(spec.title)}</h1>'
            f'<p class="c-dek">{esc(spec.description)}</p>'
            f'<div class="c-tagline">by {byline}</div>{date}'
            f'<div class="a-content pmc-paywall">{body}</div></article>'
        )
        return page(lang="en-US", head=head, body=self.chrome(main))
