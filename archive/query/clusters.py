"""Clusters of copies for researchers: which articles carry the same text, and who was first."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from archive import models
from archive.dedup.clusters import cluster_members


@dataclass(frozen=True)
class ClusterMember:
    """One article of a cluster and how it relates to the cluster's original."""

    article_id: int
    outlet: str | None
    title: str | None
    url: str
    published_at: datetime | None
    duplicate_of: int | None
    duplicate_kind: str | None

    @property
    def is_original(self) -> bool:
        """Return True for the cluster's original (the earliest published member)."""
        return self.duplicate_of is None


@dataclass
class ClusterInfo:
    """A cluster: its size, its original and (for :func:`get_cluster`) its members."""

    id: int
    size: int
    original_id: int | None
    original_title: str | None
    original_outlet: str | None
    members: list[ClusterMember] = field(default_factory=list)


def member_of(article: models.Article) -> ClusterMember:
    """Return the membership record of an article row."""
    return ClusterMember(
        article.id,
        article.outlet,
        article.title,
        article.url,
        article.published_at,
        article.duplicate_of,
        article.duplicate_kind,
    )


def list_clusters(
    session: Session, *, min_size: int = 2, story: str | None = None, limit: int | None = None
) -> list[ClusterInfo]:
    """Return clusters with at least ``min_size`` members, largest first, then by id."""
    c = models.Cluster
    original = aliased(models.Article)
    stmt = (
        select(c.id, c.size, c.original_id, original.title, original.outlet)
        .outerjoin(original, original.id == c.original_id)
        .where(c.size >= min_size)
        .order_by(c.size.desc(), c.id)
    )
    if story:
        stmt = stmt.where(original.story == story)
    if limit:
        stmt = stmt.limit(limit)
    return [ClusterInfo(*row) for row in session.execute(stmt)]


def get_cluster(session: Session, cluster_id: int) -> ClusterInfo | None:
    """Return a cluster with its members (original first), or None when there is none."""
    cluster = session.get(models.Cluster, cluster_id)
    if cluster is None:
        return None
    members = [member_of(m) for m in cluster_members(session, cluster_id)]
    original = next((m for m in members if m.article_id == cluster.original_id), None)
    return ClusterInfo(
        cluster.id,
        len(members),
        cluster.original_id,
        original.title if original else None,
        original.outlet if original else None,
        members,
    )
