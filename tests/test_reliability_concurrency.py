"""Concurrent writers and readers: no "database is locked", no half-written article seen.

SQLite: a crawl and a re-crawl write while four readers search, export and check that every
article they see has all its versions. PostgreSQL: two crawls of the same outlet at once.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select

from archive import Archive, models
from archive.export.writer import export
from tests.faults import STORY_TOML, SyntheticSite, serve
from tests.faults.crawl import FAST, CrawlProcess, crawl_command, run_process
from tests.faults.site import outlets_toml
from tests.mockserver import MockServer

pytestmark = pytest.mark.slow

READERS = 4
LOCKED = "database is locked"


def _serve(pages: int, seed: int, host: str) -> tuple[SyntheticSite, MockServer]:
    site = SyntheticSite(pages, seed=seed)
    return site, serve(site, host)


def _crawl(tmp: Path, bases: dict[str, str], db_url: str, name: str) -> Callable[[], CrawlProcess]:
    """Return a callable running a crawl of ``bases`` (own outlets file ``name``)."""
    (tmp / "story.toml").write_text(STORY_TOML)
    (tmp / f"{name}.toml").write_text(outlets_toml(bases))
    argv = crawl_command(tmp / "story.toml", tmp / f"{name}.toml", db_url)
    return lambda: run_process(argv, timeout_s=600)


def _recrawl(db_url: str) -> Callable[[], CrawlProcess]:
    """Return a callable running ``newsarchive recrawl --all``."""
    argv = [sys.executable, "-m", "crawler.cli", "recrawl", "--all", "--db", db_url]
    for setting in FAST:
        argv += ["-s", setting]
    return lambda: run_process(argv, timeout_s=600)


def consistent_view(archive: Archive) -> int:
    """Return the articles seen in one read transaction; AssertionError if one is half-written."""
    with archive.session() as session:
        counts = dict(
            session.execute(
                select(models.ArticleVersion.article_id, func.count()).group_by(
                    models.ArticleVersion.article_id
                )
            ).all()
        )
        rows = session.execute(select(models.Article.id, models.Article.version_count)).all()
    for article_id, version_count in rows:
        assert counts.get(article_id) == version_count, (
            article_id,
            version_count,
            counts.get(article_id),
        )
    return len(rows)


def _reader(db_url: str, tmp: Path, index: int, stop: threading.Event, log: dict) -> None:
    """Search, export and check consistency until ``stop``; record rounds and errors."""
    archive = Archive(db_url, migrate_schema=False)
    try:
        while not stop.is_set():
            try:
                archive.search("kushner", limit=20)
                export(archive.engine, "jsonl", tmp / f"reader{index}.jsonl", versions=True)
                consistent_view(archive)
                log["rounds"][index] += 1
            except Exception as exc:  # noqa: BLE001 - every failure is a finding
                log["errors"].append(f"reader {index}: {type(exc).__name__}: {exc}")
    finally:
        archive.dispose()


def test_sqlite_crawl_and_recrawl_with_four_readers(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'archive.db'}"
    site_a, server_a = _serve(120, 21, "127.0.0.10")
    site_b, server_b = _serve(40, 22, "127.0.0.11")
    try:
        seeded = _crawl(tmp_path, {"second": server_b.base}, db_url, "seed")()
        assert seeded.returncode == 0, seeded.stderr[-2000:]
        site_b.revised = set(site_b.relevant_paths())  # the re-crawl finds new versions
        both = {"first": server_a.base, "second": server_b.base}
        crawl = _crawl(tmp_path, both, db_url, "both")
        stop, log = threading.Event(), {"rounds": [0] * READERS, "errors": []}
        readers = [
            threading.Thread(target=_reader, args=(db_url, tmp_path, i, stop, log))
            for i in range(READERS)
        ]
        for reader in readers:
            reader.start()
        with ThreadPoolExecutor(2) as pool:
            crawled, recrawled = [
                f.result() for f in [pool.submit(crawl), pool.submit(_recrawl(db_url))]
            ]
        stop.set()
        for reader in readers:
            reader.join()
    finally:
        server_a.close()
        server_b.close()
    print(
        f"reader rounds={log['rounds']} crawl={crawled.wall_s:.0f}s recrawl={recrawled.wall_s:.0f}s"
    )
    for result in (crawled, recrawled):
        assert result.returncode == 0, result.stderr[-2000:]
        assert LOCKED not in result.stderr + result.stdout
    assert log["errors"] == []
    assert min(log["rounds"]) >= 1
    archive = Archive(db_url)
    assert consistent_view(archive) == len(site_a.relevant_paths()) + len(site_b.relevant_paths())
    with archive.session() as session:
        counts = dict(
            session.execute(select(models.Article.url, models.Article.version_count)).all()
        )
    assert {n for u, n in counts.items() if server_b.base in u} == {2}
    assert {n for u, n in counts.items() if server_a.base in u} == {1}
    archive.dispose()


@pytest.mark.postgres
def test_postgresql_two_concurrent_crawls_store_each_article_once(
    pg_url: str, tmp_path: Path
) -> None:
    site, server = _serve(120, 23, "127.0.0.12")
    try:
        first = _crawl(tmp_path, {"pgpaper": server.base}, pg_url, "one")
        second = _crawl(tmp_path, {"pgpaper": server.base}, pg_url, "two")
        with ThreadPoolExecutor(2) as pool:
            results = [f.result() for f in [pool.submit(first), pool.submit(second)]]
    finally:
        server.close()
    for result in results:
        assert result.returncode == 0, result.stderr[-2000:]
    archive = Archive(pg_url)
    with archive.session() as session:
        urls = list(session.scalars(select(models.Article.url)))
        versions = session.scalar(select(func.count()).select_from(models.ArticleVersion))
        runs = list(session.scalars(select(models.CrawlRun.status)))
    assert len(urls) == len(set(urls)) == len(site.relevant_paths())
    assert versions == len(urls)
    assert runs == ["finished", "finished"]
    assert consistent_view(archive) == len(urls)
    archive.dispose()
