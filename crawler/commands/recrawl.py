"""``newsarchive recrawl``: re-check the archived articles that are due (or all of them)."""

from __future__ import annotations

from typing import Annotated

import typer

from archive.cli import DbOption, UserError, app, open_archive, parse_date_option
from crawler.commands.crawl import SettingOption, crawl_overrides
from crawler.distributed.worker import CrawlIdOption, RedisOption, WorkersOption


@app.command()
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
    db: DbOption = None,
) -> None:
    """Re-fetch the articles due for a check: record new versions, removals and moves."""
    from crawler.recrawl.run import run_recrawl  # Scrapy and Twisted only for this command

    overrides = crawl_overrides(
        setting, redis, crawl_id=crawl_id, workers=workers, story_key="recrawl"
    )
    clock = parse_date_option(now, "--now")
    archive = open_archive(db)
    summary = run_recrawl(
        archive, include_all=all_articles, limit=limit, now=clock, overrides=overrides
    )
    if summary.status != "finished":
        raise UserError(summary.line())
    typer.echo(summary.line())
