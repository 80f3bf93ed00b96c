"""The scheduled jobs: discovery of a story and the re-check of due articles, each a subprocess.

Job functions are referenced by name from the persistent job store, so their arguments are
plain values; the database URL and the command come from the process's :class:`JobContext`
(never stored in the job table). Every run is recorded as a crawl run of kind ``scheduled``
with its child runs' stored / rejected / error counts (and, when it failed, why); a child run
left ``running`` by a killed or crashed subprocess is closed as killed/failed. A job never
raises: database trouble is logged and the scheduler keeps going.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from archive import Archive, models
from archive.db import DatabaseError, mask_password
from archive.query.health import FAILING_RUNS
from archive.runs import RUN_COUNTS
from crawler.config import ConfigError, load_outlets
from crawler.schedule.counts import run_counts
from crawler.schedule.lock import Lease, make_owner
from crawler.schedule.runner import CommandResult, run_command

logger = logging.getLogger(__name__)
RECHECK_JOB_ID = "recheck"


@dataclass
class JobContext:
    """What every job of this scheduler process shares."""

    db_url: str
    command_prefix: tuple[str, ...] = (sys.executable, "-m", "crawler.cli")
    stop: threading.Event = field(default_factory=threading.Event)
    lease: timedelta = timedelta(minutes=2)
    owner: str = field(default_factory=make_owner)
    term_grace_s: float = 20.0


_context: JobContext | None = None


def configure(context: JobContext) -> None:
    """Set the context the job functions of this process use."""
    global _context
    _context = context


def context() -> JobContext:
    """Return the configured context (RuntimeError before :func:`configure`)."""
    if _context is None:
        raise RuntimeError("crawler.schedule.jobs.configure() was not called")
    return _context


@cache
def _archive(db_url: str) -> Archive:
    """Return one Archive per URL for this process (not cached when opening fails)."""
    return Archive(db_url)


def discover(story: str, key: str, outlets: str | None, timeout_s: float) -> str:
    """Run ``newsarchive crawl --story STORY`` as a subprocess; return the run status."""
    command = [*context().command_prefix, "crawl", "--story", story]
    if outlets:
        command += ["--outlets", outlets]
    status = run_job(f"discover:{key}", command, timeout_s, story=key)
    if status not in ("skipped", "db-error"):
        warn_failing_endpoints(f"discover:{key}", outlets)
    return status


def warn_failing_endpoints(job_id: str, outlets: str | None) -> int:
    """Log a warning per endpoint failing its last runs (of the job's outlets); return how many."""
    try:
        keys = [o.key for o in load_outlets(outlets)]
    except ConfigError:
        keys = None
    try:
        failing = _archive(context().db_url).failing_endpoints(outlet=keys)
    except (DatabaseError, SQLAlchemyError) as exc:
        logger.error("job %s: endpoint health unreadable: %s", job_id, mask_password(str(exc)))
        return 0
    for endpoint in failing:
        logger.warning(
            "job %s: outlet %s endpoint %s failed or listed nothing in its last %d runs: %s",
            job_id, endpoint.outlet, endpoint.endpoint, FAILING_RUNS, endpoint.problem,
        )  # fmt: skip
    return len(failing)


def recheck(timeout_s: float) -> str:
    """Run ``newsarchive recrawl`` as a subprocess; return the run status."""
    return run_job(RECHECK_JOB_ID, [*context().command_prefix, "recrawl"], timeout_s)


def run_job(job_id: str, command: list[str], timeout_s: float, story: str | None = None) -> str:
    """Run one job under its lock and record it; return its status, "skipped" or "db-error"."""
    ctx = context()
    try:
        archive = _archive(ctx.db_url)
        lease = Lease(archive.write_engine, f"job:{job_id}", owner=make_owner(), lease=ctx.lease)
        if not lease.acquire():
            logger.info("job %s is already running elsewhere; skipped", job_id)
            return "skipped"
    except (DatabaseError, SQLAlchemyError) as exc:
        logger.error("job %s not run: database unavailable: %s", job_id, mask_password(str(exc)))
        return "db-error"
    try:
        return _run_locked(archive, lease, job_id, command, timeout_s, story)
    except (DatabaseError, SQLAlchemyError) as exc:
        logger.error("job %s: database error: %s", job_id, mask_password(str(exc)))
        return "db-error"
    finally:
        lease.release()


def _run_locked(
    archive: Archive, lease: Lease, job_id: str, command: list[str], timeout_s: float,
    story: str | None,
) -> str:  # fmt: skip
    """Run the command while holding the job lock, recording a scheduled crawl run."""
    ctx = context()
    run_id = archive.start_run("scheduled", story, [])
    started = models.utcnow()
    logger.info("job %s started (run %s): %s", job_id, run_id, " ".join(command))
    env = {**os.environ, "NEWSARCHIVE_DB": ctx.db_url}
    result = run_command(
        command, timeout_s=timeout_s, stop=ctx.stop, on_tick=lease.renew,
        tick_every_s=max(1.0, ctx.lease.total_seconds() / 3), env=env,
        term_grace_s=ctx.term_grace_s,
    )  # fmt: skip
    children = close_child_runs(archive, result, started)
    outcome = child_outcome(archive, children)
    status = "failed" if result.status == "finished" and outcome.failed else result.status
    errors = _errors(result, timeout_s) + ([outcome.reason] if outcome.reason else [])
    stats: dict[str, object] = {
        "job": job_id,
        "command": " ".join(command)[-500:],
        "returncode": result.returncode,
        "duration_s": round(result.duration_s, 3),
        "child_runs": ",".join(str(c) for c in children),
        **outcome.counts,
    }
    if outcome.reason:
        stats["reason"] = outcome.reason
    archive.finish_run(run_id, status=status, stats=stats, errors=errors)
    log = logger.info if status == "finished" else logger.error
    log("%s", job_line(job_id, status, result.duration_s, run_id, outcome))
    return status


@dataclass
class ChildOutcome:
    """What a job's crawl runs did: their summed counts, and why one failed (if one did)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RUN_COUNTS, 0))
    failed: bool = False
    reason: str | None = None


def child_outcome(archive: Archive, run_ids: list[int]) -> ChildOutcome:
    """Return the summed counts of a job's crawl runs and the first failure's reason."""
    outcome = ChildOutcome()
    if not run_ids:
        return outcome
    with archive.session() as session:
        runs = session.scalars(select(models.CrawlRun).where(models.CrawlRun.id.in_(run_ids))).all()
        for run in sorted(runs, key=lambda r: r.id):
            counted = run_counts(run)
            for name in RUN_COUNTS:
                outcome.counts[name] += getattr(counted, name)
            if run.status != "finished" and not outcome.failed:
                outcome.failed = True
                reason = (run.stats or {}).get("reason") or next(iter(run.errors or []), None)
                outcome.reason = f"run {run.id} {run.status}: {reason or 'no reason recorded'}"
    return outcome


def job_line(
    job_id: str, status: str, duration_s: float, run_id: int, outcome: ChildOutcome
) -> str:
    """Return the log line of a finished job: status, time, counts and, if it failed, why."""
    counts = ", ".join(f"{outcome.counts[name]} {name}" for name in RUN_COUNTS)
    line = f"job {job_id} {status} after {duration_s:.1f}s (run {run_id}): {counts}"
    return f"{line}; {outcome.reason}" if outcome.reason else line


def _errors(result: CommandResult, timeout_s: float) -> list[str]:
    """Return the error lines of a run: why it was stopped, and the tail of its output."""
    errors = []
    if result.timed_out:
        errors.append(f"killed after the {timeout_s:.0f}s timeout")
    elif result.stopped:
        errors.append("stopped: the scheduler was shutting down")
    elif result.returncode != 0:
        errors.append(f"exited with status {result.returncode}")
    if errors and result.output_tail.strip():
        errors.append(result.output_tail.strip()[-2000:])
    return errors


def close_child_runs(archive: Archive, result: CommandResult, since: datetime) -> list[int]:
    """Close runs a killed or crashed subprocess left ``running``; return all its run ids."""
    with archive.write_session() as session:
        runs = session.scalars(
            select(models.CrawlRun).where(
                models.CrawlRun.pid == result.pid,
                models.CrawlRun.host == socket.gethostname(),
                models.CrawlRun.started_at >= since,
                models.CrawlRun.kind != "scheduled",
            )
        ).all()
        for run in runs:
            if run.status == "running":
                run.status = "killed" if result.status == "killed" else "failed"
                run.finished_at = models.utcnow()
                run.errors = [*run.errors, f"subprocess ended: {result.status}"]
        return [run.id for run in runs]
