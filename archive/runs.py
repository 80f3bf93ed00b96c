"""Crawl runs and the candidates they rejected: what a crawl did and what it left out, and why."""

from __future__ import annotations

import hashlib
import os
import socket
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive import models
from archive.db import mask_password
from archive.dedup.urls import url_key

RUN_STATUSES = ("running", "finished", "failed", "killed")
MAX_ERRORS_KEPT = 200
#: Counts every crawl and re-crawl run records in its statistics (``stored``: articles, or new
#: versions, stored; ``errors``: every fetch, discovery, extraction or store error, by reason
#: under ``newsarchive/errors/<reason>``); a failed run also records ``reason``.
RUN_COUNTS = ("stored", "rejected", "errors")
#: Prefix of a run's error counts by reason (``newsarchive/errors/fetch-error``), totals and
#: per outlet (``<outlet>:newsarchive/errors/fetch-error``).
ERRORS_BY_REASON_PREFIX = "newsarchive/errors/"


def run_counts(stats: Mapping[str, Any] | None) -> dict[str, int]:
    """Return a run's stored, rejected and error counts from its statistics (0 when absent)."""
    found = dict.fromkeys(RUN_COUNTS, 0)
    for name in RUN_COUNTS:
        value = (stats or {}).get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            found[name] = int(value)
    return found


def error_count(stats: Mapping[str, Any] | None, errors: list[str] | None) -> int:
    """Return how many errors a run had: its recorded count, else the length of its error list.

    The list keeps the first :data:`MAX_ERRORS_KEPT` errors; runs recorded before the count
    existed only have the list.
    """
    value = (stats or {}).get("errors")
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return len(errors or [])


def _process_alive(pid: int) -> bool:
    """Return True when a process with this pid exists on this host."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reap_stale_runs(session: Session, now: datetime | None = None) -> int:
    """Mark this host's "running" runs whose process is gone as killed; return how many.

    A crawl killed with SIGKILL (or a machine that lost power) cannot close its own run row.
    """
    host = socket.gethostname()
    stale = [
        run
        for run in session.scalars(
            select(models.CrawlRun).where(
                models.CrawlRun.status == "running", models.CrawlRun.host == host
            )
        )
        if run.pid is not None and run.pid != os.getpid() and not _process_alive(run.pid)
    ]
    for run in stale:
        run.status, run.finished_at = "killed", now or models.utcnow()
        run.errors = [*run.errors, f"process {run.pid} ended without closing the run"]
    return len(stale)


def start_run(session: Session, kind: str, story: str | None, outlets: list[str]) -> int:
    """Insert a running CrawlRun and return its id (closing stale runs of dead processes first)."""
    reap_stale_runs(session)
    run = models.CrawlRun(
        kind=kind,
        story=story,
        outlets=list(outlets),
        status="running",
        stats={},
        errors=[],
        host=socket.gethostname(),
        pid=os.getpid(),
    )
    session.add(run)
    session.flush()
    return run.id


def finish_run(
    session: Session,
    run_id: int,
    *,
    status: str,
    stats: dict[str, Any],
    errors: list[str],
    now: datetime | None = None,
) -> None:
    """Close a run with its final status, statistics and (password-masked) errors."""
    if status not in RUN_STATUSES:
        raise ValueError(f"run status must be one of {RUN_STATUSES}, got {status!r}")
    run = session.get(models.CrawlRun, run_id)
    if run is None:
        raise LookupError(f"no crawl run with id {run_id}")
    run.status = status
    run.finished_at = now or models.utcnow()
    run.stats = {k: _jsonable(v) for k, v in stats.items()}
    run.errors = [mask_password(str(e)) for e in errors][:MAX_ERRORS_KEPT]


def _jsonable(value: Any) -> Any:
    """Return a JSON-storable form of a statistics value (datetimes as ISO strings)."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


def record_rejection(
    session: Session,
    run_id: int | None,
    *,
    url: str,
    outlet: str | None,
    story: str | None,
    reason: str,
    detail: str = "",
) -> None:
    """Record that a candidate was seen and not archived; once per run, URL and reason."""
    key = url_key(url)
    exists = session.scalar(
        select(models.Rejection.id)
        .where(
            models.Rejection.run_id == run_id,
            models.Rejection.url_key == key,
            models.Rejection.reason == reason,
        )
        .limit(1)
    )
    if exists is None:
        session.add(
            models.Rejection(
                run_id=run_id,
                url=url,
                url_key=key,
                outlet=outlet,
                story=story,
                reason=reason,
                detail=mask_password(detail)[:2000],
            )
        )


#: The endpoint_health columns a crawl's rows may carry (anything else is ignored).
HEALTH_FIELDS = (
    "outlet", "endpoint", "source", "kind", "template", "listing_kind", "fetched",
    "http_status", "error", "listings", "listing_errors", "entries", "articles",
    "oldest_listed", "newest_listed",
)  # fmt: skip


def record_endpoint_health(session: Session, run_id: int, rows: list[dict[str, Any]]) -> int:
    """Store one endpoint_health row per dict for the run; return how many were stored."""
    for row in rows:
        values = {k: row[k] for k in HEALTH_FIELDS if k in row}
        values["error"] = mask_password(values["error"])[:2000] if values.get("error") else None
        key = hashlib.sha256(str(values["endpoint"]).encode("utf-8")).hexdigest()
        session.add(models.EndpointHealth(run_id=run_id, endpoint_key=key, **values))
    return len(rows)
