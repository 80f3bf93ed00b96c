"""How much the crawl commands and the scheduler log, and where.

Crawls (``crawl``, ``recrawl``, ``demo``): by default only Scrapy's warnings and errors reach
stderr, and the command prints its summary and one result line; ``-v`` shows Scrapy's INFO log
(``-vv`` DEBUG), ``-q`` only errors and the result line (no summary table), ``--log-file FILE``
sends the whole log (INFO unless ``--log-level`` says otherwise) to FILE instead of stderr. The
settings are Scrapy's own (``LOG_LEVEL``, ``LOG_FILE``), passed like ``-s`` overrides (an explicit
``-s LOG_LEVEL=…`` wins).

The scheduler logs its jobs' starts and results at INFO and failures as warnings and errors;
APScheduler's per-run lines for the scheduler's own housekeeping jobs (the lock heartbeat, the
stop check, every second) are dropped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
#: Console level by default, with -v, with -vv and with -q.
DEFAULT_LEVEL, VERBOSE_LEVEL, DEBUG_LEVEL, QUIET_LEVEL = "WARNING", "INFO", "DEBUG", "ERROR"
#: Level of a --log-file without --log-level: the full crawl log, not the debug firehose.
FILE_LEVEL = "INFO"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
#: The scheduler's housekeeping jobs (crawler.schedule.loop), silent in the log when they work.
HOUSEKEEPING_JOBS = frozenset({"lock-heartbeat", "stop-check"})
#: INFO lines of libraries that tell an operator nothing (APScheduler's start-up chatter,
#: Alembic's dialect notes each time a job opens the archive).
NOISE_PREFIXES = ("Adding job tentatively", "Context impl ", "Will assume ")

LogFileOption = Annotated[
    Path | None,
    typer.Option(
        "--log-file", help="Write the crawl's log to this file (appended) instead of stderr."
    ),
]
VerboseOption = Annotated[
    int,
    typer.Option("--verbose", "-v", count=True, help="Show Scrapy's log (-v INFO, -vv DEBUG)."),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Only errors and the result line.")
]
LogLevelOption = Annotated[
    str | None,
    typer.Option(
        "--log-level",
        help="Log level: DEBUG, INFO, WARNING, ERROR (default WARNING; INFO into --log-file).",
    ),
]


class LogOptionError(ValueError):
    """The logging options contradict each other or name an unknown level."""


@dataclass(frozen=True)
class LogChoice:
    """Where a crawl's log goes and how much of it; whether the summary table is printed."""

    level: str = DEFAULT_LEVEL
    file: Path | None = None
    summary: bool = True

    def scrapy_settings(self) -> dict[str, Any]:
        """Return the Scrapy settings that send the log where it was asked to go."""
        settings: dict[str, Any] = {"LOG_LEVEL": self.level}
        if self.file is not None:
            settings.update({"LOG_FILE": str(self.file), "LOG_FILE_APPEND": True})
        return settings

    def where(self) -> str:
        """Return a short note for the result line (the log file, when there is one)."""
        return f" (log: {self.file})" if self.file is not None else ""


def choose_logging(
    log_file: Path | None, level: str | None, verbose: int = 0, quiet: bool = False
) -> LogChoice:
    """Return the log choice of the crawl options; LogOptionError when they cannot all hold."""
    if quiet and verbose:
        raise LogOptionError("-q/--quiet and -v/--verbose cannot be used together")
    if level is not None and level.upper() not in LEVELS:
        raise LogOptionError(f"--log-level must be one of {', '.join(LEVELS)}, got {level!r}")
    if log_file is not None and log_file.is_dir():
        raise LogOptionError(f"--log-file: {log_file} is a directory")
    if log_file is not None and not log_file.parent.is_dir():
        raise LogOptionError(f"--log-file: directory {log_file.parent} does not exist")
    if level is not None:
        chosen = level.upper()
    elif log_file is not None:
        chosen = FILE_LEVEL  # the file gets the whole log; -q/-v only change the terminal
    elif quiet:
        chosen = QUIET_LEVEL
    elif verbose:
        chosen = DEBUG_LEVEL if verbose > 1 else VERBOSE_LEVEL
    else:
        chosen = DEFAULT_LEVEL
    return LogChoice(level=chosen, file=log_file, summary=not quiet)


class HousekeepingFilter(logging.Filter):
    """Drop APScheduler's lines about the housekeeping jobs, and libraries' chatter."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Return False for a record about a housekeeping job (its first argument names it)."""
        if record.levelno >= logging.ERROR:
            return True  # a housekeeping job that raised is worth a line
        if record.levelno <= logging.INFO and str(record.msg).startswith(NOISE_PREFIXES):
            return False
        args = record.args if isinstance(record.args, tuple) else ()
        job = args[0] if args else None
        name = getattr(job, "id", job)  # a Job, or a job's name ("Added job ...")
        return not (isinstance(name, str) and name in HOUSEKEEPING_JOBS)


def configure_scheduler_logging(level: str = "INFO", log_file: Path | None = None) -> None:
    """Send the scheduler's log to stderr (or ``log_file``), housekeeping lines filtered out."""
    if level.upper() not in LEVELS:
        raise LogOptionError(f"--log-level must be one of {', '.join(LEVELS)}, got {level!r}")
    handler: logging.Handler = (
        logging.FileHandler(log_file, encoding="utf-8") if log_file else logging.StreamHandler()
    )
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(HousekeepingFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
