"""The archive's commands (queries, exports, maintenance) for newsarchive and python -m archive.

Every command lives in its own module under ``archive/cli/`` with a ``register(app)`` function
that adds it to a typer application; :data:`COMMAND_MODULES` lists those modules, one line
each, in the order ``--help`` shows them. Adding a command is adding its module and one line.
:func:`register` adds them all (the crawler adds its own with ``crawler.commands.register``);
:func:`build_app` is the archive-only CLI that ``python -m archive`` runs.
"""

from __future__ import annotations

from importlib import import_module

import typer

from archive.cli.app import new_app, new_group
from archive.cli.errors import UsageProblem, UserError
from archive.cli.main import run
from archive.cli.options import DbOption, open_archive, parse_date_option

#: The archive's command modules (each has ``register(app)``), in ``--help`` order.
COMMAND_MODULES: tuple[str, ...] = (
    "archive.cli.search",
    "archive.cli.show",
    "archive.cli.diff",
    "archive.cli.coverage",
    "archive.cli.stats",
    "archive.cli.export",
    "archive.cli.headlines",
    "archive.cli.quotes",
    "archive.cli.lineage",
    "archive.cli.report",
    "archive.cli.serve",
    "archive.cli.db",
)


def register(app: typer.Typer) -> None:
    """Add every archive command to ``app``."""
    for name in COMMAND_MODULES:
        import_module(name).register(app)


def build_app() -> typer.Typer:
    """Return the archive-only application (what ``python -m archive`` runs)."""
    app = new_app("Query, export and maintain a newsarchive archive (no crawler needed).")
    register(app)
    return app


__all__ = [
    "COMMAND_MODULES",
    "DbOption",
    "UsageProblem",
    "UserError",
    "build_app",
    "new_app",
    "new_group",
    "open_archive",
    "parse_date_option",
    "register",
    "run",
]
