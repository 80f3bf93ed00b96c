"""Endpoint health: per crawl run and discovery endpoint, its status, entries and articles.

Revision ID: 0006_endpoint_health
Revises: 0005_search_parity
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_endpoint_health"
down_revision = "0005_search_parity"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "endpoint_health",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("run_id", ID, sa.ForeignKey("crawl_runs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("outlet", sa.String(64), nullable=False),
        sa.Column("endpoint", sa.Text(), nullable=False),
        sa.Column("endpoint_key", sa.String(64), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("template", sa.Text(), nullable=True),
        sa.Column("listing_kind", sa.String(32), nullable=True),
        sa.Column("fetched", sa.Boolean(), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("listings", sa.Integer(), nullable=False),
        sa.Column("listing_errors", sa.Integer(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("oldest_listed", sa.Date(), nullable=True),
        sa.Column("newest_listed", sa.Date(), nullable=True),
        sa.Column("recorded_at", TS, nullable=False),
    )
    op.create_index(
        "ix_endpoint_health_outlet_endpoint",
        "endpoint_health",
        ["outlet", "endpoint_key", "run_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_endpoint_health_outlet_endpoint", table_name="endpoint_health")
    op.drop_table("endpoint_health")
