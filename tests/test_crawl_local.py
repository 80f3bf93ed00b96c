"""End-to-end crawls of a synthetic site on 127.0.0.1 (in a subprocess: one reactor per crawl).

The site (tests/fixtures/crawl) is served by the mock server (tests/mockserver).

Covers discovery channels, politeness (robots.txt), bad inputs counted in run statistics,
URL variants fetched once, and WARC record -> replay with no network.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from archive import Archive, models
from tests.fixtures.crawl import site

ROOT = Path(__file__).resolve().parent.parent
CRAWL_TIMEOUT_S = 120


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``newsarchive crawl ARGS`` (``python -m crawler.cli crawl``); return the process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", "crawl", *args], cwd=ROOT, env=env,
        capture_output=True,
        text=True, timeout=CRAWL_TIMEOUT_S, check=False,
    )  # fmt: skip


def crawl_args(tmp: Path, base: str, db_url: str, *extra: str) -> list[str]:
    """Return crawl options for the synthetic site, with politeness delays off for speed."""
    (tmp / "story.toml").write_text(site.STORY_TOML)
    (tmp / "outlets.toml").write_text(site.outlets_toml(base))
    return [
        "--story", str(tmp / "story.toml"), "--outlets", str(tmp / "outlets.toml"),
        "--db", db_url, "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", *extra,
    ]  # fmt: skip


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """Crawl the site once (recording a WARC); yield the server, archive and WARC path."""
    tmp = tmp_path_factory.mktemp("crawl")
    server = site.serve()
    db_url = f"sqlite:///{tmp / 'archive.db'}"
    warc = tmp / "capture.warc.gz"
    result = run_cli(*crawl_args(tmp, server.base, db_url, "--record", str(warc)))
    server.close()
    assert result.returncode == 0, result.stderr[-3000:]
    archive = Archive(db_url)
    yield {"server": server, "archive": archive, "warc": warc, "tmp": tmp, "stdout": result.stdout}
    archive.dispose()


def articles_by_path(archive: Archive) -> dict[str, models.Article]:
    with archive.session() as session:
        return {urlsplit(a.url).path: a for a in session.scalars(select(models.Article))}


def rejections(archive: Archive) -> dict[str, set[str]]:
    with archive.session() as session:
        found: dict[str, set[str]] = {}
        for row in session.scalars(select(models.Rejection)):
            found.setdefault(urlsplit(row.url).path, set()).add(row.reason)
        return found


def last_run(archive: Archive) -> models.CrawlRun:
    with archive.session() as session:
        return session.scalars(select(models.CrawlRun).order_by(models.CrawlRun.id.desc())).first()


def test_every_candidate_meets_its_expected_fate(crawled: dict) -> None:
    stored, rejected = articles_by_path(crawled["archive"]), rejections(crawled["archive"])
    for path, fate in site.EXPECTED.items():
        if fate == "stored":
            assert path in stored, (path, rejected.get(path))
        elif fate == "never-fetched":
            assert path not in stored and path not in crawled["server"].log.paths()
        else:
            assert path not in stored and fate in rejected.get(path, set()), (
                path,
                rejected.get(path),
            )


def test_stored_articles_carry_fields_relevance_and_channel(crawled: dict) -> None:
    article = articles_by_path(crawled["archive"])["/news/kushner-memoir-kardashian-call"]
    assert article.title == "Kushner memoir recalls Kardashian call"
    assert article.authors == ["Jane Roe"] and article.outlet == "testpaper"
    assert article.date_published == "2022-08-20T10:00:00-04:00"
    assert "Kim Kardashian" in article.body and article.story == "test-story"
    assert article.channel == "feed" and article.relevance > 0
    assert article.matched_terms == ["kushner", "kardashian", "alice johnson"]
    channels = {p: a.channel for p, a in articles_by_path(crawled["archive"]).items()}
    assert channels["/news/kushner-book-tour-kardashian-praise"] == "sitemap"
    assert channels["/news/kushner-news-sitemap-kardashian-story"] == "news-sitemap"
    assert channels["/news/kushner-second-results-page-story"] == "search"


def test_robots_disallowed_article_is_neither_fetched_nor_archived(crawled: dict) -> None:
    log = crawled["server"].log.paths()
    assert "/robots.txt" in log
    assert not any(p.startswith("/private/") for p in log)
    assert rejections(crawled["archive"])["/private/kushner-private-kardashian-story"] == {"robots"}


def test_prefilters_spare_fetches(crawled: dict) -> None:
    log = crawled["server"].log.paths()
    assert "/sitemap-2019.xml" not in log  # child sitemap last modified before the window
    # A news:title naming no story term proves nothing: the page is fetched and judged.
    assert "/news/royal-wedding-photo-gallery-day" in log
    assert "/news/kushner-listed-long-ago-story-here" not in log  # feed date out of window
    assert (
        "out-of-window"
        in rejections(crawled["archive"])["/news/kushner-listed-long-ago-story-here"]
    )


def test_url_variants_are_fetched_once(crawled: dict) -> None:
    fetched = [p for p in crawled["server"].log.paths() if "kushner-memoir-kardashian-call" in p]
    assert len(fetched) == 1


def test_bad_inputs_are_counted_in_run_stats(crawled: dict) -> None:
    run = last_run(crawled["archive"])
    assert run.status == "finished" and run.outlets == ["testpaper"]
    stats = run.stats
    assert stats["newsarchive/rejected/malformed-listing"] == 1  # broken feed
    assert stats["newsarchive/rejected/fetch-error"] == 1  # 404 feed
    assert stats["newsarchive/rejected/empty-listing"] >= 1  # empty sitemap
    assert stats["newsarchive/rejected/not-article"] == 1
    assert stats["newsarchive/rejected/robots"] == 1
    assert stats["newsarchive/flags/no-date"] == 1  # undated page judged on text and stored
    assert stats["newsarchive/stored/created"] == 6
    assert stats["testpaper:newsarchive/stored/created"] == 6
    assert "crawl summary" in crawled["stdout"]


def test_replay_from_the_recorded_warc_needs_no_network(crawled: dict, tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'replayed.db'}"
    # The site's server was shut down after the recording: any network use would fail.
    base = crawled["server"].base
    result = run_cli(*crawl_args(crawled["tmp"], base, db_url, "--replay", str(crawled["warc"])))
    assert result.returncode == 0, result.stderr[-3000:]
    replayed = Archive(db_url)
    original = articles_by_path(crawled["archive"])
    again = articles_by_path(replayed)
    assert again.keys() == original.keys()
    article = again["/news/kushner-memoir-kardashian-call"]
    assert article.body == original["/news/kushner-memoir-kardashian-call"].body
    with replayed.session() as session:
        version = session.scalars(select(models.ArticleVersion)).first()
    assert version.capture_file == str(crawled["warc"])
    assert version.capture_record_id.startswith("<urn:uuid:")
    replayed.dispose()


def test_replay_reports_pages_missing_from_the_capture(crawled: dict, tmp_path: Path) -> None:
    outlets = site.outlets_toml(crawled["server"].base).replace("/feed.xml", "/uncaptured.xml")
    (tmp_path / "story.toml").write_text(site.STORY_TOML)
    (tmp_path / "outlets.toml").write_text(outlets)
    db_url = f"sqlite:///{tmp_path / 'r.db'}"
    result = run_cli(
        "--story", str(tmp_path / "story.toml"), "--outlets", str(tmp_path / "outlets.toml"),
        "--db", db_url, "--replay", str(crawled["warc"]),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "not-in-capture" in rejections(Archive(db_url))["/uncaptured.xml"]


def test_scrapy_crawl_one_outlet_with_a_story_argument(tmp_path: Path) -> None:
    server = site.serve()
    try:
        args = crawl_args(tmp_path, server.base, f"sqlite:///{tmp_path / 's.db'}")
        db_url = args[args.index("--db") + 1]
        result = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "testpaper",
             "-a", f"story={tmp_path / 'story.toml'}",
             "-s", f"NEWSARCHIVE_OUTLETS={tmp_path / 'outlets.toml'}",
             "-s", f"NEWSARCHIVE_DB={db_url}", "-s", "AUTOTHROTTLE_ENABLED=0",
             "-s", "DOWNLOAD_DELAY=0"],
            cwd=ROOT, capture_output=True, text=True, timeout=CRAWL_TIMEOUT_S, check=False,
        )  # fmt: skip
    finally:
        server.close()
    assert result.returncode == 0, result.stderr[-3000:]
    archive = Archive(db_url)
    stored = [p for p, fate in site.EXPECTED.items() if fate == "stored"]
    assert sorted(articles_by_path(archive)) == sorted(stored)
    run = last_run(archive)  # the pipeline started and finished its own run
    assert run.status == "finished" and run.stats["newsarchive/stored/created"] == len(stored)
    archive.dispose()
