"""1,000 article pages behind 30% transient faults: every relevant article stored exactly once.

Four outlets on 127.0.0.2-5 serve 250 synthetic pages each through the fault-injecting server
(500, 502, 503, 429 + Retry-After, resets, timeouts, truncated bodies, wrong Content-Length,
slow drips; at most two faults per path). The crawl runs once (module fixture) in a subprocess.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from archive import Archive, models
from tests.faults import STORY_TOML, SyntheticSite, serve
from tests.faults.crawl import CrawlProcess, crawl_command, run_process
from tests.faults.site import outlets_toml
from tests.mockserver import RETRYABLE, FaultPlan, MockServer

pytestmark = pytest.mark.slow

HOSTS, PAGES_PER_HOST, FAULT_RATE, SEED = 4, 250, 0.3, 8
DOWNLOAD_TIMEOUT_S = 5
#: Two faults at most per path (the plan) + two spare attempts for a loaded CI machine.
RETRY_TIMES = 4


@pytest.fixture(scope="module")
def faulted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """Crawl four faulty outlets once; yield servers, sites, archive and the process result."""
    tmp: Path = tmp_path_factory.mktemp("faults")
    servers: dict[str, MockServer] = {}
    sites: dict[str, SyntheticSite] = {}
    for i in range(HOSTS):
        site = SyntheticSite(PAGES_PER_HOST, seed=SEED + i)
        plan = FaultPlan(
            seed=SEED + i, rate=FAULT_RATE, retry_after_s=(1, 2), hold_s=DOWNLOAD_TIMEOUT_S + 1
        )
        key = f"gazette{i}"
        sites[key] = site
        servers[key] = serve(site, f"127.0.0.{i + 2}", plan)
    (tmp / "story.toml").write_text(STORY_TOML)
    (tmp / "outlets.toml").write_text(outlets_toml({k: s.base for k, s in servers.items()}))
    db_url = f"sqlite:///{tmp / 'archive.db'}"
    settings = (
        f"DOWNLOAD_TIMEOUT={DOWNLOAD_TIMEOUT_S}",
        f"RETRY_TIMES={RETRY_TIMES}",
        "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    )
    result = run_process(
        crawl_command(tmp / "story.toml", tmp / "outlets.toml", db_url, settings), timeout_s=900
    )
    for server in servers.values():
        server.close()
    archive = Archive(db_url)
    yield {"servers": servers, "sites": sites, "archive": archive, "result": result}
    archive.dispose()


def _report(faulted: dict) -> str:
    """Return the figures of the run (printed with -s; asserted on elsewhere)."""
    result: CrawlProcess = faulted["result"]
    faults = sum((s.log.faults() for s in faulted["servers"].values()), Counter())
    requests = sum(len(s.log) for s in faulted["servers"].values())
    return (
        f"pages={HOSTS * PAGES_PER_HOST} requests={requests} faults={sum(faults.values())} "
        f"{dict(faults)} wall={result.wall_s:.0f}s peak_rss={result.peak_rss_mb:.0f}MB"
    )


def _last_run(archive: Archive) -> models.CrawlRun:
    with archive.session() as session:
        return session.scalars(select(models.CrawlRun).order_by(models.CrawlRun.id.desc())).first()


def test_the_crawl_finishes_cleanly(faulted: dict) -> None:
    result: CrawlProcess = faulted["result"]
    print(_report(faulted))
    assert result.returncode == 0, result.stderr[-3000:]
    assert _last_run(faulted["archive"]).status == "finished"


def test_faults_of_every_kind_were_injected(faulted: dict) -> None:
    faults = sum((s.log.faults() for s in faulted["servers"].values()), Counter())
    assert set(faults) == set(FaultPlan().kinds)
    paths = sum(len(s.article_paths()) for s in faulted["sites"].values())
    faulted_paths = sum(
        1
        for key, site in faulted["sites"].items()
        for path in site.article_paths()
        if faulted["servers"][key].site().faults.faults_for(path)
    )
    assert 0.25 <= faulted_paths / paths <= 0.35


def test_every_relevant_article_is_stored_exactly_once(faulted: dict) -> None:
    with faulted["archive"].session() as session:
        rows = session.execute(select(models.Article.url, models.Article.version_count)).all()
        versions = session.scalar(select(func.count()).select_from(models.ArticleVersion))
    stored = Counter((urlsplit(url).hostname, urlsplit(url).path) for url, _ in rows)
    expected = {
        (f"127.0.0.{i + 2}", path)
        for i, site in enumerate(faulted["sites"].values())
        for path in site.relevant_paths()
    }
    assert set(stored) == expected
    assert max(stored.values()) == 1, "an article was stored twice"
    assert all(count == 1 for _, count in rows) and versions == len(rows)


def test_off_topic_pages_are_rejected_with_their_reason(faulted: dict) -> None:
    with faulted["archive"].session() as session:
        rejected = Counter(session.scalars(select(models.Rejection.reason)))
    off_topic = sum(
        len(site.article_paths()) - len(site.relevant_paths()) for site in faulted["sites"].values()
    )
    assert rejected == {"off-topic": off_topic}


def test_run_stats_count_every_retry(faulted: dict) -> None:
    stats = _last_run(faulted["archive"]).stats
    requests = sum(len(s.log) for s in faulted["servers"].values())
    distinct = sum(len(s.log.counts()) for s in faulted["servers"].values())
    retryable = sum(
        n
        for server in faulted["servers"].values()
        for kind, n in server.log.faults().items()
        if kind in RETRYABLE
    )
    # Every request beyond the first for a path is a retry the crawler counted.
    assert stats["retry/count"] == requests - distinct
    assert stats["retry/count"] >= retryable
    assert stats.get("retry/max_reached", 0) == 0


def test_retry_after_is_honoured_for_the_retried_url(faulted: dict) -> None:
    checked = 0
    for server in faulted["servers"].values():
        by_path: dict[str, list] = {}
        for entry in server.log:
            by_path.setdefault(entry.path, []).append(entry)
        for entries in by_path.values():
            for earlier, later in zip(entries, entries[1:], strict=False):
                if earlier.retry_after_s:
                    checked += 1
                    assert later.start_s >= earlier.start_s + earlier.retry_after_s, (
                        earlier,
                        later,
                    )
    assert checked > 0
    stats = _last_run(faulted["archive"]).stats
    assert stats["newsarchive/retry_after/received"] >= checked
