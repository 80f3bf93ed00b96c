"""Archive sitemaps of the synthetic sites, in the layouts the real outlets use.

Each layout turns one sitemap URL (configured, expanded from a template, or declared in
robots.txt) into its pages: an index and the children a crawl of the default story fetches.
Children a crawl skips unfetched (named for a date outside the window, or last modified before
it) are listed but get no page (they are never requested); they are reported as ``skipped``.
What a crawl skips is decided by the crawler's own rules (``crawler.discovery.urldates``,
``crawler.relevance``), so the model and the crawler cannot disagree.

Layouts (``OutletSite.sitemap_layout``):

- ``monthly-index``: an index of ``-YYYY-MM.xml`` children with ``lastmod`` (generic);
- ``day-index``: an index of day files (Daily Mail ``sitemap-articles-day~YYYY-MM-DD.xml``,
  New York Post ``sitemap-YYYY.xml?mm=MM&dd=DD``, The Independent
  ``sitemaps/sitemap-articles-YYYY-MM-DD.xml``); a yearly index lists every day of its year up
  to the capture day, the days before the window only to be pruned;
- ``span-files``: the URL itself is the urlset of its month, quarter or year (Insider
  ``sitemap/2022-08.xml``, HOLA! ``sitemap-2022-q3.xml``, Newsweek ``sitemap-2022.xml?v=2022``);
  a file for a span that starts after the capture day answers 404; an index of such files lists
  one per span with articles;
- ``paged-index``: Fox News ``sitemap.xml`` with ``?type=articles&page=N`` children, newest
  first, each with its ``lastmod``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from crawler.config import Story
from crawler.demo.sites.discovery import Entry, sitemap_index, urlset
from crawler.discovery.urldates import DateSpan, sitemap_span, sitemap_spans
from crawler.relevance import Relevance

#: The day the synthetic capture was made: later dated files do not exist yet.
CAPTURE_DAY = date(2022, 8, 31)
#: lastmod of undated index children (the capture time).
CAPTURE_TIME = datetime(2022, 8, 31, 12, tzinfo=timezone.utc)
XML = "application/xml; charset=utf-8"
#: How many days before the window a synthetic yearly index lists (a crawl prunes them all;
#: a real index lists every day of the year).
EARLIER_DAYS = 28


@dataclass
class SitemapPages:
    """What one sitemap URL stands for in the capture."""

    pages: list[tuple[str, str, str]] = field(default_factory=list)  # (URL, text, type)
    skipped: list[str] = field(default_factory=list)  # children a crawl never requests
    missing: list[str] = field(default_factory=list)  # URLs answered 404 (after the capture)
    front_listed: bool = False  # the section front is listed (a not-article rejection)


@dataclass(frozen=True)
class Layout:
    """An outlet's sitemap layout and the URL shapes it needs."""

    name: str
    child_url: Callable[[str, date], str]  # (index URL, day) -> child URL
    front: str  # the section front's URL, listed in the newest file


def _published(entry: Entry) -> date:
    """Return the listed day of an entry (entries in sitemaps are dated)."""
    assert entry.published is not None
    return entry.published.date()


def _rows(entries: list[Entry]) -> list[tuple[str, datetime | None]]:
    """Return urlset rows (URL, lastmod) newest first."""
    ordered = sorted(entries, key=lambda e: e.published or CAPTURE_TIME, reverse=True)
    return [(e.url, e.published) for e in ordered]


def _pruned(story: Story, children: list[tuple[str, datetime | None]]) -> list[bool]:
    """Return, per (child URL, lastmod), whether a crawl of ``story`` skips it unfetched."""
    relevance = Relevance(story)
    spans = sitemap_spans([url for url, _ in children])
    return [
        relevance.modified_before_window(lastmod) or relevance.span_out_of_window(span)
        for (_, lastmod), span in zip(children, spans, strict=True)
    ]


def index_pages(
    url: str, children: dict[str, list[Entry]], lastmods: dict[str, datetime | None],
    story: Story, front: str | None,
) -> SitemapPages:  # fmt: skip
    """Return an index of ``children`` (newest first) and the children a crawl fetches."""
    order = sorted(children, key=lambda c: lastmods.get(c) or CAPTURE_TIME, reverse=True)
    listed = [(child, lastmods.get(child)) for child in order]
    out = SitemapPages(pages=[(url, sitemap_index(listed), XML)])
    fetched = [c for (c, _), skip in zip(listed, _pruned(story, listed), strict=True) if not skip]
    out.skipped = [c for c in order if c not in fetched]
    newest = next((c for c in fetched if children[c]), None)
    for child in fetched:
        rows = _rows(children[child])
        if front and child == newest:
            rows.append((front, lastmods.get(child)))
            out.front_listed = True
        out.pages.append((child, urlset(rows), XML))
    return out


def monthly_index(layout: Layout, url: str, entries: list[Entry], story: Story) -> SitemapPages:
    """Return an index of monthly children with lastmod (the generic layout)."""
    children: dict[str, list[Entry]] = {}
    lastmods: dict[str, datetime | None] = {}
    for entry in entries:
        child = layout.child_url(url, _published(entry))
        children.setdefault(child, []).append(entry)
    for child, group in children.items():
        lastmods[child] = max(e.published for e in group if e.published)
    return index_pages(url, children, lastmods, story, layout.front)


def day_index(layout: Layout, url: str, entries: list[Entry], story: Story) -> SitemapPages:
    """Return an index of the day files with articles, and the days before the window."""
    span = sitemap_span(url)
    mine = [e for e in entries if span is None or span.start <= _published(e) <= span.end]
    days = {_published(e) for e in mine}
    if span is not None:  # a yearly index lists its days before the window too (thinned)
        first = max(span.start, _window_start(story) - timedelta(days=EARLIER_DAYS))
        days |= {first + timedelta(days=n) for n in range((_window_start(story) - first).days)}
    children: dict[str, list[Entry]] = {layout.child_url(url, d): [] for d in sorted(days)}
    for entry in mine:
        children[layout.child_url(url, _published(entry))].append(entry)
    lastmods = {child: None for child in children}
    return index_pages(url, children, lastmods, story, layout.front)


def _window_start(story: Story) -> date:
    """Return the first day a crawl of ``story`` reads (listing slack included)."""
    after = story.published_after or CAPTURE_DAY
    return after - timedelta(days=1)


def span_file(layout: Layout, url: str, entries: list[Entry], story: Story) -> SitemapPages:
    """Return the urlset of the entries in the URL's span (404 when the span is in the future)."""
    span = sitemap_span(url)
    if span is not None and span.start > CAPTURE_DAY:
        return SitemapPages(missing=[url])
    mine = [e for e in entries if span is None or span.start <= _published(e) <= span.end]
    rows = _rows(mine)
    out = SitemapPages()
    if mine and _covers_newest(span, entries):
        rows.append((layout.front, mine[0].published))
        out.front_listed = True
    out.pages.append((url, urlset(rows), XML))
    return out


def _covers_newest(span: DateSpan | None, entries: list[Entry]) -> bool:
    """Return True when the span holds the outlet's newest entry (its file lists the front)."""
    newest = max(_published(e) for e in entries)
    return span is None or span.start <= newest <= span.end


def span_index(layout: Layout, url: str, entries: list[Entry], story: Story) -> SitemapPages:
    """Return an index of span files (one per month/year with entries) and the fetched ones."""
    children: dict[str, list[Entry]] = {}
    for entry in entries:
        children.setdefault(layout.child_url(url, _published(entry)), []).append(entry)
    listed = [(child, None) for child in sorted(children, reverse=True)]
    out = SitemapPages(pages=[(url, sitemap_index(listed), XML)])
    for (child, _), skip in zip(listed, _pruned(story, listed), strict=True):
        if skip:
            out.skipped.append(child)
            continue
        part = span_file(layout, child, entries, story)
        out.pages += part.pages
        out.front_listed = out.front_listed or part.front_listed
    return out


def paged_index(layout: Layout, url: str, entries: list[Entry], story: Story) -> SitemapPages:
    """Return an index of numbered pages: page 1 the window's entries, page 2 the older ones."""
    window = Relevance(story)
    recent = [e for e in entries if window.in_window(_published(e))]
    older = [e for e in entries if e not in recent]
    children: dict[str, list[Entry]] = {}
    lastmods: dict[str, datetime | None] = {}
    for number, group in enumerate((recent, older), start=1):
        if group:
            child = f"{url}?type=articles&page={number}"
            children[child] = group
            lastmods[child] = max(e.published for e in group if e.published)
    return index_pages(url, children, lastmods, story, layout.front)


#: Layout name -> its renderer (index layouts render the index URL; span files render themselves).
LAYOUTS = {
    "monthly-index": monthly_index,
    "day-index": day_index,
    "span-files": span_file,
    "span-index": span_index,
    "paged-index": paged_index,
}
