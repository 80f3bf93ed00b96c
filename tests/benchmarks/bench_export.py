"""Export benchmark: throughput and peak memory per format, and search latency, at 100k articles.

Usage: python tests/benchmarks/bench_export.py [--rows N] [--quick] [--backend sqlite|postgresql]

* export: for each backend and format (jsonl, csv, parquet), a child process exports every
  article to a file; we report rows/s, the file size and the child's peak RSS, next to its RSS
  just before exporting (imports and an open archive), so the export's own memory shows;
* search: median latency of ``Archive.search`` against the raw FTS5 / tsvector query on the
  same rows (helpers from bench_archive.py).

Rows are bulk-loaded with Core (no dedup) so setup stays quick; --quick uses 10,000 rows.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from archive import Archive  # noqa: E402
from tests.benchmarks.bench_archive import (  # noqa: E402
    QUERIES,
    bulk_load,
    drop_pg,
    fresh_urls,
    median_ms,
    raw_query,
)

FORMATS = ("jsonl", "csv", "parquet")


def _rss_mb() -> float:
    """Return this process's peak resident set size so far, in MB (Linux: ru_maxrss is KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(url: str, fmt: str, out: str) -> None:
    """Export in this (child) process and print timing and memory as JSON."""
    archive = Archive(url, migrate_schema=False)
    import pyarrow.parquet  # noqa: F401  (count the import in the baseline, not the export)

    baseline = _rss_mb()
    start = time.perf_counter()
    result = archive.export(fmt, out)
    seconds = time.perf_counter() - start
    archive.dispose()
    print(json.dumps({"seconds": seconds, "rows": result.rows(), "baseline_mb": baseline,
                      "peak_mb": _rss_mb(), "bytes": Path(out).stat().st_size}))  # fmt: skip


def bench_export(url: str, tmp: Path) -> list[dict]:
    """Return one measurement per format, each exported by a fresh child process."""
    results = []
    for fmt in FORMATS:
        out = tmp / f"export.{fmt}"
        proc = subprocess.run(
            [sys.executable, __file__, "--child", url, fmt, str(out)],
            capture_output=True,
            text=True,
            check=True,
        )
        results.append({"format": fmt, **json.loads(proc.stdout.strip().splitlines()[-1])})
        out.unlink()
    return results


def bench_search(archive: Archive) -> list[tuple[str, float, float]]:
    """Return (query, ours ms, raw ms) for the benchmark queries."""
    out = []
    for q in QUERIES:
        ours = median_ms(lambda q=q: archive.search(q, limit=50))
        raw = median_ms(lambda q=q: raw_query(archive, q))
        out.append((q, ours, raw))
    return out


def run_backend(backend: str, rows: int, tmp: Path) -> None:
    """Load rows into a fresh database of ``backend`` and print its figures."""
    urls = fresh_urls(tmp)
    url = urls[backend]
    try:
        archive = Archive(url)
        start = time.perf_counter()
        bulk_load(archive, rows)
        if archive.dialect == "postgresql":
            with archive.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE articles")
        print(f"{backend:10s} loaded {rows} articles in {time.perf_counter() - start:.0f} s")
        for r in bench_export(url, tmp):
            print(
                f"{backend:10s} export {r['format']:8s} {r['rows']} rows: "
                f"{r['rows'] / r['seconds']:8.0f} rows/s  {r['seconds']:6.1f} s  "
                f"file {r['bytes'] / 1e6:7.1f} MB  peak RSS {r['peak_mb']:6.0f} MB "
                f"(before export {r['baseline_mb']:4.0f} MB)"
            )
        for q, ours, raw in bench_search(archive):
            print(
                f"{backend:10s} search@{rows} {q!r:26s} ours {ours:7.2f} ms  raw {raw:7.2f} ms  "
                f"ratio {ours / raw:4.2f}"
            )
        archive.dispose()
    finally:
        drop_pg(urls["postgresql"])


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="10,000 rows")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), action="append")
    args = parser.parse_args()
    rows = 10_000 if args.quick else args.rows
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backend or ("sqlite", "postgresql"):
            run_backend(backend, rows, Path(tmp))


if __name__ == "__main__":
    main()
