"""The ``newsarchive`` console script: the archive's commands plus the crawler's.

``python -m crawler.cli`` is the same program (the scheduler starts its crawls that way).
"""

from __future__ import annotations

from collections.abc import Sequence

import typer

import archive.cli
import crawler.commands
from archive.cli import new_app, run
from crawler.config.errors import ConfigError


def build_app() -> typer.Typer:
    """Return the full ``newsarchive`` application: archive commands, then crawler commands."""
    app = new_app()
    archive.cli.register(app)
    crawler.commands.register(app)
    return app


def main(argv: Sequence[str] | None = None, *, prog: str = "newsarchive") -> None:
    """Run the command line (``argv`` defaults to ``sys.argv[1:]``) and exit."""
    run(build_app(), argv, prog=prog, extra_user_errors=(ConfigError,))


if __name__ == "__main__":
    main()
