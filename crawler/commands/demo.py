"""``newsarchive demo``: replay the bundled capture of the default story into a fresh archive."""

from __future__ import annotations

from pathlib import Path

import typer
from sqlalchemy import func, select

from archive import Archive, models
from archive.cli import DbOption, UserError, open_archive
from archive.cli.coverage import print_coverage
from crawler.commands.outcome import (
    counted,
    finish,
    log_choice,
    progress_for,
    totals,
    watching_ctrl_c,
)
from crawler.config import DEFAULT_STORY_KEY, load_outlets, resolve_story
from crawler.logs import LogFileOption, LogLevelOption, QuietOption, VerboseOption

DEMO_WARC = Path(__file__).resolve().parent.parent / "demo" / "demo.warc.gz"


def _fresh_archive(db: str | None) -> Archive:
    """Return the target archive; UserError when it already holds articles."""
    archive = open_archive(db, create=True)
    with archive.session() as session:
        count = session.scalar(select(func.count()).select_from(models.Article)) or 0
    if count:
        raise UserError(
            f"{archive.url} already holds {count} articles; the demo needs a fresh archive "
            "(pass --db sqlite:///demo.db, or remove the file)"
        )
    return archive


def register(app: typer.Typer) -> None:
    """Add ``demo`` to the application."""
    app.command()(demo)


def demo(
    log_file: LogFileOption = None,
    log_level: LogLevelOption = None,
    verbose: VerboseOption = 0,
    quiet: QuietOption = False,
    db: DbOption = None,
) -> None:
    """Replay the bundled demo capture into a fresh archive and print the coverage table."""
    from crawler.run import run_crawl  # Scrapy and Twisted only for this command

    if not DEMO_WARC.is_file():
        raise UserError(f"the demo capture is missing: {DEMO_WARC}")
    choice = log_choice(log_file, log_level, verbose, quiet)
    archive = _fresh_archive(db)
    story = resolve_story(DEFAULT_STORY_KEY)
    outlets = load_outlets()
    with watching_ctrl_c() as ctrl_c:
        summary = run_crawl(
            archive, story, outlets, replay=DEMO_WARC, overrides=choice.scrapy_settings(),
            progress=progress_for(choice),
        )  # fmt: skip
    counts = counted({"outlets": len(outlets), **totals(summary.outlets)})
    finish(
        "crawl", summary.run_id, summary.status, counts, summary.errors,
        interrupted=summary.interrupted or ctrl_c.seen, choice=choice,
    )  # fmt: skip
    typer.echo(f"coverage of {story.key}")
    print_coverage(archive, story.key, title=None)
    again = f" --db {db}" if db else ""
    typer.echo(f"archive: {archive.url}\nnext: newsarchive search kardashian{again}")
