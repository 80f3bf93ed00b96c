"""Typed model of headline history: every distinct set of headline variants an article showed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from archive.models import ID, Base, utcnow


class HeadlineState(Base):
    """One state of an article's headline variants (table ``headline_states``).

    A row is written when an article is first stored with headlines and whenever a later fetch
    shows different variants, whether or not the body changed: an edit of only the og:title is a
    new state without being a new body version. ``version`` is the body version current when the
    state was seen.
    """

    __tablename__ = "headline_states"
    __table_args__ = (Index("ix_headline_states_article", "article_id", "id"),)

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    article_id: Mapped[int] = mapped_column(ID, ForeignKey("articles.id", ondelete="CASCADE"))
    version: Mapped[int]
    observed_at: Mapped[datetime] = mapped_column(default=utcnow)
    headlines: Mapped[dict[str, Any]] = mapped_column(default=dict)
    fingerprint: Mapped[str] = mapped_column(String(64))
    run_id: Mapped[int | None] = mapped_column(ID, ForeignKey("crawl_runs.id"))
