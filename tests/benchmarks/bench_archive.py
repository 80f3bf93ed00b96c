"""Archive benchmark: insert throughput and full-text search latency, SQLite and PostgreSQL.

Usage: python tests/benchmarks/bench_archive.py [--inserts 10000] [--fts-rows 100000] [--quick]

* insert: articles/s storing N synthetic articles one by one (one transaction each, the
  crawler's path) and batched (500 per transaction), full store path including dedup;
* search: median latency of ``Archive.search`` at M articles against the raw FTS5 / tsvector
  query on the same data (rows bulk-loaded with Core so setup stays quick).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, insert, text

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from archive import Archive, models  # noqa: E402
from archive.text import content_hash  # noqa: E402
from tests.factories import BASE_TIME, body_text, make_article  # noqa: E402

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
QUERIES = ["kardashian", "memoir clemency", '"life sentence"', "adviser OR publisher"]


def fresh_urls(tmp: Path) -> dict[str, str]:
    """Return fresh database URLs per backend (PostgreSQL: a new throw-away database)."""
    name = f"na_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return {
        "sqlite": f"sqlite:///{tmp / (name + '.db')}",
        "postgresql": PG_ADMIN.rsplit("/", 1)[0] + "/" + name,
    }


def drop_pg(url: str) -> None:
    """Drop a throw-away PostgreSQL database."""
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))


def bench_inserts(url: str, n: int) -> tuple[float, float]:
    """Return (one-by-one, batched) articles/s for n articles each."""
    archive = Archive(url)
    start = time.perf_counter()
    for i in range(n):
        archive.store(make_article(i))
    single = n / (time.perf_counter() - start)
    start = time.perf_counter()
    for chunk in range(n, 2 * n, 500):
        archive.store_many(make_article(i) for i in range(chunk, min(chunk + 500, 2 * n)))
    batched = n / (time.perf_counter() - start)
    archive.dispose()
    return single, batched


def bulk_load(archive: Archive, rows: int) -> None:
    """Insert rows synthetic articles directly (no dedup) for the search benchmark."""
    with archive.write_session() as s:
        s.execute(insert(models.Outlet).values(key="example", name="Example", domains=[]))
    for start in range(0, rows, 5000):
        batch = []
        for i in range(start, min(start + 5000, rows)):
            body = body_text(i, paragraphs=3, words=80)
            if i % 97 == 0:
                body += " Kardashian appears here."
            batch.append(
                dict(
                    url_key=uuid.uuid4().hex + uuid.uuid4().hex,
                    url=f"https://x.test/{i}",
                    outlet="example",
                    title=f"Headline {i}",
                    body=body,
                    authors=[],
                    tags=[],
                    matched_terms=[],
                    provenance={},
                    content_hash=content_hash(body),
                    published_at=BASE_TIME,
                    first_seen_at=BASE_TIME,
                    last_checked_at=BASE_TIME,
                    last_changed_at=BASE_TIME,
                    version_count=1,
                    status="live",
                )
            )
        with archive.write_session() as s:
            s.execute(insert(models.Article), batch)


RAW_IDS = {
    "sqlite": "SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q "
    "AND rank MATCH 'bm25(10.0, 4.0, 1.0)' ORDER BY rank LIMIT 50",
    "postgresql": "SELECT id FROM articles, CAST(:q AS tsquery) q WHERE search_vector @@ q "
    "ORDER BY ts_rank('{0.1, 0.1, 0.4, 1}', search_vector, q, 1) DESC LIMIT 50",
}
#: Hand-written SQL returning what Archive.search returns: the articles, a score, a snippet.
RAW_SAME = {
    "sqlite": "SELECT articles.*, -articles_fts.rank, snippet(articles_fts, -1, '[', ']', '…', 16) "
    "FROM articles_fts JOIN articles ON articles.id = articles_fts.rowid "
    "WHERE articles_fts MATCH :q AND articles_fts.rank MATCH 'bm25(10.0, 4.0, 1.0)' "
    "ORDER BY articles_fts.rank LIMIT 50",
    "postgresql": "WITH q AS (SELECT CAST(:q AS tsquery) AS q), top AS ("
    "SELECT id, ts_rank('{0.1, 0.1, 0.4, 1}', search_vector, q.q, 1) AS r FROM articles, q "
    "WHERE search_vector @@ q.q ORDER BY r DESC, id LIMIT 50) SELECT a.*, top.r, "
    "ts_headline('newsarchive', coalesce(a.body, a.title, ''), q.q, "
    "'MaxWords=16, MinWords=5, MaxFragments=1') "
    "FROM top JOIN articles a USING (id), q ORDER BY top.r DESC, a.id",
}


def raw_query(archive: Archive, query: str, sql: dict[str, str]) -> None:
    """Run a hand-written FTS query on the query as Archive.search compiles it."""
    from archive.fulltext import tsquery
    from archive.fulltext.fts5 import to_fts5
    from archive.fulltext.query import clauses, parse_query

    terms = parse_query(query)
    with archive.session() as session:
        if archive.dialect == "sqlite":
            q = to_fts5(terms)
        else:
            q = tsquery.compile_tsquery(clauses(terms), tsquery.analyse_terms(session, terms))
        session.execute(text(sql[archive.dialect]), {"q": q}).all()


def median_ms(fn, repeat: int = 15) -> float:  # noqa: ANN001
    """Return the median wall time of fn() in milliseconds."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_search(url: str, rows: int) -> list[tuple[str, float, float, float]]:
    """Return (query, ours ms, raw ids-only ms, raw same-result ms) at rows articles."""
    archive = Archive(url)
    bulk_load(archive, rows)
    if archive.dialect == "postgresql":
        with archive.engine.begin() as conn:
            conn.execute(text("ANALYZE articles"))
    out = []
    for q in QUERIES:
        ours = median_ms(lambda q=q: archive.search(q, limit=50))
        raw_ids = median_ms(lambda q=q: raw_query(archive, q, RAW_IDS))
        raw_same = median_ms(lambda q=q: raw_query(archive, q, RAW_SAME))
        out.append((q, ours, raw_ids, raw_same))
    archive.dispose()
    return out


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--inserts", type=int, default=10_000)
    parser.add_argument("--fts-rows", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="1,000 inserts, 10,000 FTS rows")
    parser.add_argument("--only", choices=["insert", "search"], help="run one part only")
    args = parser.parse_args()
    if args.quick:
        args.inserts, args.fts_rows = 1000, 10_000
    with tempfile.TemporaryDirectory() as tmp:
        for backend in ("sqlite", "postgresql"):
            if args.only != "search":
                urls = fresh_urls(Path(tmp))
                single, batched = bench_inserts(urls[backend], args.inserts)
                print(
                    f"{backend:10s} insert {args.inserts} articles: one-by-one {single:7.0f}/s, "
                    f"batched(500) {batched:7.0f}/s"
                )
                drop_pg(urls["postgresql"])
            if args.only == "insert":
                continue
            urls = fresh_urls(Path(tmp))
            for q, ours, raw_ids, raw_same in bench_search(urls[backend], args.fts_rows):
                print(
                    f"{backend:10s} search@{args.fts_rows} {q!r:24s} ours {ours:7.2f} ms | "
                    f"raw same result {raw_same:7.2f} ms ({ours / raw_same:4.2f}x) | "
                    f"raw ids only {raw_ids:7.2f} ms ({ours / raw_ids:4.2f}x)"
                )
            drop_pg(urls["postgresql"])


if __name__ == "__main__":
    main()
