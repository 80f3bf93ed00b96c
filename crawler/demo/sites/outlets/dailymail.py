"""Daily Mail: ``a.author`` byline, ``div[itemprop=articleBody]``, ``p.mol-para-with-font``."""

from __future__ import annotations

from datetime import date, datetime

from crawler.demo.sites.base import OutletSite, RenderContext
from crawler.demo.sites.markup import esc, interleave, jsonld, metas, opengraph, page, para_blocks
from crawler.demo.sites.model import ArticleSpec, iso_compact_offset


class DailyMailSite(OutletSite):
    """dailymail.co.uk: URLs ``/tvshowbiz/article-<id>/<Slug>.html``; offsets like ``+0100``."""

    key = "dailymail"
    name = "Daily Mail Online"
    origin = "https://www.dailymail.co.uk"
    lang = "en-GB"
    section_front_path = "/tvshowbiz/index.html"
    image_host = "https://i.dailymail.co.uk/1s/2022/08"
    newsletter = "Sign up for our daily showbiz newsletter."
    robots_disallow = ("/registration/", "/home/search.html", "/tvshowbiz/article-11125431/")
    sitemap_layout = "day-index"
    #: The years robots.txt lists a yearly index for (public copies list 1993 onwards).
    robots_years = range(1994, 2023)

    def robots_sitemaps(self, configured: list[str]) -> list[str]:
        """Return the news sitemap and one yearly index per year, as the real robots.txt."""
        yearly = [f"{self.origin}/sitemap-articles-year~{year}.xml" for year in self.robots_years]
        return [f"{self.origin}/google-news-sitemap.xml", *yearly]

    def article_url(self, spec: ArticleSpec) -> str:
        """Return ``/tvshowbiz/article-<id>/<Slug>.html``."""
        return f"{self.origin}/tvshowbiz/{spec.slug}"

    def amp_url(self, url: str) -> str:
        """Return ``/tvshowbiz/article-<id>/amp/<Slug>.html``."""
        head, _, tail = url.rpartition("/")
        return f"{head}/amp/{tail}"

    def child_sitemap_url(self, index_url: str, day: date) -> str:
        """Return the day sitemap ``/sitemap-articles-day~2022-08-02.xml``."""
        return f"{self.origin}/sitemap-articles-day~{day:%Y-%m-%d}.xml"

    def search_page_url(self, first_url: str, page_number: int) -> str:
        """Return result page N: ``&offset=50`` for page 2 (50 results a page)."""
        return f"{first_url}&offset={50 * (page_number - 1)}&size=50"

    def fmt_date(self, dt: datetime) -> str:
        """Return ``2022-08-02T14:27:44+0100``."""
        return iso_compact_offset(dt)

    def visible_date(self, dt: datetime) -> str:
        """Return ``14:27 BST, 2 August 2022``."""
        return f"{dt:%H:%M} BST, {dt.day} {dt:%B %Y}"

    def head_html(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return the page's head: title, canonical link, meta tags and JSON-LD."""
        data = self.base_jsonld(spec, ctx)
        data["@context"] = "http://schema.org"
        published = self.published_stamp(spec)
        return "\n".join(
            [
                f"<title>{esc(spec.title)} | Daily Mail Online</title>",
                f'<link rel="canonical" href="{esc(ctx.canonical_url)}">',
                metas("name", [("description", spec.description), ("author", spec.authors[0])]),
                opengraph(
                    title=spec.title,
                    description=spec.description,
                    url=ctx.canonical_url,
                    image=self.image_url(spec),
                    site_name="Mail Online",
                ),
                metas(
                    "property",
                    [("article:published_time", published), ("article:modified_time", published)],
                ),
                jsonld(data),
            ]
        )

    def render_article(self, spec: ArticleSpec, ctx: RenderContext) -> str:
        """Return a Daily Mail article page."""
        head = self.head_html(spec, ctx)
        published = self.published_stamp(spec)
        bullets = (
            '<ul class="mol-bullets-with-font"><li class="class-bullet"><strong>'
            f"{esc(spec.description)}</strong></li></ul>"
        )
        related = (
            '<div class="related-carousel"><h3>Share or comment on this article</h3>'
            + "".join(f'<a href="{esc(h)}">{esc(t)}</a>' for t, h in ctx.related[:2])
            + "</div>"
        )
        blocks = para_blocks(spec.paragraphs, 'class="mol-para-with-font"')
        body = interleave(blocks, {2: related})
        authors = " and ".join(
            '<a class="author" rel="nofollow" '
            f'href="/home/search.html?s=&amp;authornamef={esc(n.replace(" ", "+"))}">'
            f"{esc(n.upper())}</a>"
            for n in spec.authors
        )
        date = (
            '<p class="byline-section"><span class="article-timestamp article-timestamp-published">'
            f'<span class="article-timestamp-label">Published:</span> <time datetime="{published}">'
            f"{self.visible_date(spec.published_dt)}</time></span></p>"
            if published
            else ""
        )
        main = (
            f'<div id="js-article-text" class="article-text wide"><h2>{esc(spec.title)}</h2>'
            f"{bullets}"
            f'<p class="author-section byline-plain">By {authors} FOR DAILYMAIL.COM</p>{date}'
            f'<div itemprop="articleBody">{body}</div></div>'
        )
        return page(lang="en", head=head, body=self.chrome(main))
