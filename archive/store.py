"""Storing a normalized article: one idempotent entry point, versions only on real change.

Uniqueness is the database's job (unique ``url_key``): the insert is ``ON CONFLICT DO NOTHING``
and the loser of a race re-reads the winner's row under a row lock, so two processes storing the
same article end with one row and one version.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import (
    Column,
    ColumnDefault,
    Dialect,
    Table,
    bindparam,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.orm import Session, make_transient_to_detached

from archive import ladder, models
from archive.dedup import clusters
from archive.dedup.urls import canonicalize_url, url_key
from archive.research.headline_history import record_headlines
from archive.schema import Article

Action = Literal["created", "updated", "unchanged"]
_SPACES = re.compile(r"\s+")
#: Article columns copied from the incoming article when content changes.
CONTENT_FIELDS = (
    "title",
    "description",
    "authors",
    "published_at",
    "modified_at",
    "date_published",
    "date_modified",
    "section",
    "tags",
    "language",
    "body",
    "word_count",
    "image_url",
    "content_hash",
    "provenance",
    "relevance",
    "matched_terms",
    "links",
)
_ARTICLE_ID = models.Article.__table__.c.id
#: Every mapped column of an article set to NULL: the base of a row attached after an insert.
_UNSET_COLUMNS = dict.fromkeys(attr.key for attr in inspect(models.Article).column_attrs)
_INSERT_VERSION = insert(models.ArticleVersion.__table__)
_ROW_FOR_UPDATE = (
    select(models.Article).where(models.Article.url_key == bindparam("url_key")).with_for_update()
)
_LATEST_VERSION = (
    select(models.ArticleVersion.version, models.ArticleVersion.fingerprint)
    .where(models.ArticleVersion.article_id == bindparam("article_id"))
    .order_by(models.ArticleVersion.version.desc())
    .limit(1)
)


@dataclass(frozen=True)
class StoreResult:
    """What storing one article did.

    ``headlines_changed``: a new state of the headline variants was recorded (also when the
    body is ``unchanged``: an edit of only the og:title is no new version).
    """

    action: Action
    article_id: int
    version: int
    headlines_changed: bool = False


def _norm(text: str | None) -> str:
    """Return text with Unicode and whitespace runs normalized (not case or punctuation)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text or "")).strip()


def content_fingerprint(article: Article) -> str:
    """Return the hash deciding whether content changed: title, body, authors, publication date.

    Whitespace-only edits and a bumped ``modified_at`` alone are deliberately not changes.
    """
    published = article.published_at.isoformat() if article.published_at else None
    payload = [
        _norm(article.title),
        _norm(article.body),
        [_norm(a) for a in article.authors],
        published,
    ]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def article_url_key(article: Article) -> tuple[str, str]:
    """Return (canonical URL, url_key) for an article.

    The key honours the page's rel=canonical only when it points to the same outlet (or a sister
    domain); the stored canonical URL keeps what the page declared, even on a foreign domain,
    because "this page says it is a copy of that one" is what the ``url`` duplicate kind reads.
    """
    key = url_key(canonicalize_url(article.url, canonical_hint=article.canonical_url))
    declared = canonicalize_url(article.canonical_url or article.url)
    return declared, key


#: INSERT ... ON CONFLICT DO NOTHING statements by (dialect, table, columns, key, returning).
#: SQLAlchemy 2.0 never caches the compiled form of its dialect ``insert().on_conflict_...``
#: constructs (their cache key is disabled), which cost a full compile of the 33-column article
#: INSERT on every store; a textual statement with typed parameters is cached like any other.
_INSERT_IGNORE: dict[tuple[str, str, tuple[str, ...], tuple[str, ...], str | None], Any] = {}


def _insert_ignore_statement(
    dialect: Dialect,
    table: Table,
    columns: tuple[str, ...],
    key: tuple[str, ...],
    returning: Column[Any] | None,
) -> Any:
    """Return the (cached) INSERT ... ON CONFLICT DO NOTHING statement for these columns."""
    cache_key = (dialect.name, table.name, columns, key, getattr(returning, "name", None))
    stmt = _INSERT_IGNORE.get(cache_key)
    if stmt is None:
        quote = dialect.identifier_preparer.quote
        sql = (
            f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, columns))}) "
            f"VALUES ({', '.join(':' + c for c in columns)}) "
            f"ON CONFLICT ({', '.join(map(quote, key))}) DO NOTHING"
        )
        if returning is not None:
            sql += f" RETURNING {quote(returning.name)}"
        stmt = text(sql).bindparams(*(bindparam(c, type_=table.c[c].type) for c in columns))
        if returning is not None:
            stmt = stmt.columns(returning)
        _INSERT_IGNORE[cache_key] = stmt
    return stmt


def _with_python_defaults(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """Return ``values`` plus the Python-side defaults of the columns it leaves out."""
    missing = [
        column
        for column in table.columns
        if column.name not in values and isinstance(column.default, ColumnDefault)
    ]
    if not missing:
        return values
    filled = dict(values)
    for column in missing:
        default = column.default
        filled[column.name] = default.arg(None) if default.is_callable else default.arg
    return filled


def insert_ignore(
    session: Session, model: Any, values: dict[str, Any], key: list[str], returning: Any = None
) -> Any:
    """Run INSERT ... ON CONFLICT DO NOTHING (optionally RETURNING a column); return the result."""
    table = model.__table__
    values = _with_python_defaults(table, values)
    dialect = session.get_bind().dialect
    stmt = _insert_ignore_statement(dialect, table, tuple(values), tuple(key), returning)
    return session.execute(stmt, values)


#: (database URL, table, key) of outlet/story rows known to be committed; lets the store skip
#: two INSERT ... ON CONFLICT statements per article (a third of a store's cost) once a key
#: has been seen to exist.
_KNOWN_REFERENCES: set[tuple[str, str, str]] = set()


def _ensure_reference(session: Session, model: Any, values: dict[str, Any]) -> None:
    """Create one referenced row if it is missing, remembering keys seen to exist."""
    seen = (str(session.get_bind().url), model.__tablename__, values["key"])
    if seen in _KNOWN_REFERENCES:
        return
    created = insert_ignore(session, model, values, ["key"], returning=model.__table__.c.key)
    if created.scalar() is None:  # the row already existed, so it is committed
        _KNOWN_REFERENCES.add(seen)


def ensure_reference_rows(session: Session, article: Article) -> None:
    """Create the outlet and story rows an article refers to when they are missing."""
    if article.outlet:
        _ensure_reference(
            session, models.Outlet, {"key": article.outlet, "name": article.outlet, "domains": []}
        )
    if article.story:
        _ensure_reference(
            session, models.Story, {"key": article.story, "title": article.story, "rules": {}}
        )


def _version_values(
    article: Article,
    number: int,
    fingerprint: str,
    run_id: int | None,
    now: datetime,
    headlines: dict[str, str],
) -> dict[str, Any]:
    """Return the column values of a version row for the article's current content."""
    return {
        "version": number,
        "headlines": headlines,
        "links": list(article.links),
        "title": article.title,
        "description": article.description,
        "authors": list(article.authors),
        "published_at": article.published_at,
        "modified_at": article.modified_at,
        "body": article.body,
        "content_hash": article.content_hash,
        "fingerprint": fingerprint,
        "captured_at": article.fetched_at or now,
        "capture_file": article.capture_file,
        "capture_record_id": article.capture_record_id,
        "http_status": article.http_status,
        "run_id": run_id,
    }


def _apply_fetch_facts(row: models.Article, article: Article, now: datetime) -> None:
    """Record when and how the article was last fetched."""
    row.last_checked_at = now
    row.http_status = article.http_status or row.http_status
    row.etag = article.etag or row.etag
    row.last_modified = article.last_modified or row.last_modified
    row.next_check_at = ladder.next_check_at(row.last_changed_at, now)
    if row.status != "live":
        row.status, row.status_changed_at, row.redirect_target = "live", now, None


def _create(
    session: Session,
    article: Article,
    canonical: str,
    key: str,
    fingerprint: str,
    run_id: int | None,
    now: datetime,
) -> StoreResult | None:
    """Insert the article row and its first version; None when another writer won the race."""
    values = _new_row_values(article, canonical, key, run_id, now)
    new_id = insert_ignore(session, models.Article, values, ["url_key"], returning=_ARTICLE_ID)
    new_id = new_id.scalar()
    if new_id is None:
        return None
    row = _attach_inserted(session, new_id, values)
    headlines, recorded = record_headlines(
        session, row, article, version=1, run_id=run_id, now=now, is_new=True
    )
    version = _version_values(article, 1, fingerprint, run_id, now, headlines)
    session.execute(_INSERT_VERSION, {"article_id": new_id, **version})
    clusters.assign_cluster(session, row)
    return StoreResult("created", new_id, 1, headlines_changed=recorded)


def _new_row_values(
    article: Article, canonical: str, key: str, run_id: int | None, now: datetime
) -> dict[str, Any]:
    """Return the column values of a new article row."""
    values = {f: getattr(article, f) for f in CONTENT_FIELDS}
    values.update(
        url_key=key,
        url=article.url,
        canonical_url=canonical,
        outlet=article.outlet,
        story=article.story,
        channel=article.channel,
        first_seen_at=now,
        last_checked_at=now,
        last_changed_at=now,
        next_check_at=ladder.next_check_at(now, now),
        version_count=1,
        status="live",
        http_status=article.http_status,
        etag=article.etag,
        last_modified=article.last_modified,
        first_run_id=run_id,
        authors=list(article.authors),
        tags=list(article.tags),
        matched_terms=list(article.matched_terms),
        provenance=dict(article.provenance),
        headlines=dict(article.headlines),
        links=list(article.links),
    )
    return values


def _attach_inserted(session: Session, article_id: int, values: dict[str, Any]) -> models.Article:
    """Return the ORM row of an article just inserted with ``values``, without reading it back.

    Every mapped column is set (the ones the insert left out are NULL in the database, none
    has a server default), so the row is loaded as it is stored and no attribute lazy-loads.
    """
    row = models.Article(**{**_UNSET_COLUMNS, **values, "id": article_id})
    make_transient_to_detached(row)
    session.add(row)
    return row


def _update(
    session: Session,
    row: models.Article,
    article: Article,
    fingerprint: str,
    run_id: int | None,
    now: datetime,
) -> StoreResult:
    """Compare with the latest version and add a new one only when the content changed."""
    latest = session.execute(_LATEST_VERSION, {"article_id": row.id}).first()
    _apply_fetch_facts(row, article, now)
    if latest is not None and latest.fingerprint == fingerprint:
        _, recorded = record_headlines(
            session, row, article, version=latest.version, run_id=run_id, now=now
        )
        return StoreResult("unchanged", row.id, latest.version, headlines_changed=recorded)
    number = (latest.version if latest else 0) + 1
    hash_changed = row.content_hash != article.content_hash
    for field in CONTENT_FIELDS:
        setattr(row, field, getattr(article, field))
    row.version_count, row.last_changed_at = number, now
    row.next_check_at = ladder.next_check_at(now, now)
    headlines, recorded = record_headlines(
        session, row, article, version=number, run_id=run_id, now=now
    )
    version = _version_values(article, number, fingerprint, run_id, now, headlines)
    session.execute(_INSERT_VERSION, {"article_id": row.id, **version})
    if hash_changed:
        session.flush()
        clusters.assign_cluster(session, row)
    return StoreResult("updated", row.id, number, headlines_changed=recorded)


def store_article(
    session: Session, article: Article, *, run_id: int | None = None, now: datetime | None = None
) -> StoreResult:
    """Store one normalized article in the session's transaction; idempotent.

    Returns whether the article was created, updated (a new version) or unchanged.
    """
    now = now or models.utcnow()
    canonical, key = article_url_key(article)
    fingerprint = content_fingerprint(article)
    ensure_reference_rows(session, article)
    created = _create(session, article, canonical, key, fingerprint, run_id, now)
    if created is not None:
        return created
    row = session.scalars(_ROW_FOR_UPDATE, {"url_key": key}).one()
    return _update(session, row, article, fingerprint, run_id, now)
