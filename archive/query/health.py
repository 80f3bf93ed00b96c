"""Endpoint health over runs: which outlet endpoints keep failing or listing nothing.

Every crawl run writes one ``endpoint_health`` row per endpoint it fetched (see
``crawler/health.py``). :func:`endpoint_health` reads each endpoint's last checks and flags it
as *failing* when every one of its last :data:`FAILING_RUNS` checks failed (an HTTP error, a
network error, robots.txt forbidding it, a malformed listing) or listed nothing and led to no
article. ``newsarchive coverage``/``stats``, the scheduler and ``newsarchive status`` call it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from archive import models

#: An endpoint is flagged when its last this-many checks all failed or listed nothing.
FAILING_RUNS = 3
#: Discovery reads that may list nothing (a robots.txt without ``Sitemap:`` lines, a home page
#: without feed links) and whose robots.txt 404 means "allow all": only errors count for them.
DISCOVERY_KINDS = ("robots", "home")
#: HTTP statuses from this one up are a failed check.
HTTP_ERROR = 400


@dataclass(frozen=True)
class EndpointCheck:
    """One run's check of an endpoint."""

    run_id: int
    recorded_at: datetime
    http_status: int | None
    error: str | None
    entries: int
    articles: int
    oldest_listed: date | None
    newest_listed: date | None
    problem: str | None  # why this check failed, or None


@dataclass
class EndpointHealthRow:
    """An endpoint's recent checks, newest first, and whether it is failing."""

    outlet: str
    endpoint: str
    source: str
    kind: str
    template: str | None
    checks: list[EndpointCheck] = field(default_factory=list)

    @property
    def failing(self) -> bool:
        """Return True when each of the last :data:`FAILING_RUNS` checks failed."""
        recent = self.checks[:FAILING_RUNS]
        return len(recent) >= FAILING_RUNS and all(c.problem for c in recent)

    @property
    def last(self) -> EndpointCheck:
        """Return the newest check."""
        return self.checks[0]

    @property
    def summary(self) -> str:
        """Return what went wrong in the last checks, for one table cell."""
        problems = list(dict.fromkeys(c.problem for c in self.checks[:FAILING_RUNS] if c.problem))
        runs = ", ".join(str(c.run_id) for c in self.checks[:FAILING_RUNS])
        return f"{'; '.join(problems) or 'ok'} (runs {runs})"


def check_problem(kind: str, http_status: int | None, error: str | None, entries: int,
                  articles: int) -> str | None:  # fmt: skip
    """Return why one check of an endpoint failed, or None when it worked."""
    discovery = kind in DISCOVERY_KINDS
    if http_status is not None and http_status >= HTTP_ERROR:
        if not (kind == "robots" and http_status == 404):
            return f"HTTP {http_status}"
    elif error:
        return error
    if not discovery and not entries and not articles and not error:
        return "listed nothing"
    return None


def endpoint_health(
    session: Session,
    *,
    outlet: str | list[str] | None = None,
    runs: int = FAILING_RUNS,
    failing_only: bool = False,
) -> list[EndpointHealthRow]:
    """Return each endpoint's last checks (by outlet, then endpoint); optionally only failing.

    ``runs`` checks are kept per endpoint (never fewer than :data:`FAILING_RUNS`, which the
    failing flag needs).
    """
    keep = max(runs, FAILING_RUNS)
    h = models.EndpointHealth
    rank = (
        func.row_number()
        .over(partition_by=(h.outlet, h.endpoint_key), order_by=(h.run_id.desc(), h.id.desc()))
        .label("rank")
    )
    inner = select(h.id, rank).where(h.fetched.is_(True))
    if outlet is not None:
        outlets = [outlet] if isinstance(outlet, str) else list(outlet)
        inner = inner.where(h.outlet.in_(outlets))
    ranked = inner.subquery()
    stmt = (
        select(h)
        .join(ranked, ranked.c.id == h.id)
        .where(ranked.c.rank <= keep)
        .order_by(h.outlet, h.endpoint_key, h.run_id.desc(), h.id.desc())
    )
    rows: dict[tuple[str, str], EndpointHealthRow] = {}
    for record in session.scalars(stmt):
        key = (record.outlet, record.endpoint_key)
        row = rows.get(key) or rows.setdefault(key, _row(record))
        row.checks.append(_check(record))
    found = sorted(rows.values(), key=lambda r: (r.outlet, r.endpoint))
    return [r for r in found if r.failing] if failing_only else found


def _row(record: models.EndpointHealth) -> EndpointHealthRow:
    """Return the row for an endpoint, described by its newest record."""
    return EndpointHealthRow(
        record.outlet, record.endpoint, record.source, record.kind, record.template
    )


def _check(record: models.EndpointHealth) -> EndpointCheck:
    """Return one record as a check, with its problem judged."""
    problem = check_problem(
        record.kind, record.http_status, record.error, record.entries, record.articles
    )
    return EndpointCheck(
        record.run_id, record.recorded_at, record.http_status, record.error, record.entries,
        record.articles, record.oldest_listed, record.newest_listed, problem,
    )  # fmt: skip


@dataclass(frozen=True)
class FailingEndpoint:
    """An endpoint that failed or listed nothing in each of its last checks (a flag to act on)."""

    outlet: str
    endpoint: str
    source: str
    kind: str
    problem: str  # what went wrong, with the run ids
    last_checked: datetime


def failing_endpoints(
    session: Session, *, outlet: str | list[str] | None = None
) -> list[FailingEndpoint]:
    """Return the endpoints failing their last :data:`FAILING_RUNS` checks, by outlet."""
    return [
        FailingEndpoint(r.outlet, r.endpoint, r.source, r.kind, r.summary, r.last.recorded_at)
        for r in endpoint_health(session, outlet=outlet, failing_only=True)
    ]
