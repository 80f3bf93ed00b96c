"""``newsarchive status``: the lock holder, each job's last and next run, outlets to look at.

The archive is set up the way a scheduler leaves it (run rows, the job store, the lock), on
SQLite and PostgreSQL; ``scheduler.py --once`` must stand aside while another scheduler acts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import select

from archive import Archive, models
from crawler.schedule import loop
from crawler.schedule.config import load_config
from crawler.schedule.lock import Lease
from tests.plugins.prepared import run_cli

ROOT = Path(__file__).resolve().parents[1]
STORY = "kushner-memoir-kardashian"
OWNER = "sched-host:4242:abcd1234"
FOX_FEED = "https://www.foxnews.com/feeds/politics.xml"
#: An endpoint_health row: the feed answered 500.
FAILED_FEED = {
    "outlet": "foxnews", "endpoint": FOX_FEED, "source": "configured", "kind": "feed",
    "fetched": True, "http_status": 500, "error": "HTTP 500", "listings": 0,
    "listing_errors": 0, "entries": 0, "articles": 0,
}  # fmt: skip


def crawl_stats() -> dict[str, object]:
    """Return a three-outlet crawl run's statistics: one healthy, one failed, one silent."""
    per_outlet = {
        "people": {
            "downloader/request_count": 12, "response_received_count": 12,
            "newsarchive/candidates/feed": 5, "newsarchive/stored/new": 2,
            "newsarchive/rejected/off-topic": 3,
        },
        "foxnews": {
            "downloader/request_count": 4, "response_received_count": 0,
            "newsarchive/rejected/fetch-error": 4,
        },
        "nymag": {"downloader/request_count": 3, "response_received_count": 3},
    }  # fmt: skip
    stats: dict[str, object] = {}
    for outlet, values in per_outlet.items():
        for name, value in values.items():
            stats[f"{outlet}:{name}"] = value
            stats[name] = int(stats.get(name, 0)) + value  # type: ignore[call-overload]
    return stats


@pytest.fixture
def scheduled_archive(db_url: str, tmp_path: Path) -> Iterator[tuple[Archive, Lease]]:
    """Yield an archive with two job runs, stored jobs and the scheduler lock held."""
    archive = Archive(db_url)
    for _ in range(2):  # two earlier crawls in which the Fox News feed failed too
        earlier = archive.start_run("crawl", STORY, ["foxnews"])
        archive.record_endpoint_health(earlier, [FAILED_FEED])
        archive.finish_run(earlier, status="finished", stats={}, errors=[])
    job = archive.start_run("scheduled", STORY, [])
    child = archive.start_run("crawl", STORY, ["people", "foxnews", "nymag"])
    archive.record_endpoint_health(child, [FAILED_FEED])
    archive.finish_run(
        child, status="finished", stats=crawl_stats(), errors=["foxnews: feed unreachable"]
    )
    job_stats = {"job": f"discover:{STORY}", "duration_s": 12.5, "child_runs": str(child)}
    archive.finish_run(job, status="finished", stats=job_stats, errors=[])
    recheck = archive.start_run("scheduled", None, [])
    recheck_stats = {"job": "recheck", "duration_s": 0.4, "returncode": 1, "child_runs": ""}
    archive.finish_run(recheck, status="failed", stats=recheck_stats, errors=["exited 1"])
    config = tmp_path / "schedule.toml"
    config.write_text(f'[[stories]]\nstory = "{STORY}"\ndiscovery_then = "1d"\n')
    scheduler = loop.build_scheduler(archive.write_engine, load_config(config), BackgroundScheduler)
    later = datetime.now(UTC) + timedelta(hours=1)  # first runs due in an hour: none runs here
    loop.install_jobs(scheduler, archive.write_engine, load_config(config), later)
    scheduler.start(paused=True)  # persists the jobs with their next run times
    scheduler.shutdown(wait=False)
    lease = Lease(archive.write_engine, loop.LEADER_LOCK, owner=OWNER)
    assert lease.acquire()
    yield archive, lease
    lease.release()
    archive.dispose()


def test_status_json_names_holder_jobs_outlets_and_size(scheduled_archive, capsys) -> None:  # noqa: ANN001
    archive, _lease = scheduled_archive
    result = run_cli(["status", "--db", archive.url, "--format", "json"], capsys)
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["scheduler"]["state"] == "running" and doc["scheduler"]["owner"] == OWNER
    assert doc["scheduler"]["host"] == "sched-host" and doc["scheduler"]["pid"] == 4242
    assert doc["scheduler"]["since"] is not None
    jobs = {row["job"]: row for row in doc["jobs"]}
    discover = jobs[f"discover:{STORY}"]
    assert discover["result"] == "finished" and discover["duration_s"] == 12.5
    assert (discover["stored"], discover["rejected"], discover["errors"]) == (2, 3, 4)
    assert discover["next_run"] is not None and discover["last_started"] is not None
    assert jobs["recheck"]["result"] == "failed" and jobs["recheck"]["errors"] >= 1
    assert jobs["recheck"]["next_run"] is not None
    outlets = {row["outlet"]: row for row in doc["outlets"]}
    assert set(outlets) == {"foxnews", "nymag"}  # people answered
    assert (
        outlets["foxnews"]["problem"] == "failed" and "unreachable" in outlets["foxnews"]["detail"]
    )
    assert outlets["nymag"]["problem"] == "silent"
    [endpoint] = doc["endpoints"]  # failed in each of its last three runs
    assert endpoint["endpoint"] == FOX_FEED and "HTTP 500" in endpoint["problem"]
    assert doc["archive"]["size_bytes"] > 0 and doc["archive"]["runs"] == {
        "finished": 4,
        "failed": 1,
    }


def test_status_table_piped_and_schedule_status_alike(scheduled_archive, capsys) -> None:  # noqa: ANN001
    archive, lease = scheduled_archive
    text = run_cli(["status", "--db", archive.url], capsys).out
    lines = text.splitlines()
    for heading in ("# scheduler", "# jobs", "# outlets to look at", "# archive"):
        assert heading in lines
    for heading in ("# endpoints failing their last 3 runs",):
        assert heading in lines
    assert lines[lines.index("# jobs") + 1].startswith("job\tstate\tnext_run\tlast_started")
    assert f"owner\t{OWNER}" in lines
    assert run_cli(["schedule", "status", "--db", archive.url], capsys).out == text
    lease.release()
    after = json.loads(run_cli(["status", "--db", archive.url, "--format", "json"], capsys).out)
    assert after["scheduler"]["state"] == "not running"


def test_once_stands_aside_while_another_scheduler_holds_the_lock(
    sqlite_url: str, tmp_path: Path
) -> None:  # noqa: E501
    archive = Archive(sqlite_url)
    holder = Lease(archive.write_engine, loop.LEADER_LOCK, owner=OWNER)
    assert holder.acquire()
    config = tmp_path / "schedule.toml"
    config.write_text(f'[[stories]]\nstory = "{STORY}"\ndiscovery_then = "1d"\n')
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable, "scheduler.py", "--once", "--db", sqlite_url, "--config", str(config),
        "--command", f"{sys.executable} -c pass",
    ]  # fmt: skip
    try:
        proc = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
    finally:
        holder.release()
    assert proc.returncode == 0, proc.stderr
    assert "another scheduler holds the lock" in proc.stderr and OWNER in proc.stderr
    with archive.session() as session:
        assert session.scalars(select(models.CrawlRun)).all() == []  # nothing ran
    again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    with archive.session() as session:
        runs = session.scalars(select(models.CrawlRun)).all()
    assert [(r.kind, r.status) for r in runs] == [("scheduled", "finished")]
    archive.dispose()
