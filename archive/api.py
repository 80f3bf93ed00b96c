"""``Archive``: the one object a crawler or a researcher needs to use an archive database.

>>> from archive import Archive
>>> archive = Archive("sqlite:///newsarchive.db")      # doctest: +SKIP
>>> [hit.article.title for hit in archive.search("kardashian")]   # doctest: +SKIP
>>> frame = archive.to_dataframe(story="kushner-memoir-kardashian")   # doctest: +SKIP

The reading methods are thin: the work happens in :mod:`archive.query` (coverage, statistics,
clusters, streamed records) and :mod:`archive.export` (JSONL, CSV, Parquet).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from archive import export as export_mod
from archive import migrate, models, query, runs
from archive import search as search_mod
from archive.db import (
    DatabaseError,
    check_connection,
    check_sqlite_target,
    is_sqlite,
    make_engine,
    mask_password,
    resolve_db_url,
    sqlite_file,
)
from archive.dedup.urls import url_key
from archive.query.frames import to_dataframe as frame_of
from archive.research.views import ResearchViews
from archive.schema import Article, ensure_utc
from archive.store import StoreResult, insert_ignore, store_article


class ArchiveNotFoundError(DatabaseError):
    """There is no archive at the URL, and the caller asked not to create one."""


class Archive(ResearchViews):
    """An archive database: storing articles and runs, and querying them.

    ``Archive(url)`` opens the archive at ``url``, creating it when the database is empty (the
    crawler's way). ``Archive(url, create=False)`` opens an existing archive only: a missing
    SQLite file, a directory or a database without the archive's tables raise
    :class:`ArchiveNotFoundError` ("no archive at …"), and nothing is created (the query
    commands' way, so a mistyped path is an error rather than an empty answer). An archive at
    an older schema is brought to the latest one either way; ``migrate_schema=False`` skips
    that (e.g. for a read-only look at an old file).

    The research views (``headlines``, ``quotes``, ``lineage``, ``report``) come from
    :class:`archive.research.views.ResearchViews`.
    """

    def __init__(
        self, db_url: str | None = None, *, create: bool = True, migrate_schema: bool = True
    ) -> None:
        self.url = resolve_db_url(db_url)
        path = sqlite_file(self.url)
        if path is not None:
            self._check_file(path, create)
        self.engine: Engine = make_engine(self.url)
        self.write_engine: Engine = (
            make_engine(self.url, write=True) if is_sqlite(self.engine) else self.engine
        )
        try:
            self._open_schema(create, migrate_schema)
        except DatabaseError:
            self.dispose()
            raise
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(self.write_engine, expire_on_commit=False)

    def _check_file(self, path: Path, create: bool) -> None:
        """Refuse a SQLite path that is no archive (unless creating) or cannot become one."""
        if not create and path.is_dir():
            raise ArchiveNotFoundError(f"no archive at {path}: it is a directory")
        if not create and not path.exists():
            raise ArchiveNotFoundError(f"no archive at {path}")
        check_sqlite_target(path)

    def _open_schema(self, create: bool, migrate_schema: bool) -> None:
        """Check the connection; create or upgrade the schema as asked."""
        check_connection(self.engine)
        if not create and migrate.current_revision(self.engine) is None:
            where = sqlite_file(self.url) or mask_password(self.url)
            raise ArchiveNotFoundError(
                f"no archive at {where} (the database holds no newsarchive tables; "
                "`newsarchive db upgrade` creates them)"
            )
        if not migrate_schema:
            migrate.check_not_newer(self.engine)
        elif not migrate.is_current(self.engine):  # readers never wait for the write lock
            migrate.upgrade(self.write_engine)

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
        now = ensure_utc(now, field_name="now")
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

    def record_rejections(self, run_id: int | None, rejections: Iterable[dict[str, Any]]) -> None:
        """Record many rejections in one transaction.

        Each dict has the keyword arguments of :meth:`record_rejection` but ``run_id``.
        """
        with self.write_session() as session:
            for rejection in rejections:
                runs.record_rejection(session, run_id, **rejection)

    def record_endpoint_health(self, run_id: int, rows: list[dict[str, Any]]) -> int:
        """Store a run's endpoint health rows (one per endpoint); return how many."""
        with self.write_session() as session:
            return runs.record_endpoint_health(session, run_id, rows)

    # -- reading -----------------------------------------------------------------------------
    def search(self, query: str, **filters: Any) -> list[search_mod.SearchHit]:
        """Full-text search; see :func:`archive.search.search` for the filters.

        ``since``/``until`` must be timezone-aware (NaiveDatetimeError otherwise).
        """
        for name in ("since", "until"):
            if filters.get(name) is not None:
                filters[name] = ensure_utc(filters[name], field_name=name)
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

    def iter_articles(
        self,
        *,
        story: str | None = None,
        outlet: str | list[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        cluster_id: int | None = None,
        collapse_duplicates: bool = False,
        fields: tuple[str, ...] = query.EXPORT_FIELDS,
    ) -> Iterator[dict[str, Any]]:
        """Yield articles as Article JSON dicts (aware UTC datetimes), in id order, streamed."""
        filters = query.ArticleFilter(story, outlet, since, until, cluster_id, collapse_duplicates)
        return query.iter_articles(self.engine, filters, fields)

    def clusters(self, *, min_size: int = 2, story: str | None = None) -> list[query.ClusterInfo]:
        """Return clusters of copies with at least ``min_size`` members, largest first."""
        with self.session() as session:
            return query.list_clusters(session, min_size=min_size, story=story)

    def cluster(self, cluster_id: int) -> query.ClusterInfo | None:
        """Return one cluster with its members (the original first), or None."""
        with self.session() as session:
            return query.get_cluster(session, cluster_id)

    def coverage(self, story: str | None = None) -> list[query.CoverageRow]:
        """Return per-outlet coverage of a story (or of everything), incl. outlets with none."""
        with self.session() as session:
            return query.coverage(session, story)

    def timeline(self, story: str | None = None) -> list[query.TimelinePoint]:
        """Return the dated articles of a story in publication order."""
        with self.session() as session:
            return query.timeline(session, story)

    def endpoint_health(
        self,
        *,
        outlet: str | list[str] | None = None,
        runs: int = query.FAILING_RUNS,
        failing_only: bool = False,
    ) -> list[query.EndpointHealthRow]:
        """Return every endpoint's recent checks; ``failing_only``: those failing their last 3.

        See :func:`archive.query.health.endpoint_health`.
        """
        with self.session() as session:
            return query.endpoint_health(
                session, outlet=outlet, runs=runs, failing_only=failing_only
            )

    def failing_endpoints(
        self, *, outlet: str | list[str] | None = None
    ) -> list[query.FailingEndpoint]:
        """Return the endpoints that failed or listed nothing in each of their last 3 runs."""
        with self.session() as session:
            return query.failing_endpoints(session, outlet=outlet)

    def stats(self) -> query.ArchiveStats:
        """Return the archive's size, crawl runs and recent errors."""
        with self.session() as session:
            return query.archive_stats(session)

    def export(
        self,
        fmt: str,
        output: str | None = None,
        *,
        story: str | None = None,
        collapse_duplicates: bool = False,
        versions: bool = False,
        rejections: bool = False,
        clusters: bool = False,
    ) -> export_mod.ExportResult:
        """Export articles as jsonl, csv or parquet (plus companion tables); see archive.export."""
        filters = query.ArticleFilter(story=story, collapse_duplicates=collapse_duplicates)
        return export_mod.export(
            self.engine,
            fmt,
            output,
            filters=filters,
            versions=versions,
            rejections=rejections,
            clusters=clusters,
        )

    def to_dataframe(
        self,
        *,
        story: str | None = None,
        outlet: str | list[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        collapse_duplicates: bool = False,
        fields: tuple[str, ...] = query.EXPORT_FIELDS,
    ) -> Any:
        """Return the articles as a pandas DataFrame (needs the ``parquet`` extra)."""
        filters = query.ArticleFilter(story, outlet, since, until, None, collapse_duplicates)
        return frame_of(self.engine, filters, tuple(fields))

    def __repr__(self) -> str:
        return f"Archive({self.engine.url.render_as_string(hide_password=True)!r})"


__all__ = ["Archive", "ArchiveNotFoundError", "DatabaseError"]
