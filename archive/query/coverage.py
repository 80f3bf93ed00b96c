"""Who covered a story: per outlet, how many articles, when first published and first seen.

Every outlet of the ``outlets`` table appears, so configured outlets where the crawl found no
coverage show up with zero articles instead of silently missing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from archive import models
from archive.query.filters import ArticleFilter
from archive.query.health import failing_endpoints
from archive.schema import ensure_utc


@dataclass
class CoverageRow:
    """One outlet's coverage: counts, earliest timestamps and the channels that found it."""

    outlet: str
    name: str
    articles: int = 0
    originals: int = 0
    earliest_published: datetime | None = None
    first_seen: datetime | None = None
    channel: str | None = None  # the channel that found the outlet's first-seen article
    channels: dict[str, int] = field(default_factory=dict)
    #: The outlet's endpoints that failed or listed nothing in each of their last 3 runs.
    failing_endpoints: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TimelinePoint:
    """One article on a story's publication timeline."""

    article_id: int
    outlet: str
    published_at: datetime
    is_duplicate: bool
    title: str | None


def coverage(session: Session, story: str | None = None) -> list[CoverageRow]:
    """Return per-outlet coverage (of one story, or of everything), most articles first."""
    a = models.Article
    flt = ArticleFilter(story=story)
    rows = {
        key: CoverageRow(key, name)
        for key, name in session.execute(select(models.Outlet.key, models.Outlet.name))
    }
    stmt = flt.apply(
        select(a.outlet, a.duplicate_of, a.channel, a.published_at, a.first_seen_at, a.id)
    ).order_by(a.first_seen_at, a.id)
    channels: dict[str, Counter[str]] = {}
    for outlet, dup, channel, published, seen, _id in session.execute(stmt):
        key = outlet or "?"
        row = rows.setdefault(key, CoverageRow(key, key))
        _add(row, dup is None, ensure_utc(published), ensure_utc(seen), channel)
        channels.setdefault(key, Counter())[channel or "?"] += 1
    for key, counter in channels.items():
        rows[key].channels = dict(counter.most_common())
    for failing in failing_endpoints(session, outlet=list(rows)):
        rows[failing.outlet].failing_endpoints.append(failing.endpoint)
    return sorted(rows.values(), key=_order)


def _add(
    row: CoverageRow,
    original: bool,
    published: datetime | None,
    seen: datetime | None,
    channel: str | None,
) -> None:
    """Count one article into its outlet's row (articles arrive in first-seen order)."""
    row.articles += 1
    row.originals += int(original)
    if row.first_seen is None:
        row.first_seen, row.channel = seen, channel
    if published is not None and (
        row.earliest_published is None or published < row.earliest_published
    ):
        row.earliest_published = published


def _order(row: CoverageRow) -> tuple[int, str, str]:
    """Sort key: outlets with coverage first (earliest publication first), then by key."""
    earliest = row.earliest_published.isoformat() if row.earliest_published else "~"
    return (0 if row.articles else 1, earliest, row.outlet)


def timeline(session: Session, story: str | None = None) -> list[TimelinePoint]:
    """Return the dated articles (of one story) in publication order."""
    a = models.Article
    stmt = ArticleFilter(story=story).apply(
        select(a.id, a.outlet, a.published_at, a.duplicate_of, a.title)
    )
    stmt = stmt.where(a.published_at.is_not(None)).order_by(a.published_at, a.id)
    return [
        TimelinePoint(i, outlet or "?", published, dup is not None, title)
        for i, outlet, published, dup, title in session.execute(stmt)
    ]


def story_keys(session: Session) -> list[str]:
    """Return the keys of the stories that have articles."""
    a = models.Article
    stmt = select(a.story).where(a.story.is_not(None)).group_by(a.story).order_by(a.story)
    return list(session.scalars(stmt))


def count_articles(session: Session, story: str | None = None) -> int:
    """Return how many articles (of one story) the archive holds."""
    stmt = ArticleFilter(story=story).apply(select(func.count()).select_from(models.Article))
    return session.scalar(stmt) or 0
