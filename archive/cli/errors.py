"""What the CLI tells the user when something goes wrong: one line, never a traceback.

:func:`error_line` turns the exceptions that are the user's to fix (a bad option, a missing
file, a locked or unreachable database, a directory where a file was expected) into the line
printed after ``newsarchive: error:``. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import errno
import sqlite3

import typer
from sqlalchemy import exc as sa_exc

from archive.db import DatabaseError, mask_password, sqlite_busy_timeout_s
from archive.schema import NaiveDatetimeError
from archive.search import QuerySyntaxError

#: Exit status of a usage error (unknown command or option, missing or invalid argument).
USAGE_EXIT = 2
#: Exit status of every other error the user can fix.
ERROR_EXIT = 1
#: Exit status after Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED_EXIT = 130
#: Exit status when the reader of our output went away (128 + SIGPIPE), as `yes | head` gives.
BROKEN_PIPE_EXIT = 141


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit status 1."""

    exit_code = ERROR_EXIT


class UsageProblem(UserError):
    """A command line the command cannot take (checked by the command itself); exit status 2."""

    exit_code = USAGE_EXIT


class ReaderGone(Exception):
    """Our standard output was closed by its reader (``newsarchive search x | head``)."""


#: Driver errors that mean our SQL is wrong, not the user's database: they keep a traceback.
BUG_DATABASE_ERRORS = (sa_exc.IntegrityError, sa_exc.ProgrammingError)
#: Exceptions whose message is already the one line to print.
PLAIN_ERRORS: tuple[type[BaseException], ...] = (
    UserError,
    DatabaseError,
    QuerySyntaxError,
    NaiveDatetimeError,
)


def one_line(text: str) -> str:
    """Return ``text`` on one line, with any password inside a URL masked."""
    return mask_password(" ".join(str(text).split()))


def usage_line(exc: typer.TyperException, command_path: str) -> str:
    """Return a click/typer usage error as one line, pointing at the command's --help.

    ``command_path`` (``newsarchive search``) is used when the error does not carry its own.
    """
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else command_path
    return one_line(f"{exc.format_message().rstrip('.')} (see '{path} --help')")


def os_error_line(exc: OSError) -> str:
    """Return a file-system error as one line: what, and on which path."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.errno == errno.ENOSPC:
        reason = "no space left on the device"
    name = exc.filename
    return one_line(f"{name}: {reason}" if name else reason)


def database_line(exc: sa_exc.SQLAlchemyError) -> str:
    """Return a database driver error as one line (a locked SQLite file said plainly)."""
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip().splitlines()[0] if str(original).strip() else repr(original)
    if isinstance(original, sqlite3.OperationalError) and "locked" in text:
        waited = sqlite_busy_timeout_s()
        return f"database is locked by another writer (gave up after waiting {waited:g} s)"
    return one_line(f"database error: {text}")


def error_line(exc: BaseException) -> str | None:
    """Return the one line to print for a user's or environment's error, None for a bug."""
    if isinstance(exc, PLAIN_ERRORS):
        return one_line(str(exc))
    if isinstance(exc, OSError):
        return os_error_line(exc)
    if isinstance(exc, sa_exc.DBAPIError) and not isinstance(exc, BUG_DATABASE_ERRORS):
        return database_line(exc)
    if isinstance(exc, sa_exc.StatementError) and isinstance(exc.orig, NaiveDatetimeError):
        return one_line(str(exc.orig))
    return None
