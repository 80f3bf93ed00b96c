"""The typer application: a fresh one per entry point; each package adds its commands to it.

``archive.cli.register(app)`` adds the archive's query commands, ``crawler.commands.register``
the crawler's; :func:`new_app` makes the empty application both start from.
"""

from __future__ import annotations

import typer

HELP = "Crawl a story's coverage across news outlets and query the archive."


def new_app(help_text: str = HELP) -> typer.Typer:
    """Return an empty ``newsarchive`` application (no commands yet)."""
    return typer.Typer(
        name="newsarchive",
        help=help_text,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )


def new_group(help_text: str) -> typer.Typer:
    """Return an empty command group (``db``, ``schedule``) to add to an application."""
    return typer.Typer(help=help_text, no_args_is_help=True, add_completion=False)
