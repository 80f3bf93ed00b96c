"""Politeness across workers: 3 workers together keep the per-domain budget of one process.

With ``NEWSARCHIVE_WORKERS=3`` each worker takes a third of the budget (delay x 3, per-domain
concurrency 2 // 3 -> 1), so the outlet's access log shows no more requests in any window than
three workers at the divided delay can send, and at most one request in flight per worker.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.fixtures.distributed import site
from tests.fixtures.distributed.workers import (
    REDIS_URL,
    crawl_command,
    distributed,
    start,
    wait_all,
    write_config,
)  # fmt: skip

WORKERS = 3
DELAY_S = 0.3  # the outlet's delay for one process
WINDOW_S = 1.8
pytestmark = [pytest.mark.slow, pytest.mark.redis]


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


def max_in_window(starts: list[float], window_s: float) -> int:
    """Return the most requests that started within any ``window_s`` seconds."""
    starts = sorted(starts)
    best, first = 0, 0
    for last, moment in enumerate(starts):
        while moment - starts[first] >= window_s:
            first += 1
        best = max(best, last - first + 1)
    return best


def max_concurrent(spans: list[tuple[float, float]]) -> int:
    """Return the most requests the server was handling at one time."""
    events = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
    best = current = 0
    for _, step in events:
        current += step
        best = max(best, current)
    return best


def test_max_in_window_and_concurrency_helpers() -> None:
    assert max_in_window([0.0, 0.1, 0.2, 2.0, 2.1], 1.0) == 3
    assert max_concurrent([(0, 2), (1, 3), (2.5, 4), (5, 6)]) == 2


def test_three_workers_share_one_outlets_budget(crawl_id: str, tmp_path: Path) -> None:
    served = site.serve(site.build_outlet("gamma", count=24), "127.0.0.4", latency_s=0.05)
    try:
        config = write_config(tmp_path, site.outlets_toml({"gamma": served}), site.STORY_TOML)
        options = [
            "-s", f"DOWNLOAD_DELAY={DELAY_S}", "-s", "RANDOMIZE_DOWNLOAD_DELAY=0",
            "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2",
            *distributed(crawl_id, WORKERS),
        ]  # fmt: skip
        # One SQLite file per worker: this test is about the outlet's view, not the archive.
        logs = [tmp_path / f"worker{n}.log" for n in range(WORKERS)]
        procs = [
            start(crawl_command(config, f"sqlite:///{tmp_path}/w{n}.db", *options), log)
            for n, log in enumerate(logs)
        ]
        assert wait_all(procs, 300) == [0] * WORKERS, [log.read_text()[-2000:] for log in logs]
        spans = [(hit.start_s, hit.end_s) for hit in served.server.log]
    finally:
        served.server.close()
    assert len(spans) >= 24 + 2  # articles, sitemap index and child, robots.txt per worker
    per_worker_delay = DELAY_S * WORKERS
    allowed = WORKERS * (int(WINDOW_S / per_worker_delay) + 1)  # 9; undivided it would be 21
    assert max_in_window([begin for begin, _ in spans], WINDOW_S) <= allowed
    assert max_concurrent(spans) <= WORKERS
