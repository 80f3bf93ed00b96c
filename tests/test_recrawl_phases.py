"""Re-crawl end to end: a local server goes through phases, ``newsarchive recrawl`` runs with an
injected clock (``--now``) in a subprocess, and the archive's versions, statuses, events, ladder
and the server's conditional requests are checked (SQLite and PostgreSQL).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from archive import Archive, models
from archive.diff import diff_versions
from archive.recheck import article_events
from archive.schema import Article
from crawler.extract import extract_article
from tests.mockserver import MockServer, Response
from tests.plugins.phases import article_html, phase_server

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2022, 8, 2, 22, 0, tzinfo=UTC)
PATH = "/news/2022/08/02/memoir-clemency-call"
ORIGINAL = [
    "The memoir describes a phone call about a clemency request late in the evening.",
    "Aides recalled that the adviser listened and promised to look at the file.",
    "The publisher released the chapter on Tuesday morning.",
]
EDITED = [
    ORIGINAL[0],
    "Aides recalled that the adviser listened closely and promised to review the file.",
    ORIGINAL[2],
    "This article was updated with a statement from the publisher.",
]
POLITE_OFF = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=WARNING"]


@pytest.fixture
def server() -> Iterator[MockServer]:
    """Yield the phase server (closed afterwards)."""
    srv = phase_server()
    yield srv
    srv.close()


def recrawl(db_url: str, now: datetime, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run ``newsarchive recrawl --now NOW`` in a subprocess and return it (checked)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = ["recrawl", "--db", db_url, "--now", now.isoformat(), *POLITE_OFF, *extra]
    done = subprocess.run(
        [sys.executable, "-m", "crawler.cli", *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def archive_page(archive: Archive, url: str, html: str, etag: str, now: datetime) -> int:
    """Store a page as the discovery crawl would and return the article id."""
    article = Article.from_dict(extract_article(html, url))
    article.url, article.outlet, article.etag, article.http_status = url, "example", etag, 200
    return archive.store(article, now=now).article_id


def article_row(archive: Archive, article_id: int) -> models.Article:
    """Return the article row, freshly read."""
    with archive.session() as session:
        return session.scalars(select(models.Article).where(models.Article.id == article_id)).one()


def last_run(archive: Archive) -> models.CrawlRun:
    """Return the newest crawl run."""
    with archive.session() as session:
        return session.scalars(select(models.CrawlRun).order_by(models.CrawlRun.id.desc())).first()


@pytest.mark.slow
def test_phases_original_edited_unchanged_gone_returned(
    server: MockServer, archive_db: Archive
) -> None:
    url = server.url(PATH)
    original = article_html("Memoir recounts clemency call", ORIGINAL)
    server.site().pages[PATH] = Response.html(original, etag='"v1"')
    article_id = archive_page(archive_db, url, original, '"v1"', T0)
    assert article_row(archive_db, article_id).next_check_at == T0 + timedelta(minutes=15)

    # Phase 2: headline and a paragraph edited, a paragraph appended -> version 2.
    t1 = T0 + timedelta(minutes=20)
    edited = article_html("Memoir recounts late-night clemency call", EDITED, script="var t=1;")
    server.site().pages[PATH] = Response.html(edited, etag='"v2"')
    recrawl(archive_db.url, t1)
    assert server.log.for_path(PATH)[-1].headers.get("If-None-Match") == '"v1"'
    row = article_row(archive_db, article_id)
    assert (row.version_count, row.title, row.etag) == (
        2, "Memoir recounts late-night clemency call", '"v2"'
    )  # fmt: skip
    assert row.last_changed_at == t1
    assert (row.next_check_at - t1).total_seconds() == 15 * 60
    versions = archive_db.versions(article_id)
    text = diff_versions(versions[0], versions[1])
    assert text.splitlines()[2].startswith("headline: Memoir recounts {+late-night+} clemency call")
    assert "{+closely+}" in text and "{+This article was updated" in text
    assert [e.kind for e in article_events(archive_db, article_id=article_id)] == ["changed"]
    run = last_run(archive_db)
    assert (run.kind, run.status, run.stats["checked"], run.stats["changed"]) == (
        "recrawl", "finished", 1, 1
    )  # fmt: skip

    # Phase 3: unchanged -> the server sees If-None-Match "v2" and answers 304.
    t2 = t1 + timedelta(hours=4)
    recrawl(archive_db.url, t2)
    assert server.log.for_path(PATH)[-1].headers.get("If-None-Match") == '"v2"'
    row = article_row(archive_db, article_id)
    assert (row.version_count, row.last_checked_at, row.last_changed_at) == (2, t2, t1)
    assert (row.next_check_at - t2).total_seconds() == 60 * 60  # 4 h since the change: hourly
    assert last_run(archive_db).stats["unchanged"] == 1

    # Phase 4: 410 -> gone; the last good version stays.
    t3 = t2 + timedelta(hours=2)
    server.site().pages[PATH] = Response(status=410)
    recrawl(archive_db.url, t3)
    row = article_row(archive_db, article_id)
    assert (row.status, row.status_changed_at, row.http_status) == ("gone", t3, 410)
    assert row.version_count == 2 and "closely" in (row.body or "")
    assert last_run(archive_db).stats["gone"] == 1

    # Phase 5: back to 200 with the same content -> live again, recorded; no new version.
    t4 = t3 + timedelta(minutes=30)
    server.site().pages[PATH] = Response.html(edited.replace("var t=1;", "var t=2;"), etag='"v3"')
    recrawl(archive_db.url, t4)
    row = article_row(archive_db, article_id)
    assert (row.status, row.status_changed_at, row.version_count) == ("live", t4, 2)
    kinds = [e.kind for e in article_events(archive_db, article_id=article_id)]
    assert kinds == ["changed", "gone", "returned"]


def test_nothing_due_fetches_nothing(server: MockServer, sqlite_url: str) -> None:
    archive = Archive(sqlite_url)
    html = article_html("Memoir recounts clemency call", ORIGINAL)
    server.site().pages[PATH] = Response.html(html, etag='"v1"')
    archive_page(archive, server.url(PATH), html, '"v1"', T0)
    recrawl(sqlite_url, T0 + timedelta(minutes=5))
    assert server.log.for_path(PATH) == []
    assert last_run(archive).stats["checked"] == 0
    recrawl(sqlite_url, T0 + timedelta(minutes=5), "--all")
    assert len(server.log.for_path(PATH)) == 1


def test_redirects_moves_and_variants(server: MockServer, sqlite_url: str) -> None:
    archive = Archive(sqlite_url)
    html = article_html("Memoir recounts clemency call", ORIGINAL)
    moved, variant = "/news/old-slug", "/news/variant"
    server.site().pages[moved] = Response.html(html, etag='"m1"')
    server.site().pages[variant] = Response.html(html, etag='"a1"')
    moved_id = archive_page(archive, server.url(moved), html, '"m1"', T0)
    variant_id = archive_page(archive, server.url(variant), html, '"a1"', T0)
    # A move to another article, and a redirect to a URL variant of the same article.
    server.site().pages[moved] = Response.redirect("/news/new-story", 301)
    server.site().pages[variant] = Response.redirect(server.url(variant + "/?utm_source=x"), 301)
    server.site().pages[variant + "/"] = Response.html(html, etag='"a1"')
    recrawl(sqlite_url, T0 + timedelta(minutes=20))
    row = article_row(archive, moved_id)
    assert (row.status, row.redirect_target) == ("redirected", server.url("/news/new-story"))
    assert server.log.for_path("/news/new-story") == []  # the target is not fetched as this one
    row = article_row(archive, variant_id)
    assert (row.status, row.version_count) == ("live", 1)
    assert server.log.for_path(variant + "/?utm_source=x")[0].headers["If-None-Match"] == '"a1"'
    event = article_events(archive, kind="redirected")[0]
    assert (event.article_id, event.detail, event.http_status) == (
        moved_id, server.url("/news/new-story"), 301
    )  # fmt: skip


def test_robots_and_server_errors_are_errors_not_removals(
    server: MockServer, sqlite_url: str
) -> None:
    archive = Archive(sqlite_url)
    html = article_html("Memoir recounts clemency call", ORIGINAL)
    blocked, broken = "/private/memo", "/news/broken"
    ids = [archive_page(archive, server.url(p), html, '"x"', T0) for p in (blocked, broken)]
    server.site().pages[broken] = Response(status=503)
    now = T0 + timedelta(minutes=20)
    recrawl(sqlite_url, now, "-s", "RETRY_TIMES=0")
    assert server.log.for_path(blocked) == []  # robots.txt obeyed
    stats = last_run(archive).stats
    assert (stats["checked"], stats["errors"]) == (2, 2)
    for article_id in ids:
        row = article_row(archive, article_id)
        assert row.status == "live" and row.next_check_at > now
