"""How much crawls and the scheduler log: a summary and a result line, Scrapy's log on request.

Crawls replay one outlet of the bundled demo capture (no network, a few seconds each).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive import Archive

ROOT = Path(__file__).resolve().parents[1]
DEMO_WARC = ROOT / "crawler" / "demo" / "demo.warc.gz"
#: Scrapy's INFO log of even one outlet runs to about a hundred lines (the settings dump...).
SCRAPY_INFO_LINES = 50
RESULT_LINE = "crawl run 1 finished: 1 outlet, "


def crawl(db: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """Replay the demo capture's People pages into ``db``, off a terminal."""
    command = [
        sys.executable, "-m", "crawler.cli", "crawl", "--replay", str(DEMO_WARC),
        "--outlet", "people", "--db", db, *extra,
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300, check=False
    )


def test_default_prints_summary_and_result_line_only(sqlite_url: str) -> None:
    proc = crawl(sqlite_url)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stderr == ""  # no Scrapy log: warnings and errors only, and there were none
    lines = proc.stdout.strip().splitlines()
    assert lines[-1].startswith(RESULT_LINE) and "0 errors" in lines[-1]
    assert any("crawl summary" in line for line in lines)
    assert len(lines) < 15


def test_log_file_gets_scrapys_log_and_quiet_drops_the_summary(
    sqlite_url: str, tmp_path: Path
) -> None:  # noqa: E501
    log = tmp_path / "crawl.log"
    proc = crawl(sqlite_url, "--log-file", str(log), "-q")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stderr == ""
    assert proc.stdout.strip().splitlines() == [
        line for line in proc.stdout.strip().splitlines() if line.startswith(RESULT_LINE)
    ]  # only the result line
    assert f"(log: {log})" in proc.stdout
    text = log.read_text()
    assert len(text.splitlines()) > SCRAPY_INFO_LINES and "Spider closed (finished)" in text


def test_verbose_shows_scrapys_info_log(sqlite_url: str) -> None:
    proc = crawl(sqlite_url, "-v")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert len(proc.stderr.splitlines()) > SCRAPY_INFO_LINES
    assert "Spider closed (finished)" in proc.stderr


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["-q", "-v"], "cannot be used together"),
        (["--log-level", "LOUD"], "--log-level must be one of"),
    ],
)
def test_contradicting_log_options(options: list[str], message: str, sqlite_url: str) -> None:
    proc = crawl(sqlite_url, *options)
    assert proc.returncode == 1 and message in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_scheduler_log_is_what_an_operator_reads(sqlite_url: str, tmp_path: Path) -> None:
    Archive(sqlite_url).dispose()
    config = tmp_path / "schedule.toml"
    config.write_text('[scheduler]\nrecheck_every = "1h"\nlock_lease = "30s"\n')
    quick = f"{sys.executable} -c pass"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "scheduler.py", "--db", sqlite_url, "--config", str(config)]
    process = subprocess.Popen(
        [*args, "--command", quick], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True
    )
    time.sleep(12)  # the stop check runs every second, the lock heartbeat every 10 s
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    lines = process.stderr.read().splitlines()
    assert not [line for line in lines if "stop-check" in line or "_stop_when_asked" in line]
    assert not [line for line in lines if "lock-heartbeat" in line and "Running job" in line]
    assert any("job recheck" in line and "finished" in line for line in lines), lines
    assert len(lines) < 20, "\n".join(lines)
