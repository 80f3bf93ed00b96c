"""The ``newsarchive`` command line: archive-side commands (query, export, maintenance).

The crawler registers its own commands (crawl, recrawl, demo, extract) on the same ``app``;
``python -m archive`` runs the archive-only CLI for researchers without the crawler.
"""

from __future__ import annotations

from archive.cli import db, search  # noqa: F401  (register commands)
from archive.cli.app import app, db_app
from archive.cli.main import run
from archive.cli.options import DbOption, UserError, open_archive, parse_date_option

__all__ = ["DbOption", "UserError", "app", "db_app", "open_archive", "parse_date_option", "run"]
