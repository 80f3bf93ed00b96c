"""``newsarchive db …``: schema maintenance."""

from __future__ import annotations

import typer

from archive import migrate
from archive.cli.app import new_group
from archive.cli.options import DbOption, open_archive


def register(app: typer.Typer) -> None:
    """Add the ``db`` group (upgrade, current) to the application."""
    group = new_group("Database maintenance.")
    group.command("upgrade")(upgrade)
    group.command("current")(current)
    app.add_typer(group, name="db")


def upgrade(db: DbOption = None) -> None:
    """Upgrade the database to the latest schema (creating it if it is empty)."""
    archive = open_archive(db, create=True, migrate_schema=False)
    before = migrate.current_revision(archive.engine)
    after = migrate.upgrade(archive.write_engine)
    if before == after:
        typer.echo(f"database already at the latest schema ({after})")
    else:
        typer.echo(f"database upgraded from {before or 'empty'} to {after}")


def current(db: DbOption = None) -> None:
    """Print the schema revision the database is at."""
    archive = open_archive(db, migrate_schema=False)
    revision = migrate.current_revision(archive.engine) or "empty"
    state = (
        "latest" if migrate.is_current(archive.engine) else f"latest is {migrate.head_revision()}"
    )
    typer.echo(f"{revision} ({state})")
