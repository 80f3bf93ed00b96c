"""Research views: headline variants per article and version, their history, outbound links.

``articles.headlines`` / ``article_versions.headlines`` hold the variants (display, document,
social, twitter, structured, listing) of the current state and of each body version;
``headline_states`` records every distinct state, so an edit of only the og:title is a change
without being a new body version. ``links`` holds the body's outbound links (lineage reads
them; the extractor fills them).

Revision ID: 0004_research_headlines
Revises: 0003_scheduler
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_research_headlines"
down_revision = "0003_scheduler"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def _json_column(name: str, empty: str) -> sa.Column:
    """Return a non-null JSON column whose existing rows get ``empty`` ('{}' or '[]')."""
    return sa.Column(name, sa.JSON(), nullable=False, server_default=sa.text(f"'{empty}'"))


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN on both databases (SQLite supports it): a batch rebuild of
    # ``articles`` would drop its full-text triggers.
    for table in ("articles", "article_versions"):
        op.add_column(table, _json_column("headlines", "{}"))
        op.add_column(table, _json_column("links", "[]"))
    op.create_table(
        "headline_states",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column(
            "article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("observed_at", TS, nullable=False),
        sa.Column("headlines", sa.JSON(), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("run_id", ID, sa.ForeignKey("crawl_runs.id"), nullable=True),
    )
    op.create_index("ix_headline_states_article", "headline_states", ["article_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_headline_states_article", table_name="headline_states")
    op.drop_table("headline_states")
    for table in ("article_versions", "articles"):  # SQLite >= 3.35 drops columns in place
        op.drop_column(table, "links")
        op.drop_column(table, "headlines")
