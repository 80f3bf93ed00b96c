"""Options and helpers shared by commands: ``--db``, date parsing, opening the archive."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Annotated

import typer

from archive.api import Archive
from archive.cli.errors import UsageProblem, UserError

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (else $NEWSARCHIVE_DB, else sqlite:///newsarchive.db).",
        show_default=False,
    ),
]


__all__ = ["DbOption", "UsageProblem", "UserError", "open_archive", "parse_date_option"]


def open_archive(db: str | None, *, create: bool = False, migrate_schema: bool = True) -> Archive:
    """Return the Archive for ``--db``: an existing one unless ``create`` (crawls, db upgrade).

    Query commands never create: a mistyped ``--db`` is "no archive at …", not an empty answer.
    """
    return Archive(db, create=create, migrate_schema=migrate_schema)


def parse_date_option(value: str | None, name: str, *, end_of_day: bool = False) -> datetime | None:
    """Return an aware UTC datetime from YYYY-MM-DD or ISO 8601; UserError when malformed."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UserError(
            f"{name}: expected a date like 2022-08-02 or 2022-08-02T17:39Z, got {value!r}"
        ) from None
    if len(value) == 10 and end_of_day:
        parsed = datetime.combine(parsed.date(), time.max)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
