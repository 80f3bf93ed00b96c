"""Only one scheduler acts: a PostgreSQL advisory lock, or a lease row on SQLite.

A :class:`Lease` is named (``scheduler`` for the acting scheduler, ``job:<id>`` for one running
job). On PostgreSQL it is a session-level advisory lock held by a dedicated connection: it goes
away with the process or the connection. On SQLite it is a row in ``scheduler_locks`` with an
expiry time; the holder renews it, and a holder that died loses it when the lease runs out.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import socket
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Column, Connection, Engine, MetaData, String, Table, select, text
from sqlalchemy.exc import SQLAlchemyError

from archive.models import UTCDateTime, utcnow

logger = logging.getLogger(__name__)
_metadata = MetaData()
#: The lease rows (created by migration 0003_scheduler).
LOCKS = Table(
    "scheduler_locks",
    _metadata,
    Column("name", String(200), primary_key=True),
    Column("owner", String(200), nullable=False),
    Column("acquired_at", UTCDateTime(), nullable=False),
    Column("expires_at", UTCDateTime(), nullable=False),
)


def make_owner() -> str:
    """Return an owner id unique to this process (host, pid and a random part)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def advisory_key(name: str) -> int:
    """Return the signed 64-bit PostgreSQL advisory lock key of a lock name."""
    digest = hashlib.sha256(f"newsarchive:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class Lease:
    """A named lock one owner holds at a time; ``acquire`` never waits."""

    def __init__(
        self,
        engine: Engine,
        name: str,
        *,
        owner: str | None = None,
        lease: timedelta = timedelta(minutes=2),
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.engine, self.name, self.lease, self.clock = engine, name, lease, clock
        self.owner = owner or make_owner()
        self.held = False
        self._conn: Connection | None = None

    @property
    def uses_advisory_lock(self) -> bool:
        """Return True on PostgreSQL (advisory lock) rather than a lease row."""
        return self.engine.dialect.name == "postgresql"

    def acquire(self) -> bool:
        """Take the lock if it is free (or ours, or its lease ran out); return whether held."""
        try:
            self.held = self._acquire_advisory() if self.uses_advisory_lock else self._take_row()
        except SQLAlchemyError as exc:
            logger.warning("lock %s: database error while acquiring: %s", self.name, exc)
            self._drop_connection()
            self.held = False
        return self.held

    def renew(self) -> bool:
        """Extend the lease (check the lock connection on PostgreSQL); return whether still held."""
        if not self.held:
            return False
        try:
            if self.uses_advisory_lock:
                assert self._conn is not None
                self._conn.execute(text("SELECT 1"))
            else:
                self.held = self._take_row()
        except SQLAlchemyError as exc:
            logger.warning("lock %s: could not renew: %s", self.name, exc)
            if self.uses_advisory_lock:  # the connection, and with it the lock, is gone
                self._drop_connection()
                self.held = False
        return self.held

    def release(self) -> None:
        """Give the lock up (a no-op when not held)."""
        if not self.held:
            return
        self.held = False
        try:
            if self.uses_advisory_lock and self._conn is not None:
                self._conn.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": advisory_key(self.name)}
                )
            elif not self.uses_advisory_lock:
                with self.engine.begin() as conn:
                    conn.execute(
                        LOCKS.delete().where(LOCKS.c.name == self.name, LOCKS.c.owner == self.owner)
                    )
        except SQLAlchemyError as exc:
            logger.warning("lock %s: could not release cleanly: %s", self.name, exc)
        finally:
            self._drop_connection()

    def __enter__(self) -> Lease:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()

    # -- PostgreSQL --------------------------------------------------------------------------
    def _acquire_advisory(self) -> bool:
        """Try the advisory lock on this lease's own autocommit connection."""
        if self.held and self._conn is not None:
            return True
        conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        got = conn.execute(
            text("SELECT pg_try_advisory_lock(:key)"), {"key": advisory_key(self.name)}
        ).scalar()
        if got:
            self._conn = conn
        else:
            conn.close()
        return bool(got)

    def _drop_connection(self) -> None:
        """Close the lock connection for good (not back to the pool: the lock would live on)."""
        if self._conn is not None:
            with contextlib.suppress(SQLAlchemyError):
                self._conn.invalidate()
                self._conn.close()
            self._conn = None

    # -- SQLite ------------------------------------------------------------------------------
    def _take_row(self) -> bool:
        """Insert or take over the lease row when free, ours or expired; return success."""
        now = self.clock()
        values = {"owner": self.owner, "acquired_at": now, "expires_at": now + self.lease}
        with self.engine.begin() as conn:
            row = conn.execute(select(LOCKS).where(LOCKS.c.name == self.name)).first()
            if row is None:
                conn.execute(LOCKS.insert().values(name=self.name, **values))
                return True
            if row.owner != self.owner and row.expires_at > now:
                return False
            if row.owner == self.owner:
                values.pop("acquired_at")
            conn.execute(LOCKS.update().where(LOCKS.c.name == self.name).values(**values))
            return True
