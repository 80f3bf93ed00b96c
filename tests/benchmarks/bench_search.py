"""Search latency by query size: 1-, 10- and 100-term queries, SQLite and PostgreSQL.

Usage: python tests/benchmarks/bench_search.py [--rows 100000] [--repeat 5] [--db both|sqlite|pg]

Median wall time of ``Archive.search(query, limit=50)`` (articles, scores and snippets) at N
synthetic articles bulk-loaded as in ``bench_archive.py`` (~240 invented words each; every
vocabulary word is in about half the articles, ``kardashian`` in 1%). Each size is measured as
implicit AND (all terms must occur: few or no matches) and as OR (any term: nearly every
article matches and is ranked), the two ends of what a query of that size costs.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from archive import Archive  # noqa: E402
from tests.benchmarks.bench_archive import bulk_load, drop_pg, fresh_urls  # noqa: E402
from tests.factories import body_text  # noqa: E402


def vocabulary(n: int) -> list[str]:
    """Return n distinct words of the synthetic articles' vocabulary, in a fixed order."""
    words: list[str] = []
    seed = 0
    while len(words) < n:
        for word in re.findall(r"[a-z]+", body_text(seed, paragraphs=4, words=80).lower()):
            if word not in words and not word.startswith("marker") and len(word) > 3:
                words.append(word)
        seed += 1
    return words[:n]


def queries() -> list[tuple[str, str]]:
    """Return (label, query) pairs: 1, 10 and 100 terms, AND and OR."""
    words = vocabulary(100)
    return [
        ("1 term, rare (1%)", "kardashian"),
        ("1 term, common (~50%)", words[0]),
        ("10 terms AND", " ".join(words[:10])),
        ("10 terms OR", " OR ".join(words[:10])),
        ("100 terms AND", " ".join(words)),
        ("100 terms OR", " OR ".join(words)),
    ]


def median_ms(archive: Archive, query: str, repeat: int) -> tuple[float, int]:
    """Return the median wall time of a search in ms (after one warm-up) and its hit count."""
    hits = len(archive.search(query, limit=50))
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        archive.search(query, limit=50)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), hits


def bench(url: str, rows: int, repeat: int) -> list[tuple[str, float, int]]:
    """Return (label, median ms, hits) per query on a fresh archive of ``rows`` articles."""
    archive = Archive(url)
    start = time.perf_counter()
    bulk_load(archive, rows)
    if archive.dialect == "postgresql":
        with archive.engine.begin() as conn:
            conn.execute(text("ANALYZE articles"))
    print(f"{archive.dialect:10s} loaded {rows} articles in {time.perf_counter() - start:.0f} s")
    out = [(label, *median_ms(archive, q, repeat)) for label, q in queries()]
    archive.dispose()
    return out


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", choices=["both", "sqlite", "pg"], default="both")
    args = parser.parse_args()
    backends = {"both": ["sqlite", "postgresql"], "sqlite": ["sqlite"], "pg": ["postgresql"]}[
        args.db
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for backend in backends:
            urls = fresh_urls(Path(tmp))
            try:
                for label, ms, hits in bench(urls[backend], args.rows, args.repeat):
                    print(f"{backend:10s} search@{args.rows} {label:24s} {ms:9.1f} ms  {hits} hits")
            finally:
                drop_pg(urls["postgresql"])


if __name__ == "__main__":
    main()
