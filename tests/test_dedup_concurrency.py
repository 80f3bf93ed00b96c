"""Two processes storing copies of the same stories at once end in one consistent cluster each."""

from __future__ import annotations

import json
import multiprocessing
from collections import defaultdict
from pathlib import Path

import pytest

from archive import Archive
from tests.factories import make_article
from tests.test_dedup_clusters import check_cluster_invariants

DATA = json.loads((Path(__file__).parent / "fixtures/dedup/pairs.json").read_text("utf-8"))
TOPICS = sorted({name.split("/")[0] for name in DATA["texts"]})
#: The copy of each topic stored by the first and by the second process. One copy each: a later
#: copy matching both would merge two wrongly separate clusters and hide a race.
PARTS = (("base",), ("wire",))


def _articles(worker: int) -> list[tuple[str, object]]:
    """Return (name, Article) for every copy the worker stores, interleaved over topics."""
    out = []
    for part_index, part in enumerate(PARTS[worker]):
        for topic_index, topic in enumerate(TOPICS):
            n = 1000 * (worker + 1) + 10 * topic_index + part_index
            name = f"{topic}/{part}"
            out.append(
                (
                    name,
                    make_article(n, body=DATA["texts"][name], url=f"https://w{worker}.test/{name}"),
                )
            )
    return out


def _store_in_process(db_url: str, worker: int, barrier: object) -> None:
    """Store this worker's copies one transaction each, in step with the other worker."""
    archive = Archive(db_url)
    for _, article in _articles(worker):
        barrier.wait(timeout=60)
        archive.store(article)
    archive.dispose()


@pytest.mark.slow
def test_two_processes_end_in_one_cluster_per_story(archive_db: Archive, db_url: str) -> None:
    archive_db.dispose()
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_store_in_process, args=(db_url, w, barrier)) for w in (0, 1)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(timeout=120)
        assert proc.exitcode == 0
    members = check_cluster_invariants(archive_db)
    with archive_db.session() as session:
        from sqlalchemy import select

        from archive import models

        by_url = dict(
            session.execute(select(models.Article.url, models.Article.cluster_id)).tuples().all()
        )
    clusters_of_topic: dict[str, set[int]] = defaultdict(set)
    for worker in (0, 1):
        for name, article in _articles(worker):
            clusters_of_topic[name.split("/")[0]].add(by_url[article.url])
    assert all(len(ids) == 1 for ids in clusters_of_topic.values()), clusters_of_topic
    assert len(members) == len(TOPICS)
    assert sorted(len(ids) for ids in members.values()) == [2] * len(TOPICS)
