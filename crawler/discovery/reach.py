"""What a listing's dates say: the oldest and newest day it lists, and whether it reaches a window.

Every entry gives an interval of days it may stand for: its publication date; a child sitemap's
URL date span; or, with only ``lastmod``, "on or before lastmod" (an open start). A listing
*reaches* the story window when an entry's interval lies (partly) in it, *cannot* when every
entry's interval lies outside, and is *unknown* otherwise (undated entries, an open start).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from crawler.discovery.entries import SITEMAP, Entry
from crawler.discovery.urldates import DateSpan, article_span, sitemap_span

YES, NO, UNKNOWN = "yes", "no", "unknown"


def _day(moment: datetime | None) -> date | None:
    """Return the calendar day of an aware datetime in its own offset, or None."""
    return moment.date() if moment is not None else None


def entry_interval(entry: Entry) -> tuple[date | None, date | None]:
    """Return (first, last) day an entry may stand for; None where the listing does not say."""
    published = _day(entry.published)
    if published is not None:
        return published, published
    span: DateSpan | None = (
        sitemap_span(entry.url) if entry.kind == SITEMAP else article_span(entry.url)
    )
    lastmod = _day(entry.lastmod)
    if span is not None:
        last = min(span.end, lastmod) if lastmod and lastmod >= span.start else span.end
        return span.start, last
    return None, lastmod


@dataclass
class ListingDates:
    """Running summary of the dates of a listing's entries."""

    oldest: date | None = None
    newest: date | None = None
    inside: int = 0  # entries whose interval is known and meets the window
    outside: int = 0  # entries whose interval lies wholly outside the window
    open: int = 0  # undated, or known only as "on or before lastmod" inside the window

    def add(self, entry: Entry, first: date | None, last: date | None, slack: timedelta) -> None:
        """Count one entry against the window ``[first, last]`` (either end may be open)."""
        lo, hi = entry_interval(entry)
        for day in (lo, hi):
            if day is not None:
                self.oldest = day if self.oldest is None or day < self.oldest else self.oldest
                self.newest = day if self.newest is None or day > self.newest else self.newest
        early = hi is not None and first is not None and hi < first - slack
        late = lo is not None and last is not None and lo > last + slack
        if early or late:
            self.outside += 1
        elif lo is not None and hi is not None:
            self.inside += 1
        else:
            self.open += 1

    @property
    def reach(self) -> str:
        """Return ``yes``, ``no`` or ``unknown``: can this listing reach the window?"""
        if self.inside:
            return YES
        if self.outside and not self.open:
            return NO
        return UNKNOWN
