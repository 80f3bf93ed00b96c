"""Clusters in the archive: exact, near and url copies, originals, merges (SQLite + PostgreSQL)."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from archive import Archive, models
from archive.dedup import settings
from archive.dedup.clusters import assign_cluster, cluster_members
from archive.dedup.minhash import jaccard, shingles
from archive.dedup.models import LshBand
from archive.dedup.urls import url_key
from archive.text import content_hash
from tests.factories import BASE_TIME, make_article

PAIRS = json.loads((Path(__file__).parent / "fixtures/dedup/pairs.json").read_text("utf-8"))
TEXTS: dict[str, str] = PAIRS["texts"]


def _store(archive: Archive, n: int, text: str, hours: float | None = None) -> int:
    """Store synthetic article ``n`` with the given body; return its id."""
    published = None if hours is None else BASE_TIME + timedelta(hours=hours)
    article = make_article(
        n, body=text, url=f"https://outlet{n}.test/news/{n}", published_at=published
    )
    return archive.store(article).article_id


def _rows(archive: Archive) -> dict[int, models.Article]:
    with archive.session() as session:
        return {a.id: a for a in session.scalars(select(models.Article))}


def check_cluster_invariants(archive: Archive) -> dict[int, set[int]]:
    """Assert every cluster is consistent; return cluster id -> member ids."""
    rows = _rows(archive)
    members: dict[int, set[int]] = defaultdict(set)
    for row in rows.values():
        assert row.cluster_id is not None, f"article {row.id} has no cluster"
        members[row.cluster_id].add(row.id)
    with archive.session() as session:
        clusters = {c.id: c for c in session.scalars(select(models.Cluster))}
    assert set(clusters) == set(members), "cluster rows and article cluster ids disagree"
    for cid, ids in members.items():
        cluster = clusters[cid]
        assert cluster.size == len(ids)
        original = rows[cluster.original_id]
        expected = min(
            (rows[i] for i in ids), key=lambda a: (a.published_at or a.first_seen_at, a.id)
        )
        assert original.id == expected.id, f"cluster {cid}: original is not the earliest"
        assert original.duplicate_of is None and original.duplicate_kind is None
        for i in ids - {original.id}:
            assert rows[i].duplicate_of == original.id
            assert rows[i].duplicate_kind in ("exact", "near", "url")
    return dict(members)


def test_unique_article_is_its_own_cluster(archive_db: Archive) -> None:
    aid = _store(archive_db, 1, TEXTS["transit/base"], hours=1)
    row = _rows(archive_db)[aid]
    assert row.duplicate_of is None and row.duplicate_kind is None
    with archive_db.session() as session:
        cluster = session.get(models.Cluster, row.cluster_id)
        assert (cluster.original_id, cluster.size) == (aid, 1)
        bands = session.scalar(select(func.count()).select_from(LshBand))
    assert bands == settings.BANDS


def test_exact_copy_at_another_url(archive_db: Archive) -> None:
    first = _store(archive_db, 1, TEXTS["museum/base"], hours=1)
    retyped = TEXTS["museum/base"].replace('"', "\u201c").upper().replace("\n\n", "\n")
    copy = _store(archive_db, 2, retyped, hours=3)
    rows = _rows(archive_db)
    assert rows[copy].cluster_id == rows[first].cluster_id
    assert (rows[copy].duplicate_of, rows[copy].duplicate_kind) == (first, "exact")
    check_cluster_invariants(archive_db)


def test_syndicated_copy_is_near_duplicate(archive_db: Archive) -> None:
    first = _store(archive_db, 1, TEXTS["rates/base"], hours=1)
    copy = _store(archive_db, 2, TEXTS["rates/portal"], hours=2)
    rows = _rows(archive_db)
    assert (rows[copy].duplicate_of, rows[copy].duplicate_kind) == (first, "near")


def test_rewrite_and_same_topic_stay_apart(archive_db: Archive) -> None:
    ids = [
        _store(archive_db, n, TEXTS[f"wildfire/{part}"], hours=n)
        for n, part in enumerate(("base", "rewrite", "other"), start=1)
    ]
    rows = _rows(archive_db)
    assert len({rows[i].cluster_id for i in ids}) == 3
    assert all(rows[i].duplicate_of is None for i in ids)


def test_earliest_published_becomes_original(archive_db: Archive) -> None:
    later = _store(archive_db, 1, TEXTS["transfer/wire"], hours=10)
    middle = _store(archive_db, 2, TEXTS["transfer/note"], hours=5)
    earliest = _store(archive_db, 3, TEXTS["transfer/base"], hours=1)
    rows = _rows(archive_db)
    assert rows[earliest].duplicate_of is None
    assert rows[later].duplicate_of == earliest and rows[middle].duplicate_of == earliest
    with archive_db.session() as session:
        ordered = [a.id for a in cluster_members(session, rows[earliest].cluster_id)]
    assert ordered == [earliest, middle, later]
    check_cluster_invariants(archive_db)


def test_first_seen_decides_without_dates(archive_db: Archive) -> None:
    first = _store(archive_db, 1, TEXTS["coffee/base"], hours=None)
    second = _store(archive_db, 2, TEXTS["coffee/wire"], hours=None)
    rows = _rows(archive_db)
    assert rows[second].duplicate_of == first and rows[first].duplicate_of is None


def _bridge_texts() -> tuple[str, str, str]:
    """Return texts A, B, C where C is a copy of both A and B but A and B are not copies."""
    paras = TEXTS["transit/base"].split("\n\n") + TEXTS["museum/base"].split("\n\n")
    a, b, c = "\n\n".join(paras[0:6]), "\n\n".join(paras[2:9]), "\n\n".join(paras[0:9])
    sim = {
        pair: jaccard(shingles(x), shingles(y))
        for pair, (x, y) in {"ab": (a, b), "ac": (a, c), "bc": (b, c)}.items()
    }
    assert sim["ab"] < settings.JACCARD_THRESHOLD <= min(sim["ac"], sim["bc"]), sim
    return a, b, c


def test_bridging_article_merges_two_clusters(archive_db: Archive) -> None:
    text_a, text_b, text_c = _bridge_texts()
    a = _store(archive_db, 1, text_a, hours=3)
    a_copy = _store(archive_db, 2, text_a, hours=4)
    b = _store(archive_db, 3, text_b, hours=1)
    rows = _rows(archive_db)
    assert rows[a].cluster_id != rows[b].cluster_id
    c = _store(archive_db, 4, text_c, hours=5)
    members = check_cluster_invariants(archive_db)
    assert members == {_rows(archive_db)[b].cluster_id: {a, a_copy, b, c}}
    rows = _rows(archive_db)
    assert rows[a].duplicate_of == b and rows[a_copy].duplicate_of == b


def test_rewritten_body_leaves_its_cluster(archive_db: Archive) -> None:
    first = _store(archive_db, 1, TEXTS["layoffs/base"], hours=1)
    copy = _store(archive_db, 2, TEXTS["layoffs/wire"], hours=2)
    third = _store(archive_db, 3, TEXTS["layoffs/reflow"], hours=3)
    _store(archive_db, 1, TEXTS["memoir/base"], hours=1)  # same URL, body replaced
    rows = _rows(archive_db)
    assert rows[first].cluster_id not in (rows[copy].cluster_id, None)
    assert rows[first].duplicate_of is None
    assert rows[third].duplicate_of == copy and rows[copy].duplicate_of is None
    check_cluster_invariants(archive_db)


def test_updated_version_stays_in_cluster(archive_db: Archive) -> None:
    first = _store(archive_db, 1, TEXTS["memoir/base"], hours=1)
    copy = _store(archive_db, 2, TEXTS["memoir/wire"], hours=2)
    _store(archive_db, 2, TEXTS["memoir/wire"] + "\n\n" + TEXTS["memoir/updated"][-200:], hours=2)
    rows = _rows(archive_db)
    assert rows[copy].duplicate_of == first and rows[copy].version_count == 2
    with archive_db.session() as session:
        own = session.scalar(
            select(func.count()).select_from(LshBand).where(LshBand.article_id == copy)
        )
    assert own == settings.BANDS  # old bands replaced, not added to
    check_cluster_invariants(archive_db)


def test_short_stubs_do_not_chain(archive_db: Archive) -> None:
    ids = [_store(archive_db, n, "Subscribe to read the full story.", hours=n) for n in (1, 2)]
    rows = _rows(archive_db)
    assert rows[ids[0]].cluster_id != rows[ids[1]].cluster_id


def test_cross_domain_canonical_links_copy(archive_db: Archive) -> None:
    origin = _store(archive_db, 1, TEXTS["coffee/base"], hours=1)
    origin_url = "https://outlet1.test/news/1"
    with archive_db.write_session() as session:
        row = models.Article(
            url_key=url_key("https://portal.test/x/9"),
            url="https://portal.test/x/9",
            canonical_url=origin_url,
            body="A short teaser that links to the original story.",
            first_seen_at=BASE_TIME + timedelta(days=1),
        )
        session.add(row)
        session.flush()
        assign_cluster(session, row)
        copy = row.id
    rows = _rows(archive_db)
    assert (rows[copy].duplicate_of, rows[copy].duplicate_kind) == (origin, "url")
    check_cluster_invariants(archive_db)


def test_canonical_link_found_from_the_other_side(archive_db: Archive) -> None:
    with archive_db.write_session() as session:
        row = models.Article(
            url_key=url_key("https://portal.test/x/9"),
            url="https://portal.test/x/9",
            canonical_url="https://outlet1.test/news/1",
            body=TEXTS["transit/other"],
            first_seen_at=BASE_TIME,
        )
        session.add(row)
        session.flush()
        assign_cluster(session, row)
        early = row.id
    origin = _store(archive_db, 1, TEXTS["coffee/base"], hours=30)
    rows = _rows(archive_db)
    assert rows[origin].cluster_id == rows[early].cluster_id
    assert (rows[origin].duplicate_of, rows[origin].duplicate_kind) == (early, "url")


def test_content_hash_filled_when_missing(archive_db: Archive) -> None:
    with archive_db.write_session() as session:
        row = models.Article(
            url_key=url_key("https://a.test/1"),
            url="https://a.test/1",
            body=TEXTS["rates/base"],
            first_seen_at=BASE_TIME,
        )
        session.add(row)
        session.flush()
        assign_cluster(session, row)
    assert _rows(archive_db)[row.id].content_hash == content_hash(TEXTS["rates/base"])


def _article(n: int, text: str, hours: float):  # noqa: ANN202
    return make_article(
        n,
        body=text,
        url=f"https://outlet{n}.test/news/{n}",
        published_at=BASE_TIME + timedelta(hours=hours),
    )


def test_copies_stored_in_one_transaction_are_clustered(archive_db: Archive) -> None:
    # store_many: each article's lookups must see the rows (and cluster ids) written before it.
    results = archive_db.store_many(
        [
            _article(1, TEXTS["rates/base"], hours=2),
            _article(2, TEXTS["rates/portal"], hours=3),
            _article(3, TEXTS["museum/base"], hours=4),
            _article(4, TEXTS["museum/base"].upper(), hours=1),
        ]
    )
    ids = [r.article_id for r in results]
    rows = _rows(archive_db)
    assert (rows[ids[1]].duplicate_of, rows[ids[1]].duplicate_kind) == (ids[0], "near")
    assert (rows[ids[2]].duplicate_of, rows[ids[2]].duplicate_kind) == (ids[3], "exact")
    assert rows[ids[0]].cluster_id != rows[ids[2]].cluster_id
    check_cluster_invariants(archive_db)


def test_an_article_created_and_edited_in_one_transaction(archive_db: Archive) -> None:
    first = _article(1, TEXTS["layoffs/base"], hours=1)
    edited = _article(1, TEXTS["memoir/base"], hours=1)
    copy = _article(2, TEXTS["memoir/wire"], hours=2)
    results = archive_db.store_many([first, first, edited, copy])
    assert [r.action for r in results] == ["created", "unchanged", "updated", "created"]
    assert results[2].version == 2
    rows = _rows(archive_db)
    original = results[0].article_id
    assert rows[original].body == TEXTS["memoir/base"] and rows[original].version_count == 2
    assert rows[results[3].article_id].duplicate_of == original
    check_cluster_invariants(archive_db)


def test_short_copies_match_by_exact_hash_in_one_transaction(archive_db: Archive) -> None:
    # Too short for MinHash: only the exact-hash lookup, run before the commit, can match them.
    text = " ".join(f"Word{i}" for i in range(20))
    articles = [
        make_article(n, body=body, url=f"https://outlet{n}.test/news/{n}")
        for n, body in ((1, text), (2, text.lower()))
    ]
    first, copy = (r.article_id for r in archive_db.store_many(articles))
    rows = _rows(archive_db)
    assert (rows[copy].duplicate_of, rows[copy].duplicate_kind) == (first, "exact")
