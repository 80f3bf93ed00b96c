"""Only one scheduler acts: a PostgreSQL advisory lock, or a lease row on SQLite.

A :class:`Lease` is named (``scheduler`` for the acting scheduler, ``job:<id>`` for one running
job). On PostgreSQL it is a session-level advisory lock held by a dedicated connection: it goes
away with the process or the connection. On SQLite it is a row in ``scheduler_locks`` with an
expiry time; the holder renews it, and a holder that died loses it when the lease runs out.
On PostgreSQL the holder also writes that row, for information only (who holds the lock and
since when, for ``newsarchive status``): the advisory lock alone decides.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
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


@dataclass(frozen=True)
class LockInfo:
    """Who holds a named lock, since when, and whether the hold is live."""

    name: str
    owner: str | None
    acquired_at: datetime | None
    expires_at: datetime | None
    held: bool

    def describe(self) -> str:
        """Return the holder in one phrase: ``host:pid:id since 2024-05-06 10:00Z``."""
        since = f" since {self.acquired_at:%Y-%m-%d %H:%M}Z" if self.acquired_at else ""
        return f"{self.owner or 'an unknown process'}{since}"


_ADVISORY_HELD = text(
    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
    "AND classid = :hi AND objid = :lo AND objsubid = 1"
)


def _advisory_held(conn: Connection, name: str) -> bool:
    """Return True when some session holds the advisory lock of ``name`` (PostgreSQL)."""
    key = advisory_key(name) & 0xFFFFFFFFFFFFFFFF
    return bool(conn.execute(_ADVISORY_HELD, {"hi": key >> 32, "lo": key & 0xFFFFFFFF}).scalar())


def read_lock(engine: Engine, name: str, now: datetime | None = None) -> LockInfo | None:
    """Return who holds the lock ``name`` (also a lapsed or stale holder), None when nobody did."""
    try:
        with engine.connect() as conn:
            row = conn.execute(select(LOCKS).where(LOCKS.c.name == name)).first()
            if engine.dialect.name == "postgresql":
                held = _advisory_held(conn, name)
            else:
                held = row is not None and row.expires_at > (now or utcnow())
    except SQLAlchemyError as exc:
        logger.warning("lock %s: cannot read its holder: %s", name, exc)
        return None
    if row is None and not held:
        return None
    if row is None:
        return LockInfo(name, None, None, None, held)
    return LockInfo(name, row.owner, row.acquired_at, row.expires_at, held)


def lock_holder(engine: Engine, name: str) -> str | None:
    """Return a phrase naming the live holder of the lock ``name``, or None when it is free."""
    info = read_lock(engine, name)
    return info.describe() if info is not None and info.held else None


@contextlib.contextmanager
def renewing(
    lease: Lease, every_s: float, on_lost: Callable[[], object] | None = None
) -> Iterator[Lease]:
    """Keep renewing ``lease`` from a thread meanwhile; call ``on_lost`` when it was lost."""
    done = threading.Event()

    def keep() -> None:
        """Renew until done; stop (and tell) when the lease could not be kept."""
        while not done.wait(every_s):
            if not lease.renew():
                logger.error("lost the %s lock", lease.name)
                if on_lost is not None:
                    on_lost()
                return

    thread = threading.Thread(target=keep, name=f"renew-{lease.name}", daemon=True)
    thread.start()
    try:
        yield lease
    finally:
        done.set()
        thread.join(timeout=10)


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
                self._note_holder(renewal=True)
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
                    LOCKS.delete().where(LOCKS.c.name == self.name, LOCKS.c.owner == self.owner)
                )
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
            self._note_holder()
        else:
            conn.close()
        return bool(got)

    def _note_holder(self, *, renewal: bool = False) -> None:
        """Write who holds the advisory lock and since when (information for ``status``)."""
        assert self._conn is not None
        now = self.clock()
        try:
            if renewal:
                self._conn.execute(
                    LOCKS.update()
                    .where(LOCKS.c.name == self.name, LOCKS.c.owner == self.owner)
                    .values(expires_at=now + self.lease)
                )
                return
            self._conn.execute(LOCKS.delete().where(LOCKS.c.name == self.name))
            self._conn.execute(
                LOCKS.insert().values(
                    name=self.name, owner=self.owner, acquired_at=now, expires_at=now + self.lease
                )
            )
        except SQLAlchemyError as exc:  # the lock holds without its note
            logger.warning("lock %s: could not note its holder: %s", self.name, exc)

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
