"""Fox News: ``div.article-body``, ``dc.creator``/``dcterms.created`` meta, bold promo links."""

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


class FoxNewsSite(OutletSite):
    """foxnews.com: URLs ``/entertainment/<slug>``; AMP at ``<url>.amp``."""

    key = "foxnews"
    name = "Fox News"
    origin = "https://www.foxnews.com"
    section_front_path = "/entertainment"
    robots_disallow = ("/search-results/", "/preview/")
    sitemap_layout = "paged-index"  # sitemap.xml?type=articles&page=N, newest first
    image_host = "https://a57.foxnews.com/static.foxnews.com/foxnews.com/content/uploads/2022/08"
    newsletter = "CLICK HERE TO SIGN UP FOR THE ENTERTAINMENT NEWSLETTER"

    def article_url(self, spec: ArticleSpec) -> str:
        """Return ``/entertainment/<slug>`` (no trailing slash)."""
        return f"{self.origin}/{spec.section.lower()}/{spec.slug}"

    def amp_url(self, url: str) -> str:
        """Return ``<url>.amp``."""
        return f"{url}.amp"

    def head_html(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return the page's head: title, canonical link, meta tags and JSON-LD."""
        data = self.base_jsonld(spec, ctx)
        data["author"] = [
            person(n, f"{self.origin}/person/{n[0].lower()}/{n.lower().replace(' ', '-')}")
            for n in spec.authors
        ]
        data["publisher"] = {"@type": "NewsMediaOrganization", "name": "Fox News"}
        published = self.published_stamp(spec)
        return "\n".join(
            [
                f"<title>{esc(spec.title)} | Fox News</title>",
                f'<link rel="canonical" href="{esc(ctx.canonical_url)}">',
                metas(
                    "name",
                    [
                        ("description", spec.description),
                        ("dc.creator", ", ".join(spec.authors)),
                        ("dcterms.created", published),
                        ("dcterms.modified", published),
                        ("classification-isa", "entertainment"),
                        ("prism.section", spec.section.lower()),
                    ],
                ),
                opengraph(
                    title=spec.title,
                    description=spec.description,
                    url=ctx.canonical_url,
                    image=self.image_url(spec),
                    site_name="Fox News",
                ),
                jsonld(data),
            ]
        )

    def render_article(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return a Fox News article page."""
        head = self.head_html(spec, ctx)
        published = self.published_stamp(spec)
        bold = (
            f'<p><strong><a href="{self.origin}/newsletters">{esc(self.newsletter)}</a>'
            "</strong></p>"
        )
        related = "".join(
            f'<p><strong><a href="{esc(h)}">{esc(t.upper())}</a></strong></p>'
            for t, h in ctx.related[:1]
        )
        body = interleave(para_blocks(spec.paragraphs), {1: related, 3: bold})
        date = (
            f'<span class="article-date"><time>{self.visible_date(spec.published_dt)} EDT</time>'
            "</span>"
            if published
            else ""
        )
        byline = "".join(f'<span><a href="#">{esc(n)}</a></span>' for n in spec.authors)
        main = (
            f'<article class="article-wrap"><header class="article-header"><h1 class="headline">'
            f'{esc(spec.title)}</h1><h2 class="sub-headline">{esc(spec.description)}</h2>'
            f'<div class="article-meta"><div class="author-byline">By {byline} | Fox News</div>'
            f"{date}</div>"
            f'</header><div class="article-content"><div class="article-body">{body}</div></div>'
            "</article>"
        )
        return page(lang="en", head=head, body=self.chrome(main))
