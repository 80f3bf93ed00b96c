"""Streaming article, version, rejection and cluster-membership records out of the database.

Every reader here selects plain columns with SQLAlchemy Core (no ORM objects) and streams them
with ``stream_results``/``yield_per``: a server-side cursor on PostgreSQL, an incremental cursor
on SQLite, so memory stays bounded by one batch however large the archive is. Rows come out in
id order, so two exports of the same archive line up row for row.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, Select, select

from archive import models
from archive.query.filters import ArticleFilter
from archive.schema import ARTICLE_FIELDS

#: Export columns: design.md's Article JSON fields, then fields we add (appended, never reordered).
EXTRA_ARTICLE_FIELDS: tuple[str, ...] = ("duplicate_kind", "channel")
EXPORT_FIELDS: tuple[str, ...] = ARTICLE_FIELDS + EXTRA_ARTICLE_FIELDS

VERSION_FIELDS: tuple[str, ...] = (
    "article_id",
    "version",
    "title",
    "description",
    "authors",
    "published_at",
    "modified_at",
    "body",
    "content_hash",
    "captured_at",
    "capture_file",
    "capture_record_id",
    "http_status",
    "run_id",
    "headlines",
    "links",
)
REJECTION_FIELDS: tuple[str, ...] = (
    "id",
    "run_id",
    "url",
    "outlet",
    "story",
    "reason",
    "detail",
    "seen_at",
)
MEMBERSHIP_FIELDS: tuple[str, ...] = (
    "cluster_id",
    "article_id",
    "is_original",
    "duplicate_of",
    "duplicate_kind",
    "cluster_size",
    "outlet",
    "published_at",
    "url",
)
DEFAULT_BATCH_SIZE = 1000


def stream(
    engine: Engine, stmt: Select[Any], batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[dict]:
    """Yield the rows of ``stmt`` as dicts, fetched ``batch_size`` at a time."""
    with engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=batch_size).execute(stmt)
        for partition in result.mappings().partitions():
            for row in partition:
                yield dict(row)


def articles_stmt(filters: ArticleFilter, fields: tuple[str, ...] = EXPORT_FIELDS) -> Select[Any]:
    """Return the select of ``fields`` for the filtered articles, in id order."""
    a = models.Article.__table__.c
    unknown = [name for name in fields if name not in a]
    if unknown:
        raise ValueError(f"unknown article fields {unknown}; known: {', '.join(EXPORT_FIELDS)}")
    return filters.apply(select(*(a[name] for name in fields))).order_by(a.id)


def versions_stmt(filters: ArticleFilter) -> Select[Any]:
    """Return the select of the versions of the filtered articles, by article then version."""
    v = models.ArticleVersion.__table__.c
    a = models.Article
    stmt = select(*(v[name] for name in VERSION_FIELDS)).join(a, a.id == v.article_id)
    return filters.apply(stmt).order_by(v.article_id, v.version)


def rejections_stmt(story: str | None = None) -> Select[Any]:
    """Return the select of rejected candidates (optionally of one story), in id order."""
    r = models.Rejection.__table__.c
    stmt = select(*(r[name] for name in REJECTION_FIELDS)).order_by(r.id)
    return stmt.where(r.story == story) if story else stmt


def membership_stmt(filters: ArticleFilter) -> Select[Any]:
    """Return the select of (cluster, article) membership rows of the filtered articles."""
    a, c = models.Article, models.Cluster
    stmt = (
        select(
            a.cluster_id,
            a.id.label("article_id"),
            (a.duplicate_of.is_(None)).label("is_original"),
            a.duplicate_of,
            a.duplicate_kind,
            c.size.label("cluster_size"),
            a.outlet,
            a.published_at,
            a.url,
        )
        .join(c, c.id == a.cluster_id)
        .where(a.cluster_id.is_not(None))
    )
    return filters.apply(stmt).order_by(a.cluster_id, a.id)


def article_record(row: models.Article, fields: tuple[str, ...] = EXPORT_FIELDS) -> dict[str, Any]:
    """Return an ORM article as a record (the same shape :func:`iter_articles` yields)."""
    return {name: getattr(row, name) for name in fields}


def version_record(row: models.ArticleVersion) -> dict[str, Any]:
    """Return an ORM article version as a record (the versions export's columns)."""
    return {name: getattr(row, name) for name in VERSION_FIELDS}


def iter_articles(
    engine: Engine,
    filters: ArticleFilter,
    fields: tuple[str, ...] = EXPORT_FIELDS,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[dict[str, Any]]:
    """Yield article records (Article JSON fields, Python values, aware UTC datetimes)."""
    return stream(engine, articles_stmt(filters, fields), batch_size)
