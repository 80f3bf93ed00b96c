"""Benchmark: dedup cost per inserted article as the archive grows (SQLite and PostgreSQL).

For each archive size N the database is filled in bulk with N synthetic articles (rows, one
singleton cluster each, and BANDS random band hashes each, as unrelated texts produce), then
probe articles (synthetic ~300-word texts, a fifth of them near copies of earlier probes) are
stored through the real ``store_article`` path. Reported per probe: the time and number of SQL
statements spent in ``assign_cluster`` (dedup), the whole store, and the dedup index size per
article (``dedup_bands`` with its indexes, plus the cluster row).

    /work/venv/bin/python tests/benchmarks/bench_dedup.py --quick          # 10k, 100k
    /work/venv/bin/python tests/benchmarks/bench_dedup.py --sizes 10000,100000,1000000
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from archive import Archive  # noqa: E402
from archive.dedup import clusters, settings  # noqa: E402
from archive.schema import Article  # noqa: E402

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
VOCABULARY = [f"w{i}" for i in range(20_000)]
CHUNK = 50_000
T0 = datetime(2022, 1, 1, tzinfo=timezone.utc)


def synthetic_text(rng: random.Random, words: int = 300) -> str:
    """Return a random text of ``words`` words split into paragraphs."""
    tokens = rng.choices(VOCABULARY, k=words)
    return "\n\n".join(" ".join(tokens[i : i + 60]) for i in range(0, words, 60))


def near_copy(rng: random.Random, body: str) -> str:
    """Return ``body`` with page furniture and one new paragraph (Jaccard about 0.7-0.8)."""
    return "Advertisement\n\n" + body + "\n\n" + synthetic_text(rng, 40) + "\n\nRead more"


@contextmanager
def fresh_database(kind: str) -> Any:
    """Yield the URL of an empty database of ``kind``; remove it afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
            yield f"sqlite:///{tmp}/bench.db"
        return
    name = f"bench_dedup_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _article_rows(start: int, stop: int) -> list[tuple]:
    """Return bulk article rows (id, url_key, url, content_hash, cluster_id, first_seen_at)."""
    seen = T0.strftime("%Y-%m-%d %H:%M:%S.%f")
    return [
        (i, uuid.uuid4().hex * 2, f"https://bulk.test/{i}", uuid.uuid4().hex * 2, i, seen)
        for i in range(start, stop)
    ]


def _band_rows(rng: np.random.Generator, start: int, stop: int) -> list[tuple[int, int, int]]:
    """Return random band rows (hash, band, article_id) for articles start..stop-1."""
    ids = np.repeat(np.arange(start, stop, dtype=np.int64), settings.BANDS)
    bands = np.tile(np.arange(settings.BANDS, dtype=np.int64), stop - start)
    hashes = rng.integers(-(2**63), 2**63 - 1, size=len(ids), dtype=np.int64)
    return list(zip(hashes.tolist(), bands.tolist(), ids.tolist(), strict=True))


def fill_sqlite(archive: Archive, n: int) -> None:
    """Insert ``n`` bulk articles, clusters and band rows into SQLite."""
    conn = archive.write_engine.raw_connection()
    cur = conn.cursor()
    cur.execute("PRAGMA foreign_keys = OFF")
    cur.execute("PRAGMA synchronous = OFF")
    rng = np.random.default_rng(1)
    seen = T0.strftime("%Y-%m-%d %H:%M:%S.%f")
    for start in range(1, n + 1, CHUNK):
        stop = min(n + 1, start + CHUNK)
        cur.execute("BEGIN")
        cur.executemany(
            "INSERT INTO clusters (id, original_id, size, created_at) VALUES (?, ?, 1, ?)",
            [(i, i, seen) for i in range(start, stop)],
        )
        cur.executemany(
            "INSERT INTO articles (id, url_key, url, content_hash, cluster_id, first_seen_at, "
            "last_checked_at, last_changed_at, authors, tags, matched_terms, provenance, "
            "version_count, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', '[]', '[]', '{}', 1, "
            "'live')",
            [(*r, r[-1], r[-1]) for r in _article_rows(start, stop)],
        )
        cur.executemany(
            "INSERT INTO dedup_bands (hash, band, article_id) VALUES (?, ?, ?)",
            _band_rows(rng, start, stop),
        )
        cur.execute("COMMIT")
    cur.execute("ANALYZE")
    conn.close()


def fill_postgres(archive: Archive, n: int) -> None:
    """COPY ``n`` bulk articles, clusters and band rows into PostgreSQL."""
    conn = archive.engine.raw_connection()
    driver = conn.driver_connection
    rng = np.random.default_rng(1)
    with driver.cursor() as cur:
        cur.execute("SET session_replication_role = replica")  # skip FK triggers while loading
        for start in range(1, n + 1, CHUNK):
            stop = min(n + 1, start + CHUNK)
            rows = _article_rows(start, stop)
            _copy(
                cur,
                "clusters (id, original_id, size, created_at)",
                [(r[0], r[0], 1, r[-1]) for r in rows],
            )
            _copy(
                cur,
                "articles (id, url_key, url, content_hash, cluster_id, first_seen_at, "
                "last_checked_at, last_changed_at, authors, tags, matched_terms, provenance, "
                "version_count, status)",
                [(*r, r[-1], r[-1], "[]", "[]", "[]", "{}", 1, "live") for r in rows],
            )
            _copy(cur, "dedup_bands (hash, band, article_id)", _band_rows(rng, start, stop))
        for table in ("clusters", "articles"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {n + 1})")
        cur.execute("SET session_replication_role = DEFAULT")
    driver.commit()
    with driver.cursor() as cur:
        driver.autocommit = True
        cur.execute("VACUUM ANALYZE")
    conn.close()


def _copy(cur: Any, target: str, rows: list[tuple]) -> None:
    """COPY rows into ``target`` (a table with its column list)."""
    with cur.copy(f"COPY {target} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


class DedupMeter:
    """Times ``assign_cluster`` and counts the SQL statements it runs."""

    def __init__(self, archive: Archive) -> None:
        self.times_ms: list[float] = []
        self.queries: list[int] = []
        self._counting = False
        self._count = 0
        self._original = clusters.assign_cluster
        event.listen(archive.write_engine, "before_cursor_execute", self._on_execute)

    def _on_execute(self, *_args: Any) -> None:
        if self._counting:
            self._count += 1

    def __enter__(self) -> DedupMeter:
        def measured(session: Any, article: Any) -> None:
            self._counting, self._count = True, 0
            start = time.perf_counter()
            try:
                self._original(session, article)
            finally:
                self.times_ms.append((time.perf_counter() - start) * 1000)
                self.queries.append(self._count)
                self._counting = False

        clusters.assign_cluster = measured
        return self

    def __exit__(self, *_exc: object) -> None:
        clusters.assign_cluster = self._original


def probe(archive: Archive, probes: int) -> dict[str, float]:
    """Store ``probes`` synthetic articles; return dedup and store cost figures."""
    rng = random.Random(7)
    bodies: list[str] = []
    store_ms = []
    with DedupMeter(archive) as meter:
        for i in range(probes):
            copy = bodies and i % 5 == 4
            body = near_copy(rng, rng.choice(bodies)) if copy else synthetic_text(rng)
            bodies.append(body)
            article = Article(
                url=f"https://probe.test/{uuid.uuid4().hex}",
                body=body,
                published_at=T0 + timedelta(days=1, minutes=i),
            )
            start = time.perf_counter()
            archive.store(article)
            store_ms.append((time.perf_counter() - start) * 1000)
    warm = slice(5, None)  # skip connection warm-up
    return {
        "dedup_ms": statistics.median(meter.times_ms[warm]),
        "dedup_p90_ms": float(np.percentile(meter.times_ms[warm], 90)),
        "queries": statistics.median(meter.queries[warm]),
        "store_ms": statistics.median(store_ms[warm]),
    }


def dedup_bytes(archive: Archive) -> tuple[int, int]:
    """Return (dedup index bytes, whole database bytes)."""
    with archive.engine.connect() as conn:
        if archive.dialect == "sqlite":
            rows = dict(
                conn.execute(text("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"))
                .tuples()
                .all()
            )
            index = sum(v for k, v in rows.items() if "dedup_bands" in k)
            return index, sum(rows.values())
        index = conn.scalar(text("SELECT pg_total_relation_size('dedup_bands')"))
        total = conn.scalar(text("SELECT pg_database_size(current_database())"))
        return int(index), int(total)


def run(kind: str, size: int, probes: int) -> None:
    """Fill a fresh database of ``kind`` with ``size`` articles, probe it, print one line."""
    with fresh_database(kind) as url:
        archive = Archive(url)
        start = time.perf_counter()
        (fill_sqlite if kind == "sqlite" else fill_postgres)(archive, size)
        fill_s = time.perf_counter() - start
        figures = probe(archive, probes)
        index, total = dedup_bytes(archive)
        archive.dispose()
    print(
        f"{kind:10} {size:>9,} | dedup {figures['dedup_ms']:6.2f} ms (p90 "
        f"{figures['dedup_p90_ms']:6.2f}) {figures['queries']:4.0f} queries | store "
        f"{figures['store_ms']:6.2f} ms | bands {index / size:6.0f} B/article | db "
        f"{total / size:6.0f} B/article (bodiless bulk rows) | fill {fill_s:6.1f} s",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k only, fewer probes")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--probes", type=int, default=0)
    args = parser.parse_args()
    sizes = [10_000, 100_000] if args.quick else [int(s) for s in args.sizes.split(",")]
    probes = args.probes or (60 if args.quick else 200)
    kinds = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    print(
        f"settings: {settings.BANDS} bands x {settings.ROWS} rows, shingles of "
        f"{settings.SHINGLE_WORDS} words, threshold {settings.JACCARD_THRESHOLD}; "
        f"{probes} probes per size (medians)"
    )
    for kind in kinds:
        for size in sizes:
            run(kind, size, probes)


if __name__ == "__main__":
    main()
