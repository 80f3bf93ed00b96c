"""The APScheduler side: a BlockingScheduler whose jobs persist in the archive database.

Jobs have fixed ids and are (re)installed with ``replace_existing`` on every start, keeping the
next run time the job store remembers, so a restart neither duplicates jobs nor forgets a run
that fell due while the scheduler was down (``coalesce`` turns several missed runs into one).
Only the process holding the ``scheduler`` lock runs a scheduler; another one stands by.
"""

from __future__ import annotations

import logging
import signal
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import STATE_STOPPED, BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import SQLAlchemyError

from archive import models
from archive.db import make_engine
from crawler.schedule import jobs
from crawler.schedule.config import ScheduleConfig, StorySchedule
from crawler.schedule.lock import Lease, lock_holder, renewing

logger = logging.getLogger(__name__)
JOBS_TABLE = "scheduler_jobs"
LEADER_LOCK = "scheduler"
#: How often a standing-by scheduler tries to take over.
STANDBY_POLL_S = 15.0


@dataclass(frozen=True)
class OnceResult:
    """What ``--once`` did: each job's status, or who held the lock so that nothing ran."""

    results: dict[str, str] = field(default_factory=dict)
    holder: str | None = None  # set when another scheduler held the lock
    signal: int | None = None  # the signal that stopped the run, if any

    @property
    def failed(self) -> list[str]:
        """Return the jobs that ran and did not finish."""
        return [
            job for job, status in self.results.items() if status not in ("finished", "skipped")
        ]


def build_scheduler(
    engine: Engine, config: ScheduleConfig, scheduler_class: type[BaseScheduler] = BlockingScheduler
) -> BaseScheduler:
    """Return a scheduler with the persistent job store and the job defaults."""
    return scheduler_class(
        jobstores={
            "default": SQLAlchemyJobStore(engine=engine, tablename=JOBS_TABLE),
            "memory": MemoryJobStore(),
        },
        executors={"default": {"type": "threadpool", "max_workers": 4}},
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": int(config.misfire_grace.total_seconds()),
        },
        timezone=UTC,
    )


def stored_next_run(engine: Engine, job_id: str) -> datetime | None:
    """Return a job's next run time as stored (read without unpickling the job), or None."""
    try:
        with engine.connect() as conn:
            value = conn.execute(
                text(f"SELECT next_run_time FROM {JOBS_TABLE} WHERE id = :id"), {"id": job_id}
            ).scalar()
    except SQLAlchemyError:
        return None  # no table yet (first start)
    return datetime.fromtimestamp(value, UTC) if value is not None else None


def job_specs(config: ScheduleConfig, now: datetime) -> list[dict[str, Any]]:
    """Return the add_job arguments of every configured job (stopped discoveries left out)."""
    specs = [
        {
            "id": jobs.RECHECK_JOB_ID,
            "func": "crawler.schedule.jobs:recheck",
            "kwargs": {"timeout_s": config.recheck_timeout.total_seconds()},
            "interval": config.recheck_every,
        }
    ]
    for story in config.stories:
        interval = story.interval(now)
        if interval is None:
            continue
        specs.append(
            {
                "id": story.job_id,
                "func": "crawler.schedule.jobs:discover",
                "kwargs": _discover_kwargs(story, config),
                "interval": interval,
            }
        )
    return specs


def _discover_kwargs(story: StorySchedule, config: ScheduleConfig) -> dict[str, Any]:
    """Return the discovery job's arguments (plain values: they are pickled)."""
    return {
        "story": story.story,
        "key": story.key,
        "outlets": story.outlets,
        "timeout_s": config.crawl_timeout.total_seconds(),
    }


def install_jobs(
    scheduler: BaseScheduler, engine: Engine, config: ScheduleConfig, now: datetime
) -> list[str]:
    """Add or replace the configured jobs, keeping stored next run times; return the job ids."""
    ids = []
    for spec in job_specs(config, now):
        interval: timedelta = spec.pop("interval")
        trigger = IntervalTrigger(seconds=interval.total_seconds(), timezone=UTC)
        stored = stored_next_run(engine, spec["id"])
        # First install: run now. Later starts keep the remembered time (past ones run at once).
        next_run = stored if stored is not None and stored <= now + interval else now
        # A run missed while the scheduler was down is made up once (coalesced), however late.
        grace = max(config.misfire_grace, interval).total_seconds()
        scheduler.add_job(
            trigger=trigger, replace_existing=True, next_run_time=next_run, name=spec["id"],
            jobstore="default", misfire_grace_time=int(grace), **spec,
        )  # fmt: skip
        ids.append(spec["id"])
    return ids


def prune_jobs(engine: Engine, keep: list[str]) -> int:
    """Delete stored jobs no longer configured (a story dropped); return how many."""
    try:
        with engine.begin() as conn:
            rows = conn.execute(text(f"SELECT id FROM {JOBS_TABLE}")).scalars().all()
            stale = [job_id for job_id in rows if job_id not in keep]
            for job_id in stale:
                logger.info("removing job %s: no longer configured", job_id)
                conn.execute(text(f"DELETE FROM {JOBS_TABLE} WHERE id = :id"), {"id": job_id})
    except SQLAlchemyError:
        return 0  # no table yet (first start)
    return len(stale)


def due_jobs(engine: Engine, config: ScheduleConfig, now: datetime) -> list[dict[str, Any]]:
    """Return the jobs due now, judged from the database (``--once``)."""
    due = []
    with engine.connect() as conn:
        for spec in job_specs(config, now):
            if spec["id"] == jobs.RECHECK_JOB_ID:
                query = select(func.count()).where(models.Article.next_check_at <= now)
                if conn.execute(query).scalar():
                    due.append(spec)
                continue
            last = conn.execute(
                select(func.max(models.CrawlRun.started_at)).where(
                    models.CrawlRun.story == spec["kwargs"]["key"],
                    models.CrawlRun.kind.in_(("crawl", "scheduled")),
                )
            ).scalar()
            last = last.replace(tzinfo=UTC) if last is not None and last.tzinfo is None else last
            if last is None or last + spec["interval"] <= now:
                due.append(spec)
    return due


def run_once(engine: Engine, config: ScheduleConfig, now: datetime) -> dict[str, str]:
    """Run every due job once, one after another; return job id -> status."""
    results = {}
    stop = jobs.context().stop
    for spec in due_jobs(engine, config, now):
        if stop.is_set():
            break
        func = jobs.recheck if spec["id"] == jobs.RECHECK_JOB_ID else jobs.discover
        results[spec["id"]] = func(**spec["kwargs"])
    if not results and not stop.is_set():
        logger.info("nothing is due")
    return results


def run_once_leading(
    db_url: str, config: ScheduleConfig, context: jobs.JobContext, now: datetime
) -> OnceResult:
    """Run what is due (``--once``) only when no other scheduler holds the scheduler lock.

    The lock is held, and renewed, for as long as the jobs run; SIGTERM/SIGINT stop the
    running job (recorded as killed) and skip the rest.
    """
    engine = make_engine(db_url, write=True)
    jobs.configure(context)
    state: dict[str, Any] = {"scheduler": None}
    _install_signal_handlers(context.stop, state)
    leader = Lease(engine, LEADER_LOCK, owner=context.owner, lease=context.lease)
    try:
        if not leader.acquire():
            holder = lock_holder(engine, LEADER_LOCK)
            logger.warning("another scheduler holds the lock (%s); nothing run", holder or "?")
            return OnceResult(holder=holder or "another scheduler")
        with renewing(leader, context.lease.total_seconds() / 3, on_lost=context.stop.set):
            results = run_once(engine, config, now)
        return OnceResult(results=results, signal=state.get("signal"))
    finally:
        leader.release()
        engine.dispose()


def serve(db_url: str, config: ScheduleConfig, context: jobs.JobContext) -> int | None:
    """Run the scheduler until SIGTERM/SIGINT, acting only while holding the scheduler lock.

    Return the signal that stopped it.
    """
    engine = make_engine(db_url, write=True)
    jobs.configure(context)
    state: dict[str, Any] = {"scheduler": None}
    _install_signal_handlers(context.stop, state)
    leader = Lease(engine, LEADER_LOCK, owner=context.owner, lease=context.lease)
    while not context.stop.is_set():
        if not leader.acquire():
            logger.info("another scheduler holds the lock; standing by")
            context.stop.wait(STANDBY_POLL_S)
            continue
        try:
            _lead(engine, config, context, leader, state)
        finally:
            leader.release()
    engine.dispose()
    return state.get("signal")


def _lead(
    engine: Engine,
    config: ScheduleConfig,
    context: jobs.JobContext,
    leader: Lease,
    state: dict[str, Any],
) -> None:
    """Run the scheduler while this process leads; return when stopped or the lock is lost."""
    scheduler = build_scheduler(engine, config)
    keep = install_jobs(scheduler, engine, config, datetime.now(UTC))
    heartbeat = context.lease.total_seconds() / 3
    scheduler.add_job(
        _renew, "interval", seconds=heartbeat, args=[leader, scheduler], id="lock-heartbeat",
        name="lock-heartbeat", jobstore="memory", replace_existing=True,
    )  # fmt: skip
    scheduler.add_listener(
        lambda event: _after_job(event, scheduler, config), EVENT_JOB_EXECUTED | EVENT_JOB_ERROR
    )
    scheduler.add_job(
        _stop_when_asked, "interval", seconds=1, args=[context.stop, scheduler], id="stop-check",
        name="stop-check", jobstore="memory", replace_existing=True,
    )  # fmt: skip
    prune_jobs(engine, keep)
    state["scheduler"] = scheduler
    logger.info("scheduler acting with jobs: %s", ", ".join(keep))
    if not context.stop.is_set():
        scheduler.start()  # blocks until shut down
    state["scheduler"] = None


def _stop_when_asked(stop: threading.Event, scheduler: BaseScheduler) -> None:
    """Shut the scheduler down once a stop was asked for (covers a signal before start)."""
    if stop.is_set() and scheduler.state != STATE_STOPPED:
        threading.Thread(target=scheduler.shutdown, kwargs={"wait": True}).start()


def _renew(leader: Lease, scheduler: BaseScheduler) -> None:
    """Renew the scheduler lock; stop acting when it was lost."""
    if not leader.renew():
        logger.error("lost the scheduler lock; standing down")
        scheduler.shutdown(wait=False)


def _after_job(event: JobExecutionEvent, scheduler: BaseScheduler, config: ScheduleConfig) -> None:
    """Log a failed job; move a discovery job to its story's current interval."""
    if event.exception is not None:
        logger.error("job %s raised %r", event.job_id, event.exception)
    story = next((s for s in config.stories if s.job_id == event.job_id), None)
    if story is None or scheduler.state == STATE_STOPPED:
        return
    interval = story.interval(datetime.now(UTC))
    try:
        if interval is None:
            scheduler.remove_job(story.job_id)
            logger.info("discovery of %s stopped: the story is old", story.key)
            return
        job = scheduler.get_job(story.job_id)
        if job is not None and job.trigger.interval != interval:
            scheduler.reschedule_job(
                story.job_id, trigger="interval", seconds=interval.total_seconds()
            )
    except Exception:  # noqa: BLE001 - the job store may be briefly unreachable
        logger.exception("could not reschedule %s", story.job_id)


def _install_signal_handlers(stop: threading.Event, state: dict[str, Any]) -> None:
    """On SIGTERM/SIGINT: stop running crawls (recorded as killed) and shut the scheduler down.

    The signal is remembered in ``state["signal"]`` (Ctrl-C makes the command exit 130).
    """

    def handle(signum: int, _frame: object) -> None:
        """Remember the signal, stop the jobs and shut the scheduler down."""
        logger.info("received %s; shutting down", signal.Signals(signum).name)
        state["signal"] = signum
        stop.set()
        scheduler = state.get("scheduler")
        if scheduler is not None and scheduler.state != STATE_STOPPED:
            threading.Thread(target=scheduler.shutdown, kwargs={"wait": True}).start()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)
