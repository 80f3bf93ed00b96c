"""Build one outlet's synthetic site: every page at its real URL, plus what a crawl should find.

The site is first built at the outlet's real ``https://`` URLs (what the demo WARC records);
:func:`relocate` then moves it to other origins (what the local test server serves).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote_plus, urlsplit

from crawler.config.outlets import parse_outlet
from crawler.config.stories import parse_story, resolve_story
from crawler.demo.sites.base import OutletSite, RenderContext
from crawler.demo.sites.catalog import outlet_articles, syndicated_copy
from crawler.demo.sites.discovery import Entry, is_news_sitemap, robots_txt
from crawler.demo.sites.listings import Listings, discovery
from crawler.demo.sites.model import ArticleSpec, Response
from crawler.demo.sites.outlets import SITE_CLASSES
from crawler.discovery.endpoints import SITEMAP, configured_endpoints

HTML = "text/html; charset=utf-8"
#: Capture time printed in Date headers (the demo pretends the crawl ran then).
CAPTURED_AT = "Wed, 31 Aug 2022 12:00:00 GMT"
#: The outlet whose first relevant article appears in search results under its AMP URL.
AMP_OUTLET = "nypost"
#: The outlet republishing another's article, the original's outlet, the copy's slug and date.
SYNDICATION = (
    "nypost",
    "pagesix",
    "2022/08/02/kim-kardashian-jared-kushner-memoir-calls-page-six",
    "2022-08-02T14:10:00-04:00",
)
#: Kinds listed in feeds and sitemaps (dated, inside the window).
IN_WINDOW_KINDS = ("relevant", "robots", "offtopic", "syndicated")
#: Kinds whose page a crawl must archive.
ARCHIVED_KINDS = ("relevant", "syndicated")
#: The body of a listing that does not exist yet at capture time.
NOT_FOUND_PAGE = "<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>"
#: Article kind -> the rejection reason a crawl must record for it.
REJECTION_REASONS = {"robots": "robots", "old": "out-of-window", "offtopic": "off-topic"}


@dataclass
class Site:
    """One outlet's synthetic site: pages by URL, its outlet config and the expected results."""

    key: str
    pages: dict[str, Response]
    config: dict
    expected: dict
    search_pages: dict[str, list[str]] = field(default_factory=dict)  # template -> page URLs


def search_query(story: dict | None) -> str:
    """Return the words a crawl sends to search pages: the ``all`` terms and the first ``any``."""
    rules = (story or {}).get("relevance", {"all": ["kushner"], "any": ["kardashian"]})
    return " ".join([*rules.get("all", []), *rules.get("any", [])[:1]]) or "kushner"


def text_response(text: str, content_type: str = HTML, *, status: int = 200) -> Response:
    """Return a Response with ordinary headers for ``text``."""
    body = text.encode("utf-8")
    headers = (
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
        ("Date", CAPTURED_AT),
        ("Cache-Control", "max-age=300"),
    )
    return Response(status=status, headers=headers, body=body)


def outlet_specs(key: str) -> list[ArticleSpec]:
    """Return the outlet's articles, plus the syndicated copy it republishes (if any)."""
    specs = outlet_articles(key)
    copier, source, slug, published = SYNDICATION
    if key == copier:
        original = next(s for s in outlet_articles(source) if s.kind == "relevant")
        specs.insert(1, syndicated_copy(original, copier, slug, published))
    return specs


def _original_url() -> str:
    """Return the URL of the article the syndicated copy republishes."""
    source = SYNDICATION[1]
    original = next(s for s in outlet_articles(source) if s.kind == "relevant")
    return SITE_CLASSES[source]().article_url(original)


def _article_pages(model: OutletSite, specs: list[ArticleSpec], amp_slug: str | None) -> dict:
    """Return every article page (and the AMP variant) keyed by URL."""
    urls = {spec.slug: model.article_url(spec) for spec in specs}
    story = [s for s in specs if s.kind != "offtopic"]
    section = model.origin + model.section_front_path
    pages: dict[str, Response] = {}
    for spec in specs:
        url = urls[spec.slug]
        pool = story if spec.kind != "offtopic" else []
        related = tuple((s.title, urls[s.slug]) for s in pool if s.slug != spec.slug)[:2]
        related = related or ((f"More from {model.name}", section),)
        ctx = RenderContext(url=url, canonical_url=url, related=related, section_url=section)
        pages[url] = text_response(model.render_article(spec, ctx))
        if spec.slug == amp_slug:
            amp = model.amp_url(url)
            amp_ctx = RenderContext(url=amp, canonical_url=url, related=related)
            pages[amp] = text_response(model.render_amp(spec, amp_ctx))
    return pages


def _listings(model: OutletSite, specs: list[ArticleSpec], amp_slug: str | None) -> Listings:
    """Return the outlet's articles grouped for its discovery endpoints."""

    def entry(spec: ArticleSpec, url: str | None = None) -> Entry:
        url = url or model.article_url(spec)
        return Entry(
            url, spec.title, spec.description, spec.authors, spec.published_dt, spec.listed_in
        )

    def shown(spec: ArticleSpec) -> Entry:
        amp = spec.slug == amp_slug
        return entry(spec, model.amp_url(model.article_url(spec)) if amp else None)

    by_kind = {kind: [s for s in specs if s.kind == kind] for kind in ("old", "undated")}
    return Listings(
        in_window=[entry(s) for s in specs if s.kind in IN_WINDOW_KINDS],
        search_first=[shown(s) for s in specs if s.kind in ARCHIVED_KINDS and _searchable(s)],
        search_second=[entry(s) for s in by_kind["old"] + by_kind["undated"]],
        old=[entry(s) for s in by_kind["old"]],
        undated=[entry(s) for s in by_kind["undated"]],
    )


def _archived(specs: list[ArticleSpec]) -> list[ArticleSpec]:
    """Return the articles a crawl must archive, in catalog order."""
    return [s for s in specs if s.kind in ARCHIVED_KINDS]


def _only_channel(spec: ArticleSpec, configured_archive: bool) -> str:
    """Return the channel that alone lists an article with ``listed_in``."""
    if "home_feed" in spec.listed_in:
        return "home-feed"
    return "sitemap" if configured_archive else "robots-sitemap"


def _searchable(spec: ArticleSpec) -> bool:
    """Return True when search results and topic pages list the article."""
    return not spec.listed_in or "search" in spec.listed_in


def _expected_article(model: OutletSite, spec: ArticleSpec, amp_slug: str | None) -> dict:
    """Return what a crawl should archive for one article."""
    item = {
        "url": model.article_url(spec),
        "kind": spec.kind,
        "title": spec.title,
        "description": spec.description,
        "authors": list(spec.authors),
        "published_at": spec.published_utc,
        "body_snippet": spec.paragraphs[2],
        "body_excludes": [model.newsletter],
    }
    if spec.slug == amp_slug:
        item["amp_url"] = model.amp_url(item["url"])
    if spec.kind == "syndicated":
        item["syndicated_of"] = _original_url()
    return item


def _expected(model: OutletSite, specs: list[ArticleSpec], amp_slug: str | None, found) -> dict:
    """Return the expected crawl results of the outlet (shape: see ``crawler.demo.sites``)."""
    rejected = [
        {"url": model.article_url(s), "reason": REJECTION_REASONS[s.kind], "title": s.title,
         "kind": "article"}
        for s in specs
        if s.kind in REJECTION_REASONS and (s.kind != "old" or found.old_listed)
    ]  # fmt: skip
    if found.front_listed:  # listed in an archive sitemap
        front = model.origin + model.section_front_path
        rejected.append({"url": front, "reason": "not-article", "title": "", "kind": "page"})
    rejected += [
        {"url": url, "reason": "out-of-window", "title": "", "kind": "sitemap"}
        for url in dict.fromkeys(found.skipped_sitemaps)
    ]
    return {
        "key": model.key,
        "articles": [_expected_article(model, s, amp_slug) for s in _archived(specs)],
        "undated": [_expected_article(model, s, amp_slug) for s in specs if s.kind == "undated"],
        "rejected": rejected,
        "skipped_sitemaps": list(dict.fromkeys(found.skipped_sitemaps)),
        "missing": list(dict.fromkeys(found.missing)),
        "search_pages": [u for urls in found.search_pages.values() for u in urls],
        "bad_endpoints": {},
    }


def build_site(outlet_cfg: dict, story: dict | None = None) -> Site:
    """Return the outlet's synthetic site at its real URLs (``outlet_cfg``: an outlets entry)."""
    key = outlet_cfg["key"]
    model = SITE_CLASSES[key]()
    outlet = parse_outlet("outlets.toml", outlet_cfg)
    the_story = parse_story(story, "story.toml") if story else resolve_story(None)
    specs = outlet_specs(key)
    amp_slug = next(s.slug for s in specs if s.kind == "relevant") if key == AMP_OUTLET else None
    pages = _article_pages(model, specs, amp_slug)
    query = quote_plus(search_query(story))
    queries = list(dict.fromkeys([query, "kushner"]))
    endpoints = configured_endpoints(outlet, the_story).endpoints
    found = discovery(
        model, outlet, the_story, endpoints, _listings(model, specs, amp_slug), queries
    )
    for url, text, content_type in found.pages:
        pages.setdefault(url, text_response(text, content_type))
    for url in found.missing:
        pages.setdefault(url, text_response(NOT_FOUND_PAGE, status=404))
    sitemaps = model.robots_sitemaps([e.url for e in endpoints if e.kind == SITEMAP])
    robots = robots_txt(model.robots_disallow, sitemaps)
    for host in _hosts(outlet_cfg, model):
        pages[f"https://{host}/robots.txt"] = text_response(robots, "text/plain; charset=utf-8")
    expected = _expected(model, specs, amp_slug, found)
    configured_archive = any(not is_news_sitemap(u) for u in outlet.sitemaps)
    for item, spec in zip(expected["articles"], _archived(specs), strict=True):
        if spec.listed_in:  # one channel alone lists it: the crawl must find it there
            item["channel"] = _only_channel(spec, configured_archive)
    return Site(key, pages, dict(outlet_cfg), expected, found.search_pages)


def _hosts(outlet_cfg: dict, model: OutletSite) -> list[str]:
    """Return every host the outlet's URLs use (article origin first)."""
    urls = [model.origin, *outlet_cfg.get("feeds", []), *outlet_cfg.get("sitemaps", [])]
    urls += [*outlet_cfg.get("search", []), *outlet_cfg.get("start_urls", [])]
    return list(dict.fromkeys(urlsplit(u).netloc for u in urls))


def origins_of(site: Site) -> list[str]:
    """Return every ``scheme://host`` that the site's pages live on."""
    return list(dict.fromkeys(f"{p.scheme}://{p.netloc}" for p in map(urlsplit, site.pages)))
