"""Alembic environment: runs on the connection archive.migrate hands over."""

from __future__ import annotations

from alembic import context

import archive.dedup.models  # noqa: F401  (register the dedup tables on Base.metadata)
import archive.recheck_models  # noqa: F401  (article_events)
import archive.research.models  # noqa: F401  (headline_states)
from archive.models import Base

#: Objects that migrations create by hand and autogenerate must not try to drop.
MANUAL_OBJECTS = {
    "articles_fts",
    "articles_fts_data",
    "articles_fts_idx",
    "articles_fts_docsize",
    "articles_fts_config",
    "articles_fts_content",
    "scheduler_jobs",
    "scheduler_locks",
}


def include_object(obj, name, type_, reflected, compare_to):  # noqa: ANN001, ANN201
    """Keep FTS tables, the tsvector column and the scheduler's tables out of autogenerate."""
    if name in MANUAL_OBJECTS or (name or "").startswith("articles_fts"):
        return False
    return not (type_ == "column" and name == "search_vector")


def run_migrations() -> None:
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
