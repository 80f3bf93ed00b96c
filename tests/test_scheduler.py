"""The scheduler: locks, subprocess runs with timeouts, persistence across restarts, bad input.

Crawl commands are replaced by tiny Python programs (``JobContext.command_prefix``), so these
tests exercise the scheduling machinery, not Scrapy.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import func, select, text

from archive import Archive, models
from crawler.config import ConfigError
from crawler.schedule import jobs, loop
from crawler.schedule.config import ScheduleConfig, load_config
from crawler.schedule.lock import Lease

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
#: A "crawl" that records a run of its own (as newsarchive crawl does), then hangs.
HANG_WITH_RUN = (
    "import os,time; from archive import Archive; "
    "Archive(os.environ['NEWSARCHIVE_DB']).start_run('crawl', None, []); time.sleep(120)"
)


@pytest.fixture
def context(sqlite_url: str) -> jobs.JobContext:
    """Configure the job context on a fresh SQLite archive; fast commands, short grace."""
    Archive(sqlite_url).dispose()
    ctx = jobs.JobContext(db_url=sqlite_url, command_prefix=(PY, "-c"), term_grace_s=2.0)
    jobs.configure(ctx)
    return ctx


def scheduled_runs(db_url: str) -> list[models.CrawlRun]:
    """Return the crawl runs, oldest first."""
    archive = Archive(db_url)
    with archive.session() as session:
        return list(session.scalars(select(models.CrawlRun).order_by(models.CrawlRun.id)))


def test_lease_one_holder_at_a_time(db_url: str) -> None:
    engine = Archive(db_url).write_engine
    first, second = Lease(engine, "job:x"), Lease(engine, "job:x")
    assert first.acquire() and not second.acquire()
    assert first.renew() and not second.renew()
    assert Lease(engine, "job:other").acquire()  # locks are per name
    first.release()
    assert second.acquire()
    second.release()


def test_sqlite_lease_expires_when_holder_dies(sqlite_url: str) -> None:
    engine = Archive(sqlite_url).write_engine
    t0 = datetime(2022, 8, 2, tzinfo=UTC)
    dead = Lease(engine, "scheduler", lease=timedelta(minutes=2), clock=lambda: t0)
    assert dead.acquire()  # and never renews again
    early = Lease(engine, "scheduler", clock=lambda: t0 + timedelta(seconds=119))
    late = Lease(engine, "scheduler", clock=lambda: t0 + timedelta(seconds=121))
    assert not early.acquire()
    assert late.acquire()


def test_postgres_lock_goes_with_its_connection(pg_url: str) -> None:
    engine = Archive(pg_url).write_engine
    holder, waiter = Lease(engine, "scheduler"), Lease(engine, "scheduler")
    assert holder.acquire() and not waiter.acquire()
    holder._drop_connection()  # the process died: its session, and the lock, are gone
    assert waiter.acquire()
    waiter.release()


def test_same_job_never_runs_twice_at_once(context: jobs.JobContext) -> None:
    results: list[str] = []
    work = [
        lambda: results.append(
            jobs.run_job("recheck", [PY, "-c", "import time; time.sleep(3)"], 30)
        )
    ]
    threads = [threading.Thread(target=work[0]) for _ in range(2)]
    for thread in threads:
        thread.start()
        time.sleep(0.5)
    for thread in threads:
        thread.join()
    assert sorted(results) == ["finished", "skipped"]
    assert [r.status for r in scheduled_runs(context.db_url)] == ["finished"]


def test_hung_crawl_killed_recorded_and_next_run_happens(context: jobs.JobContext) -> None:
    assert jobs.run_job("recheck", [PY, "-c", HANG_WITH_RUN], timeout_s=12) == "killed"
    assert jobs.run_job("recheck", [PY, "-c", "print('ok')"], timeout_s=30) == "finished"
    runs = scheduled_runs(context.db_url)
    by_kind = [(r.kind, r.status) for r in runs]
    assert by_kind == [("scheduled", "killed"), ("crawl", "killed"), ("scheduled", "finished")]
    assert "timeout" in runs[0].errors[0] and runs[0].stats["child_runs"] == str(runs[1].id)


def test_crashing_crawl_recorded_as_failed(context: jobs.JobContext) -> None:
    crash = "import sys; print('boom: broken outlet config'); sys.exit(3)"
    assert jobs.run_job("discover:x", [PY, "-c", crash], timeout_s=30, story=None) == "failed"
    run = scheduled_runs(context.db_url)[-1]
    assert run.status == "failed" and run.stats["returncode"] == 3
    assert "exited with status 3" in run.errors[0] and "boom" in run.errors[1]


def test_database_unreachable_is_logged_not_raised(
    context: jobs.JobContext, caplog: pytest.LogCaptureFixture
) -> None:
    good = context.db_url
    context.db_url = "postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2"
    with caplog.at_level(logging.ERROR):
        assert jobs.run_job("recheck", [PY, "-c", "pass"], 30) == "db-error"
    assert "database unavailable" in caplog.text
    context.db_url = good  # back again: the next run works
    assert jobs.run_job("recheck", [PY, "-c", "pass"], 30) == "finished"


def _config(tmp_path: Path) -> ScheduleConfig:
    """Return a config with only the hourly re-check job."""
    path = tmp_path / "schedule.toml"
    path.write_text('[scheduler]\nrecheck_every = "1h"\nrecheck_timeout = "30s"\n')
    return load_config(path)


def _stored_rows(engine) -> list[tuple[str, float]]:  # noqa: ANN001
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT id, next_run_time FROM scheduler_jobs")))


def _wait_for(predicate, timeout_s: float = 30.0) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_restart_keeps_jobs_once_and_coalesces_missed_runs(
    context: jobs.JobContext, tmp_path: Path
) -> None:
    context.command_prefix = (PY, "-c", "pass")  # "recrawl" becomes a quick no-op
    engine = Archive(context.db_url).write_engine
    config = _config(tmp_path)
    first = loop.build_scheduler(engine, config, BackgroundScheduler)
    now = datetime.now(UTC)
    loop.install_jobs(first, engine, config, now)
    first.start(paused=True)  # persisted, never run
    first.shutdown()
    assert [row[0] for row in _stored_rows(engine)] == ["recheck"]
    # Down for five hours: five hourly runs missed.
    with engine.begin() as conn:
        missed = (now - timedelta(hours=5)).timestamp()
        conn.execute(text("UPDATE scheduler_jobs SET next_run_time = :t"), {"t": missed})
    second = loop.build_scheduler(engine, config, BackgroundScheduler)
    loop.install_jobs(second, engine, config, datetime.now(UTC))
    second.start()
    try:
        assert _wait_for(lambda: len(scheduled_runs(context.db_url)) >= 1)
        time.sleep(2)
    finally:
        second.shutdown()
    assert len(scheduled_runs(context.db_url)) == 1  # one coalesced run, not five
    rows = _stored_rows(engine)
    assert len(rows) == 1
    assert (
        datetime.now(UTC).timestamp()
        < rows[0][1]
        <= (now + timedelta(hours=1, minutes=1)).timestamp()
    )


def test_corrupt_and_stale_jobs_in_store(context: jobs.JobContext, tmp_path: Path) -> None:
    context.command_prefix = (PY, "-c", "pass")
    engine = Archive(context.db_url).write_engine
    config = _config(tmp_path)
    warmup = loop.build_scheduler(engine, config, BackgroundScheduler)
    warmup.start(paused=True)  # creates the job table
    warmup.shutdown()
    with engine.begin() as conn:
        for job_id in ("recheck", "discover:dropped-story"):
            conn.execute(
                text(
                    "INSERT INTO scheduler_jobs (id, next_run_time, job_state) VALUES (:i, 1, :s)"
                ),
                {"i": job_id, "s": b"not a pickle"},
            )
    scheduler = loop.build_scheduler(engine, config, BackgroundScheduler)
    keep = loop.install_jobs(scheduler, engine, config, datetime.now(UTC))
    assert loop.prune_jobs(engine, keep) == 1
    scheduler.start()
    try:
        assert _wait_for(lambda: len(scheduled_runs(context.db_url)) == 1)
        assert [job.id for job in scheduler.get_jobs(jobstore="default")] == ["recheck"]
    finally:
        scheduler.shutdown()


def test_once_runs_only_what_is_due(context: jobs.JobContext, tmp_path: Path) -> None:
    context.command_prefix = (PY, "-c", "pass")
    path = tmp_path / "schedule.toml"
    path.write_text('[[stories]]\nstory = "kushner-memoir-kardashian"\ndiscovery_then = "1d"\n')
    config = load_config(path)
    engine = Archive(context.db_url).write_engine
    now = datetime.now(UTC)
    assert loop.run_once(engine, config, now) == {"discover:kushner-memoir-kardashian": "finished"}
    assert loop.run_once(engine, config, now + timedelta(hours=1)) == {}  # not due again yet
    assert list(loop.run_once(engine, config, now + timedelta(days=1, minutes=1))) == [
        "discover:kushner-memoir-kardashian"
    ]


def test_config_errors_name_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[scheduler]\nrecheck_every = "often"\n')
    with pytest.raises(ConfigError, match=r"bad\.toml.*recheck_every.*duration"):
        load_config(path)
    path.write_text('[[stories]]\nstory = "kushner-memoir-kardashian"\ndiscovery = "1h"\n')
    with pytest.raises(ConfigError, match="discovery"):
        load_config(path)


@pytest.mark.slow
def test_second_scheduler_stands_by_and_sigterm_is_clean(sqlite_url: str, tmp_path: Path) -> None:
    Archive(sqlite_url).dispose()
    config = tmp_path / "schedule.toml"
    config.write_text('[scheduler]\nrecheck_every = "1h"\nlock_lease = "30s"\n')
    hang = f"{PY} -c 'import time; time.sleep(120)'"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [PY, "scheduler.py", "--db", sqlite_url, "--config", str(config), "--command", hang]
    first = subprocess.Popen(args, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    assert _wait_for(lambda: any(r.kind == "scheduled" for r in scheduled_runs(sqlite_url)), 60)
    second = subprocess.Popen(args, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    time.sleep(8)
    first.send_signal(signal.SIGTERM)
    assert first.wait(timeout=60) == 0
    second.send_signal(signal.SIGTERM)
    assert second.wait(timeout=60) == 0
    assert "standing by" in second.stderr.read()
    runs = scheduled_runs(sqlite_url)
    assert [(r.kind, r.status) for r in runs] == [("scheduled", "killed")]
    assert "shutting down" in runs[0].errors[0]
    with Archive(sqlite_url).engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(text("scheduler_jobs"))).scalar() == 1
