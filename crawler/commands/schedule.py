"""``newsarchive schedule``: the scheduled discovery and re-check loop (``python scheduler.py``).

Discovery of each configured story and the re-check of due articles run as subprocesses
(``newsarchive crawl`` / ``newsarchive recrawl``) with timeouts; jobs persist in the archive
database; only one scheduler acts on a database at a time (``--once`` included: it runs nothing
while another scheduler holds the lock). ``newsarchive schedule status`` is
``newsarchive status``. See ``crawler/schedule/config.py`` for the configuration file.
"""

from __future__ import annotations

import shlex
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from archive.cli import DbOption, UserError, new_group, open_archive
from crawler.commands.status import status
from crawler.logs import LogOptionError, configure_scheduler_logging
from crawler.schedule import jobs, loop
from crawler.schedule.config import ScheduleConfig, load_config

#: Exit status of a scheduler stopped with Ctrl-C (SIGTERM, a service manager's stop, is 0).
INTERRUPTED_EXIT = 130


def register(app: typer.Typer) -> None:
    """Add the ``schedule`` group (the loop itself, and ``status``) to the application."""
    group = new_group("Run discovery and re-checks on a schedule (python scheduler.py).")
    group.callback(invoke_without_command=True, no_args_is_help=False)(schedule)
    group.command("status")(status)
    app.add_typer(group, name="schedule")


def schedule(
    ctx: typer.Context,
    once: Annotated[bool, typer.Option("--once", help="Run what is due now and exit.")] = False,
    config: Annotated[
        Path | None, typer.Option(help="Scheduler TOML file (default: the default story).")
    ] = None,
    command: Annotated[
        str | None,
        typer.Option(help="Program the crawls run with (default: this Python -m crawler.cli)."),
    ] = None,
    log_level: Annotated[str, typer.Option(help="DEBUG, INFO, WARNING or ERROR.")] = "INFO",
    log_file: Annotated[
        Path | None, typer.Option(help="Write the log to this file instead of stderr.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Run discovery and re-checks on a schedule until stopped (--once: what is due, then exit)."""
    if ctx.invoked_subcommand is not None:
        return
    schedule_config = load_config(config)
    archive = open_archive(db, create=True)  # the scheduler may start on an empty database
    db_url = archive.url
    archive.dispose()
    try:
        configure_scheduler_logging(log_level, log_file)
    except LogOptionError as exc:
        raise UserError(str(exc)) from None
    context = jobs.JobContext(db_url=db_url, lease=schedule_config.lock_lease)
    if command:
        context.command_prefix = tuple(shlex.split(command))
    if once:
        _once(db_url, schedule_config, context)
        return
    stopped_by = loop.serve(db_url, schedule_config, context)
    if stopped_by == signal.SIGINT:
        raise typer.Exit(INTERRUPTED_EXIT)


def _once(db_url: str, config: ScheduleConfig, context: jobs.JobContext) -> None:
    """Run what is due unless another scheduler acts; fail when a job failed."""
    result = loop.run_once_leading(db_url, config, context, datetime.now(UTC))
    if result.holder is not None:
        print(f"another scheduler holds the lock ({result.holder}); nothing run", file=sys.stderr)
        return
    if result.signal == signal.SIGINT:
        raise typer.Exit(INTERRUPTED_EXIT)
    if result.failed:
        raise UserError(f"scheduled job(s) did not finish: {', '.join(result.failed)}")
