"""Clusters of copies: assignment when an article is stored, merges, originals and kinds.

Copies are never deleted. Every article belongs to a cluster (a singleton when it has no
duplicate). The cluster's original is its earliest published member (``first_seen_at`` stands in
for a missing date; ties go to the lower id); every other member points to it with
``duplicate_of`` and says how it relates to it in ``duplicate_kind``: ``exact`` (same folded
text), ``url`` (one declares the other its ``rel=canonical``) or ``near`` (MinHash-confirmed).

Concurrency: assignment runs under a database-level guard, so two processes storing copies at
the same time end in one consistent cluster. PostgreSQL: a transaction-scoped advisory lock.
SQLite: the archive's write transactions begin IMMEDIATE, so writers are already serialised.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, delete, func, insert, inspect, select, text, update
from sqlalchemy.orm import load_only
from sqlalchemy.orm.attributes import set_committed_value

from archive import models
from archive.dedup import settings
from archive.dedup.candidates import Matches, article_features, find_matches, link_key, store_bands
from archive.dedup.models import LshBand

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_NO_DATE = datetime.max.replace(tzinfo=timezone.utc)
_MEMBER_COLUMNS = (
    models.Article.id,
    models.Article.cluster_id,
    models.Article.published_at,
    models.Article.first_seen_at,
    models.Article.content_hash,
    models.Article.url_key,
    models.Article.canonical_url,
    models.Article.duplicate_of,
    models.Article.duplicate_kind,
)


_ADVISORY_LOCK = text("SELECT pg_advisory_xact_lock(:key)")
_ARTICLES = models.Article.__table__
_CLUSTERS = models.Cluster.__table__
_INSERT_CLUSTER = insert(_CLUSTERS).returning(_CLUSTERS.c.id)
_SET_CLUSTER = (
    update(_ARTICLES)
    .where(_ARTICLES.c.id == bindparam("article_id"))
    .values(cluster_id=bindparam("new_cluster_id"))
)


#: WHERE clause collapsing duplicates: keep only each cluster's original (and unclustered rows).
ORIGINALS_ONLY = models.Article.duplicate_of.is_(None)


def assign_cluster(session: Session, article: models.Article) -> None:
    """Index ``article`` for dedup and put it in the cluster of its duplicates (merging them).

    Call after flush (``article.id`` set), in the transaction that stores the article, on
    create and whenever its body changed.
    """
    lock_dedup(session)
    feats = article_features(article)
    if feats.exact_hash and article.content_hash is None:
        article.content_hash = feats.exact_hash
    session.flush()  # the lookups are Core statements: make pending ORM changes visible
    if article.cluster_id is not None:  # the body changed: forget the old bands
        session.execute(delete(LshBand).where(LshBand.article_id == article.id))
    matches = find_matches(session, article, feats)
    store_bands(session, article.id, feats)
    _join(session, article, matches)


def lock_dedup(session: Session) -> None:
    """Take the transaction-scoped dedup lock (PostgreSQL; SQLite writers are serialised)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_ADVISORY_LOCK, {"key": settings.PG_ADVISORY_LOCK_KEY})


def cluster_members(session: Session, cluster_id: int) -> list[models.Article]:
    """Return the articles of a cluster, the original first, then by publication."""
    members = session.scalars(
        select(models.Article).where(models.Article.cluster_id == cluster_id)
    ).all()
    return sorted(members, key=lambda m: (m.duplicate_of is not None, *_seniority(m)))


def _join(session: Session, article: models.Article, matches: Matches) -> None:
    """Put ``article`` and its matches in one cluster, merging clusters and leaving old ones."""
    old = article.cluster_id
    targets = sorted(matches.cluster_ids())
    if not targets and not matches.found:
        if old is None or _size(session, old) <= 1:
            _make_singleton(session, article, reuse=old)
            return
        targets = []  # the updated body no longer matches its cluster: leave it
    keep = targets[0] if targets else _new_cluster(session, article)
    if len(targets) > 1:
        _merge(session, keep, targets[1:])
    unclustered = matches.unclustered()
    if unclustered:
        session.execute(
            update(models.Article).where(models.Article.id.in_(unclustered)).values(cluster_id=keep)
        )
    _set_cluster(session, article, keep)
    if old is not None and old not in targets and old != keep:
        refresh_cluster(session, old)
    refresh_cluster(session, keep)


def _make_singleton(session: Session, article: models.Article, reuse: int | None) -> None:
    """Make ``article`` the only member and original of its own cluster."""
    if reuse is None:
        _new_cluster(session, article)
    else:
        cluster = session.get(models.Cluster, reuse)
        if cluster is not None:
            cluster.original_id, cluster.size = article.id, 1
    if article.duplicate_of is not None or article.duplicate_kind is not None:
        article.duplicate_of, article.duplicate_kind = None, None


def _new_cluster(session: Session, article: models.Article) -> int:
    """Create a cluster with ``article`` as its original; set the article's cluster_id."""
    values = {"original_id": article.id, "size": 1}  # created_at: the column's default
    cluster_id = session.execute(_INSERT_CLUSTER, values).scalar_one()
    _set_cluster(session, article, cluster_id)
    return cluster_id


def _set_cluster(session: Session, article: models.Article, cluster_id: int) -> None:
    """Write ``article.cluster_id`` now (later lookups in this transaction are Core reads)."""
    if article.cluster_id == cluster_id and "cluster_id" not in inspect(article).committed_state:
        return
    session.execute(_SET_CLUSTER, {"article_id": article.id, "new_cluster_id": cluster_id})
    set_committed_value(article, "cluster_id", cluster_id)


def _merge(session: Session, keep: int, others: list[int]) -> None:
    """Move every member of ``others`` into cluster ``keep`` and delete the emptied clusters."""
    session.execute(
        update(models.Article).where(models.Article.cluster_id.in_(others)).values(cluster_id=keep)
    )
    session.execute(delete(models.Cluster).where(models.Cluster.id.in_(others)))


def _size(session: Session, cluster_id: int) -> int:
    """Return how many articles cluster ``cluster_id`` has."""
    return (
        session.scalar(
            select(func.count())
            .select_from(models.Article)
            .where(models.Article.cluster_id == cluster_id)
        )
        or 0
    )


def refresh_cluster(session: Session, cluster_id: int) -> None:
    """Recompute a cluster's original, size and every member's duplicate_of / duplicate_kind."""
    members = session.scalars(
        select(models.Article)
        .options(load_only(*_MEMBER_COLUMNS))
        .where(models.Article.cluster_id == cluster_id)
    ).all()
    cluster = session.get(models.Cluster, cluster_id)
    if not members:
        if cluster is not None:
            session.delete(cluster)
        return
    original = min(members, key=_seniority)
    for member in members:
        if member is original:
            member.duplicate_of, member.duplicate_kind = None, None
        else:
            member.duplicate_of, member.duplicate_kind = original.id, _kind(member, original)
    if cluster is None:  # defensive: a cluster row removed under us
        cluster = models.Cluster(id=cluster_id)
        session.add(cluster)
    cluster.original_id, cluster.size = original.id, len(members)


def _seniority(article: models.Article) -> tuple[datetime, int]:
    """Return the sort key choosing a cluster's original: earliest date, then lowest id."""
    return (article.published_at or article.first_seen_at or _NO_DATE, article.id)


def _kind(member: models.Article, original: models.Article) -> str:
    """Return how ``member`` duplicates ``original``: exact, url or near."""
    if member.content_hash and member.content_hash == original.content_hash:
        return "exact"
    if link_key(member) == original.url_key or link_key(original) == member.url_key:
        return "url"
    return "near"
