"""The crawler's commands: crawl, recrawl, demo, extract, outlets probe, schedule, status.

Each module has ``register(app)``; :data:`COMMAND_MODULES` lists them, one line each, in the
order ``--help`` shows them after the archive's commands. ``crawler.cli.build_app`` adds the
archive's commands and then these.
"""

from __future__ import annotations

from importlib import import_module

import typer

#: The crawler's command modules (each has ``register(app)``), in ``--help`` order.
COMMAND_MODULES: tuple[str, ...] = (
    "crawler.commands.crawl",
    "crawler.commands.recrawl",
    "crawler.commands.demo",
    "crawler.commands.extract",
    "crawler.commands.outlets",
    "crawler.commands.schedule",
    "crawler.commands.status",
)


def register(app: typer.Typer) -> None:
    """Add every crawler command to ``app``."""
    for name in COMMAND_MODULES:
        import_module(name).register(app)
