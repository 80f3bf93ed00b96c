"""Which discovery endpoints a crawl of one outlet uses, and how each was found.

An :class:`Endpoint` is one listing URL (feed, sitemap, search page or seed page) with the way
it was found (its ``source``). :func:`configured_endpoints` expands the outlet's config (and the
story's own start URLs) over the story's window; :func:`select_discovered` takes the endpoints a
site declares (robots.txt ``Sitemap:`` lines, home-page feed links), drops those already known
or dated outside the window, and caps the rest. Both are pure: the spider and
``newsarchive outlets probe`` share them.

Extension point: another way of finding endpoints (a web-archive index, say) is one more
``source`` name plus a function returning Endpoints; the spider's seeding
(``crawler/spiders/seeding.py``) routes every Endpoint by its ``kind`` to a parser.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote_plus, urlsplit

from archive.dedup.urls import url_key
from crawler.config import Outlet, Story
from crawler.config.templates import expand, has_placeholders, placeholders, window_days
from crawler.discovery.urldates import sitemap_spans
from crawler.relevance import LISTING_SLACK, OUT_OF_WINDOW

FEED, SITEMAP, SEARCH, START_URL = "feed", "sitemap", "search", "start_url"
#: Endpoint kind -> the outlet config key holding such endpoints.
KIND_KEYS = {FEED: "feeds", SITEMAP: "sitemaps", SEARCH: "search", START_URL: "start_urls"}
#: How an endpoint was found: in the outlets file as written, expanded from a dated template,
#: in the story file, in robots.txt, or declared on the home page.
CONFIGURED, TEMPLATED, STORY = "configured", "templated", "story"
ROBOTS_SITEMAP, HOME_FEED = "robots-sitemap", "home-feed"
#: Sources whose name is also the channel of the articles they find (design.md's channels).
DISCOVERED_CHANNELS = (ROBOTS_SITEMAP, HOME_FEED)
#: Rejection reason of an endpoint left out because a cap was reached.
TOO_MANY_ENDPOINTS = "too-many-endpoints"
#: Rejection reason of a story start URL that no outlet of the registry owns.
NO_OUTLET = "no-outlet"
#: Rejection reason of a declared endpoint on another site.
OFFSITE = "offsite"


@dataclass(frozen=True)
class Endpoint:
    """One listing a crawl fetches: its URL, what it is, how it was found, its config entry."""

    url: str
    kind: str  # feed | sitemap | search | start_url
    source: str  # configured | templated | story | robots-sitemap | home-feed
    template: str | None = None

    @property
    def channel(self) -> str:
        """Return the channel of the articles found through this endpoint."""
        return self.source if self.source in DISCOVERED_CHANNELS else self.kind


@dataclass(frozen=True)
class Dropped:
    """An endpoint left out of the crawl, with the rejection reason and the evidence."""

    url: str
    reason: str
    detail: str
    source: str


@dataclass
class Plan:
    """The endpoints to fetch and the ones left out (each recorded as a rejection)."""

    endpoints: list[Endpoint] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)


def story_days(story: Story, today: date | None = None) -> list[date]:
    """Return every day templates are expanded over: the window plus the listing slack."""
    today = today or date.today()
    return list(window_days(story.published_after, story.published_before, LISTING_SLACK, today))


def configured_endpoints(
    outlet: Outlet, story: Story, *, limit: int | None = None, today: date | None = None
) -> Plan:
    """Return the outlet's configured endpoints expanded for ``story`` (and its start URLs)."""
    days = story_days(story, today)
    query = quote_plus(story.search_query)
    plan = Plan()
    seen: set[str] = set()
    entries = [(kind, t) for kind, key in KIND_KEYS.items() for t in getattr(outlet, key)]
    entries += [(START_URL, url) for url in story.start_urls if outlet.owns(url)]
    for kind, template in entries:
        from_story = kind == START_URL and template in story.start_urls
        expansion = expand(template, days, query, limit=limit)
        source = STORY if from_story else _source(template)
        for url in expansion.urls:
            if url not in seen:
                seen.add(url)
                plan.endpoints.append(Endpoint(url, kind, source, template))
        detail = f"{template}: {len(expansion.urls) + len(expansion.dropped)} URLs, kept {limit}"
        plan.dropped += [Dropped(u, TOO_MANY_ENDPOINTS, detail, source) for u in expansion.dropped]
    return plan


def _source(template: str) -> str:
    """Return ``templated`` for an entry with date placeholders, else ``configured``."""
    dated = [name for name in placeholders(template) if name != "query"]
    return TEMPLATED if has_placeholders(template) and dated else CONFIGURED


def select_discovered(
    urls: Sequence[str],
    *,
    kind: str,
    source: str,
    known: Iterable[str],
    story: Story,
    limit: int,
    prune: bool = True,
    owns: Callable[[str], bool] | None = None,
) -> Plan:
    """Return the declared endpoints worth fetching: new ones, not dated outside the window.

    Endpoints dated inside the window come first, then undated ones, in the site's order;
    past ``limit`` the rest are dropped (and recorded), so a robots.txt listing 500 sitemaps
    costs at most ``limit`` requests. With ``owns``, an endpoint on another site is dropped
    as ``offsite`` (a crawl never leaves the outlet's domains).
    """
    seen = {url_key(u) for u in known}
    fresh = []
    plan = Plan()
    for url in urls:
        key = url_key(url)
        if key in seen:
            continue
        seen.add(key)
        if owns is not None and not owns(url):
            detail = f"declared by {source} on another site than the outlet's domains"
            plan.dropped.append(Dropped(url, OFFSITE, detail, source))
            continue
        fresh.append(url)
    spans = sitemap_spans(fresh) if kind == SITEMAP else [None] * len(fresh)
    dated, undated = [], []
    after, before = story.published_after, story.published_before
    for url, span in zip(fresh, spans, strict=True):
        if span is None:
            undated.append(url)
        elif prune and span.outside(after, before, LISTING_SLACK):
            detail = f"named for {span.describe()} ({span.evidence!r}): {window_text(story)}"
            plan.dropped.append(Dropped(url, OUT_OF_WINDOW, detail, source))
        else:
            dated.append(url)
    ranked = dated + undated
    detail = f"{source}: {len(ranked)} new endpoints listed, kept the first {limit}"
    plan.endpoints = [Endpoint(u, kind, source) for u in ranked[:limit]]
    plan.dropped += [Dropped(u, TOO_MANY_ENDPOINTS, detail, source) for u in ranked[limit:]]
    return plan


def window_text(story: Story) -> str:
    """Return the story window as rejection details print it."""
    after = story.published_after.isoformat() if story.published_after else "..."
    before = story.published_before.isoformat() if story.published_before else "..."
    return f"outside the window {after}..{before} (+-{LISTING_SLACK.days} day)"


def home_url(outlet: Outlet) -> str:
    """Return the outlet's home page: ``home``, else the origin its own endpoints use."""
    if outlet.home:
        return outlet.home
    urls = [*outlet.sitemaps, *outlet.search, *outlet.start_urls, *outlet.feeds]
    main = set(outlet.domains) | {f"www.{d}" for d in outlet.domains}
    for url in urls:
        parts = urlsplit(url)
        if (parts.hostname or "").lower() in main or parts.netloc.lower() in main:
            return f"{parts.scheme}://{parts.netloc}/"
    scheme = urlsplit(urls[0]).scheme if urls else "https"
    return f"{scheme}://{outlet.domains[0]}/"


def unowned_start_urls(story: Story, outlets: Iterable[Outlet]) -> list[str]:
    """Return the story's start URLs that no outlet's domains own (never crawled)."""
    registry = list(outlets)
    return [u for u in story.start_urls if not any(o.owns(u) for o in registry)]
