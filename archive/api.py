"""``Archive``: the one object a crawler or a researcher needs to use an archive database.

>>> from archive import Archive
>>> archive = Archive("sqlite:///newsarchive.db")      # doctest: +SKIP
>>> [hit.article.title for hit in archive.search("kardashian")]   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from archive import migrate, models, runs
from archive import search as search_mod
from archive.db import DatabaseError, check_connection, is_sqlite, make_engine, resolve_db_url
from archive.dedup.urls import url_key
from archive.schema import Article
from archive.store import StoreResult, insert_ignore, store_article


class Archive:
    """An archive database: storing articles and runs, and querying them.

    Opening an archive checks the connection and brings an empty or older database to the
    latest schema (``migrate=False`` skips that, e.g. for a read-only look at an old file).
    """

    def __init__(self, db_url: str | None = None, *, migrate_schema: bool = True) -> None:
        self.url = resolve_db_url(db_url)
        self.engine: Engine = make_engine(self.url)
        self.write_engine: Engine = (
            make_engine(self.url, write=True) if is_sqlite(self.engine) else self.engine
        )
        check_connection(self.engine)
        if migrate_schema:
            migrate.upgrade(self.write_engine)
        else:
            migrate.check_not_newer(self.engine)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(self.write_engine, expire_on_commit=False)

    # -- sessions ---------------------------------------------------------------------------
    @contextmanager
    def session(self) -> Iterator[Session]:
        """Yield a read session (no write lock on SQLite); rolled back at the end."""
        with self._read() as session:
            yield session

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """Yield a session whose transaction is committed on success, rolled back on error."""
        with self._write() as session, session.begin():
            yield session

    def dispose(self) -> None:
        """Close pooled connections (call before forking or at the end of a process)."""
        self.engine.dispose()
        self.write_engine.dispose()

    @property
    def dialect(self) -> str:
        """Return the database dialect name (``sqlite`` or ``postgresql``)."""
        return self.engine.dialect.name

    # -- writing -----------------------------------------------------------------------------
    def store(
        self, article: Article, *, run_id: int | None = None, now: datetime | None = None
    ) -> StoreResult:
        """Store one article in its own transaction; see :func:`archive.store.store_article`."""
        try:
            with self.write_session() as session:
                return store_article(session, article, run_id=run_id, now=now)
        except OperationalError as exc:
            raise DatabaseError(f"storing {article.url} failed: {exc.orig}") from None

    def store_many(
        self, articles: Iterable[Article], *, run_id: int | None = None
    ) -> list[StoreResult]:
        """Store several articles in one transaction (faster for bulk loads; all or nothing)."""
        with self.write_session() as session:
            return [store_article(session, a, run_id=run_id) for a in articles]

    def ensure_outlet(self, key: str, name: str, domains: list[str]) -> None:
        """Create or refresh an outlet row."""
        with self.write_session() as session:
            row = session.get(models.Outlet, key)
            if row is None:
                insert_ignore(
                    session,
                    models.Outlet,
                    {"key": key, "name": name, "domains": list(domains)},
                    ["key"],
                )
            else:
                row.name, row.domains = name, list(domains)

    def ensure_story(
        self,
        key: str,
        title: str,
        published_after: date | None,
        published_before: date | None,
        rules: dict[str, Any],
    ) -> None:
        """Create or refresh a story row."""
        values = {
            "title": title,
            "published_after": published_after,
            "published_before": published_before,
            "rules": dict(rules),
        }
        with self.write_session() as session:
            row = session.get(models.Story, key)
            if row is None:
                insert_ignore(session, models.Story, {"key": key, **values}, ["key"])
            else:
                for name, value in values.items():
                    setattr(row, name, value)

    def start_run(self, kind: str, story: str | None, outlets: list[str]) -> int:
        """Record the start of a crawl run and return its id."""
        with self.write_session() as session:
            return runs.start_run(session, kind, story, outlets)

    def finish_run(
        self, run_id: int, *, status: str, stats: dict[str, Any], errors: list[str]
    ) -> None:
        """Record the end of a crawl run with its statistics and errors."""
        with self.write_session() as session:
            runs.finish_run(session, run_id, status=status, stats=stats, errors=errors)

    def record_rejection(
        self,
        run_id: int | None,
        *,
        url: str,
        outlet: str | None,
        story: str | None,
        reason: str,
        detail: str = "",
    ) -> None:
        """Record a candidate the crawl saw but did not archive, with the reason."""
        with self.write_session() as session:
            runs.record_rejection(
                session, run_id, url=url, outlet=outlet, story=story, reason=reason, detail=detail
            )

    # -- reading -----------------------------------------------------------------------------
    def search(self, query: str, **filters: Any) -> list[search_mod.SearchHit]:
        """Full-text search; see :func:`archive.search.search` for the filters."""
        with self.session() as session:
            return search_mod.search(session, query, **filters)

    def get(self, id_or_url: int | str) -> models.Article | None:
        """Return the article with this id or URL (any variant of it), or None."""
        with self.session() as session:
            if isinstance(id_or_url, int) or str(id_or_url).isdigit():
                return session.get(models.Article, int(id_or_url))
            return session.scalars(
                select(models.Article).where(models.Article.url_key == url_key(str(id_or_url)))
            ).first()

    def versions(self, article_id: int) -> list[models.ArticleVersion]:
        """Return an article's versions, oldest first."""
        with self.session() as session:
            return list(
                session.scalars(
                    select(models.ArticleVersion)
                    .where(models.ArticleVersion.article_id == article_id)
                    .order_by(models.ArticleVersion.version)
                )
            )

    def __repr__(self) -> str:
        return f"Archive({self.engine.url.render_as_string(hide_password=True)!r})"


__all__ = ["Archive", "DatabaseError"]
