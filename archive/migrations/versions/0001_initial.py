"""Initial schema: outlets, stories, articles, versions, clusters, crawl runs, rejections, FTS.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)

SQLITE_FTS = [
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, description, body,
        content='articles', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, description, body)
        VALUES (new.id, new.title, new.description, new.body);
    END""",
    """CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, description, body)
        VALUES ('delete', old.id, old.title, old.description, old.body);
    END""",
    """CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, description, body ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, description, body)
        VALUES ('delete', old.id, old.title, old.description, old.body);
        INSERT INTO articles_fts(rowid, title, description, body)
        VALUES (new.id, new.title, new.description, new.body);
    END""",
]

POSTGRES_FTS = [
    """ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(description, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(body, '')), 'C')) STORED""",
    "CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)",
]


def _create_core_tables() -> None:
    op.create_table(
        "outlets",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("domains", sa.JSON(), nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("key", sa.String(128), primary_key=True),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("published_after", sa.Date()),
        sa.Column("published_before", sa.Date()),
        sa.Column("rules", sa.JSON(), nullable=False),
    )
    op.create_table(
        "crawl_runs",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("story", sa.String(128)),
        sa.Column("outlets", sa.JSON(), nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("finished_at", TS),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("stats", sa.JSON(), nullable=False),
        sa.Column("errors", sa.JSON(), nullable=False),
        sa.Column("host", sa.String(255)),
        sa.Column("pid", sa.Integer()),
    )
    op.create_table(
        "clusters",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("original_id", ID),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )


def _create_articles() -> None:
    op.create_table(
        "articles",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("url_key", sa.String(64), nullable=False, unique=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("canonical_url", sa.Text()),
        sa.Column("outlet", sa.String(64), sa.ForeignKey("outlets.key")),
        sa.Column("story", sa.String(128), sa.ForeignKey("stories.key")),
        sa.Column("title", sa.Text()),
        sa.Column("description", sa.Text()),
        sa.Column("authors", sa.JSON(), nullable=False),
        sa.Column("published_at", TS),
        sa.Column("modified_at", TS),
        sa.Column("date_published", sa.String(64)),
        sa.Column("date_modified", sa.String(64)),
        sa.Column("section", sa.String(200)),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("body", sa.Text()),
        sa.Column("word_count", sa.Integer()),
        sa.Column("image_url", sa.Text()),
        sa.Column("relevance", sa.Float()),
        sa.Column("matched_terms", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(64), index=True),
        sa.Column("provenance", sa.JSON(), nullable=False),
        sa.Column("channel", sa.String(32)),
        sa.Column("cluster_id", ID, sa.ForeignKey("clusters.id", ondelete="SET NULL"), index=True),
        sa.Column("duplicate_of", ID, sa.ForeignKey("articles.id", ondelete="SET NULL")),
        sa.Column("duplicate_kind", sa.String(8)),
        sa.Column("first_seen_at", TS, nullable=False),
        sa.Column("last_checked_at", TS, nullable=False),
        sa.Column("last_changed_at", TS, nullable=False),
        sa.Column("next_check_at", TS, index=True),
        sa.Column("version_count", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_changed_at", TS),
        sa.Column("redirect_target", sa.Text()),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("http_status", sa.Integer()),
        sa.Column("first_run_id", ID, sa.ForeignKey("crawl_runs.id")),
    )
    op.create_index("ix_articles_outlet_published", "articles", ["outlet", "published_at"])
    op.create_index("ix_articles_story_published", "articles", ["story", "published_at"])
    with op.batch_alter_table("clusters") as batch:
        batch.create_foreign_key(
            "fk_clusters_original", "articles", ["original_id"], ["id"], ondelete="SET NULL"
        )


def _create_history_tables() -> None:
    op.create_table(
        "article_versions",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column(
            "article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("description", sa.Text()),
        sa.Column("authors", sa.JSON(), nullable=False),
        sa.Column("published_at", TS),
        sa.Column("modified_at", TS),
        sa.Column("body", sa.Text()),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("captured_at", TS, nullable=False),
        sa.Column("capture_file", sa.Text()),
        sa.Column("capture_record_id", sa.Text()),
        sa.Column("http_status", sa.Integer()),
        sa.Column("run_id", ID, sa.ForeignKey("crawl_runs.id")),
        sa.UniqueConstraint("article_id", "version", name="uq_article_version"),
    )
    op.create_table(
        "rejections",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("run_id", ID, sa.ForeignKey("crawl_runs.id", ondelete="CASCADE")),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("url_key", sa.String(64), nullable=False, index=True),
        sa.Column("outlet", sa.String(64)),
        sa.Column("story", sa.String(128)),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("seen_at", TS, nullable=False),
    )
    op.create_index("ix_rejections_story_reason", "rejections", ["story", "reason"])


def upgrade() -> None:
    _create_core_tables()
    _create_articles()
    _create_history_tables()
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_FTS if dialect == "sqlite" else POSTGRES_FTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("articles_fts_ai", "articles_fts_ad", "articles_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("rejections", "article_versions"):
        op.drop_table(table)
    with op.batch_alter_table("clusters") as batch:
        batch.drop_constraint("fk_clusters_original", type_="foreignkey")
    for table in ("articles", "clusters", "crawl_runs", "stories", "outlets"):
        op.drop_table(table)
