"""``newsarchive outlets probe``: every endpoint of an outlet, checked on a local site or a WARC."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.demo.generate import DEMO_WARC
from tests.fixtures.discovery import site
from tests.fixtures.discovery.serve import Served, serve

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 180
HOST = "127.0.0.63"


def probe(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``newsarchive outlets probe ARGS`` (politeness delays off); return the process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "crawler.cli", "outlets", "probe", *args]
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT_S,
        check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def chronicle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, Path]]:
    """Serve The Chronicle; yield the server and a folder with its story and outlets files."""
    folder = tmp_path_factory.mktemp("probe")
    with serve({HOST: site.chronicle_pages()}) as served:
        (folder / "story.toml").write_text(site.STORY_TOML)
        (folder / "later.toml").write_text(site.LATER_STORY_TOML)
        (folder / "outlets.toml").write_text(site.chronicle_toml(served.bases[HOST]))
        yield served, folder


def run_json(folder: Path, story: str = "story.toml") -> dict:
    """Probe the Chronicle for a story; return the JSON document."""
    result = probe(
        "--story", str(folder / story), "--outlets", str(folder / "outlets.toml"),
        "--format", "json", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_probe_reports_every_configured_templated_and_discovered_endpoint(chronicle) -> None:  # noqa: ANN001
    served, folder = chronicle
    base = served.bases[HOST]
    doc = run_json(folder)
    assert doc["story"] == "discovery-story" and doc["published_after"] == "2022-07-20"
    (report,) = doc["outlets"]
    rows = {e["endpoint"]: e for e in report["endpoints"]}
    expected = {
        f"{base}/feeds/latest.xml": ("configured", "feed", "200", 1, "unknown"),
        f"{base}{site.DEAD_FEED}": ("configured", "feed", "404 HTTP 404", 0, "unknown"),
        f"{base}/sitemap-articles-year~2022.xml": ("templated", "sitemap index", "200", 2, "yes"),
        f"{base}/news-sitemap.xml": ("configured", "news sitemap", "200", 2, "yes"),
        f"{base}/": ("discovery", "home page", "200", 2, ""),
        f"{base}/robots.txt": ("discovery", "robots.txt", "200", 3, ""),
        f"{base}/sitemap/2022-08.xml": ("robots-sitemap", "urlset", "200", 1, "yes"),
        f"{base}/feeds/politics.rss": ("home-feed", "feed", "200", 1, "yes"),
    }
    for url, (source, kind, status, entries, reach) in expected.items():
        row = rows[url]
        got = (row["source"], row["kind"], row["status"], row["entries"], row["reaches_window"])
        assert got == (source, kind, status, entries, reach), url
        assert row["robots_allowed"] is True
    yearly = rows[f"{base}/sitemap-articles-year~2022.xml"]
    assert (yearly["oldest"], yearly["newest"]) == ("2022-03-01", "2022-08-02")
    assert yearly["template"] == f"{base}/sitemap-articles-year~{{year}}.xml"
    search = rows[f"{base}/search/?q=kushner+kardashian"]
    assert search["robots_allowed"] is False and search["kind"] == "search page"
    assert search["status"] == "robots.txt forbids"
    dropped = {d["endpoint"]: d for d in report["dropped"]}
    assert dropped[f"{base}/sitemap/2019-05.xml"]["reason"] == "out-of-window"


def test_probe_is_polite_and_follows_nothing(chronicle) -> None:  # noqa: ANN001
    served, folder = chronicle
    before = len(served.log)
    run_json(folder)
    fetched = served.log[before:]
    base = served.bases[HOST]
    assert f"{base}/search/?q=kushner+kardashian" not in fetched  # robots.txt forbids it
    assert fetched.count(f"{base}/robots.txt") == 1
    assert f"{base}/sitemap-articles-day~2022-08-02.xml" not in fetched  # a child: not followed
    assert not [u for u in fetched if "/2022/08/" in u or "/politics/" in u]  # no article
    assert all(agent.startswith("newsarchive/") for agent in served.agents)


def test_the_same_endpoints_cannot_reach_a_story_two_years_later(chronicle) -> None:  # noqa: ANN001
    served, folder = chronicle
    base = served.bases[HOST]
    rows = {e["endpoint"]: e for e in run_json(folder, "later.toml")["outlets"][0]["endpoints"]}
    assert rows[f"{base}/news-sitemap.xml"]["reaches_window"] == "no"
    assert rows[f"{base}/sitemap-articles-year~2024.xml"]["status"] == "404 HTTP 404"
    assert f"{base}/sitemap-articles-year~2022.xml" not in rows


def test_probe_table_on_a_pipe(chronicle) -> None:  # noqa: ANN001
    served, folder = chronicle
    result = probe("--story", str(folder / "story.toml"), "--outlets", str(folder / "outlets.toml"))
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    yearly = next(cells for cells in lines if cells[1].endswith("sitemap-articles-year~2022.xml"))
    assert yearly[0] == "chronicle" and yearly[2:6] == ["templated", "sitemap index", "200", "2"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--outlet", "nope"], "no outlet 'nope'"),
        (["--format", "xml"], "--format must be one of table, json"),
        (["--replay", "/nonexistent.warc.gz"], "--replay: no such file"),
        (["--story", "no-such-story"], "no story file or key 'no-such-story'"),
    ],
)
def test_usage_errors_are_one_line(args: list[str], message: str) -> None:
    result = probe(*args)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert message in line and "Traceback" not in result.stderr


def test_probe_replays_the_demo_capture_for_one_outlet() -> None:
    result = probe("--outlet", "dailymail", "--replay", str(DEMO_WARC), "--format", "json")
    assert result.returncode == 0, result.stderr[-2000:]
    rows = {e["endpoint"]: e for e in json.loads(result.stdout)["outlets"][0]["endpoints"]}
    yearly = rows["https://www.dailymail.co.uk/sitemap-articles-year~2022.xml"]
    assert (yearly["source"], yearly["kind"], yearly["status"]) == (
        "templated",
        "sitemap index",
        "200",
    )
    assert yearly["reaches_window"] == "yes"
    assert rows["https://www.dailymail.co.uk/robots.txt"]["entries"] == 30
    table = probe("--outlet", "dailymail", "--replay", str(DEMO_WARC))
    assert table.returncode == 0 and "sitemap-articles-year~2022.xml" in table.stdout
