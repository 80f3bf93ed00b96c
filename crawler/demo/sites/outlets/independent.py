"""The Independent: ``#main`` body, ``data-testid`` containers, UTC ``.000Z`` timestamps."""

from __future__ import annotations

from datetime import date, datetime

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


class IndependentSite(OutletSite):
    """independent.co.uk: URLs ``/arts-entertainment/books/news/<slug>-b2136123.html``."""

    key = "independent"
    name = "The Independent"
    origin = "https://www.independent.co.uk"
    lang = "en-GB"
    section_front_path = "/arts-entertainment/books"
    sitemap_layout = "day-index"

    def child_sitemap_url(self, index_url: str, day: date) -> str:
        """Return the day file ``/sitemaps/sitemap-articles-2022-08-03.xml`` of the index."""
        return f"{self.origin}/sitemaps/sitemap-articles-{day:%Y-%m-%d}.xml"

    image_host = "https://static.independent.co.uk/2022/08"
    newsletter = "Sign up to our free Indy100 weekly newsletter"

    def article_url(self, spec: ArticleSpec) -> str:
        """Return ``/arts-entertainment/books/news/<slug>.html`` (slug ends with the b-number)."""
        return f"{self.origin}/arts-entertainment/books/news/{spec.slug}.html"

    def amp_url(self, url: str) -> str:
        """Return ``<url>?amp``."""
        return f"{url}?amp"

    def fmt_date(self, dt: datetime) -> str:
        """Return UTC with milliseconds and ``Z``."""
        return iso_z(dt, millis=True)

    def visible_date(self, dt: datetime) -> str:
        """Return ``Wednesday 03 August 2022 15:42 BST``."""
        return f"{dt:%A %d %B %Y %H:%M} BST"

    def head_html(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return the page's head: title, canonical link, meta tags and JSON-LD."""
        data = self.base_jsonld(spec, ctx)
        data["author"] = [
            person(n, f"{self.origin}/author/{n.lower().replace(' ', '-')}") for n in spec.authors
        ]
        data["isAccessibleForFree"] = True
        published = self.published_stamp(spec)
        return "\n".join(
            [
                f"<title>{esc(spec.title)} | The Independent</title>",
                f'<link rel="canonical" href="{esc(ctx.canonical_url)}">',
                f'<link rel="amphtml" href="{esc(self.amp_url(ctx.canonical_url))}">',
                metas(
                    "name",
                    [("description", spec.description), ("article:author_name", spec.authors[0])],
                ),
                opengraph(
                    title=spec.title,
                    description=spec.description,
                    url=ctx.canonical_url,
                    image=self.image_url(spec),
                    site_name="The Independent",
                ),
                metas(
                    "property",
                    [
                        ("article:published_time", published),
                        ("article:modified_time", published),
                        ("article:section", spec.section),
                    ],
                ),
                jsonld(data),
            ]
        )

    def render_article(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return an Independent article page."""
        head = self.head_html(spec, ctx)
        published = self.published_stamp(spec)
        signup = (
            '<div data-testid="newsletter-signup" class="newsletter-inline"><p>'
            f"{esc(self.newsletter)}</p>"
            "<button>Sign up</button></div>"
        )
        readmore = "".join(
            f'<div class="inline-readmore" data-testid="inline-readmore"><span>Read more</span>'
            f'<a href="{esc(h)}">{esc(t)}</a></div>'
            for t, h in ctx.related[:1]
        )
        body = interleave(para_blocks(spec.paragraphs), {0: signup, 2: readmore})
        date = (
            f'<time datetime="{published}">{self.visible_date(spec.published_dt)}</time>'
            if published
            else ""
        )
        byline = "".join(f'<a class="author-link" href="#">{esc(n)}</a>' for n in spec.authors)
        main = (
            '<article><header data-testid="article-header"><h1 id="articleHeader" '
            'data-testid="headline">'
            f'{esc(spec.title)}</h1><h2 data-testid="standfirst">{esc(spec.description)}</h2>'
            f'<div data-testid="byline" class="article-byline">{byline}</div>'
            f'<div data-testid="article-date">{date}</div></header>'
            f'<div id="main" data-testid="article-body-content">{body}</div></article>'
        )
        return page(lang="en-GB", head=head, body=self.chrome(main))
