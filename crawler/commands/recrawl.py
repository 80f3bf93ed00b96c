"""``newsarchive recrawl``: re-check the archived articles that are due (or all of them)."""

from __future__ import annotations

from typing import Annotated

import typer

from archive.cli import DbOption, open_archive, parse_date_option
from crawler.commands.crawl import SettingOption, crawl_overrides
from crawler.commands.outcome import counted, finish, log_choice, watching_ctrl_c, with_log_settings
from crawler.distributed.worker import CrawlIdOption, RedisOption, WorkersOption
from crawler.logs import LogFileOption, LogLevelOption, QuietOption, VerboseOption


def register(app: typer.Typer) -> None:
    """Add ``recrawl`` to the application."""
    app.command()(recrawl)


def recrawl(
    all_articles: Annotated[
        bool, typer.Option("--all", help="Re-check every article, not only the due ones.")
    ] = False,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Check at most this many articles.")
    ] = None,
    now: Annotated[
        str | None,
        typer.Option(
            help="Pretend it is this time (ISO 8601; for tests and replays).", hidden=True
        ),
    ] = None,
    setting: SettingOption = None,
    redis: RedisOption = None,
    crawl_id: CrawlIdOption = None,
    workers: WorkersOption = None,
    log_file: LogFileOption = None,
    log_level: LogLevelOption = None,
    verbose: VerboseOption = 0,
    quiet: QuietOption = False,
    db: DbOption = None,
) -> None:
    """Re-fetch the articles due for a check: record new versions, removals and moves."""
    from crawler.recrawl.run import run_recrawl  # Scrapy and Twisted only for this command

    choice = log_choice(log_file, log_level, verbose, quiet)
    overrides = crawl_overrides(
        setting, redis, crawl_id=crawl_id, workers=workers, story_key="recrawl"
    )
    clock = parse_date_option(now, "--now")
    archive = open_archive(db, create=True)
    with watching_ctrl_c() as ctrl_c:
        summary = run_recrawl(
            archive, include_all=all_articles, limit=limit, now=clock,
            overrides=with_log_settings(choice, overrides),
        )  # fmt: skip
    finish(
        "recrawl", summary.run_id, summary.status, counted(summary.counts), summary.errors,
        interrupted=summary.interrupted or ctrl_c.seen, choice=choice,
    )  # fmt: skip
