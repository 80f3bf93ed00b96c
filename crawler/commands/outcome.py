"""What the crawl commands (crawl, recrawl, demo) share: their log options and their last line.

Each ends with one result line on stdout (``crawl run 12 finished: 15 outlets, 161 pages, 26
stored, 42 rejected, 0 errors``); Ctrl-C ends it with exit status 130 (the run is recorded as
stopped), a run that failed with one line on stderr and exit status 1.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import typer

from archive.cli import UserError
from crawler.logs import LogChoice, LogOptionError, choose_logging
from crawler.progress import COLUMNS

#: Nouns of the result line that take a singular form for a count of one.
PLURALS = frozenset({"outlets", "pages", "errors"})


def log_choice(
    log_file: Path | None, log_level: str | None, verbose: int, quiet: bool
) -> LogChoice:
    """Return where the crawl logs to; UserError for options that contradict each other."""
    try:
        return choose_logging(log_file, log_level, verbose, quiet)
    except LogOptionError as exc:
        raise UserError(str(exc)) from None


def with_log_settings(choice: LogChoice, overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Return the Scrapy overrides with the log settings under them (``-s LOG_*`` wins)."""
    return {**choice.scrapy_settings(), **overrides}


def totals(outlets: Mapping[str, Mapping[str, int]]) -> dict[str, int]:
    """Return the summary columns (pages, stored, rejected, errors) added over outlets."""
    return {column: sum(counts.get(column, 0) for counts in outlets.values()) for column in COLUMNS}


def counted(values: Mapping[str, int]) -> str:
    """Return counts as ``15 outlets, 161 pages, 26 stored, …`` (``1 outlet``, ``1 page``)."""
    return ", ".join(
        f"{value} {name[:-1] if value == 1 and name in PLURALS else name}"
        for name, value in values.items()
    )


def finish(
    kind: str, run_id: int, status: str, counts: str, errors: list[str], *,
    interrupted: bool, choice: LogChoice,
) -> None:  # fmt: skip
    """Print the result line; raise for an interrupted (130) or failed (1) run."""
    typer.echo(f"{kind} run {run_id} {status}: {counts}{choice.where()}")
    if interrupted:
        raise KeyboardInterrupt  # the CLI reports it and exits 130
    if status != "finished":
        reason = errors[-1] if errors else "see the log"
        raise UserError(f"{kind} run {run_id} {status}: {reason}")
