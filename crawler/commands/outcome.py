"""What the crawl commands (crawl, recrawl, demo) share: their log options and their last line.

Each ends with one result line on stdout (``crawl run 12 finished: 15 outlets, 161 pages, 26
stored, 42 rejected, 0 errors``); Ctrl-C ends it with exit status 130 (the run is recorded as
stopped), a run that failed with one line on stderr and exit status 1.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from archive.cli import UserError
from crawler.logs import LogChoice, LogOptionError, choose_logging
from crawler.progress import COLUMNS, CrawlProgress

#: Nouns of the result line that take a singular form for a count of one.
PLURALS = frozenset({"outlets", "pages", "errors"})


@dataclass
class Interrupts:
    """Whether Ctrl-C was pressed while a crawl was being set up (before Scrapy's own handler)."""

    seen: bool = False


@contextmanager
def watching_ctrl_c() -> Iterator[Interrupts]:
    """Make a Ctrl-C pressed while a crawl is set up stop it, like one pressed during it.

    Scrapy handles SIGINT once its reactor runs (a graceful stop, the run recorded). Before
    the reactor exists a Ctrl-C interrupts as usual; once it exists (Scrapy is building its
    crawlers with Deferreds, which would swallow the interrupt) the Ctrl-C is sent again to
    Scrapy's handler as soon as the reactor loops. The flag makes the command end with 130
    in any case.
    """
    interrupts = Interrupts()

    def on_sigint(_signum: int, _frame: object) -> None:
        """Note the Ctrl-C; interrupt now, or hand it on to Scrapy's own handler."""
        interrupts.seen = True
        reactor = sys.modules.get("twisted.internet.reactor")
        if reactor is None:
            raise KeyboardInterrupt
        # Signal-safe; runs once the reactor loops, after Scrapy put its own handler in place.
        reactor.callFromThread(os.kill, os.getpid(), signal.SIGINT)

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield interrupts
    finally:
        signal.signal(signal.SIGINT, previous)


def log_choice(
    log_file: Path | None, log_level: str | None, verbose: int, quiet: bool
) -> LogChoice:
    """Return where the crawl logs to; UserError for options that contradict each other."""
    try:
        return choose_logging(log_file, log_level, verbose, quiet)
    except LogOptionError as exc:
        raise UserError(str(exc)) from None


def progress_for(choice: LogChoice) -> CrawlProgress:
    """Return the crawl's progress display: live on a terminal, no summary table with -q."""
    return CrawlProgress(live=None if choice.summary else False, summary=choice.summary)


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
