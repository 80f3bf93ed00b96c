"""Every outlet of the registry, crawled from its synthetic local site and from the demo WARC.

One crawl of all outlets (subprocess, one process for all spiders) is shared by the tests;
each outlet's articles must be archived with the expected title, authors, date and body, and
its planted rejections recorded with their reasons.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from sqlalchemy import select

from archive import Archive, models
from archive.dedup.urls import url_key
from archive.schema import utc_iso
from crawler.config import load_outlets
from crawler.discovery.declared import robots_sitemaps

ROOT = Path(__file__).resolve().parent.parent
OUTLET_KEYS = [o.key for o in load_outlets()]
TIMEOUT_S = 300
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def run_module(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m MODULE ARGS`` from the project root and return the finished process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=TIMEOUT_S, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def local_crawl(outlet_sites, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:  # noqa: ANN001
    """Crawl every outlet's local site once; yield the archive."""
    db_url = f"sqlite:///{tmp_path_factory.mktemp('outlets') / 'archive.db'}"
    outlet_sites.log.clear()
    result = run_module(
        "crawler.cli", "crawl", "--story", str(outlet_sites.story_path),
        "--outlets", str(outlet_sites.outlets_toml_path), "--db", db_url,
        "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    archive = Archive(db_url)
    yield archive
    archive.dispose()


def stored(archive: Archive) -> dict[str, models.Article]:
    with archive.session() as session:
        return {a.url_key: a for a in session.scalars(select(models.Article))}


def rejected(archive: Archive) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    with archive.session() as session:
        for row in session.scalars(select(models.Rejection)):
            found.setdefault(row.url_key, set()).add(row.reason)
    return found


def check_articles(archive: Archive, expected: dict) -> None:
    """Assert the outlet's expected articles are archived with the right fields."""
    articles = stored(archive)
    for spec in expected["articles"] + expected["undated"]:
        article = articles.get(url_key(spec["url"]))
        assert article is not None, f"not archived: {spec['url']}"
        assert article.outlet == expected["key"]
        assert article.title == spec["title"]
        assert article.authors == spec["authors"]
        assert utc_iso(_utc(article.published_at)) == spec["published_at"]
        assert spec["body_snippet"] in article.body
        for boilerplate in spec.get("body_excludes", []):
            assert boilerplate not in article.body
        if "channel" in spec:  # one channel alone lists it (templated, robots, home page)
            assert article.channel == spec["channel"], (spec["url"], article.channel)


def _utc(value: datetime | None) -> datetime | None:
    """Return a datetime with UTC attached (SQLite returns naive UTC datetimes)."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


@pytest.mark.parametrize("outlet", OUTLET_KEYS)
def test_outlet_articles_are_discovered_and_archived(
    local_crawl: Archive, outlet_sites, outlet: str
) -> None:  # noqa: ANN001
    check_articles(local_crawl, outlet_sites.expected[outlet])


@pytest.mark.parametrize("outlet", OUTLET_KEYS)
def test_outlet_rejections_are_recorded_with_reasons(
    local_crawl: Archive, outlet_sites, outlet: str
) -> None:  # noqa: ANN001
    reasons = rejected(local_crawl)
    articles = stored(local_crawl)
    for spec in outlet_sites.expected[outlet]["rejected"]:
        key = url_key(spec["url"])
        assert key not in articles, f"archived but should be rejected: {spec['url']}"
        assert spec["reason"] in reasons.get(key, set()), (spec, reasons.get(key))


def test_robots_disallowed_article_is_never_requested(local_crawl: Archive, outlet_sites) -> None:  # noqa: ANN001
    robots = [
        spec for e in outlet_sites.expected.values() for spec in e["rejected"]
        if spec["reason"] == "robots"
    ]  # fmt: skip
    assert robots
    for spec in robots:
        path = urlsplit(spec["url"]).path
        assert not any(hit.path.startswith(path) for hit in outlet_sites.log)


def listed_sitemaps(outlet_sites, key: str) -> set[str]:  # noqa: ANN001
    """Return every sitemap URL the outlet's captured indexes and robots.txt files list."""
    site = outlet_sites.sites[key]
    listed: set[str] = set()
    for url, response in site.pages.items():
        if url.endswith("/robots.txt"):
            listed |= set(robots_sitemaps(response.body))
        elif "xml" in response.content_type and url not in site.expected["bad_endpoints"]:
            root = ElementTree.fromstring(response.body)
            if root.tag == f"{{{SITEMAP_NS}}}sitemapindex":
                listed |= {loc.text for loc in root.iter(f"{{{SITEMAP_NS}}}loc")}
    return listed


def test_skipped_sitemaps_are_never_requested(local_crawl: Archive, outlet_sites) -> None:  # noqa: ANN001
    with_skips = 0
    for key, expected in outlet_sites.expected.items():
        site = outlet_sites.sites[key]
        skipped = set(expected["skipped_sitemaps"])
        with_skips += bool(skipped)
        assert skipped <= listed_sitemaps(outlet_sites, key), key  # listed, then pruned
        for url in skipped:
            assert not outlet_sites.log.requested(url), url
            assert url not in site.pages, url  # never requested: the model needs no page
        for url, response in site.pages.items():  # every captured listing was read
            if "xml" in response.content_type or url in expected["missing"]:
                assert outlet_sites.log.requested(url), (key, url)
    assert with_skips >= 10, "most outlets list a sitemap dated outside the window"


def test_requests_carry_the_honest_user_agent(local_crawl: Archive, outlet_sites) -> None:  # noqa: ANN001
    agents = {hit.user_agent for hit in outlet_sites.log}
    assert len(agents) == 1 and agents.pop().startswith("newsarchive/")


def test_bad_endpoints_are_counted_and_the_crawl_goes_on(
    local_crawl: Archive, outlet_sites
) -> None:  # noqa: ANN001
    with local_crawl.session() as session:
        run = session.scalars(select(models.CrawlRun)).one()
    assert run.status == "finished" and sorted(run.outlets) == sorted(OUTLET_KEYS)
    bad = {k: v for e in outlet_sites.expected.values() for k, v in e["bad_endpoints"].items()}
    assert bad, "the fixture plants bad endpoints"
    reasons = rejected(local_crawl)
    names = {"malformed": "malformed-listing", "404": "fetch-error", "empty": "empty-listing"}
    for url, kind in bad.items():
        assert names[kind] in reasons.get(url_key(url), set()), (url, kind)
        assert run.stats[f"newsarchive/rejected/{names[kind]}"] >= 1


@pytest.fixture(scope="module")
def demo_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """Run ``newsarchive demo`` into a fresh SQLite file; yield (db URL, its stdout)."""
    db_url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    result = run_module("crawler.cli", "demo", "--db", db_url)
    assert result.returncode == 0, result.stderr[-3000:]
    yield db_url, result.stdout


@pytest.mark.parametrize("outlet", OUTLET_KEYS)
def test_demo_replay_archives_every_outlet(demo_archive: tuple[str, str], outlet: str) -> None:
    from crawler.demo.sites import build_sites

    archive = Archive(demo_archive[0])
    check_articles(archive, build_sites()[outlet].expected)
    archive.dispose()


def test_demo_prints_coverage_and_search_finds_it(demo_archive: tuple[str, str]) -> None:
    db_url, stdout = demo_archive
    assert "coverage of kushner-memoir-kardashian" in stdout
    for key in OUTLET_KEYS:
        assert key in stdout
    found = run_module("crawler.cli", "search", "kardashian", "--db", db_url, "--format", "csv")
    assert found.returncode == 0, found.stderr
    outlets = {row["outlet"] for row in csv.DictReader(io.StringIO(found.stdout))}
    assert len(outlets) >= 10


def test_demo_coverage_shows_the_discovery_channels(demo_archive: tuple[str, str]) -> None:
    db_url, stdout = demo_archive
    found = run_module("crawler.cli", "coverage", "--format", "json", "--db", db_url)
    rows = {row["outlet"]: row for row in map(json.loads, found.stdout.splitlines())}
    assert rows["dailymail"]["channels"].get("sitemap") == 1  # the templated yearly index
    assert rows["gbnews"]["channels"].get("home-feed") == 1
    assert rows["thelist"]["channels"].get("robots-sitemap") == 1
    for channel in ("sitemap 1", "home-feed 1", "robots-sitemap 1"):
        assert channel in stdout
    archive = Archive(db_url)
    health = {r.endpoint: r for r in archive.endpoint_health(outlet="dailymail")}
    yearly = health["https://www.dailymail.co.uk/sitemap-articles-year~2022.xml"]
    assert yearly.source == "templated" and yearly.last.articles == 1
    archive.dispose()


def test_demo_refuses_an_archive_that_has_articles(demo_archive: tuple[str, str]) -> None:
    again = run_module("crawler.cli", "demo", "--db", demo_archive[0])
    assert again.returncode == 1
    assert "already holds" in again.stderr and len(again.stderr.strip().splitlines()) == 1
