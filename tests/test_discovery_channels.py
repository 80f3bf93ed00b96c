"""Discovery of past coverage, end to end on local sites (127.0.0.x, in a crawl subprocess).

Each channel finds an article no other channel lists: a templated yearly sitemap index, a
monthly sitemap found only through robots.txt, a feed declared only on the home page, and a
news sitemap entry whose headline names no story term. Date pruning skips what the URLs prove
is outside the window; a robots.txt with 500 ``Sitemap:`` lines costs at most the cap; every
endpoint's health is recorded per run and an endpoint dead for three runs is flagged.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from archive import Archive, models
from tests.fixtures.discovery import site
from tests.fixtures.discovery.serve import serve

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 180
CHRONICLE, GAZETTE = "127.0.0.61", "127.0.0.62"


def run_module(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m MODULE ARGS`` from the project root; return the finished process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=TIMEOUT_S, check=False,
    )  # fmt: skip


def crawl(folder: Path, db_url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """Crawl the story over the outlets file in ``folder`` (politeness delays off for speed)."""
    return run_module(
        "crawler.cli", "crawl", "--story", str(folder / "story.toml"), "--outlets",
        str(folder / "outlets.toml"), "--db", db_url, "-s", "AUTOTHROTTLE_ENABLED=0",
        "-s", "DOWNLOAD_DELAY=0", *extra,
    )  # fmt: skip


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """Serve both sites, crawl them once; yield the servers, the archive and the run."""
    folder = tmp_path_factory.mktemp("discovery")
    pages = {CHRONICLE: site.chronicle_pages(), GAZETTE: site.big_robots_pages()}
    with serve(pages) as served:
        (folder / "story.toml").write_text(site.STORY_TOML)
        outlets = site.chronicle_toml(served.bases[CHRONICLE])
        outlets += site.big_robots_toml(served.bases[GAZETTE])
        (folder / "outlets.toml").write_text(outlets)
        db_url = f"sqlite:///{folder / 'archive.db'}"
        result = crawl(folder, db_url)
        assert result.returncode == 0, result.stderr[-3000:]
        archive = Archive(db_url)
        with archive.session() as session:
            run = session.scalars(select(models.CrawlRun)).one()
        yield {"served": served, "archive": archive, "run": run, "folder": folder, "db": db_url}
        archive.dispose()


def stored(archive: Archive) -> dict[str, models.Article]:
    """Return the archived articles by URL path."""
    with archive.session() as session:
        return {urlsplit(a.url).path: a for a in session.scalars(select(models.Article))}


def rejections(archive: Archive, run_id: int | None = None) -> dict[str, list[models.Rejection]]:
    """Return the rejections by URL path (of one run, or all)."""
    stmt = select(models.Rejection)
    if run_id is not None:
        stmt = stmt.where(models.Rejection.run_id == run_id)
    found: dict[str, list[models.Rejection]] = {}
    with archive.session() as session:
        for row in session.scalars(stmt):
            found.setdefault(urlsplit(row.url).path, []).append(row)
    return found


def test_each_channel_finds_the_article_only_it_lists(crawled: dict) -> None:
    articles = stored(crawled["archive"])
    for channel, path in site.CHANNEL_ARTICLES.items():
        assert path in articles, (channel, path, rejections(crawled["archive"]).get(path))
        assert articles[path].channel == channel, (path, articles[path].channel)


def test_news_sitemap_entry_without_story_terms_in_its_headline_is_archived(
    crawled: dict,
) -> None:
    path = site.CHANNEL_ARTICLES["news-sitemap"]
    article = stored(crawled["archive"])[path]
    assert article.title == "The call that changed a sentence"
    assert "kushner" in article.matched_terms


def test_a_none_term_in_a_listed_title_rejects_without_fetching(crawled: dict) -> None:
    base = crawled["served"].bases[CHRONICLE]
    assert not crawled["served"].requested(base + site.EXCLUDED_BY_TITLE)
    (row,) = rejections(crawled["archive"])[site.EXCLUDED_BY_TITLE]
    assert row.reason == "off-topic" and "crossword" in row.detail


def test_urls_dated_outside_the_window_are_never_requested(crawled: dict) -> None:
    served, base = crawled["served"], crawled["served"].bases[CHRONICLE]
    found = rejections(crawled["archive"])
    for path, evidence in [
        (site.PRUNED_ARTICLE, "2021-11-05"),
        (site.PRUNED_SITEMAPS[0], "2022-03-01"),
        (site.PRUNED_SITEMAPS[1], "2019-05"),
    ]:
        assert not served.requested(base + path), path
        (row,) = found[path]
        assert row.reason == "out-of-window" and evidence in row.detail, (path, row.detail)
    stats = crawled["run"].stats
    assert stats["newsarchive/pruned/article-url-date"] == 1
    assert stats["newsarchive/pruned/sitemap-url-date"] == 1
    assert stats["newsarchive/pruned/requests_saved"] >= 3 + 400  # + the Gazette's robots.txt


def test_robots_txt_binds_the_requests_queued_while_it_loads(crawled: dict) -> None:
    # The search page is a seed, queued before robots.txt arrives (Scrapy 2.19 let such
    # requests through unchecked; crawler/middlewares/robots.py reads the settled parser).
    served, base = crawled["served"], crawled["served"].bases[CHRONICLE]
    search = base + site.FORBIDDEN_SEARCH.replace("{query}", "kushner+kardashian")
    assert not served.requested(search)
    (row,) = rejections(crawled["archive"])[urlsplit(search).path]
    assert row.reason == "robots"


def test_robots_txt_is_fetched_once_and_endpoints_once(crawled: dict) -> None:
    served = crawled["served"]
    for host in (CHRONICLE, GAZETTE):
        assert len(served.hits(host, "/robots.txt")) == 1, served.hits(host, "/robots.txt")
    # Declared again in robots.txt and on the home page: still fetched once.
    assert len(served.hits(CHRONICLE, "/sitemap-articles-year~2022.xml")) == 1
    assert len(served.hits(CHRONICLE, "/feeds/latest.xml")) == 1


def test_a_robots_txt_with_500_sitemaps_costs_at_most_the_cap(crawled: dict) -> None:
    served, archive = crawled["served"], crawled["archive"]
    fetched = served.hits(GAZETTE, "/sitemaps/")
    assert len(fetched) == 50  # NEWSARCHIVE_MAX_ROBOTS_SITEMAPS
    assert served.bases[GAZETTE] + site.IN_WINDOW_SITEMAP in fetched  # dated in-window first
    assert stored(archive)[site.BIG_ROBOTS_ARTICLE].channel == "robots-sitemap"
    reasons: dict[str, int] = {}
    for path, rows in rejections(archive).items():
        if path.startswith("/sitemaps/"):
            for row in rows:
                reasons[row.reason] = reasons.get(row.reason, 0) + 1
    assert reasons["out-of-window"] == 400 and reasons["too-many-endpoints"] == 50
    assert reasons.get("empty-listing") == 49  # the numbered sitemaps kept list nothing
    assert crawled["run"].status == "finished"


def test_endpoint_health_is_recorded_for_every_endpoint(crawled: dict) -> None:
    rows = {r.endpoint: r for r in crawled["archive"].endpoint_health(outlet="chronicle")}
    base = crawled["served"].bases[CHRONICLE]
    yearly = rows[f"{base}/sitemap-articles-year~2022.xml"]
    assert (yearly.source, yearly.kind, yearly.template) == (
        "templated", "sitemap", f"{base}/sitemap-articles-year~{{year}}.xml",
    )  # fmt: skip
    assert yearly.last.http_status == 200 and yearly.last.articles == 1
    assert yearly.last.entries == 2 + 2  # two children, two pages in the one fetched
    dead = rows[base + site.DEAD_FEED]
    assert dead.last.http_status == 404 and dead.last.problem == "HTTP 404"
    assert rows[f"{base}/sitemap/2022-08.xml"].source == "robots-sitemap"
    assert rows[f"{base}/feeds/politics.rss"].last.articles == 1
    assert rows[f"{base}/robots.txt"].last.entries == 3
    assert rows[f"{base}/"].kind == "home" and rows[f"{base}/"].last.entries == 2
    assert not any(r.failing for r in rows.values())  # one run is no trend


def test_an_endpoint_dead_for_three_runs_is_flagged(crawled: dict) -> None:
    folder, db_url = crawled["folder"], crawled["db"]
    for _ in range(2):
        again = crawl(folder, db_url, "--outlet", "chronicle")
        assert again.returncode == 0, again.stderr[-3000:]
    base = crawled["served"].bases[CHRONICLE]
    dead = base + site.DEAD_FEED
    forbidden = base + site.FORBIDDEN_SEARCH.replace("{query}", "kushner+kardashian")
    failing = {f.endpoint: f.problem for f in crawled["archive"].failing_endpoints()}
    assert sorted(failing) == sorted([dead, forbidden])  # what works is never flagged
    assert failing[dead].startswith("HTTP 404 (runs ")
    assert failing[forbidden].startswith("forbidden by robots.txt")
    stats = run_module("crawler.cli", "stats", "--format", "json", "--db", db_url)
    flagged = json.loads(stats.stdout)["failing_endpoints"]
    assert sorted(f["endpoint"] for f in flagged) == sorted(failing)
    coverage = run_module("crawler.cli", "coverage", "--db", db_url)
    assert coverage.returncode == 0, coverage.stderr
    assert "# endpoints that failed or listed nothing in their last 3 runs" in coverage.stdout
    assert dead in coverage.stdout and "HTTP 404" in coverage.stdout
    rows = run_module("crawler.cli", "coverage", "--format", "json", "--db", db_url).stdout
    by_outlet = {row["outlet"]: row for row in map(json.loads, rows.splitlines())}
    assert sorted(by_outlet["chronicle"]["failing_endpoints"]) == sorted(failing)
    assert by_outlet["gazette"]["failing_endpoints"] == []


def test_same_site_crawled_without_pruning_fetches_what_pruning_skipped(
    crawled: dict, tmp_path: Path
) -> None:
    served = crawled["served"]
    db_url = f"sqlite:///{tmp_path / 'unpruned.db'}"
    before = len(served.log)
    result = crawl(
        crawled["folder"], db_url, "--outlet", "chronicle", "-s", "NEWSARCHIVE_DATE_PRUNING=0"
    )
    assert result.returncode == 0, result.stderr[-3000:]
    base = served.bases[CHRONICLE]
    later = served.log[before:]
    for path in (site.PRUNED_ARTICLE, *site.PRUNED_SITEMAPS):
        assert base + path in later, path
    unpruned = Archive(db_url)
    rows = rejections(unpruned)
    assert [r.reason for r in rows[site.PRUNED_ARTICLE]] == ["out-of-window"]  # judged on its page
    unpruned.dispose()


def test_an_unknown_placeholder_is_a_one_line_config_error(crawled: dict, tmp_path: Path) -> None:
    bad = tmp_path / "outlets.toml"
    bad.write_text(
        site.chronicle_toml(crawled["served"].bases[CHRONICLE]).replace("{year}", "{yr}")
    )
    (tmp_path / "story.toml").write_text(site.STORY_TOML)
    result = crawl(tmp_path, f"sqlite:///{tmp_path / 'x.db'}")
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert str(bad) in line and "outlet chronicle" in line and "'sitemaps'" in line
    assert "{yr}" in line and "Traceback" not in result.stderr


def test_story_start_urls_seed_their_outlet_and_unowned_ones_are_recorded(
    crawled: dict, tmp_path: Path
) -> None:
    base = crawled["served"].bases[CHRONICLE]
    owned = base + site.CHANNEL_ARTICLES["news-sitemap"]
    story = site.STORY_TOML.replace(
        "[relevance]", f'start_urls = ["{owned}", "https://nobody.example/topic/x"]\n[relevance]'
    )
    (tmp_path / "story.toml").write_text(story)
    (tmp_path / "outlets.toml").write_text(site.chronicle_toml(base))
    db_url = f"sqlite:///{tmp_path / 'start.db'}"
    result = crawl(tmp_path, db_url, "-s", "NEWSARCHIVE_DISCOVERY=0")
    assert result.returncode == 0, result.stderr[-3000:]
    archive = Archive(db_url)
    article = stored(archive)[site.CHANNEL_ARTICLES["news-sitemap"]]
    assert article.channel in ("start_url", "news-sitemap")  # seeded twice, fetched once
    (row,) = rejections(archive)["/topic/x"]
    assert row.reason == "no-outlet" and row.outlet is None
    sources = {r.endpoint: r.source for r in archive.endpoint_health(outlet="chronicle")}
    assert sources[owned] == "story"
    assert f"{base}/" not in sources  # discovery switched off: no home page read
    archive.dispose()
