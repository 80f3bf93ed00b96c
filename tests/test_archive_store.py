"""Storing articles: idempotence, versions only on real change, one row under concurrency."""

from __future__ import annotations

import logging
import multiprocessing
import subprocess
import sys
from datetime import datetime

import pytest
from sqlalchemy import func, select

from archive import Archive, models
from archive.schema import NaiveDatetimeError
from archive.store import insert_ignore
from tests.factories import make_article


def _count(archive: Archive, model) -> int:  # noqa: ANN001
    with archive.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_store_twice_is_idempotent(archive_db: Archive) -> None:
    first = archive_db.store(make_article(1))
    second = archive_db.store(make_article(1))
    assert first.action == "created" and first.version == 1
    assert second.action == "unchanged" and second.article_id == first.article_id
    assert _count(archive_db, models.Article) == 1
    assert _count(archive_db, models.ArticleVersion) == 1


def test_url_variants_are_one_article(archive_db: Archive) -> None:
    archive_db.store(make_article(1))
    variant = make_article(1, url="https://example-news.test/2022/08/02/story-1?utm_source=tw#top")
    assert archive_db.store(variant).action == "unchanged"
    assert _count(archive_db, models.Article) == 1


def test_changed_body_creates_version(archive_db: Archive) -> None:
    created = archive_db.store(make_article(1))
    edited = make_article(1, body=make_article(1).body + "\n\nA correction was appended.")
    result = archive_db.store(edited)
    assert result.action == "updated" and result.version == 2
    versions = archive_db.versions(created.article_id)
    assert [v.version for v in versions] == [1, 2]
    assert versions[1].body.endswith("appended.")
    article = archive_db.get(created.article_id)
    assert article.version_count == 2 and article.body.endswith("appended.")


def test_whitespace_and_modified_time_are_not_versions(archive_db: Archive) -> None:
    original = make_article(1)
    archive_db.store(original)
    respaced = make_article(
        1,
        body=original.body.replace(" ", "  "),
        modified_at=datetime.fromisoformat("2022-08-05T10:00:00+00:00"),
    )
    assert archive_db.store(respaced).action == "unchanged"


def test_headline_change_is_a_version(archive_db: Archive) -> None:
    archive_db.store(make_article(1))
    result = archive_db.store(make_article(1, title="A rewritten headline"))
    assert result.action == "updated"
    assert archive_db.get(result.article_id).title == "A rewritten headline"


def test_timestamps_round_trip_as_aware_utc(archive_db: Archive) -> None:
    local = datetime.fromisoformat("2022-08-02T17:39:00-04:00")
    result = archive_db.store(
        make_article(1, published_at=local, date_published="2022-08-02T17:39:00-04:00")
    )
    article = archive_db.get(result.article_id)
    assert article.published_at.isoformat() == "2022-08-02T21:39:00+00:00"
    assert article.date_published == "2022-08-02T17:39:00-04:00"
    assert article.first_seen_at.tzinfo is not None


def test_naive_datetimes_are_rejected() -> None:
    with pytest.raises(NaiveDatetimeError):
        make_article(1, published_at=datetime(2022, 8, 2, 17, 39))


def test_get_by_url_variant(archive_db: Archive) -> None:
    result = archive_db.store(make_article(3))
    found = archive_db.get("HTTPS://WWW.example-news.test/2022/08/02/story-3?fbclid=abc")
    assert found is not None and found.id == result.article_id


def _store_each_path(archive: Archive, n: int) -> None:
    """Store article n new, unchanged, edited, and a copy of it at another URL."""
    archive.store(make_article(n))
    archive.store(make_article(n))
    archive.store(make_article(n, body=make_article(n).body + "\n\nA correction was appended."))
    archive.store(make_article(n, url=f"https://copies.test/{n}", body=make_article(n).body))


def test_every_statement_of_a_store_is_compiled_once(
    archive_db: Archive, caplog: pytest.LogCaptureFixture
) -> None:
    # SQLAlchemy logs "[generated in ...]" when it compiles a statement and "[no key ...]" when
    # it cannot cache it: after one store of each kind, every later one must reuse them.
    _store_each_path(archive_db, 1)
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine.Engine")
    _store_each_path(archive_db, 2)
    messages = [r.getMessage() for r in caplog.records if r.name == "sqlalchemy.engine.Engine"]
    assert any(m.startswith("[cached since") for m in messages)
    compiled = [m for m in messages if m.startswith(("[generated in", "[no key"))]
    assert compiled == []


def test_insert_ignore_fills_defaults_and_ignores_conflicts(archive_db: Archive) -> None:
    key = models.Outlet.__table__.c.key
    with archive_db.write_session() as s:
        first = insert_ignore(s, models.Outlet, {"key": "o", "name": "O"}, ["key"], returning=key)
        again = insert_ignore(s, models.Outlet, {"key": "o", "name": "P"}, ["key"], returning=key)
        assert (first.scalar(), again.scalar()) == ("o", None)
    with archive_db.session() as s:
        row = s.get(models.Outlet, "o")
        assert (row.name, row.domains) == ("O", [])


def _store_in_process(url: str, n: int, barrier) -> None:  # noqa: ANN001
    archive = Archive(url)
    barrier.wait()
    for _ in range(5):
        archive.store(make_article(n))
    archive.dispose()


def test_concurrent_processes_store_one_row(db_url: str) -> None:
    Archive(db_url).dispose()  # migrate first
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_store_in_process, args=(db_url, 7, barrier)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert all(p.exitcode == 0 for p in procs)
    archive = Archive(db_url)
    assert _count(archive, models.Article) == 1
    assert _count(archive, models.ArticleVersion) == 1
    archive.dispose()


def test_runs_and_rejections(archive_db: Archive) -> None:
    run_id = archive_db.start_run("crawl", "story-x", ["people"])
    archive_db.record_rejection(
        run_id,
        url="https://people.com/x",
        outlet="people",
        story="story-x",
        reason="off-topic",
        detail="no 'kushner'",
    )
    archive_db.record_rejection(
        run_id, url="https://people.com/x", outlet="people", story="story-x", reason="off-topic"
    )
    archive_db.finish_run(
        run_id, status="finished", stats={"pages": 3}, errors=["postgresql://u:secret@h/db refused"]
    )
    with archive_db.session() as s:
        run = s.get(models.CrawlRun, run_id)
        assert run.status == "finished" and run.stats == {"pages": 3}
        assert "secret" not in run.errors[0] and run.finished_at is not None
        assert s.scalar(select(func.count()).select_from(models.Rejection)) == 1


def test_runs_of_dead_processes_are_marked_killed(archive_db: Archive) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale_id = archive_db.start_run("crawl", "s", [])
    with archive_db.write_session() as s:
        s.get(models.CrawlRun, stale_id).pid = dead.pid  # as if that process had started it
    live_id = archive_db.start_run("crawl", "s", [])
    with archive_db.session() as s:
        stale = s.get(models.CrawlRun, stale_id)
        assert stale.status == "killed" and stale.finished_at is not None
        assert "ended without closing" in stale.errors[-1]
        assert s.get(models.CrawlRun, live_id).status == "running"
