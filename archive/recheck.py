"""Re-checking archived articles: which are due, and what a check found (with an injected clock).

A check ends in one of these outcomes: ``unchanged`` (a 304, or a 200 whose normalized content
is the same), ``changed`` (a new version was stored), ``gone`` (404/410), ``redirected`` (moved
to a different article), ``returned`` (live again after being gone or redirected; counted next
to ``unchanged``/``changed``) or ``error`` (the check itself failed; tried again later).

Status changes are written to ``article_events`` so researchers can ask when a page went or
came back. Gone and redirected articles stay on the ladder (measured from when their status
changed), so a later return is noticed without ``--all``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select

from archive import ladder as ladder_mod
from archive import models
from archive.dedup.urls import url_key
from archive.recheck_models import ArticleEvent
from archive.schema import Article, ensure_utc

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from archive.api import Archive

Outcome = Literal["unchanged", "changed", "gone", "redirected", "returned", "error"]
Ladder = tuple[tuple[timedelta, timedelta], ...]
#: HTTP statuses that mean the article was removed.
GONE_STATUSES = frozenset({404, 410})
#: HTTP statuses of a redirect whose target the re-check compares with the article.
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
LIVE, GONE, REDIRECTED = "live", "gone", "redirected"


@dataclass(frozen=True)
class DueArticle:
    """What a re-check needs to know about one archived article."""

    id: int
    url: str
    canonical_url: str | None
    url_key: str
    outlet: str | None
    story: str | None
    status: str
    etag: str | None
    last_modified: str | None
    relevance: float | None = None
    matched_terms: list[str] = field(default_factory=list)


_DUE_COLUMNS = (
    models.Article.id,
    models.Article.url,
    models.Article.canonical_url,
    models.Article.url_key,
    models.Article.outlet,
    models.Article.story,
    models.Article.status,
    models.Article.etag,
    models.Article.last_modified,
    models.Article.relevance,
    models.Article.matched_terms,
)


def _aware(now: datetime) -> datetime:
    """Return ``now`` as aware UTC (naive values are refused)."""
    value = ensure_utc(now, field_name="now")
    assert value is not None
    return value


class Rechecker:
    """Selects due articles and records check outcomes in an archive; every call takes ``now``."""

    def __init__(
        self,
        archive: Archive,
        *,
        ladder: Ladder = ladder_mod.DEFAULT_LADDER,
        run_id: int | None = None,
    ) -> None:
        self.archive = archive
        self.ladder = ladder
        self.run_id = run_id

    # -- selecting ---------------------------------------------------------------------------
    def due(
        self, now: datetime, *, include_all: bool = False, limit: int | None = None
    ) -> list[DueArticle]:
        """Return the articles due at ``now`` (earliest first), or all of them with include_all."""
        query = select(*_DUE_COLUMNS)
        if include_all:
            query = query.order_by(models.Article.id)
        else:
            query = query.where(models.Article.next_check_at <= _aware(now)).order_by(
                models.Article.next_check_at, models.Article.id
            )
        if limit is not None:
            query = query.limit(limit)
        with self.archive.session() as session:
            return [
                DueArticle(*row[:-1], matched_terms=list(row[-1] or []))
                for row in session.execute(query)
            ]

    # -- recording ---------------------------------------------------------------------------
    def not_modified(
        self,
        article_id: int,
        now: datetime,
        *,
        http_status: int = 304,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> list[Outcome]:
        """Record a check that found the same content (a 304); return the outcomes."""
        now = _aware(now)
        with self.archive.write_session() as session:
            row = _row(session, article_id)
            outcomes = self._back_to_live(session, row, now, http_status)
            row.last_checked_at, row.http_status = now, http_status
            row.etag = etag or row.etag
            row.last_modified = last_modified or row.last_modified
            row.next_check_at = self._next_live(row, now)
        return [*outcomes, "unchanged"]

    def gone(self, article_id: int, now: datetime, *, http_status: int) -> list[Outcome]:
        """Record a 404/410: status gone from now on (the last good version stays)."""
        now = _aware(now)
        with self.archive.write_session() as session:
            row = _row(session, article_id)
            if row.status != GONE:
                row.status, row.status_changed_at, row.redirect_target = GONE, now, None
                self._event(session, row, now, GONE, f"HTTP {http_status}", http_status)
            row.last_checked_at, row.http_status = now, http_status
            row.next_check_at = self._next_after_status(row, now)
        return [GONE]

    def redirected(
        self, article_id: int, now: datetime, *, target: str, http_status: int
    ) -> list[Outcome]:
        """Record a redirect to a different article: status redirected, with the target."""
        now = _aware(now)
        with self.archive.write_session() as session:
            row = _row(session, article_id)
            if row.status != REDIRECTED or row.redirect_target != target:
                row.status, row.status_changed_at, row.redirect_target = REDIRECTED, now, target
                self._event(session, row, now, REDIRECTED, target, http_status)
            row.last_checked_at, row.http_status = now, http_status
            row.next_check_at = self._next_after_status(row, now)
        return [REDIRECTED]

    def failed(self, article_id: int, now: datetime, *, detail: str = "") -> list[Outcome]:
        """Record a check that could not be made (timeout, 5xx, robots): try again later."""
        now = _aware(now)
        with self.archive.write_session() as session:
            row = _row(session, article_id)
            interval = ladder_mod.check_interval(now - row.last_changed_at, self.ladder)
            row.next_check_at = now + (interval or self.ladder[0][1])
        return ["error"]

    def fetched(self, due: DueArticle, article: Article, now: datetime) -> list[Outcome]:
        """Store a re-fetched page (a 200) as the same article; return the outcomes."""
        now = _aware(now)
        article.url, article.canonical_url = due.url, due.canonical_url
        article.outlet, article.story = due.outlet, due.story
        article.relevance, article.matched_terms = due.relevance, list(due.matched_terms)
        article.channel = article.channel or "recrawl"
        result = self.archive.store(article, run_id=self.run_id, now=now)
        changed = result.action != "unchanged"
        with self.archive.write_session() as session:
            row = _row(session, result.article_id)
            outcomes: list[Outcome] = []
            if due.status != LIVE:
                outcomes = self._returned(session, row, now, due.status, article.http_status)
            if changed:
                self._event(session, row, now, "changed", f"version {result.version}", 200)
            else:
                row.next_check_at = self._next_live(row, now)
        return [*outcomes, "changed" if changed else "unchanged"]

    # -- helpers -----------------------------------------------------------------------------
    def _back_to_live(
        self, session: Session, row: models.Article, now: datetime, http_status: int | None
    ) -> list[Outcome]:
        """Set a gone/redirected article live again and record it; return the outcomes."""
        if row.status == LIVE:
            return []
        previous = row.status
        row.status, row.status_changed_at, row.redirect_target = LIVE, now, None
        return self._returned(session, row, now, previous, http_status)

    def _returned(
        self,
        session: Session,
        row: models.Article,
        now: datetime,
        previous: str,
        http_status: int | None,
    ) -> list[Outcome]:
        """Record the ``returned`` event of an article that was ``previous``."""
        self._event(session, row, now, "returned", f"was {previous}", http_status)
        return ["returned"]

    def _next_live(self, row: models.Article, now: datetime) -> datetime | None:
        """Return the next check of a live article: the ladder by age since its last change."""
        since = row.last_changed_at
        if row.status_changed_at is not None and row.status_changed_at > since:
            since = row.status_changed_at  # a page that just came back is watched closely
        return ladder_mod.next_check_at(since, now, self.ladder)

    def _next_after_status(self, row: models.Article, now: datetime) -> datetime | None:
        """Return the next check of a gone/redirected article: the ladder since it went."""
        return ladder_mod.next_check_at(row.status_changed_at or now, now, self.ladder)

    def _event(
        self,
        session: Session,
        row: models.Article,
        now: datetime,
        kind: str,
        detail: str,
        http_status: int | None,
    ) -> None:
        """Add an article event row."""
        session.add(
            ArticleEvent(
                article_id=row.id, at=now, kind=kind, detail=detail[:2000],
                http_status=http_status, run_id=self.run_id,
            )
        )  # fmt: skip


def _row(session: Session, article_id: int) -> models.Article:
    """Return the article row, locked for update; LookupError when it does not exist."""
    row = session.scalars(
        select(models.Article).where(models.Article.id == article_id).with_for_update()
    ).first()
    if row is None:
        raise LookupError(f"no article with id {article_id}")
    return row


def is_move(due: DueArticle, target: str) -> bool:
    """Return True when a redirect ``target`` is a different article, not a URL variant."""
    return url_key(target) != due.url_key


def article_events(
    archive: Archive,
    *,
    article_id: int | None = None,
    kind: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[ArticleEvent]:
    """Return status-change events, oldest first, filtered by article, kind and time."""
    query = select(ArticleEvent).order_by(ArticleEvent.at, ArticleEvent.id)
    if article_id is not None:
        query = query.where(ArticleEvent.article_id == article_id)
    if kind is not None:
        query = query.where(ArticleEvent.kind == kind)
    if since is not None:
        query = query.where(ArticleEvent.at >= _aware(since))
    if until is not None:
        query = query.where(ArticleEvent.at <= _aware(until))
    with archive.session() as session:
        return list(session.scalars(query))
