"""Database URLs and engines: resolution order, SQLite pragmas, friendly connection errors."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.exc import DatabaseError as DriverDatabaseError

ENV_VAR = "NEWSARCHIVE_DB"
DEFAULT_URL = "sqlite:///newsarchive.db"
#: How long a SQLite writer waits for another writer's lock before giving up (seconds).
SQLITE_BUSY_TIMEOUT_S = 30.0
#: Environment variable overriding that wait (seconds), e.g. for a script that should fail fast.
BUSY_TIMEOUT_ENV_VAR = "NEWSARCHIVE_SQLITE_BUSY_TIMEOUT_S"
_PASSWORD_IN_URL = re.compile(r"(?P<head>://[^:/@\s]+:)(?P<pw>[^@\s]+)(?P<tail>@)")


class DatabaseError(RuntimeError):
    """A database could not be opened or used; the message is one line for the user."""


def resolve_db_url(db_url: str | None = None) -> str:
    """Return the database URL: the argument, else ``$NEWSARCHIVE_DB``, else the SQLite default."""
    url = db_url or os.environ.get(ENV_VAR) or DEFAULT_URL
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        # Plain postgresql:// would pick psycopg2; we ship psycopg 3.
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def sqlite_busy_timeout_s() -> float:
    """Return the SQLite busy timeout in seconds: ``$NEWSARCHIVE_SQLITE_BUSY_TIMEOUT_S`` or 30."""
    value = os.environ.get(BUSY_TIMEOUT_ENV_VAR, "").strip()
    if not value:
        return SQLITE_BUSY_TIMEOUT_S
    try:
        seconds = float(value)
    except ValueError:
        raise DatabaseError(
            f"{BUSY_TIMEOUT_ENV_VAR} must be a number of seconds, got {value!r}"
        ) from None
    if seconds < 0:
        raise DatabaseError(f"{BUSY_TIMEOUT_ENV_VAR} cannot be negative, got {value!r}")
    return seconds


def mask_password(text_with_url: str) -> str:
    """Return the text with any password inside a URL replaced by ``***``."""
    return _PASSWORD_IN_URL.sub(r"\g<head>***\g<tail>", text_with_url)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Enable WAL, foreign keys and a busy timeout on every new SQLite connection."""
    # pysqlite's own transaction handling would defer BEGIN; we issue BEGIN ourselves below.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {int(sqlite_busy_timeout_s() * 1000)}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _sqlite_begin_deferred(conn: Any) -> None:
    """Start a read transaction (WAL readers never block the writer)."""
    conn.exec_driver_sql("BEGIN")


def _sqlite_begin_immediate(conn: Any) -> None:
    """Start a write transaction holding the write lock from its first statement.

    A deferred transaction that reads and then writes can fail with SQLITE_BUSY when another
    writer committed in between (the busy timeout does not help there); IMMEDIATE makes
    concurrent writers queue on the busy timeout instead.
    """
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def sqlite_file(db_url: str) -> Path | None:
    """Return the file of a SQLite URL, None for other databases and in-memory SQLite."""
    try:
        url = make_url(db_url)
    except ArgumentError:
        return None
    if url.get_backend_name() != "sqlite" or url.query.get("uri") in ("true", "1"):
        return None
    if not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def check_sqlite_target(path: Path) -> None:
    """Raise DatabaseError when a SQLite archive cannot be created or opened at ``path``."""
    if path.is_dir():
        raise DatabaseError(f"cannot use {path} as an archive: it is a directory")
    if path.exists():
        return
    parent = path.parent
    if not parent.is_dir():
        raise DatabaseError(f"cannot create an archive at {path}: no directory {parent}")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise DatabaseError(f"cannot create an archive at {path}: {parent} is not writable")


def make_engine(db_url: str | None = None, *, write: bool = False) -> Engine:
    """Return an Engine for the resolved URL, raising DatabaseError with a one-line reason.

    On SQLite, ``write=True`` gives an engine whose transactions begin IMMEDIATE.
    """
    url = resolve_db_url(db_url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"invalid database URL {mask_password(url)!r}: {exc}") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            # A small pool per process: reopening the file (and re-running the pragmas) for
            # every transaction cost about half of a one-article store.
            engine = create_engine(
                url,
                pool_size=2,
                max_overflow=8,
                connect_args={"timeout": sqlite_busy_timeout_s(), "check_same_thread": False},
            )
            event.listen(engine, "connect", _sqlite_pragmas)
            begin = _sqlite_begin_immediate if write else _sqlite_begin_deferred
            event.listen(engine, "begin", begin)
        else:
            engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
    except (NoSuchModuleError, ImportError) as exc:
        raise DatabaseError(
            f"unsupported database URL {mask_password(url)!r}: {exc} "
            "(SQLite is built in; PostgreSQL needs `pip install newsarchive[postgres]`)"
        ) from None
    return engine


def check_connection(engine: Engine) -> None:
    """Connect once, turning driver errors into a one-line DatabaseError."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DriverDatabaseError as exc:  # OperationalError, "file is not a database", ...
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseError(
            f"cannot connect to {mask_password(engine.url.render_as_string(hide_password=True))}: "
            f"{mask_password(reason)}"
        ) from None


def is_sqlite(engine: Engine) -> bool:
    """Return True when the engine talks to SQLite."""
    return engine.dialect.name == "sqlite"
