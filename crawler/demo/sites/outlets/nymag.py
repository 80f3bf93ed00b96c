"""NYMag / Intelligencer (Vox Media Clay): ``article-content`` with ``paragraph`` components."""

from __future__ import annotations

from datetime import datetime

from crawler.demo.sites.base import OutletSite, RenderContext
from crawler.demo.sites.markup import esc, interleave, jsonld, metas, opengraph, page, para_blocks
from crawler.demo.sites.model import ArticleSpec, iso_millis


class NYMagSite(OutletSite):
    """nymag.com: URLs ``/intelligencer/2022/08/<slug>.html``; Atom feed."""

    key = "nymag"
    name = "Intelligencer"
    origin = "https://nymag.com"
    feed_format = "atom"
    section_front_path = "/intelligencer/politics/"
    image_host = "https://pyxis.nymag.com/v1/imgs"
    newsletter = (
        "Sign up for the Intelligencer newsletter: daily news about the politics, business, "
        "and technology shaping our world."
    )

    def article_url(self, spec: ArticleSpec) -> str:
        """Return ``/intelligencer/YYYY/MM/<slug>.html``."""
        return f"{self.origin}/intelligencer/{spec.slug}.html"

    def fmt_date(self, dt: datetime) -> str:
        """Return ISO 8601 with milliseconds and -04:00."""
        return iso_millis(dt)

    def render_article(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return a Clay article page."""
        data = self.base_jsonld(spec, ctx)
        published = self.published_stamp(spec)
        head = "\n".join(
            [
                f"<title>{esc(spec.title)}</title>",
                f'<link rel="canonical" href="{esc(ctx.canonical_url)}">',
                metas(
                    "name", [("description", spec.description), ("author", ", ".join(spec.authors))]
                ),
                opengraph(
                    title=spec.title,
                    description=spec.description,
                    url=ctx.canonical_url,
                    image=self.image_url(spec),
                    site_name="Intelligencer",
                ),
                metas("property", [("article:published_time", published)]),
                jsonld(data),
            ]
        )
        signup = (
            f'<div class="newsletter-flex-text" data-editable="text">{esc(self.newsletter)}</div>'
        )
        related = "".join(
            f'<aside class="related-story"><a href="{esc(h)}">{esc(t)}</a></aside>'
            for t, h in ctx.related[:1]
        )
        blocks = para_blocks(spec.paragraphs, 'class="paragraph" data-editable="text"')
        body = interleave(blocks, {1: signup, 3: related})
        date = (
            f'<time class="article-timestamp" datetime="{published}">'
            f"{self.visible_date(spec.published_dt)}</time>"
            if published
            else ""
        )
        authors = "".join(
            f'<span class="article-author" itemprop="author" itemscope itemtype="http://schema.org/Person">'
            f'<span itemprop="name">{esc(n)}</span></span>'
            for n in spec.authors
        )
        main = (
            f'<article class="article"><header><h1 class="headline-primary">{esc(spec.title)}</h1>'
            f'<h2 class="article-subtitle">{esc(spec.description)}</h2>'
            f'<div class="article-byline">By {authors}</div>{date}</header>'
            f'<div class="article-content inline">{body}</div></article>'
        )
        return page(lang="en", head=head, body=self.chrome(main))
