"""The ``newsarchive`` command line: archive-side commands (query, export, maintenance).

The crawler registers its own commands (crawl, recrawl, demo, extract) on the same ``app``;
``python -m archive`` runs the archive-only CLI for researchers without the crawler.
"""

from __future__ import annotations

import importlib.util

from archive.cli import (  # noqa: F401  (commands)
    coverage,
    db,
    export,
    headlines,
    lineage,
    quotes,
    report,
    search,
    serve,
    show,
    stats,
)
from archive.cli.app import app, db_app
from archive.cli.main import run
from archive.cli.options import DbOption, UserError, open_archive, parse_date_option

if importlib.util.find_spec("archive.cli.diff") is not None:  # the re-crawl's diff command
    importlib.import_module("archive.cli.diff")

__all__ = ["DbOption", "UserError", "app", "db_app", "open_archive", "parse_date_option", "run"]
