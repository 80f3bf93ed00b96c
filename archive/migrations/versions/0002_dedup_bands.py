"""Dedup index: LSH band hashes per article (near duplicates, cross-domain canonical links).

Revision ID: 0002_dedup_bands
Revises: 0001_initial
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_dedup_bands"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "dedup_bands",
        sa.Column("hash", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("band", sa.SmallInteger(), nullable=False, autoincrement=False),
        sa.Column(
            "article_id",
            ID,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
            autoincrement=False,
        ),
        sa.PrimaryKeyConstraint("hash", "band", "article_id", name="pk_dedup_bands"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_dedup_bands_article", "dedup_bands", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_dedup_bands_article", table_name="dedup_bands")
    op.drop_table("dedup_bands")
