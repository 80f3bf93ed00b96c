"""A crawl that fails says so: exit status, the run row, ``newsarchive stats`` and the scheduler.

Through the public CLI (``python -m crawler.cli``, a subprocess: one reactor per crawl). An
outlet "refuses connections" when its endpoints are on a closed port of 127.0.0.9; the outlet
that works is the synthetic Test Paper of ``tests/fixtures/crawl`` on 127.0.0.1.
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from archive import Archive, models
from crawler.overrides import SettingValueError, check_override
from crawler.schedule import jobs
from tests.fixtures.crawl import site
from tests.mockserver import MockServer

ROOT = Path(__file__).resolve().parent.parent
CRAWL_TIMEOUT_S = 120
FAST = ("-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0")
#: The Test Paper's endpoints that fail: a malformed feed, and a feed and a home page (read for
#: its feed links) answering 404.
TESTPAPER_ERRORS = {"malformed-listing": 1, "fetch-error": 2}
#: The dead outlet's endpoints: a feed, a sitemap, a search page and the home page.
DEAD_ENDPOINTS = 4
SUMMARY = re.compile(
    r"crawl run (\d+) finished: 2 outlets, \d+ pages, (\d+) stored, (\d+) rejected, (\d+) errors"
)


def closed_port(host: str = "127.0.0.9") -> int:
    """Return a port nothing listens on at ``host`` (a connection there is refused)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def dead_outlet(key: str = "deadpaper") -> str:
    """Return an outlets-file entry whose endpoints (and home page) all refuse connections."""
    base = f"http://127.0.0.9:{closed_port()}"
    return f"""
[[outlets]]
key = "{key}"
name = "The Dead Paper"
domains = ["{base.split("//", 1)[1]}"]
feeds = ["{base}/feed.xml"]
sitemaps = ["{base}/sitemap.xml"]
search = ["{base}/search?q={{query}}"]
"""


def newsarchive(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``newsarchive ARGS`` in a subprocess and return it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=CRAWL_TIMEOUT_S, check=False,
    )  # fmt: skip


def crawl(tmp: Path, outlets: str, db_url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run ``newsarchive crawl`` of the test story over ``outlets`` (a TOML text)."""
    (tmp / "story.toml").write_text(site.STORY_TOML)
    (tmp / "outlets.toml").write_text(outlets)
    return newsarchive(
        "crawl", "--story", str(tmp / "story.toml"), "--outlets", str(tmp / "outlets.toml"),
        "--db", db_url, *FAST, *extra,
    )  # fmt: skip


def last_run(db_url: str) -> models.CrawlRun:
    """Return the newest crawl run."""
    archive = Archive(db_url)
    with archive.session() as session:
        run = session.scalars(select(models.CrawlRun).order_by(models.CrawlRun.id.desc())).first()
    archive.dispose()
    return run


def job_run(db_url: str) -> models.CrawlRun:
    """Return the newest scheduled (job) run."""
    archive = Archive(db_url)
    with archive.session() as session:
        run = session.scalars(
            select(models.CrawlRun)
            .where(models.CrawlRun.kind == "scheduled")
            .order_by(models.CrawlRun.id.desc())
        ).first()
    archive.dispose()
    return run


def one_line_error(result: subprocess.CompletedProcess[str], *, crawled: bool = False) -> str:
    """Return the error line a failed command ends with (exit 1).

    A crawl that ran also wrote Scrapy's log to stderr (with tracebacks of refused
    connections): the error is then its last line; a crawl refused before it started wrote
    nothing else.
    """
    assert result.returncode == 1, result.stderr[-2000:]
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    if not crawled:
        assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert lines[-1].startswith("newsarchive: error: "), result.stderr[-2000:]
    assert sum(line.startswith("newsarchive:") for line in lines) == 1
    return lines[-1]


@pytest.fixture
def testpaper() -> Iterator[MockServer]:
    """Serve the Test Paper on 127.0.0.1 for one test."""
    server = site.serve()
    yield server
    server.close()


# -- runs that could not work at all --------------------------------------------------------------


def test_an_outlet_whose_endpoints_all_refuse_connections_fails_the_run(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'a.db'}"
    message = one_line_error(crawl(tmp_path, dead_outlet(), db_url), crawled=True)
    assert re.search(r"crawl run \d+ failed: no outlet could be crawled: deadpaper: all 4 "
                     r"discovery endpoints failed \(fetch-error 4\)", message), message  # fmt: skip
    run = last_run(db_url)
    assert run.status == "failed" and "all 4 discovery endpoints failed" in run.stats["reason"]
    assert run.stats["errors"] == DEAD_ENDPOINTS and run.stats["deadpaper:errors"] == DEAD_ENDPOINTS
    assert run.stats["newsarchive/errors/fetch-error"] == DEAD_ENDPOINTS
    assert run.stats["deadpaper:newsarchive/errors/fetch-error"] == DEAD_ENDPOINTS
    listed = sorted(e.split(": ", 1)[0] for e in run.errors if ": fetch-error: " in e)
    assert [url.rsplit("/", 1)[-1].split("?")[0] for url in listed] == [
        "", "feed.xml", "search", "sitemap.xml"
    ]  # fmt: skip
    stats = newsarchive("stats", "--format", "json", "--db", db_url)
    assert stats.returncode == 0, stats.stderr
    last = json.loads(stats.stdout)["last_run"]
    assert (last["status"], last["errors"], last["errors_by_reason"]) == (
        "failed", DEAD_ENDPOINTS, {"fetch-error": DEAD_ENDPOINTS}
    )  # fmt: skip
    assert "refused" in " ".join(e for _, e in json.loads(stats.stdout)["recent_errors"]).lower()


def test_a_replay_file_that_is_not_a_warc_fails_the_run(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'r.db'}"
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>A saved page, not a capture.</p></body></html>")
    outlets = site.outlets_toml("http://127.0.0.1:9")
    message = one_line_error(crawl(tmp_path, outlets, db_url, "--replay", str(page)))
    assert f"failed: {page} is not a WARC file" in message
    run = last_run(db_url)
    assert run.status == "failed" and run.errors == [run.stats["reason"]]
    assert "not a WARC file" in run.stats["reason"]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("DOWNLOAD_DELAY=abc", "setting DOWNLOAD_DELAY: expected a number, got 'abc'"),
        ("CONCURRENT_REQUESTS=2.5", "setting CONCURRENT_REQUESTS: expected an integer"),
        ("ROBOTSTXT_OBEY=maybe", "setting ROBOTSTXT_OBEY: expected a boolean"),
    ],
)
def test_an_invalid_setting_value_fails_the_run_naming_it_and_its_type(
    tmp_path: Path, setting: str, expected: str
) -> None:
    db_url = f"sqlite:///{tmp_path / 's.db'}"
    outlets = site.outlets_toml("http://127.0.0.1:9")
    message = one_line_error(crawl(tmp_path, outlets, db_url, "-s", setting))
    assert expected in message
    run = last_run(db_url)
    assert run.status == "failed" and expected in run.stats["reason"]
    assert run.stats.get("downloader/request_count") is None  # refused before any request


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DOWNLOAD_DELAY", "0.5"), ("DOWNLOAD_TIMEOUT", "2.5"), ("CONCURRENT_REQUESTS", "4"),
        ("TELNETCONSOLE_ENABLED", "True"), ("HTTPCACHE_ENABLED", "1"), ("LOG_LEVEL", "INFO"),
        ("DOWNLOADER_MIDDLEWARES", '{"crawler.middlewares.safety.SafetyMiddleware": 40}'),
        ("NEWSARCHIVE_RETRY_AFTER_STATUSES", "429,503"), ("NEWSARCHIVE_WORKERS", "3"),
    ],
)  # fmt: skip
def test_valid_setting_values_pass_the_check(name: str, value: str) -> None:
    check_override(name, value)


def test_a_list_of_numbers_setting_refuses_a_word() -> None:
    with pytest.raises(SettingValueError, match="NEWSARCHIVE_RETRY_AFTER_STATUSES.*integers"):
        check_override("NEWSARCHIVE_RETRY_AFTER_STATUSES", "429,soon")


# -- runs where some pages failed ---------------------------------------------------------------


def test_a_partly_failing_crawl_exits_0_and_says_how_many_errors(
    tmp_path: Path, testpaper: MockServer
) -> None:
    db_url = f"sqlite:///{tmp_path / 'p.db'}"
    result = crawl(tmp_path, site.outlets_toml(testpaper.base) + dead_outlet(), db_url)
    assert result.returncode == 0, result.stderr[-3000:]
    found = SUMMARY.search(result.stdout)
    assert found, result.stdout[-2000:]
    run = last_run(db_url)
    assert run.status == "finished" and int(found[1]) == run.id
    stored, rejected, errors = (int(n) for n in found.groups()[1:])
    assert (stored, errors) == (6, sum(TESTPAPER_ERRORS.values()) + DEAD_ENDPOINTS)
    assert (run.stats["stored"], run.stats["rejected"], run.stats["errors"]) == (
        stored, rejected, errors
    )  # fmt: skip
    assert run.stats["testpaper:errors"] == sum(TESTPAPER_ERRORS.values())
    assert run.stats["deadpaper:errors"] == DEAD_ENDPOINTS
    for reason, count in TESTPAPER_ERRORS.items():
        assert run.stats[f"testpaper:newsarchive/errors/{reason}"] == count
    assert run.errors[0] == "deadpaper: all 4 discovery endpoints failed (fetch-error 4)"
    assert any(e.startswith(f"{testpaper.base}/missing-feed.xml: fetch-error: HTTP 404")
               for e in run.errors)  # fmt: skip


def test_a_crawl_run_by_scrapy_crawl_is_recorded_failed_too(tmp_path: Path) -> None:
    (tmp_path / "story.toml").write_text(site.STORY_TOML)
    (tmp_path / "outlets.toml").write_text(dead_outlet())
    db_url = f"sqlite:///{tmp_path / 'sc.db'}"
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "deadpaper",
         "-a", f"story={tmp_path / 'story.toml'}",
         "-s", f"NEWSARCHIVE_OUTLETS={tmp_path / 'outlets.toml'}",
         "-s", f"NEWSARCHIVE_DB={db_url}", *FAST],
        cwd=ROOT, capture_output=True, text=True, timeout=CRAWL_TIMEOUT_S, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]  # Scrapy's exit status: the run says more
    run = last_run(db_url)
    assert run.status == "failed" and run.stats["errors"] == DEAD_ENDPOINTS
    assert "all 4 discovery endpoints failed" in run.errors[0]


# -- the scheduler's job line ---------------------------------------------------------------------

#: The crawl command the scheduler runs, with politeness delays off for the local site.
FAST_CRAWL = (
    "import sys; from crawler.cli import main; "
    "sys.argv += ['-s', 'AUTOTHROTTLE_ENABLED=0', '-s', 'DOWNLOAD_DELAY=0']; main()"
)


@pytest.fixture
def scheduler_context(sqlite_url: str) -> jobs.JobContext:
    """Configure the scheduler's jobs on a fresh archive, running the real crawl command."""
    Archive(sqlite_url).dispose()
    context = jobs.JobContext(db_url=sqlite_url, command_prefix=(sys.executable, "-c", FAST_CRAWL))
    jobs.configure(context)
    return context


def _discover(tmp: Path, outlets: str, caplog: pytest.LogCaptureFixture) -> tuple[str, str]:
    """Run the discovery job of the test story; return its status and its log line."""
    (tmp / "story.toml").write_text(site.STORY_TOML)
    (tmp / "outlets.toml").write_text(outlets)
    with caplog.at_level(logging.INFO, logger="crawler.schedule.jobs"):
        status = jobs.discover(str(tmp / "story.toml"), "test-story", str(tmp / "outlets.toml"),
                               timeout_s=CRAWL_TIMEOUT_S)  # fmt: skip
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("job discover")]
    return status, lines[-1]


def test_the_job_line_reports_stored_rejected_and_errors(
    scheduler_context: jobs.JobContext, tmp_path: Path, testpaper: MockServer,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    status, line = _discover(tmp_path, site.outlets_toml(testpaper.base) + dead_outlet(), caplog)
    assert status == "finished"
    found = re.fullmatch(
        r"job discover:test-story finished after [\d.]+s \(run (\d+)\): "
        r"6 stored, (\d+) rejected, 7 errors", line,
    )  # fmt: skip
    assert found, line
    job = job_run(scheduler_context.db_url)
    assert (job.kind, job.status, job.stats["stored"], job.stats["errors"]) == (
        "scheduled", "finished", 6, sum(TESTPAPER_ERRORS.values()) + DEAD_ENDPOINTS
    )  # fmt: skip
    assert job.stats["rejected"] == int(found[2]) > 0


def test_a_failed_crawl_is_a_failed_job(
    scheduler_context: jobs.JobContext, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    status, line = _discover(tmp_path, dead_outlet(), caplog)
    assert status == "failed"
    assert re.fullmatch(
        r"job discover:test-story failed after [\d.]+s \(run \d+\): 0 stored, 0 rejected, "
        r"4 errors; run \d+ failed: no outlet could be crawled: deadpaper: all 4 discovery "
        r"endpoints failed \(fetch-error 4\)", line,
    ), line  # fmt: skip
    job = job_run(scheduler_context.db_url)
    assert (job.status, job.stats["errors"]) == ("failed", DEAD_ENDPOINTS)
    assert "no outlet could be crawled" in job.stats["reason"]
