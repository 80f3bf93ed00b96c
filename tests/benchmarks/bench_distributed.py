"""Benchmark: pages/s of a Redis-backed crawl with 1, 2 and 3 workers on this machine.

Serves the synthetic outlets (tests/fixtures/distributed: 2 x 250 article pages) on 127.0.0.x,
archives into a fresh PostgreSQL database per run, and times from the workers' start to the
last worker's exit (process start-up included, as a researcher would see it). Also a plain
single-process crawl (no Redis) for reference.

    /work/venv/bin/python tests/benchmarks/bench_distributed.py [--quick] [--workers 1 2 3]

``--quick`` crawls one outlet of 100 pages.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path

import redis
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from archive import Archive  # noqa: E402
from tests.fixtures.distributed import site  # noqa: E402
from tests.fixtures.distributed.workers import (  # noqa: E402
    NO_DELAYS,
    REDIS_URL,
    crawl_command,
    distributed,
    start,
    wait_all,
    write_config,
)  # fmt: skip
from tests.plugins.db import PG_ADMIN_URL  # noqa: E402


def fresh_database(admin) -> str:  # noqa: ANN001
    """Return the URL of a new, migrated PostgreSQL database."""
    name = f"na_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    Archive(url).dispose()  # migrate once, before workers race to
    return url


def run(config: Path, db_url: str, workers: int, tmp: Path) -> tuple[float, list[int | None]]:
    """Crawl with ``workers`` processes (0 = plain single process); return (seconds, codes)."""
    extra = [*NO_DELAYS, "-s", "LOG_LEVEL=WARNING"]
    if workers:
        crawl_id = f"bench-{uuid.uuid4().hex[:8]}"
        extra += distributed(crawl_id, workers)
    logs = [tmp / f"w{workers}-{n}.log" for n in range(max(workers, 1))]
    began = time.perf_counter()
    procs = [start(crawl_command(config, db_url, *extra), log) for log in logs]
    codes = wait_all(procs, 900)
    elapsed = time.perf_counter() - began
    if workers:
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(match=f"newsarchive:{crawl_id}:*"):
            client.delete(key)
    return elapsed, codes


def main() -> None:
    """Print pages/s for each worker count."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one outlet of 100 pages")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    hosts = {"alpha": site.OUTLET_HOSTS["alpha"]} if args.quick else site.OUTLET_HOSTS
    count = 100 if args.quick else 250
    servers = {k: site.serve(site.build_outlet(k, count=count), h) for k, h in hosts.items()}
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    databases: list[str] = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            tmp = Path(folder)
            config = write_config(tmp, site.outlets_toml(servers), site.STORY_TOML)
            pages = sum(len(s.outlet.articles) for s in servers.values())
            print(f"{pages} article pages, {len(servers)} outlet(s), PostgreSQL archive")
            print(f"{'workers':>12} {'seconds':>8} {'pages/s':>8} {'fetches':>8}  exit codes")
            for workers in [0, *args.workers]:
                for served in servers.values():
                    served.server.log.clear()
                databases.append(fresh_database(admin))
                elapsed, codes = run(config, databases[-1], workers, tmp)
                fetched = sum(len(s.server.log) for s in servers.values())
                label = "plain 1" if workers == 0 else f"redis {workers}"
                print(f"{label:>12} {elapsed:8.1f} {pages / elapsed:8.2f} {fetched:8d}  {codes}")
    finally:
        for served in servers.values():
            served.server.close()
        with admin.connect() as conn:
            for name in databases:
                db = make_url(name).database
                conn.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
