"""How big the archive is, what the crawls did and what went wrong."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from archive import models
from archive.query.health import FailingEndpoint, failing_endpoints
from archive.runs import ERRORS_BY_REASON_PREFIX, error_count, run_counts

RECENT_ERRORS = 10


@dataclass(frozen=True)
class RunSummary:
    """One crawl run in brief."""

    id: int
    kind: str
    story: str | None
    status: str
    started_at: datetime
    finished_at: datetime | None
    errors: int
    stats: dict[str, Any]
    stored: int = 0
    rejected: int = 0
    errors_by_reason: dict[str, int] = field(default_factory=dict)
    reason: str | None = None  # why a failed run failed


@dataclass
class ArchiveStats:
    """Counts of what the archive holds and how its crawl runs went."""

    articles: int = 0
    articles_by_status: dict[str, int] = field(default_factory=dict)
    versions: int = 0
    changed_articles: int = 0
    clusters_with_copies: int = 0
    duplicates: int = 0
    outlets: int = 0
    stories: int = 0
    #: Distinct candidate URLs rejected, by reason, over all runs: a candidate seen again by a
    #: later crawl (a replay of the same capture, a re-run) is counted once.
    rejections_by_reason: dict[str, int] = field(default_factory=dict)
    runs_by_status: dict[str, int] = field(default_factory=dict)
    run_errors: int = 0
    recent_errors: list[tuple[int, str]] = field(default_factory=list)
    last_run: RunSummary | None = None
    database_bytes: int | None = None
    failing_endpoints: list[FailingEndpoint] = field(default_factory=list)


def _count(session: Session, model: Any, *where: Any) -> int:
    """Return the number of rows of ``model`` matching ``where``."""
    return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _grouped(session: Session, column: Any, counted: Any = None) -> dict[str, int]:
    """Return row counts (or distinct ``counted`` values) grouped by ``column``, largest first."""
    count = func.count(func.distinct(counted)) if counted is not None else func.count()
    rows = session.execute(select(column, count).group_by(column)).all()
    return {str(key): n for key, n in sorted(rows, key=lambda r: (-r[1], str(r[0])))}


def archive_stats(session: Session) -> ArchiveStats:
    """Return the archive's statistics."""
    a = models.Article
    out = ArchiveStats(
        articles=_count(session, a),
        articles_by_status=_grouped(session, a.status),
        versions=_count(session, models.ArticleVersion),
        changed_articles=_count(session, a, a.version_count > 1),
        clusters_with_copies=_count(session, models.Cluster, models.Cluster.size > 1),
        duplicates=_count(session, a, a.duplicate_of.is_not(None)),
        outlets=_count(session, models.Outlet),
        stories=_count(session, models.Story),
        rejections_by_reason=_grouped(session, models.Rejection.reason, models.Rejection.url_key),
        runs_by_status=_grouped(session, models.CrawlRun.status),
        database_bytes=database_bytes(session),
        failing_endpoints=failing_endpoints(session),
    )
    _add_runs(session, out)
    return out


def _add_runs(session: Session, out: ArchiveStats) -> None:
    """Fill the last run, the error total and the most recent errors (newest run first)."""
    runs = session.scalars(select(models.CrawlRun).order_by(models.CrawlRun.id.desc()))
    for run in runs:
        errors, stats = list(run.errors or []), dict(run.stats or {})
        if out.last_run is None:
            out.last_run = run_summary(run)
        # A scheduled job's counts are its child runs' (counted there): only its own errors.
        out.run_errors += len(errors) if run.kind == "scheduled" else error_count(stats, errors)
        room = RECENT_ERRORS - len(out.recent_errors)
        out.recent_errors.extend((run.id, e) for e in errors[:room])


def run_summary(run: models.CrawlRun) -> RunSummary:
    """Return one run in brief: its counts, errors by reason and, when it failed, why."""
    errors, stats = list(run.errors or []), dict(run.stats or {})
    counts = run_counts(stats)
    by_reason = {
        name[len(ERRORS_BY_REASON_PREFIX) :]: int(value)
        for name, value in stats.items()
        if name.startswith(ERRORS_BY_REASON_PREFIX) and isinstance(value, int)
    }
    reason = stats.get("reason")
    return RunSummary(
        run.id, run.kind, run.story, run.status, run.started_at, run.finished_at,
        error_count(stats, errors), stats, stored=counts["stored"], rejected=counts["rejected"],
        errors_by_reason=by_reason, reason=reason if isinstance(reason, str) else None,
    )  # fmt: skip


def database_bytes(session: Session) -> int | None:
    """Return the database's size on disk in bytes (SQLite file + WAL, or PostgreSQL's)."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        return session.scalar(text("SELECT pg_database_size(current_database())"))
    path = bind.url.database
    if not path or path == ":memory:" or not os.path.exists(path):
        return None
    return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))
