"""The operator's view of a scheduled archive (``newsarchive status``), as named sections.

Each section is built by one function of :data:`SECTIONS` from the database alone (the lock
rows, the job store, the run rows), so the view works from any machine that reaches the
database, whether a scheduler runs or not. A new view (per-endpoint health, say) is one more
builder appended to :data:`SECTIONS` (as the endpoints one, from the per-run endpoint health
records, was); the CLI prints every section the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from archive import Archive, models
from archive.query.health import FAILING_RUNS, failing_endpoints
from crawler.schedule import jobs
from crawler.schedule.config import ScheduleConfig
from crawler.schedule.counts import scheduled_counts
from crawler.schedule.health import outlet_health
from crawler.schedule.lock import LockInfo, read_lock
from crawler.schedule.loop import JOBS_TABLE, LEADER_LOCK, job_specs

#: How many recent scheduled runs are read to find each job's last one.
RECENT_JOB_RUNS = 500
JOB_COLUMNS = (
    "job", "state", "next_run", "last_started", "result", "stored", "rejected", "errors",
    "duration_s",
)  # fmt: skip
ENDPOINT_COLUMNS = ("outlet", "endpoint", "source", "kind", "problem", "last_checked")
OUTLET_COLUMNS = (
    "outlet", "problem", "run", "run_started", "pages", "candidates", "stored", "errors",
    "last_article", "detail",
)  # fmt: skip


@dataclass
class Section:
    """One part of the status: a record (field → value) or rows with fixed columns."""

    key: str
    title: str
    record: dict[str, Any] | None = None
    columns: tuple[str, ...] = ()
    rows: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""  # said when there are no rows

    def data(self) -> Any:
        """Return the section's content for JSON."""
        return self.record if self.record is not None else self.rows


@dataclass(frozen=True)
class StatusSource:
    """What the section builders read."""

    archive: Archive
    session: Session
    now: datetime
    config: ScheduleConfig | None = None


def _holder_fields(info: LockInfo) -> dict[str, Any]:
    """Return the holder's host, pid and owner id from its owner string."""
    host, _, rest = (info.owner or "").partition(":")
    pid = rest.partition(":")[0]
    return {"owner": info.owner, "host": host or None, "pid": int(pid) if pid.isdigit() else None}


def scheduler_section(src: StatusSource) -> Section:
    """Return who holds the scheduler lock and since when."""
    engine = src.archive.engine
    info = read_lock(engine, LEADER_LOCK, src.now)
    record: dict[str, Any] = {
        "state": "running" if info is not None and info.held else "not running",
        "lock": "advisory lock" if engine.dialect.name == "postgresql" else "lease row",
    }
    if info is not None:
        record.update(_holder_fields(info))
        record.update({"since": info.acquired_at, "lease_until": info.expires_at})
        if not info.held:
            record["state"] = "not running (last holder's lease lapsed)"
    return Section("scheduler", "scheduler", record=record)


def _stored_next_runs(session: Session) -> dict[str, datetime | None]:
    """Return job id -> next run time from the scheduler's job store (empty without one)."""
    try:
        rows = session.execute(text(f"SELECT id, next_run_time FROM {JOBS_TABLE}")).all()
    except SQLAlchemyError:
        session.rollback()
        return {}
    return {job: datetime.fromtimestamp(t, UTC) if t is not None else None for job, t in rows}


def _last_runs(session: Session) -> dict[str, models.CrawlRun]:
    """Return job id -> its most recent scheduled run."""
    runs = session.scalars(
        select(models.CrawlRun)
        .where(models.CrawlRun.kind == "scheduled")
        .order_by(models.CrawlRun.id.desc())
        .limit(RECENT_JOB_RUNS)
    )
    last: dict[str, models.CrawlRun] = {}
    for run in runs:
        job = (run.stats or {}).get("job") or f"run {run.id}"
        last.setdefault(str(job), run)
    return last


def _configured_next(src: StatusSource, job: str, last: models.CrawlRun | None) -> Any:
    """Return when a configured job not in the job store falls due (``--once`` set-ups)."""
    if src.config is None:
        return None
    for spec in job_specs(src.config, src.now):
        if spec["id"] != job:
            continue
        if job == jobs.RECHECK_JOB_ID:
            due = src.session.scalar(select(func.min(models.Article.next_check_at)))
            return max(due, src.now) if due is not None else None
        interval: timedelta = spec["interval"]
        return max(last.started_at + interval, src.now) if last is not None else src.now
    return None


def _job_row(src: StatusSource, job: str, run: models.CrawlRun | None, next_run: Any) -> dict:
    """Return one job's status row."""
    running = read_lock(src.archive.engine, f"job:{job}", src.now)
    row: dict[str, Any] = dict.fromkeys(JOB_COLUMNS)
    row.update({"job": job, "state": "idle", "next_run": next_run})
    if running is not None and running.held:
        row["state"] = f"running since {running.acquired_at:%Y-%m-%d %H:%M}Z"
    if run is not None:
        counts = scheduled_counts(src.session, run)
        row.update(
            last_started=run.started_at, result=run.status, stored=counts.stored,
            rejected=counts.rejected, errors=counts.errors,
            duration_s=(run.stats or {}).get("duration_s"),
        )  # fmt: skip
    return row


def jobs_section(src: StatusSource) -> Section:
    """Return each job's last run (result, counts, duration) and next run."""
    stored = _stored_next_runs(src.session)
    last = _last_runs(src.session)
    names = list(stored)
    if src.config is not None:
        names += [spec["id"] for spec in job_specs(src.config, src.now)]
    names += list(last)
    rows = []
    for job in dict.fromkeys(names):
        next_run = stored.get(job) if job in stored else _configured_next(src, job, last.get(job))
        rows.append(_job_row(src, job, last.get(job), next_run))
    return Section("jobs", "jobs", columns=JOB_COLUMNS, rows=rows, note="no job has run yet")


def outlets_section(src: StatusSource) -> Section:
    """Return the outlets whose endpoints failed or went silent in their last crawl run."""
    health = outlet_health(src.session)
    rows = [h.row() for h in health if h.problem is not None]
    note = (
        f"every one of {len(health)} outlets answered in its last crawl run"
        if health
        else "no crawl run recorded yet"
    )
    return Section("outlets", "outlets to look at", columns=OUTLET_COLUMNS, rows=rows, note=note)


def endpoints_section(src: StatusSource) -> Section:
    """Return the endpoints that failed or listed nothing in each of their last runs."""
    rows = [
        {name: getattr(f, name) for name in ENDPOINT_COLUMNS}
        for f in failing_endpoints(src.session)
    ]
    title = f"endpoints failing their last {FAILING_RUNS} runs"
    note = "no endpoint failed or listed nothing in each of its last runs"
    return Section("endpoints", title, columns=ENDPOINT_COLUMNS, rows=rows, note=note)


def archive_section(src: StatusSource) -> Section:
    """Return the archive's size and contents in brief."""
    stats = src.archive.stats()
    record = {
        "database": src.archive.url,
        "size_bytes": stats.database_bytes,
        "articles": stats.articles,
        "versions": stats.versions,
        "outlets": stats.outlets,
        "stories": stats.stories,
        "runs": stats.runs_by_status,
    }
    return Section("archive", "archive", record=record)


SectionBuilder = Callable[[StatusSource], Section]
#: The status sections, in the order they are printed.
SECTIONS: tuple[SectionBuilder, ...] = (
    scheduler_section,
    jobs_section,
    outlets_section,
    endpoints_section,
    archive_section,
)


def collect_status(
    archive: Archive,
    *,
    now: datetime | None = None,
    config: ScheduleConfig | None = None,
    sections: tuple[SectionBuilder, ...] = SECTIONS,
) -> list[Section]:
    """Return the status sections of the archive's scheduler, jobs, outlets and size."""
    with archive.session() as session:
        src = StatusSource(archive, session, now or datetime.now(UTC), config)
        return [build(src) for build in sections]
