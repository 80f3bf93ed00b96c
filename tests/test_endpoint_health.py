"""Endpoint health over runs: what is flagged as failing, on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

from archive import Archive
from archive.query.health import FAILING_RUNS, check_problem
from crawler.schedule import jobs

FEED = "https://paper.example/feed.xml"


def row(endpoint: str = FEED, **values: object) -> dict:
    """Return an endpoint_health row with ordinary values, overridden by ``values``."""
    base = {
        "outlet": "paper", "endpoint": endpoint, "source": "configured", "kind": "feed",
        "fetched": True, "http_status": 200, "error": None, "listings": 1, "listing_errors": 0,
        "entries": 5, "articles": 1, "oldest_listed": date(2022, 8, 1),
        "newest_listed": date(2022, 8, 9),
    }  # fmt: skip
    return {**base, **values}


def record(archive: Archive, *rows: dict) -> int:
    """Store ``rows`` for a new crawl run; return its id."""
    run_id = archive.start_run("crawl", "s", ["paper"])
    archive.record_endpoint_health(run_id, list(rows))
    archive.finish_run(run_id, status="finished", stats={}, errors=[])
    return run_id


@pytest.mark.parametrize(
    ("kind", "status", "error", "entries", "articles", "problem"),
    [
        ("feed", 200, None, 3, 0, None),
        ("feed", 404, "HTTP 404", 0, 0, "HTTP 404"),
        ("feed", None, "DNSLookupError: no such host", 0, 0, "DNSLookupError: no such host"),
        ("sitemap", 200, None, 0, 0, "listed nothing"),
        ("sitemap", 200, "malformed listing", 0, 0, "malformed listing"),
        ("start_url", 200, None, 0, 1, None),  # a seeded article: nothing listed, one stored
        ("robots", 404, None, 0, 0, None),  # no robots.txt: allow all
        ("robots", 200, None, 0, 0, None),  # no Sitemap: lines
        ("home", 200, None, 0, 0, None),  # no feed links
        ("home", 503, None, 0, 0, "HTTP 503"),
    ],
)
def test_what_counts_as_a_failed_check(
    kind: str, status: int | None, error: str | None, entries: int, articles: int,
    problem: str | None,
) -> None:  # fmt: skip
    assert check_problem(kind, status, error, entries, articles) == problem


def test_an_endpoint_is_flagged_after_three_failed_runs_only(archive_db: Archive) -> None:
    other = "https://paper.example/sitemap.xml"
    record(archive_db, row(), row(other, kind="sitemap"))
    for _ in range(FAILING_RUNS - 1):
        record(archive_db, row(http_status=404, error="HTTP 404", entries=0, articles=0),
               row(other, kind="sitemap", entries=0, articles=0))  # fmt: skip
    assert archive_db.failing_endpoints() == []  # two bad runs after a good one
    last = record(archive_db, row(http_status=404, error="HTTP 404", entries=0, articles=0),
                  row(other, kind="sitemap", entries=4))  # fmt: skip
    (failing,) = archive_db.failing_endpoints()
    assert (failing.outlet, failing.endpoint, failing.kind) == ("paper", FEED, "feed")
    assert failing.problem == f"HTTP 404 (runs {last}, {last - 1}, {last - 2})"
    rows = {r.endpoint: r for r in archive_db.endpoint_health(outlet="paper", runs=5)}
    assert rows[FEED].failing and len(rows[FEED].checks) == 4
    assert [c.run_id for c in rows[FEED].checks] == sorted(
        (c.run_id for c in rows[FEED].checks), reverse=True
    )
    assert not rows[other].failing and rows[other].last.entries == 4
    assert archive_db.endpoint_health(outlet="elsewhere") == []


def test_rows_that_only_counted_articles_are_no_checks(archive_db: Archive) -> None:
    for _ in range(FAILING_RUNS):
        record(archive_db, row(fetched=False, http_status=None, entries=0, articles=2))
    assert archive_db.endpoint_health() == []  # a worker that never fetched the endpoint
    assert archive_db.stats().failing_endpoints == []


def test_coverage_rows_and_stats_carry_the_flags(archive_db: Archive) -> None:
    archive_db.ensure_outlet("paper", "The Paper", ["paper.example"])
    for _ in range(FAILING_RUNS):
        record(archive_db, row(http_status=None, error="forbidden by robots.txt", entries=0,
                               articles=0))  # fmt: skip
    (coverage,) = archive_db.coverage()
    assert coverage.outlet == "paper" and coverage.failing_endpoints == [FEED]
    (flagged,) = archive_db.stats().failing_endpoints
    assert flagged.problem.startswith("forbidden by robots.txt (runs ")


def test_the_scheduler_warns_about_failing_endpoints(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    archive = Archive(sqlite_url)
    for _ in range(FAILING_RUNS):
        record(archive, row(http_status=410, error="HTTP 410", entries=0, articles=0))
    jobs.configure(jobs.JobContext(db_url=sqlite_url))
    with caplog.at_level(logging.WARNING, logger="crawler.schedule.jobs"):
        assert jobs.warn_failing_endpoints("discover:s", None) == 0  # not a registry outlet
        assert jobs.warn_failing_endpoints("discover:s", _outlets_file(sqlite_url)) == 1
    (message,) = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "outlet paper endpoint https://paper.example/feed.xml" in message
    assert f"last {FAILING_RUNS} runs: HTTP 410" in message
    archive.dispose()


def _outlets_file(sqlite_url: str) -> str:
    """Write an outlets file naming the outlet 'paper' next to the database; return its path."""
    path = Path(sqlite_url.removeprefix("sqlite:///")).with_name("outlets.toml")
    path.write_text('[[outlets]]\nkey = "paper"\ndomains = ["paper.example"]\n'
                    f'feeds = ["{FEED}"]\n')  # fmt: skip
    return str(path)
