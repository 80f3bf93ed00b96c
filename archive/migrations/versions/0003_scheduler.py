"""Re-check events and the scheduler's lock leases.

``article_events`` records status changes found by re-checks (gone, redirected, returned,
changed); ``scheduler_locks`` holds the lease rows that keep a second scheduler from acting on
SQLite (PostgreSQL uses advisory locks). APScheduler creates ``scheduler_jobs`` itself.

Revision ID: 0003_scheduler
Revises: 0002_dedup_bands
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_scheduler"
down_revision = "0002_dedup_bands"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "article_events",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column(
            "article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("at", TS, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("run_id", ID, sa.ForeignKey("crawl_runs.id"), nullable=True),
    )
    op.create_index("ix_article_events_article_at", "article_events", ["article_id", "at"])
    op.create_index("ix_article_events_kind_at", "article_events", ["kind", "at"])
    op.create_table(
        "scheduler_locks",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("acquired_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("scheduler_locks")
    op.drop_index("ix_article_events_kind_at", table_name="article_events")
    op.drop_index("ix_article_events_article_at", table_name="article_events")
    op.drop_table("article_events")
