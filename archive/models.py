"""SQLAlchemy 2 typed models of the archive.

Every timestamp column is timezone-aware UTC (:class:`UTCDateTime` converts on the way in and out,
so SQLite — which has no time zones — round-trips aware datetimes too).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from archive.schema import NaiveDatetimeError


class UTCDateTime(TypeDecorator[datetime]):
    """A DateTime that only accepts aware values and always returns aware UTC values."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise NaiveDatetimeError(f"naive datetime {value!r} given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    """Return the current time, aware, in UTC."""
    return datetime.now(UTC)


ID = BigInteger().with_variant(Integer, "sqlite")


class Base(DeclarativeBase):
    """Declarative base of every archive table."""

    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[str]: JSON}


class Outlet(Base):
    __tablename__ = "outlets"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    domains: Mapped[list[str]] = mapped_column(default=list)


class Story(Base):
    __tablename__ = "stories"

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    published_after: Mapped[date | None] = mapped_column(Date)
    published_before: Mapped[date | None] = mapped_column(Date)
    rules: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Cluster(Base):
    """A group of articles carrying the same text (syndicated copies, URL variants, rewrites)."""

    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    original_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", use_alter=True, name="fk_clusters_original", ondelete="SET NULL")
    )
    size: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Article(Base):
    """The current state of one article (one row per canonical URL)."""

    __tablename__ = "articles"
    __table_args__ = (
        Index("ix_articles_outlet_published", "outlet", "published_at"),
        Index("ix_articles_story_published", "story", "published_at"),
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    url_key: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str] = mapped_column(Text)
    canonical_url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(ForeignKey("outlets.key"))
    story: Mapped[str | None] = mapped_column(ForeignKey("stories.key"))
    title: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(default=list)
    published_at: Mapped[datetime | None]
    modified_at: Mapped[datetime | None]
    date_published: Mapped[str | None] = mapped_column(String(64))
    date_modified: Mapped[str | None] = mapped_column(String(64))
    section: Mapped[str | None] = mapped_column(String(200))
    tags: Mapped[list[str]] = mapped_column(default=list)
    language: Mapped[str | None] = mapped_column(String(16))
    body: Mapped[str | None] = mapped_column(Text)
    word_count: Mapped[int | None]
    image_url: Mapped[str | None] = mapped_column(Text)
    relevance: Mapped[float | None] = mapped_column(Float)
    matched_terms: Mapped[list[str]] = mapped_column(default=list)
    content_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    provenance: Mapped[dict[str, Any]] = mapped_column(default=dict)
    headlines: Mapped[dict[str, Any]] = mapped_column(default=dict)
    links: Mapped[list[str]] = mapped_column(default=list)
    channel: Mapped[str | None] = mapped_column(String(32))
    cluster_id: Mapped[int | None] = mapped_column(
        ForeignKey("clusters.id", ondelete="SET NULL"), index=True
    )
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    duplicate_kind: Mapped[str | None] = mapped_column(String(8))
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_checked_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    next_check_at: Mapped[datetime | None] = mapped_column(index=True)
    version_count: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(String(16), default="live")
    status_changed_at: Mapped[datetime | None]
    redirect_target: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    http_status: Mapped[int | None]
    first_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))

    versions: Mapped[list[ArticleVersion]] = relationship(
        back_populates="article", order_by="ArticleVersion.version", cascade="all, delete-orphan"
    )


class ArticleVersion(Base):
    """One distinct content state of an article, with where its raw capture lives."""

    __tablename__ = "article_versions"
    __table_args__ = (UniqueConstraint("article_id", "version", name="uq_article_version"),)

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    version: Mapped[int]
    title: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(default=list)
    published_at: Mapped[datetime | None]
    modified_at: Mapped[datetime | None]
    body: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64))
    headlines: Mapped[dict[str, Any]] = mapped_column(default=dict)
    links: Mapped[list[str]] = mapped_column(default=list)
    captured_at: Mapped[datetime] = mapped_column(default=utcnow)
    capture_file: Mapped[str | None] = mapped_column(Text)
    capture_record_id: Mapped[str | None] = mapped_column(Text)
    http_status: Mapped[int | None]
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))

    article: Mapped[Article] = relationship(back_populates="versions")


class CrawlRun(Base):
    """One crawl or re-crawl: when it ran, how it ended and its statistics."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # crawl | recrawl | demo | scheduled
    story: Mapped[str | None] = mapped_column(String(128))
    outlets: Mapped[list[str]] = mapped_column(default=list)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), default="running")
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)
    errors: Mapped[list[str]] = mapped_column(default=list)
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None]


class Rejection(Base):
    """A candidate a crawl saw but did not archive as an article, and why."""

    __tablename__ = "rejections"
    __table_args__ = (Index("ix_rejections_story_reason", "story", "reason"),)

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(Text)
    url_key: Mapped[str] = mapped_column(String(64), index=True)
    outlet: Mapped[str | None] = mapped_column(String(64))
    story: Mapped[str | None] = mapped_column(String(128))
    reason: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)


class EndpointHealth(Base):
    """What one discovery endpoint of an outlet answered, listed and led to in one crawl run."""

    __tablename__ = "endpoint_health"
    __table_args__ = (
        Index("ix_endpoint_health_outlet_endpoint", "outlet", "endpoint_key", "run_id"),
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id", ondelete="CASCADE"))
    outlet: Mapped[str] = mapped_column(String(64))
    endpoint: Mapped[str] = mapped_column(Text)
    endpoint_key: Mapped[str] = mapped_column(String(64))  # sha256 of the endpoint URL
    source: Mapped[str] = mapped_column(String(32))  # configured | templated | robots-sitemap ...
    kind: Mapped[str] = mapped_column(String(32))  # feed | sitemap | search | start_url | ...
    template: Mapped[str | None] = mapped_column(Text)
    listing_kind: Mapped[str | None] = mapped_column(String(32))  # what the response was
    fetched: Mapped[bool] = mapped_column(default=False)  # False: only articles counted here
    http_status: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(Text)
    listings: Mapped[int] = mapped_column(default=0)  # documents fetched (children included)
    listing_errors: Mapped[int] = mapped_column(default=0)
    entries: Mapped[int] = mapped_column(default=0)
    articles: Mapped[int] = mapped_column(default=0)
    oldest_listed: Mapped[date | None] = mapped_column(Date)
    newest_listed: Mapped[date | None] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
