"""People (Dotdash Meredith): a JSON-LD list with one NewsArticle, ``mntl-sc-block`` paragraphs."""

from __future__ import annotations

from datetime import datetime

from crawler.demo.sites.base import OutletSite, RenderContext, with_query
from crawler.demo.sites.markup import esc, interleave, jsonld, metas, opengraph, page, para_blocks
from crawler.demo.sites.model import ArticleSpec, iso_millis

#: Attributes of Dotdash Meredith's JSON-LD script element.
SCHEMA_ATTRS = 'id="schema-lifestyle_1-0" class="comp schema-lifestyle mntl-schema-unified"'


class PeopleSite(OutletSite):
    """people.com: URLs ``/politics/slug-7890123``, dates with milliseconds and -04:00."""

    key = "people"
    name = "People"
    origin = "https://people.com"
    section_front_path = "/royals/"
    image_host = "https://people.com/thmb"
    newsletter = (
        "Never miss a story — sign up for PEOPLE's free daily newsletter to stay up-to-date on "
        "the best of what PEOPLE has to offer."
    )

    def article_url(self, spec: ArticleSpec) -> str:
        """Return ``/politics/<slug>-<id>`` (the slug may already end with the id)."""
        slug = (
            spec.slug if spec.slug.endswith(spec.article_id) else f"{spec.slug}-{spec.article_id}"
        )
        return f"{self.origin}/{spec.section.lower()}/{slug}"

    def search_page_url(self, first_url: str, page_number: int) -> str:
        """Return result page N: Dotdash pages by ``offset`` (24 results a page)."""
        return with_query(first_url, offset=str(24 * (page_number - 1)))

    def fmt_date(self, dt: datetime) -> str:
        """Return ``2022-08-02T14:31:09.000-04:00``."""
        return iso_millis(dt)

    def head_html(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return the page's head: title, canonical link, meta tags and JSON-LD."""
        data = self.base_jsonld(spec, ctx)
        data["@context"] = "http://schema.org"
        data["@type"] = ["NewsArticle"]
        data["author"] = [
            {
                "@type": "Person",
                "name": n,
                "url": f"{self.origin}/author/{n.lower().replace(' ', '-')}/",
            }
            for n in spec.authors
        ]
        data["image"] = {"@type": "ImageObject", "url": self.image_url(spec), "height": 1000}
        data["mainEntityOfPage"] = {"@type": ["WebPage"], "@id": ctx.canonical_url}
        return "\n".join(
            [
                f"<title>{esc(spec.title)}</title>",
                f'<link rel="canonical" href="{esc(ctx.canonical_url)}">',
                metas(
                    "name",
                    [
                        ("description", spec.description),
                        ("sailthru.author", ", ".join(spec.authors)),
                        (
                            "sailthru.date",
                            self.published_stamp(spec),
                        ),
                    ],
                ),
                opengraph(
                    title=spec.title,
                    description=spec.description,
                    url=ctx.canonical_url,
                    image=self.image_url(spec),
                    site_name="Peoplemag",
                ),
                jsonld(
                    [data],
                    attrs=SCHEMA_ATTRS,
                ),
            ]
        )

    def render_article(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return a Dotdash Meredith article page."""
        head = self.head_html(spec, ctx)
        related = "".join(f'<a href="{esc(h)}">{esc(t)}</a>' for t, h in ctx.related[:1])
        callout = (
            '<div class="comp mntl-sc-block mntl-sc-block-callout"><p><strong>RELATED: </strong>'
            f"{related}</p></div>"
        )
        signup = (
            '<div class="comp mntl-sc-block mntl-sc-block-html"><p><em>'
            f"{esc(self.newsletter)}</em></p></div>"
        )
        blocks = para_blocks(spec.paragraphs, 'class="comp mntl-sc-block mntl-sc-block-html"')
        body = interleave(blocks, {1: callout if ctx.related else "", 3: signup})
        byline = "".join(
            f'<a class="mntl-attribution__item-name" href="{self.origin}/author/">{esc(n)}</a>'
            for n in spec.authors
        )
        date = (
            '<div class="mntl-attribution__item-date">Published on '
            f"{self.visible_date(spec.published_dt)}</div>"
            if spec.published_dt
            else ""
        )
        main = (
            f'<article class="comp article mntl-article"><header class="loc article-header">'
            f'<h1 class="comp type--lion article-heading">{esc(spec.title)}</h1>'
            f'<h2 class="comp type--elephant article-subheading">{esc(spec.description)}</h2>'
            f'<div class="comp mntl-bylines"><span>By </span>{byline}{date}</div></header>'
            f'<div id="article-body_1-0" class="comp article-body mntl-block">{body}</div>'
            "</article>"
        )
        return page(lang="en", head=head, body=self.chrome(main), body_attrs='class="mntl-body"')
