"""The ``newsarchive`` console script: archive commands plus the crawler's own."""

from __future__ import annotations

import importlib
import pkgutil

from archive.cli import app, run
from crawler import commands
from crawler.config.errors import ConfigError


def _register_crawler_commands() -> None:
    """Import every module of crawler.commands; each registers its commands on ``app``."""
    for module in pkgutil.iter_modules(commands.__path__):
        importlib.import_module(f"{commands.__name__}.{module.name}")


def main() -> None:
    """Run the command line."""
    _register_crawler_commands()
    run(app, extra_user_errors=(ConfigError,))


if __name__ == "__main__":
    main()
