"""Tables of the dedup index: the LSH band hashes every article is found by."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Index, PrimaryKeyConstraint, SmallInteger
from sqlalchemy.orm import Mapped, mapped_column

from archive.models import ID, Base


class LshBand(Base):
    """One LSH band hash of an article's MinHash signature (or its cross-domain canonical link).

    The primary key starts with ``hash`` so a new article finds its candidates with one indexed
    ``hash IN (...)`` lookup; on SQLite the table is WITHOUT ROWID (the key is the table).
    Band ``URL_LINK_BAND`` (-1) holds the url_key hash of the article's cross-domain
    ``rel=canonical`` target.
    """

    __tablename__ = "dedup_bands"
    __table_args__ = (
        PrimaryKeyConstraint("hash", "band", "article_id", name="pk_dedup_bands"),
        Index("ix_dedup_bands_article", "article_id"),
        {"sqlite_with_rowid": False},
    )

    hash: Mapped[int] = mapped_column(BigInteger, autoincrement=False)
    band: Mapped[int] = mapped_column(SmallInteger, autoincrement=False)
    article_id: Mapped[int] = mapped_column(
        ID, ForeignKey("articles.id", ondelete="CASCADE"), autoincrement=False
    )
