"""Recording check outcomes in the archive (in-process, injected clock; SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from archive import Archive
from archive.recheck import Rechecker, article_events
from tests.factories import make_article

T0 = datetime(2022, 8, 2, 22, 0, tzinfo=UTC)


def stored(archive: Archive, n: int = 1) -> int:
    """Store synthetic article ``n`` at T0 and return its id."""
    return archive.store(make_article(n, etag='"e1"'), now=T0).article_id


def test_due_selection_by_next_check(archive_db: Archive) -> None:
    ids = [stored(archive_db, n) for n in (1, 2)]
    checker = Rechecker(archive_db)
    assert checker.due(T0 + timedelta(minutes=14)) == []
    due = checker.due(T0 + timedelta(minutes=15))
    assert [d.id for d in due] == ids and due[0].etag == '"e1"'
    assert len(checker.due(T0, include_all=True)) == 2
    assert len(checker.due(T0 + timedelta(hours=1), limit=1)) == 1


def test_not_modified_moves_along_the_ladder(archive_db: Archive) -> None:
    article_id = stored(archive_db)
    checker = Rechecker(archive_db)
    now = T0 + timedelta(days=2)
    assert checker.not_modified(article_id, now, etag='"e2"') == ["unchanged"]
    row = archive_db.get(article_id)
    assert (row.last_checked_at, row.etag, row.version_count) == (now, '"e2"', 1)
    assert (row.next_check_at - now).total_seconds() == 3 * 3600
    assert checker.due(now + timedelta(hours=2)) == []


def test_gone_redirected_returned_are_events(archive_db: Archive) -> None:
    article_id = stored(archive_db)
    checker = Rechecker(archive_db)
    t1, t2, t3 = (T0 + timedelta(hours=h) for h in (1, 2, 3))
    assert checker.gone(article_id, t1, http_status=404) == ["gone"]
    checker.gone(article_id, t1 + timedelta(minutes=20), http_status=410)  # still gone: no event
    row = archive_db.get(article_id)
    assert (row.status, row.status_changed_at, row.http_status) == ("gone", t1, 410)
    target = "https://www.example-news.test/2022/08/02/other-story/"
    checker.redirected(article_id, t2, target=target, http_status=301)
    assert (archive_db.get(article_id).status, archive_db.get(article_id).redirect_target) == (
        "redirected", target
    )  # fmt: skip
    assert checker.not_modified(article_id, t3) == ["returned", "unchanged"]
    row = archive_db.get(article_id)
    assert (row.status, row.status_changed_at, row.redirect_target) == ("live", t3, None)
    events = article_events(archive_db, article_id=article_id)
    assert [(e.kind, e.at) for e in events] == [("gone", t1), ("redirected", t2), ("returned", t3)]
    assert [e.kind for e in article_events(archive_db, since=t2)] == ["redirected", "returned"]


def test_fetched_new_version_and_unchanged(archive_db: Archive) -> None:
    article_id = stored(archive_db)
    checker = Rechecker(archive_db)
    due = checker.due(T0, include_all=True)[0]
    t1 = T0 + timedelta(hours=5)
    same = make_article(1, body=make_article(1).body.replace(" ", "  "))  # whitespace only
    assert checker.fetched(due, same, t1) == ["unchanged"]
    assert (archive_db.get(article_id).next_check_at - t1).total_seconds() == 3600
    edited = make_article(1, title="A corrected headline")
    t2 = t1 + timedelta(hours=1)
    assert checker.fetched(due, edited, t2) == ["changed"]
    row = archive_db.get(article_id)
    assert (row.version_count, row.last_changed_at, row.title) == (2, t2, "A corrected headline")
    assert [e.detail for e in article_events(archive_db, kind="changed")] == ["version 2"]


def test_naive_clock_refused(archive_db: Archive) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Rechecker(archive_db).due(datetime(2022, 8, 2))
