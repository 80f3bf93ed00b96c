"""Page objects of the story's outlets: only what the generic layers get wrong there."""

from __future__ import annotations

from datetime import date

from crawler.extract.sources.pages.base import PageObject


class People(PageObject):
    """People (Dotdash Meredith): content blocks ``p.mntl-sc-block-html``, attribution bar."""

    key, site_names = "people", ("People", "PEOPLE", "People.com")
    body_selector = "#article-content, .article-content, #mntl-sc-page_1-0"
    boilerplate_selector = (
        ".mntl-sc-block-featuredlink, .mntl-sc-block-callout, .mntl-inline-citation, "
        ".mntl-sc-block-image, .mntl-sc-block-universal-callout, .mntl-sc-block-adslot"
    )
    byline_selector = ".mntl-attribution__item-name, a.mntl-attribution__item-name"
    date_selector = ".mntl-attribution__item-date"


class Insider(PageObject):
    """Business Insider / Insider: ``.content-lock-content`` body, ``.byline-author-name``."""

    key = "insider"
    site_names = ("Business Insider", "Insider", "Yahoo")
    body_selector = "#piano-inline-content-wrapper, .content-lock-content, .post-body-content"
    boilerplate_selector = ".inline-newsletter-signup, .post-content-more, .source, .disclaimer"
    byline_selector = ".byline-author-name, .byline-link"


class GBNews(PageObject):
    """GB News: ``.article__body`` body, ``.author-info`` byline; UK dates."""

    key, site_names = "gbnews", ("GB News",)
    timezone = "Europe/London"
    body_selector = ".article__body, .article-body"
    boilerplate_selector = ".article__related, .embed-read-more, .gbn-newsletter"
    byline_selector = ".author-info__name, .author__name"


class Hola(PageObject):
    """HOLA! USA: ``.article-body`` body."""

    key, site_names = "hola", ("HOLA", "HOLA!", "Hola", "HOLA! USA")
    body_selector = ".article-body, .articleBody"
    boilerplate_selector = ".more-articles, .ad-wrapper"
    byline_selector = ".article-author a, .author-name"


class TooFab(PageObject):
    """TooFab: ``.article-content`` body."""

    key, site_names = "toofab", ("TooFab", "Toofab")
    body_selector = ".article-content, .article__content"
    byline_selector = ".byline a, .article-byline a"


class TheList(PageObject):
    """The List (Static Media): ``#article .columns-holder`` body, ``.byline-author``."""

    key, site_names = "thelist", ("The List",)
    body_selector = "#article .columns-holder, .columns-holder"
    boilerplate_selector = ".slide-key, .gallery-tall, .zergnet, .related-link"
    byline_selector = "a.byline-author, .byline-author"


class PerezHilton(PageObject):
    """Perez Hilton (WordPress): ``.entry-content``."""

    key, site_names = "perezhilton", ("Perez Hilton", "PerezHilton")
    body_selector = ".entry-content, .article-content"
    boilerplate_selector = ".sharedaddy, .jp-relatedposts, .perez-related"


class SheKnows(PageObject):
    """SheKnows (PMC): ``.a-content`` body."""

    key, site_names = "sheknows", ("SheKnows",)
    body_selector = ".a-content, .article-content"
    boilerplate_selector = ".c-related-links, .pmc-related-link, .lrv-u-hidden"
    byline_selector = ".c-byline a, .author a"


class NYMag(PageObject):
    """New York Magazine (Vox Media Clay): ``.article-content`` with ``p.paragraph``."""

    key = "nymag"
    site_names = ("New York Magazine", "Intelligencer", "The Cut", "Vulture", "Curbed")
    body_selector = ".article-content"
    boilerplate_selector = ".related, .newsletter-flex-text, .package-list"
    byline_selector = ".article-byline .name, .byline .article-author"


class NYPost(PageObject):
    """New York Post (WordPress VIP): ``.single__content`` body, ``.byline__author``; inline
    modules are boilerplate."""

    key, site_names = "nypost", ("New York Post", "NY Post")
    body_selector = ".single__content"
    boilerplate_selector = ".inline-module, .single__inline-module, .wp-caption, .read-next"
    byline_selector = ".byline__author"


class _ClassicNYPostDesign:
    """The New York Post's templates before its redesign (``.article-wrapper``): the text in
    ``.entry-content``, the author link in ``.byline``. Captures from November 2019 and
    February 2020 show it, the 2022 pages the redesign; the day in between is a best guess."""

    valid_until = date(2020, 12, 31)
    body_selector = ".entry-content"
    byline_selector = ".meta--byline a, .byline a"


class ClassicNYPost(_ClassicNYPostDesign, NYPost):
    """New York Post pages served before the redesign."""


class PageSix(NYPost):
    """Page Six: the New York Post's templates."""

    key, site_names = "pagesix", ("Page Six",)


class ClassicPageSix(_ClassicNYPostDesign, PageSix):
    """Page Six pages served before the redesign."""


class FoxNews(PageObject):
    """Fox News: ``div.article-body``; shouted "CLICK HERE" links and video embeds dropped."""

    key, site_names = "foxnews", ("Fox News", "FOX News")
    body_selector = "div.article-body"
    boilerplate_selector = ".featured-video, .video-container, .ad-container, .info, .caption"
    byline_selector = ".author-byline span a, .author-byline a"


class DailyMail(PageObject):
    """Daily Mail: ``div[itemprop=articleBody]`` body, the displayed ``h2`` headline,
    ``p.author-section`` byline, UK dates."""

    key, site_names = "dailymail", ("Daily Mail Online", "Mail Online", "Daily Mail")
    timezone = "Europe/London"
    overrides = frozenset({"body", "title"})
    body_selector = "div[itemprop=articleBody]"
    # The long headline readers see; og:title, JSON-LD and <title> carry a shorter SEO line.
    title_selector = "#js-article-text > h1, #js-article-text > h2"
    boilerplate_selector = (
        ".mol-factbox, .artSplitter, .mol-img-group, .mol-video, .imageCaption, "
        ".related-carousel, .mol-bullets-with-font, .moduleFull, .byline-section"
    )
    byline_selector = "p.author-section a.author, .author-section .author"
    date_selector = ".article-timestamp-published time, span.article-timestamp time"


class Independent(PageObject):
    """The Independent: ``#main`` body; "Read More" asides and sign-up boxes dropped."""

    key = "independent"
    site_names = ("The Independent", "Independent")
    timezone = "Europe/London"
    body_selector = "div[data-testid=article-body], #main"
    boilerplate_selector = ".inline-readmore, [data-testid=inline-readmore], .newsletter-signup"
    byline_selector = "a[data-testid=author-link], [data-testid=author-name], .author a"


class Newsweek(PageObject):
    """Newsweek: ``div.article-body``."""

    key, site_names = "newsweek", ("Newsweek",)
    body_selector = "div.article-body"
    boilerplate_selector = ".related-story, .newsletter, .article-tags, .inline-ad"
    byline_selector = ".author a, span.author"


#: Every outlet page object (each design of an outlet that changed design).
OUTLET_PAGES: tuple[type[PageObject], ...] = (
    People,
    Insider,
    GBNews,
    Hola,
    TooFab,
    TheList,
    PerezHilton,
    SheKnows,
    NYMag,
    NYPost,
    ClassicNYPost,
    PageSix,
    ClassicPageSix,
    FoxNews,
    DailyMail,
    Independent,
    Newsweek,
)
