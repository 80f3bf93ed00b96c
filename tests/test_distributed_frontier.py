"""The shared frontier's atomic operations, the add-on's settings and the shared filter.

Against the real Redis at 127.0.0.1:6379 (each test uses its own crawl id and deletes its keys).
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
import redis
from scrapy import Request, Spider
from scrapy.exceptions import DontCloseSpider
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from crawler import settings as project_settings
from crawler.distributed import DistributedCrawl
from crawler.distributed.coordinator import LEASE_META, WorkerCoordinator
from crawler.distributed.dupefilter import CanonicalDupeFilter
from crawler.distributed.frontier import (
    BUSY,
    CLAIMED,
    DONE,
    PENDING,
    SEEDED,
    SEEDING,
    WAIT,
    Frontier,
)
from crawler.distributed.keys import KEY_ROOT, CrawlKeys, check_crawl_id
from crawler.distributed.settings import default_crawl_id, polite_settings, worker_count

REDIS_URL = "redis://127.0.0.1:6379/0"
pytestmark = pytest.mark.redis


@pytest.fixture
def server() -> Iterator[redis.Redis]:
    """Yield a Redis client (skip when Redis is down)."""
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        pytest.skip(f"!!! SKIPPED: Redis at {REDIS_URL} unreachable: {exc} !!!")
    yield client
    client.close()


@pytest.fixture
def keys(server: redis.Redis) -> Iterator[CrawlKeys]:
    """Yield the keys of a fresh crawl id; delete that crawl's keys (only) afterwards.

    Only this crawl's: other test runs on the same Redis (a distributed crawl of
    ``test_distributed_crawl.py`` in a parallel run) use other ``test-*`` crawl ids, and
    deleting theirs left those workers waiting forever for a frontier that was gone.
    """
    keys = CrawlKeys(f"test-{uuid.uuid4().hex[:10]}", "alpha")
    yield keys
    for key in server.scan_iter(match=f"{KEY_ROOT}:{keys.crawl_id}:*"):
        server.delete(key)


def knobs(**values: object) -> dict[str, object]:
    """Return the project's NEWSARCHIVE_* defaults (crawler/settings.py) with ``values`` on top."""
    defaults = {k: v for k, v in vars(project_settings).items() if k.startswith("NEWSARCHIVE_")}
    return {**defaults, **values}


def worker(server: redis.Redis, keys: CrawlKeys, name: str, lease_s: float = 30) -> Frontier:
    """Return a worker's frontier handle."""
    return Frontier(server, keys, name, lease_s=lease_s, ttl_s=60)


def push(server: redis.Redis, keys: CrawlKeys, data: bytes, priority: int = 0) -> None:
    """Put a serialized request into the frontier, as scrapy-redis's priority queue does."""
    server.zadd(keys.queue, {data: -priority})


def test_pop_leases_the_best_priority_request_and_release_ends_the_lease(server, keys) -> None:
    a = worker(server, keys, "a")
    push(server, keys, b"low", 0)
    push(server, keys, b"high", 10)
    lease_id, data = a.pop()
    assert data == b"high"
    assert server.zcard(keys.queue) == 1 and a.leased() == 1
    assert a.release(lease_id) is True
    assert a.release(lease_id) is False
    assert a.leased() == 0
    assert a.pop()[1] == b"low"
    assert a.pop() is None


def test_state_moves_from_seeding_to_pending_to_busy_to_done(server, keys) -> None:
    a, b = worker(server, keys, "a"), worker(server, keys, "b")
    assert a.state() == SEEDING
    assert a.claim_seeding() == CLAIMED
    push(server, keys, b"seed")
    a.mark_seeded()
    assert b.state() == PENDING
    lease_id, _ = b.pop()
    assert a.state() == BUSY  # b may still discover more: a must not stop
    push(server, keys, b"child")  # b's callback yields a child before b finishes
    b.release(lease_id)
    assert a.state() == PENDING
    lease_id, _ = a.pop()
    a.release(lease_id)
    assert a.state() == DONE
    assert b.state() == DONE
    assert 0 < server.ttl(keys.dupefilter) <= 60 or not server.exists(keys.dupefilter)
    assert 0 < server.ttl(keys.seeded) <= 60


def test_a_lapsed_workers_leases_go_back_to_the_frontier_with_their_priority(server, keys) -> None:
    dead = worker(server, keys, "dead", lease_s=0.2)
    alive = worker(server, keys, "alive")
    push(server, keys, b"listing", 10)
    push(server, keys, b"article", 0)
    dead.pop(), dead.pop()
    alive.heartbeat()
    assert alive.reclaim() == {}  # the lease has not lapsed yet
    time.sleep(0.35)
    assert alive.reclaim() == {"dead": 2}
    assert alive.reclaim() == {}  # handed back once
    assert server.zscore(keys.queue, b"listing") == -10
    assert alive.pop()[1] == b"listing"
    assert not server.exists(keys.inflight("dead"))


def test_a_lapsed_workers_leases_keep_the_crawl_busy_until_reclaimed(server, keys) -> None:
    dead, alive = worker(server, keys, "dead", lease_s=0.2), worker(server, keys, "alive")
    alive.claim_seeding()
    push(server, keys, b"page")
    alive.mark_seeded()
    dead.pop()
    assert alive.state() == BUSY
    time.sleep(0.35)
    assert alive.state() == BUSY  # never done over unfinished leases, lapsed or not
    assert server.hlen(keys.inflight("dead")) == 1  # state() does not move them unreported
    assert alive.reclaim() == {"dead": 1}
    assert alive.state() == PENDING
    lease_id, data = alive.pop()
    assert data == b"page"
    alive.release(lease_id)
    assert alive.state() == DONE
    assert list(server.scan_iter(match=f"{keys.inflight_prefix}*")) == []


def test_an_idle_worker_that_finds_a_lapsed_worker_reports_the_hand_back(
    server, keys, caplog
) -> None:
    class Alpha(Spider):
        name = keys.spider

    crawler = get_crawler(Alpha, knobs(
        NEWSARCHIVE_REDIS_URL=REDIS_URL, NEWSARCHIVE_CRAWL_ID=keys.crawl_id,
    ))  # fmt: skip
    idle = WorkerCoordinator.from_crawler(crawler)
    dead = worker(server, keys, "dead", lease_s=0.2)
    idle.frontier.claim_seeding()
    push(server, keys, b"page")
    idle.frontier.mark_seeded()
    dead.pop()
    with pytest.raises(DontCloseSpider, match="busy"):
        idle.spider_idle(Alpha())
    time.sleep(0.35)
    caplog.set_level(logging.WARNING, logger="crawler.distributed.coordinator")
    with pytest.raises(DontCloseSpider, match="pending"):
        idle.spider_idle(Alpha())
    assert "handed 1 requests of a lapsed worker back to the frontier (worker dead)" in (
        caplog.text
    )
    assert crawler.stats.get_value("newsarchive/distributed/reclaimed") == 1


def test_a_lease_is_released_only_after_the_pipelines_buffered_writes(server, keys) -> None:
    class Alpha(Spider):
        name = keys.spider

    class BufferingPipeline:
        def __init__(self) -> None:
            self.pending = ["off-topic page"]
            self.leases_at_flush: list[int] = []

        def flush(self) -> None:
            self.leases_at_flush.append(coordinator.frontier.leased())
            self.pending = []

    class ScraperSlot:
        def finish_response(self, result: object, request: Request) -> None:
            pass

    pipeline = BufferingPipeline()
    crawler = get_crawler(Alpha, knobs(
        NEWSARCHIVE_REDIS_URL=REDIS_URL, NEWSARCHIVE_CRAWL_ID=keys.crawl_id,
    ))  # fmt: skip
    engine = SimpleNamespace(
        scraper=SimpleNamespace(slot=ScraperSlot()), _SLOT_HEARTBEAT_INTERVAL=5.0
    )
    coordinator = WorkerCoordinator.from_crawler(crawler)
    coordinator.attach(engine, [object(), pipeline])
    push(server, keys, b"page")
    lease_id, _ = coordinator.frontier.pop()
    request = Request("http://127.0.0.2/page", meta={LEASE_META: lease_id})
    engine.scraper.slot.finish_response(None, request)
    assert pipeline.leases_at_flush == [1]  # written while the lease was still held
    assert pipeline.pending == [] and coordinator.frontier.leased() == 0


def test_finishing_work_renews_the_workers_lease(server, keys) -> None:
    busy, other = worker(server, keys, "busy", lease_s=0.4), worker(server, keys, "other")
    for n in range(3):
        push(server, keys, f"page{n}".encode())
    held, _ = busy.pop()
    for _ in range(3):  # 0.6 s in all, but each finished request renews the lease
        time.sleep(0.2)
        busy.release(held)
        if (leased := busy.pop()) is not None:
            held = leased[0]
    assert other.reclaim() == {}


def test_leave_hands_back_every_lease(server, keys) -> None:
    a = worker(server, keys, "a")
    for n in range(4):
        push(server, keys, f"page{n}".encode())
    for _ in range(3):
        a.pop()
    assert a.leave() == 3
    assert server.zcard(keys.queue) == 4
    assert server.zscore(keys.workers, "a") is None


def test_exactly_one_of_many_racing_workers_wins_the_seed_claim(server, keys) -> None:
    verdicts: list[str] = []
    barrier = threading.Barrier(8)

    def race(name: str) -> None:
        frontier = worker(redis.Redis.from_url(REDIS_URL), keys, name)
        barrier.wait()
        verdicts.append(frontier.claim_seeding())

    threads = [threading.Thread(target=race, args=(f"w{n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(verdicts) == [CLAIMED] + [WAIT] * 7


def test_a_lapsed_seed_claim_passes_to_another_worker(server, keys) -> None:
    first, second = worker(server, keys, "first", lease_s=0.2), worker(server, keys, "second")
    assert first.claim_seeding() == CLAIMED
    assert first.claim_seeding() == CLAIMED  # re-entrant for its holder
    assert second.claim_seeding() == WAIT
    time.sleep(0.3)
    assert second.claim_seeding() == CLAIMED
    second.mark_seeded()
    assert first.claim_seeding() == SEEDED


def test_heartbeat_counts_live_workers(server, keys) -> None:
    a, b = worker(server, keys, "a"), worker(server, keys, "b", lease_s=0.1)
    b.heartbeat()
    assert a.heartbeat() == 2
    time.sleep(0.2)
    assert a.heartbeat() == 1


# -- settings -----------------------------------------------------------------------------------


def test_politeness_budget_is_divided_among_workers() -> None:
    settings = Settings({
        "CONCURRENT_REQUESTS_PER_DOMAIN": 4, "CONCURRENT_REQUESTS_PER_IP": 0,
        "DOWNLOAD_DELAY": 0.5, "AUTOTHROTTLE_START_DELAY": 1.0, "AUTOTHROTTLE_MAX_DELAY": 30,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.5,
    })  # fmt: skip
    shares = polite_settings(settings, 3)
    assert shares == {
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1, "CONCURRENT_REQUESTS_PER_IP": 0,
        "DOWNLOAD_DELAY": 1.5, "AUTOTHROTTLE_START_DELAY": 3.0, "AUTOTHROTTLE_MAX_DELAY": 90.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 0.5,
    }  # fmt: skip
    assert polite_settings(settings, 2)["CONCURRENT_REQUESTS_PER_DOMAIN"] == 2


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_a_bad_worker_count_names_the_setting(value: str) -> None:
    with pytest.raises(ValueError, match="NEWSARCHIVE_WORKERS"):
        worker_count(Settings({"NEWSARCHIVE_WORKERS": value}))


def test_default_crawl_id_is_the_story_and_utc_day() -> None:
    day = datetime(2024, 5, 6, 23, 30, tzinfo=UTC)
    assert default_crawl_id("crawler/stories/kushner memoir.toml", day) == "kushner-memoir-20240506"
    assert default_crawl_id(None, day) == "default-20240506"
    with pytest.raises(ValueError, match="crawl id"):
        check_crawl_id("bad id with spaces")


def _addon_settings(**values: object) -> Settings:
    """Return project settings with the add-on applied."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.update(values, priority="cmdline")
    DistributedCrawl().update_settings(settings)
    return settings


def test_addon_does_nothing_without_a_redis_url() -> None:
    settings = _addon_settings()
    assert settings.get("SCHEDULER") == "scrapy.core.scheduler.Scheduler"
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 2


def test_addon_swaps_in_the_shared_scheduler_and_divides_the_budget() -> None:
    settings = _addon_settings(
        NEWSARCHIVE_REDIS_URL=REDIS_URL, NEWSARCHIVE_WORKERS="2", DOWNLOAD_DELAY="0.25",
        NEWSARCHIVE_STORY="kushner-memoir",
    )  # fmt: skip
    assert settings.get("SCHEDULER").endswith("DistributedScheduler")
    assert settings.get("DUPEFILTER_CLASS").endswith("CanonicalDupeFilter")
    assert settings.getbool("SCHEDULER_PERSIST") is True
    assert settings.get("NEWSARCHIVE_CRAWL_ID").startswith("kushner-memoir-")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 1
    assert settings.getfloat("DOWNLOAD_DELAY") == 0.5  # the command line's 0.25, for two
    extensions = settings.getdict("EXTENSIONS")
    assert any(getattr(k, "__name__", k) == "WorkerCoordinator" for k in extensions)


def test_addon_rejects_a_bad_crawl_id_naming_the_setting() -> None:
    with pytest.raises(ValueError, match="NEWSARCHIVE_CRAWL_ID"):
        _addon_settings(NEWSARCHIVE_REDIS_URL=REDIS_URL, NEWSARCHIVE_CRAWL_ID="a b")


def test_shared_filter_treats_url_variants_as_one_request(server, keys) -> None:
    crawler = get_crawler(settings_dict={
        "REQUEST_FINGERPRINTER_CLASS": "crawler.fingerprint.CanonicalUrlFingerprinter",
    })  # fmt: skip
    other_worker = get_crawler(settings_dict={
        "REQUEST_FINGERPRINTER_CLASS": "crawler.fingerprint.CanonicalUrlFingerprinter",
    })  # fmt: skip
    first = CanonicalDupeFilter(server, keys.dupefilter, crawler.request_fingerprinter)
    second = CanonicalDupeFilter(server, keys.dupefilter, other_worker.request_fingerprinter)
    assert first.request_seen(Request("https://www.example.com/news/a-story/")) is False
    assert second.request_seen(Request("https://example.com/news/a-story?utm_source=x")) is True
    assert second.request_seen(Request("https://example.com/news/another-story")) is False
