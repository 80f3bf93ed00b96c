"""The typer application every command registers on (archive's and the crawler's)."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="newsarchive",
    help="Crawl a story's coverage across news outlets and query the archive.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
app.add_typer(db_app, name="db")
