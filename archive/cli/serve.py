"""``newsarchive serve``: browse the SQLite archive in Datasette (read-only, 127.0.0.1)."""

from __future__ import annotations

from typing import Annotated

import typer

from archive.cli.options import DbOption, UserError, open_archive
from archive.query.extras import MissingDependencyError
from archive.serve import DEFAULT_HOST, DEFAULT_PORT, ServeError, sqlite_path
from archive.serve import serve as run_datasette

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the application."""
    app.command()(serve)


def serve(
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = DEFAULT_PORT,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = DEFAULT_HOST,
    db: DbOption = None,
) -> None:
    """Browse the archive in Datasette: full-text search, canned queries (SQLite only)."""
    try:
        archive = open_archive(db)
        sqlite_path(archive.url)
        archive.dispose()
        if host not in LOCAL_HOSTS:
            typer.echo(f"warning: serving on {host}, reachable beyond this machine", err=True)
        typer.echo(f"serving {archive.url} read-only on http://{host}:{port}/", err=True)
        status = run_datasette(archive.url, host=host, port=port)
    except (ServeError, MissingDependencyError) as exc:
        raise UserError(str(exc)) from None
    if status:
        raise typer.Exit(status)
