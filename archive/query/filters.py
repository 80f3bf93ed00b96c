"""Which articles a query or an export covers: one filter object shared by every reader."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select

from archive import models
from archive.schema import ensure_utc


@dataclass(frozen=True)
class ArticleFilter:
    """Restrictions on articles; ``None`` / ``False`` means "no restriction".

    ``since``/``until`` bound ``published_at`` inclusively (aware datetimes);
    ``collapse_duplicates`` keeps one article per cluster (its original).
    """

    story: str | None = None
    outlet: str | list[str] | None = None
    since: datetime | None = None
    until: datetime | None = None
    cluster_id: int | None = None
    collapse_duplicates: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "since", ensure_utc(self.since, field_name="since"))
        object.__setattr__(self, "until", ensure_utc(self.until, field_name="until"))

    def apply(self, stmt: Select[Any]) -> Select[Any]:
        """Return ``stmt`` (which selects from ``articles``) with the restrictions added."""
        a = models.Article
        if self.story:
            stmt = stmt.where(a.story == self.story)
        if self.outlet:
            outlets = [self.outlet] if isinstance(self.outlet, str) else list(self.outlet)
            stmt = stmt.where(a.outlet.in_(outlets))
        if self.since is not None:
            stmt = stmt.where(a.published_at >= self.since)
        if self.until is not None:
            stmt = stmt.where(a.published_at <= self.until)
        if self.cluster_id is not None:
            stmt = stmt.where(a.cluster_id == self.cluster_id)
        if self.collapse_duplicates:
            stmt = stmt.where(a.duplicate_of.is_(None))
        return stmt
