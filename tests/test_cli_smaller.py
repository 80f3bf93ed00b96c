"""Smaller promises of the CLI and the API: counts that do not double, Ctrl-C, read-only serving.

- rejected candidates are counted once per candidate: per run, and in ``stats`` over runs;
- Ctrl-C ends a crawl, the server and the scheduler with exit status 130, in one line;
- a write attempt on the Datasette server gets 405, with no traceback in its log;
- a naive datetime given to the Python API raises ``NaiveDatetimeError``.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from archive import Archive, models
from archive.schema import NaiveDatetimeError
from tests.factories import make_article

ROOT = Path(__file__).resolve().parents[1]
DEMO_WARC = ROOT / "crawler" / "demo" / "demo.warc.gz"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
#: An outlet of the demo capture whose feed and sitemap list the same off-topic page.
OUTLET_WITH_REPEATS = "foxnews"


def newsarchive(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run ``newsarchive ARGS`` off a terminal and return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", *args], cwd=ROOT, env=ENV, capture_output=True,
        text=True, timeout=timeout, check=False,
    )  # fmt: skip


def start(*args: str) -> subprocess.Popen[str]:
    """Start ``ARGS`` (a Python program) in the background, its output captured."""
    return subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, env=ENV, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def wait_for(condition: Callable[[], bool], timeout_s: float = 60) -> None:
    """Return once ``condition()`` holds; fail after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail("timed out waiting")


def runs(db_url: str) -> list[models.CrawlRun]:
    """Return the archive's crawl runs, oldest first."""
    archive = Archive(db_url)
    try:
        with archive.session() as session:
            return list(session.scalars(select(models.CrawlRun).order_by(models.CrawlRun.id)))
    finally:
        archive.dispose()


def assert_interrupted(process: subprocess.Popen[str]) -> None:
    """The process ended with exit status 130 and says so in one line, no traceback."""
    _out, err = process.communicate(timeout=90)
    assert process.returncode == 130, err[-2000:]
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == "newsarchive: interrupted"


def test_replaying_a_crawl_again_does_not_double_rejections(sqlite_url: str) -> None:
    replay = ["crawl", "--replay", str(DEMO_WARC), "--outlet", OUTLET_WITH_REPEATS]
    first = newsarchive(*replay, "--db", sqlite_url)
    assert first.returncode == 0, first.stderr[-2000:]
    after_one = json.loads(newsarchive("stats", "--db", sqlite_url, "--format", "json").stdout)
    assert newsarchive(*replay, "--db", sqlite_url).returncode == 0
    after_two = json.loads(newsarchive("stats", "--db", sqlite_url, "--format", "json").stdout)
    assert after_one["rejections_by_reason"] and after_two["runs_by_status"] == {"finished": 2}
    assert after_two["rejections_by_reason"] == after_one["rejections_by_reason"]
    archive = Archive(sqlite_url)
    with archive.session() as session:
        for run in session.scalars(select(models.CrawlRun)):
            rows = session.scalar(select(func.count()).where(models.Rejection.run_id == run.id))
            counted = sum(
                value for name, value in run.stats.items()
                if name.startswith("newsarchive/rejected/")
            )  # fmt: skip
            assert counted == rows, f"run {run.id}: counted {counted}, recorded {rows}"
    archive.dispose()


@pytest.mark.slow
def test_ctrl_c_ends_a_crawl_with_130(sqlite_url: str) -> None:
    process = start("-m", "crawler.cli", "demo", "--db", sqlite_url)
    wait_for(
        lambda: Path(sqlite_url.removeprefix("sqlite:///")).exists() and bool(runs(sqlite_url))
    )
    process.send_signal(signal.SIGINT)
    assert_interrupted(process)
    assert [r.status for r in runs(sqlite_url)] != ["finished"]


@pytest.mark.slow
def test_ctrl_c_ends_the_scheduler_with_130(sqlite_url: str, tmp_path: Path) -> None:
    Archive(sqlite_url).dispose()
    config = tmp_path / "schedule.toml"
    config.write_text('[scheduler]\nrecheck_every = "1h"\nlock_lease = "30s"\n')
    hang = f"{sys.executable} -c 'import time; time.sleep(120)'"
    process = start("scheduler.py", "--db", sqlite_url, "--config", str(config), "--command", hang)
    wait_for(lambda: any(r.kind == "scheduled" for r in runs(sqlite_url)))
    process.send_signal(signal.SIGINT)
    assert_interrupted(process)
    assert [(r.kind, r.status) for r in runs(sqlite_url)] == [("scheduled", "killed")]


def _free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status_of(request: urllib.request.Request) -> int:
    """Return the HTTP status the server answers ``request`` with (0: it does not answer yet)."""
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except urllib.error.URLError:
        return 0


@pytest.mark.slow
def test_served_archive_refuses_writes_with_405_and_stops_on_ctrl_c(sqlite_url: str) -> None:
    pytest.importorskip("datasette")
    archive = Archive(sqlite_url)
    archive.store(make_article(1))
    archive.dispose()
    port = _free_port()
    process = start("-m", "crawler.cli", "serve", "--db", sqlite_url, "--port", str(port))
    base = f"http://127.0.0.1:{port}/archive"
    wait_for(lambda: _status_of(urllib.request.Request(f"{base}.json")) == 200)
    for path in ("", "/articles", "/coverage_by_outlet", "/articles/-/insert"):
        post = urllib.request.Request(base + path, data=b"sql=delete+from+articles")
        assert _status_of(post) == 405, path
    assert _status_of(urllib.request.Request(f"{base}/articles.json")) == 200
    process.send_signal(signal.SIGINT)
    assert_interrupted(process)  # also: no traceback in Datasette's log (the same stderr)


def test_naive_datetimes_raise_naive_datetime_error(archive_db: Archive) -> None:
    naive = datetime(2022, 8, 2, 12, 0)
    archive_db.store(make_article(1))
    with pytest.raises(NaiveDatetimeError, match="since"):
        archive_db.search("synthetic", since=naive)
    with pytest.raises(NaiveDatetimeError, match="until"):
        archive_db.search("synthetic", until=naive)
    with pytest.raises(NaiveDatetimeError, match="now"):
        archive_db.store(make_article(2), now=naive)
    with pytest.raises(NaiveDatetimeError):
        list(archive_db.iter_articles(since=naive))
