"""Redis-backed crawls with 3 worker processes against 500 local article pages and PostgreSQL.

Every article page is fetched once across workers (server access logs) and the archive equals a
single-process crawl's; with one worker killed (SIGKILL) mid-way the others finish and the
archive is still the same. Politeness: N workers together keep one outlet's budget.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from archive import models
from tests.fixtures.distributed import site
from tests.fixtures.distributed.workers import (
    NO_DELAYS,
    REDIS_URL,
    crawl_command,
    distributed_cli,
    start,
    wait_all,
    write_config,
)  # fmt: skip
from tests.plugins.db import PG_ADMIN_URL

WORKER_TIMEOUT_S = 420
HANDED_BACK = re.compile(
    r"handed (\d+) requests of a lapsed worker back to the frontier \(worker ([^)]+)\)"
)
pytestmark = [pytest.mark.slow, pytest.mark.redis, pytest.mark.postgres]


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[str, site.ServedOutlet]]:
    """Serve the two synthetic outlets (250 article pages each) on 127.0.0.2 and 127.0.0.3."""
    running = {k: site.serve(site.build_outlet(k), host) for k, host in site.OUTLET_HOSTS.items()}
    yield running
    for served in running.values():
        served.server.close()


@pytest.fixture(scope="module")
def config(servers, tmp_path_factory) -> Path:  # noqa: ANN001
    """Write the story and outlets files; return their folder."""
    folder = tmp_path_factory.mktemp("distributed")
    return write_config(folder, site.outlets_toml(servers), site.STORY_TOML)


@pytest.fixture(scope="module")
def new_db(pg_template: str) -> Iterator:
    """Yield a function returning the URL of a fresh migrated PostgreSQL database."""
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    names: list[str] = []

    def make() -> str:
        name = f"na_dist_{uuid.uuid4().hex[:10]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
        names.append(name)
        return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)

    yield make
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def crawl_id() -> Iterator[str]:
    """Yield a fresh crawl id; delete its Redis keys afterwards."""
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        pytest.skip(f"!!! SKIPPED: Redis at {REDIS_URL} unreachable: {exc} !!!")
    name = f"test-{uuid.uuid4().hex[:10]}"
    yield name
    for key in client.scan_iter(match=f"newsarchive:{name}:*"):
        client.delete(key)


def finish(procs: list[subprocess.Popen[bytes]], logs: list[Path]) -> list[int | None]:
    """Return the workers' exit codes; fail with the log tails when one timed out."""
    codes = wait_all(procs, WORKER_TIMEOUT_S)
    if None in codes:
        pytest.fail("worker timed out:\n" + "\n".join(log.read_text()[-2000:] for log in logs))
    return codes


def article_fetches(servers: dict[str, site.ServedOutlet]) -> dict[str, int]:
    """Return fetch counts of every article page, as "outlet:path"."""
    counts = {}
    for key, served in servers.items():
        fetched = served.server.log.counts(query=False)
        counts.update({f"{key}:{p}": fetched.get(p, 0) for p in served.outlet.articles})
    return counts


def reset_logs(servers: dict[str, site.ServedOutlet]) -> None:
    """Forget earlier requests."""
    for served in servers.values():
        served.server.log.clear()


def snapshot(db_url: str) -> dict[str, object]:
    """Return what a crawl put in the archive, without ids, times or run numbers."""
    engine = create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(select(
            models.Article.url_key, models.Article.outlet, models.Article.story,
            models.Article.title, models.Article.authors, models.Article.published_at,
            models.Article.content_hash, models.Article.word_count, models.Article.status,
            models.Article.version_count, models.Article.cluster_id,
        )).all()  # fmt: skip
        rejected = conn.execute(select(models.Rejection.url_key, models.Rejection.reason)).all()
        versions = conn.execute(select(models.ArticleVersion.article_id)).all()
    engine.dispose()
    clusters: dict[int, set[str]] = {}
    for row in rows:
        clusters.setdefault(row.cluster_id, set()).add(row.url_key)
    return {
        "articles": sorted(tuple(str(v) for v in row[:-1]) for row in rows),
        "clusters": sorted(sorted(members) for members in clusters.values()),
        "rejected": sorted(set(rejected)),
        "versions": len(versions),  # one per article: no half-written article, no extra version
    }


@pytest.fixture(scope="module")
def single_process_db(servers, config, new_db, tmp_path_factory) -> str:  # noqa: ANN001
    """Crawl once in one ordinary process; return the archive's URL."""
    reset_logs(servers)
    db_url = new_db()
    log = tmp_path_factory.mktemp("single") / "crawl.log"
    proc = start(crawl_command(config, db_url, *NO_DELAYS), log)
    assert finish([proc], [log]) == [0], log.read_text()[-3000:]
    assert set(article_fetches(servers).values()) == {1}
    return db_url


@pytest.fixture(scope="module")
def single_process(single_process_db: str) -> dict[str, object]:
    """Return the snapshot of the single-process crawl's archive."""
    result = snapshot(single_process_db)
    assert len(result["articles"]) == 480  # 500 pages less 20 off-topic
    assert len(result["clusters"]) == 470  # beta's 10 syndicated copies join alpha's originals
    return result


def run_workers(config: Path, db_url: str, crawl_id: str, tmp: Path, count: int = 3):  # noqa: ANN201
    """Start ``count`` workers of one crawl; return (processes, logs)."""
    logs = [tmp / f"worker{n}.log" for n in range(count)]
    command = crawl_command(config, db_url, *NO_DELAYS, *distributed_cli(crawl_id, count))
    procs = [start(command, log) for log in logs]
    return procs, logs


def test_three_workers_fetch_each_page_once_and_archive_what_one_process_does(
    servers,
    config,
    new_db,
    single_process,
    crawl_id,
    tmp_path,  # noqa: ANN001
) -> None:
    reset_logs(servers)
    db_url = new_db()
    procs, logs = run_workers(config, db_url, crawl_id, tmp_path)
    assert finish(procs, logs) == [0, 0, 0], [log.read_text()[-2000:] for log in logs]
    fetches = article_fetches(servers)
    assert {page: n for page, n in fetches.items() if n != 1} == {}
    assert snapshot(db_url) == single_process
    assert leftover_leases(crawl_id) == {}
    worked = [log.read_text().count("'newsarchive/distributed/finished'") for log in logs]
    assert all(worked), "every worker took part"
    seeded = sum(log.read_text().count("'newsarchive/distributed/seeded_here': 1") for log in logs)
    assert seeded == 2, "each outlet seeded by exactly one worker"


def leases_held(pid: int, crawl_id: str) -> int:
    """Return how many requests the worker process ``pid`` holds leased in Redis."""
    client = redis.Redis.from_url(REDIS_URL)
    keys = client.keys(f"newsarchive:{crawl_id}:*:inflight:*:{pid}:*")
    return sum(client.hlen(key) for key in keys)


def leftover_leases(crawl_id: str) -> dict[str, int]:
    """Return every non-empty in-flight hash of the crawl with its size (none once it is done)."""
    client = redis.Redis.from_url(REDIS_URL)
    found = {key.decode(): client.hlen(key) for key in client.scan_iter(
        match=f"newsarchive:{crawl_id}:*:inflight:*"
    )}  # fmt: skip
    return {key: size for key, size in found.items() if size}


def handed_back(logs: list[Path]) -> dict[str, int]:
    """Return {lapsed worker id: requests handed back for it} from the survivors' logs."""
    moved: dict[str, int] = {}
    for log in logs:
        for count, worker in HANDED_BACK.findall(log.read_text()):
            moved[worker] = moved.get(worker, 0) + int(count)
    return moved


def kill_while_leasing(proc: subprocess.Popen[bytes], crawl_id: str, servers) -> int:  # noqa: ANN001
    """SIGKILL ``proc`` mid-crawl while it holds leases; return how many it held then.

    The worker is frozen (SIGSTOP) while its leases are counted, so the count is exactly what
    it held when it died; if it holds none at that instant it resumes and the wait goes on.
    """
    deadline = time.monotonic() + WORKER_TIMEOUT_S
    while time.monotonic() < deadline and proc.poll() is None:
        if sum(article_fetches(servers).values()) >= 150 and leases_held(proc.pid, crawl_id):
            os.kill(proc.pid, signal.SIGSTOP)
            if held := leases_held(proc.pid, crawl_id):
                os.kill(proc.pid, signal.SIGKILL)
                return held
            os.kill(proc.pid, signal.SIGCONT)
        time.sleep(0.05)
    pytest.fail("the worker finished (or the wait timed out) before it could be killed")


def test_a_worker_killed_mid_crawl_loses_nothing(
    servers,
    config,
    new_db,
    single_process,
    crawl_id,
    tmp_path,  # noqa: ANN001
) -> None:
    reset_logs(servers)
    db_url = new_db()
    procs, logs = run_workers(config, db_url, crawl_id, tmp_path)
    held = kill_while_leasing(procs[0], crawl_id, servers)
    assert procs[0].wait() == -signal.SIGKILL
    assert finish(procs[1:], logs[1:]) == [0, 0], [log.read_text()[-2000:] for log in logs]
    moved = handed_back(logs[1:])
    from_killed = sum(n for w, n in moved.items() if w.rsplit(":", 2)[1] == str(procs[0].pid))
    assert from_killed == held, f"the killed worker held {held} leases; handed back: {moved}"
    assert leftover_leases(crawl_id) == {}
    fetches = article_fetches(servers)
    assert min(fetches.values()) >= 1
    # Fetched twice: at most what was handed back (the killed worker had not sent them all).
    assert sum(fetches.values()) - len(fetches) <= sum(moved.values())
    assert snapshot(db_url) == single_process


def test_two_workers_share_a_recrawl(
    servers,
    single_process_db,
    single_process,
    crawl_id,
    tmp_path,  # noqa: ANN001
) -> None:
    reset_logs(servers)
    command = [
        sys.executable, "-m", "crawler.cli", "recrawl", "--all", "--db", single_process_db,
        *NO_DELAYS, *distributed_cli(crawl_id, 2),
    ]  # fmt: skip
    logs = [tmp_path / f"recrawl{n}.log" for n in range(2)]
    procs = [start(command, log) for log in logs]
    assert finish(procs, logs) == [0, 0], [log.read_text()[-2000:] for log in logs]
    assert leftover_leases(crawl_id) == {}
    fetches = article_fetches(servers)
    stored = {f"{k}:{p}" for k, s in servers.items() for p in s.outlet.articles} - {
        f"{k}:{p}" for k, s in servers.items() for p in s.outlet.off_topic
    }
    assert {page: fetches[page] for page in stored if fetches[page] != 1} == {}
    assert snapshot(single_process_db) == single_process  # unchanged pages: no new versions
