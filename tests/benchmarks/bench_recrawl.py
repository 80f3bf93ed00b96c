"""Benchmark: one re-check pass over N archived articles served on 127.0.0.1.

90% of the pages answer 304 to the conditional request, 10% come back changed (a new version).
Prints articles checked per second and CPU seconds per article of the ``newsarchive recrawl``
subprocess. Run: ``python tests/benchmarks/bench_recrawl.py [--quick] [--articles N]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from archive import Archive  # noqa: E402
from archive.recheck import article_events  # noqa: E402
from tests.factories import make_article  # noqa: E402
from tests.mockserver import MockServer, Response  # noqa: E402
from tests.plugins.phases import article_html, phase_server  # noqa: E402

T0 = datetime(2022, 8, 2, 22, 0, tzinfo=UTC)
CHANGED_EVERY = 10  # one article in ten changed
FAST = [
    "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS=32",
    "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32", "-s", "LOG_LEVEL=WARNING",
]  # fmt: skip


def populate(archive: Archive, server: MockServer, count: int) -> None:
    """Archive ``count`` articles and serve each: unchanged (304) or changed (200)."""
    batch = []
    for n in range(count):
        path = f"/news/{n}"
        article = make_article(n, url=server.url(path), etag=f'"e{n}"')
        batch.append(article)
        if n % CHANGED_EVERY == 0:
            paragraphs = [f"Updated paragraph {n} with a correction.", *article.body.split("\n\n")]
            page = Response.html(article_html(article.title, paragraphs), etag=f'"f{n}"')
        else:
            page = Response.html("unused", etag=f'"e{n}"')
        server.site().pages[path] = page
        if len(batch) == 500:
            _store(archive, batch)
            batch = []
    _store(archive, batch)


def _store(archive: Archive, batch: list) -> None:  # noqa: ANN001
    """Insert a batch of articles (and their first versions) at T0 directly, in bulk."""
    from archive import models
    from archive.store import article_url_key, content_fingerprint

    if not batch:
        return
    rows, versions = [], []
    for article in batch:
        canonical, key = article_url_key(article)
        rows.append(
            dict(
                url_key=key, url=article.url, canonical_url=canonical, title=article.title,
                authors=article.authors, published_at=article.published_at, body=article.body,
                content_hash=article.content_hash, etag=article.etag, first_seen_at=T0,
                last_checked_at=T0, last_changed_at=T0, next_check_at=T0 + timedelta(minutes=15),
                version_count=1, status="live", tags=[], matched_terms=[], provenance={},
            )
        )  # fmt: skip
        versions.append((article, content_fingerprint(article)))
    with archive.write_session() as session:
        session.execute(models.Article.__table__.insert(), rows)
        ids = dict(session.execute(models.Article.__table__.select().with_only_columns(
            models.Article.url, models.Article.id)).all())  # fmt: skip
        session.execute(
            models.ArticleVersion.__table__.insert(),
            [
                dict(
                    article_id=ids[a.url], version=1, title=a.title, authors=a.authors,
                    published_at=a.published_at, body=a.body, content_hash=a.content_hash,
                    fingerprint=fp, captured_at=T0,
                )
                for a, fp in versions
            ],
        )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 articles instead of 10,000")
    parser.add_argument("--articles", type=int, default=None)
    args = parser.parse_args()
    count = args.articles or (1000 if args.quick else 10_000)
    server = phase_server()
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{tmp}/bench.db"
        archive = Archive(db_url)
        started = time.perf_counter()
        populate(archive, server, count)
        print(f"archived {count} articles in {time.perf_counter() - started:.1f}s")
        now = (T0 + timedelta(minutes=20)).isoformat()
        command = [sys.executable, "-m", "crawler.cli", "recrawl", "--db", db_url, "--now", now]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([*command, *FAST], cwd=ROOT, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        server.close()
        if done.returncode != 0:
            sys.exit(done.stderr[-3000:])
        print(done.stdout.strip())
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        changed = len(article_events(archive, kind="changed"))
        conditional = sum(1 for hit in server.log if "If-None-Match" in hit.headers)
        print(f"requests with If-None-Match: {conditional}; new versions: {changed}")
        print(f"wall {wall:.1f}s (incl. process start) -> {count / wall:.0f} articles/s")
        print(f"CPU {cpu:.1f}s -> {1000 * cpu / count:.2f} ms CPU per article")


if __name__ == "__main__":
    main()
