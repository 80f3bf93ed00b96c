"""GB News (RebelMouse): ``body-description`` container, ``social-author`` byline, BST offsets."""

from __future__ import annotations

from datetime import datetime

from crawler.demo.sites.base import OutletSite, RenderContext
from crawler.demo.sites.markup import esc, interleave, jsonld, metas, opengraph, page, para_blocks
from crawler.demo.sites.model import ArticleSpec


class GBNewsSite(OutletSite):
    """gbnews.com: URLs ``/news/<slug>``; UK date style."""

    key = "gbnews"
    name = "GB News"
    origin = "https://www.gbnews.com"
    lang = "en-GB"
    section_front_path = "/news/royal"
    home_only_feeds = (
        ("GB News - Politics", "https://www.gbnews.com/feeds/politics.rss", "home_feed"),
    )
    image_host = "https://www.gbnews.com/media-library"
    newsletter = "Sign up to the GB News newsletter for the latest stories."

    def article_url(self, spec: ArticleSpec) -> str:
        """Return ``/news/<slug>`` (RebelMouse paths carry no trailing slash)."""
        return f"{self.origin}/news/{spec.slug}"

    def fmt_date(self, dt: datetime) -> str:
        """Return ISO 8601 with the +01:00 offset."""
        return dt.isoformat()

    def visible_date(self, dt: datetime) -> str:
        """Return ``3 Aug 2022, 08:20`` (day first)."""
        return dt.strftime("%-d %b %Y, %H:%M")

    def render_article(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return a RebelMouse article page."""
        data = self.base_jsonld(spec, ctx)
        data["publisher"] = {
            "@type": "Organization",
            "name": "GB News",
            "logo": {"@type": "ImageObject", "url": f"{self.origin}/logo.png"},
        }
        published = self.published_stamp(spec)
        head = "\n".join(
            [
                f"<title>{esc(spec.title)} - GB News</title>",
                f'<link rel="canonical" href="{esc(ctx.canonical_url)}">',
                metas("name", [("description", spec.description), ("author", spec.authors[0])]),
                opengraph(
                    title=spec.title,
                    description=spec.description,
                    url=ctx.canonical_url,
                    image=self.image_url(spec),
                    site_name="GB News",
                ),
                metas(
                    "property",
                    [("article:published_time", published), ("article:section", spec.section)],
                ),
                jsonld(data),
            ]
        )
        related = "".join(
            f'<div class="rm-embed embed-post"><a href="{esc(h)}">{esc(t)}</a></div>'
            for t, h in ctx.related[:1]
        )
        body = interleave(para_blocks(spec.paragraphs), {1: related})
        date = (
            f'<span class="post-date">{self.visible_date(spec.published_dt)}</span>'
            if spec.published_dt
            else ""
        )
        main = (
            f'<div class="widget__body"><h1 class="widget__headline">{esc(spec.title)}</h1>'
            f'<h2 class="widget__subheadline">{esc(spec.description)}</h2>'
            f'<div class="social-author"><a class="social-author__name" href="#">'
            f"{esc(' and '.join(spec.authors))}</a>{date}</div>"
            f'<div class="body-description">{body}</div>'
            f'<div class="newsletter-widget"><p>{esc(self.newsletter)}</p></div></div>'
        )
        return page(lang="en", head=head, body=self.chrome(main))
