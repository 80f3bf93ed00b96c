"""New York Post (WordPress VIP): ``single__content entry-content``, parsely meta."""

from __future__ import annotations

from datetime import date

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


class NYPostSite(OutletSite):
    """nypost.com: URLs ``/2022/08/21/<slug>/``; AMP at ``.../amp/``; search ``/search/<q>/``."""

    key = "nypost"
    name = "New York Post"
    origin = "https://nypost.com"
    section_front_path = "/news/"
    image_host = "https://nypost.com/wp-content/uploads/sites/2/2022/08"
    newsletter = "Sign up for our morning report newsletter: the day's top stories, delivered."
    site_label = "New York Post"
    robots_disallow = ("/wp-admin/", "/preview/", "/search/")
    sitemap_layout = "day-index"
    #: The years robots.txt lists a yearly index for (a 2024 copy lists 1999-2024).
    robots_years = range(1999, 2023)

    def search_page_url(self, first_url: str, page_number: int) -> str:
        """Return ``/search/<q>/page/N/``."""
        return f"{first_url.rstrip('/')}/page/{page_number}/"

    def child_sitemap_url(self, index_url: str, day: date) -> str:
        """Return the day file ``/sitemap-2022.xml?mm=08&dd=02`` of the yearly index."""
        return f"{self.origin}/sitemap-{day:%Y}.xml?mm={day:%m}&dd={day:%d}"

    def robots_sitemaps(self, configured: list[str]) -> list[str]:
        """Return the news sitemap and one yearly index per year, as the real robots.txt."""
        yearly = [f"{self.origin}/sitemap-{year}.xml" for year in self.robots_years]
        return [f"{self.origin}/news-sitemap.xml", *yearly]

    def head_html(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return the page's head: title, canonical link, meta tags and JSON-LD."""
        data = self.base_jsonld(spec, ctx)
        data["author"] = [
            person(n, f"{self.origin}/author/{n.lower().replace(' ', '-')}/") for n in spec.authors
        ]
        published = self.published_stamp(spec)
        return "\n".join(
            [
                f"<title>{esc(spec.title)}</title>",
                f'<link rel="canonical" href="{esc(ctx.canonical_url)}">',
                f'<link rel="amphtml" href="{esc(self.amp_url(ctx.canonical_url))}">',
                metas(
                    "name",
                    [
                        ("description", spec.description),
                        ("parsely-title", spec.title),
                        ("parsely-link", ctx.canonical_url),
                        ("parsely-type", "post"),
                        ("parsely-image-url", self.image_url(spec)),
                        ("parsely-pub-date", published),
                        ("parsely-section", spec.section),
                        ("parsely-author", ", ".join(spec.authors)),
                        ("parsely-tags", ",".join(spec.tags)),
                    ],
                ),
                opengraph(
                    title=spec.title,
                    description=spec.description,
                    url=ctx.canonical_url,
                    image=self.image_url(spec),
                    site_name=self.site_label,
                ),
                metas(
                    "property",
                    [("article:published_time", published), ("article:modified_time", published)],
                ),
                jsonld(data),
            ]
        )

    def render_article(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return a WordPress VIP article page."""
        head = self.head_html(spec, ctx)
        published = self.published_stamp(spec)
        inline = "".join(
            '<div class="inline-module inline-module--related"><span '
            'class="inline-module__heading">'
            f'Read Next</span><a href="{esc(h)}">{esc(t)}</a></div>'
            for t, h in ctx.related[:1]
        )
        body = interleave(para_blocks(spec.paragraphs), {1: inline})
        date = (
            '<div class="date--updated__item"><span>'
            f"{self.visible_date(spec.published_dt)}</span></div>"
            if published
            else ""
        )
        byline = "".join(
            f'<span class="byline__author"><a href="#" class="byline__author-link">{esc(n)}</a>'
            "</span>"
            for n in spec.authors
        )
        main = (
            '<div class="single__inner"><h1 class="headline headline--single">'
            f"{esc(spec.title)}</h1>"
            f'<div class="byline"><span class="byline__pre">By </span>{byline}</div>{date}'
            f'<div class="single__content entry-content m-bottom">{body}</div>'
            f'<div class="newsletter-signup">{esc(self.newsletter)}</div></div>'
        )
        return page(lang="en-US", head=head, body=self.chrome(main), body_attrs='class="single"')
