"""Typed model of re-check events: when an article went, moved, came back or changed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from archive.models import ID, Base

#: Event kinds, in the words researchers query by.
EVENT_KINDS: tuple[str, ...] = ("gone", "redirected", "returned", "changed")


class ArticleEvent(Base):
    """One status change of an article found by a re-check (table ``article_events``)."""

    __tablename__ = "article_events"
    __table_args__ = (
        Index("ix_article_events_article_at", "article_id", "at"),
        Index("ix_article_events_kind_at", "kind", "at"),
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    article_id: Mapped[int] = mapped_column(ID, ForeignKey("articles.id", ondelete="CASCADE"))
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text, default="")
    http_status: Mapped[int | None]
    run_id: Mapped[int | None] = mapped_column(ID, ForeignKey("crawl_runs.id"))
