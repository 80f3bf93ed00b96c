"""``newsarchive crawl``: crawl a story's coverage across its outlets into the archive."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from archive.cli import DbOption, UserError, open_archive
from crawler.commands.outcome import (
    counted,
    finish,
    log_choice,
    progress_for,
    totals,
    watching_ctrl_c,
    with_log_settings,
)
from crawler.config import DEFAULT_OUTLETS_PATH, load_outlets, resolve_story, select_outlets
from crawler.config.outlets import parse_archives
from crawler.distributed.worker import (
    CrawlIdOption,
    RedisOption,
    WorkersOption,
    distributed_overrides,
)
from crawler.logs import LogFileOption, LogLevelOption, QuietOption, VerboseOption


def parse_overrides(values: list[str] | None) -> dict[str, str]:
    """Return ``-s NAME=VALUE`` options as a dict; UserError for a malformed one."""
    overrides: dict[str, str] = {}
    for value in values or []:
        name, sep, setting = value.partition("=")
        if not sep or not name.strip():
            raise UserError(f"-s expects NAME=VALUE, got {value!r}")
        overrides[name.strip()] = setting
    return overrides


ArchivesOption = Annotated[
    str | None,
    typer.Option(
        "--archives",
        help="Web-archive indexes for every outlet of the crawl: wayback,commoncrawl.",
    ),
]
SettingOption = Annotated[
    list[str] | None,
    typer.Option("-s", "--set", help="Scrapy setting NAME=VALUE (repeatable)."),
]


def crawl_overrides(
    setting: list[str] | None,
    redis: str | None,
    *,
    crawl_id: str | None,
    workers: int | None,
    story_key: str,
) -> dict[str, Any]:
    """Return the Scrapy setting overrides of ``-s`` and the distributed options."""
    overrides: dict[str, Any] = dict(parse_overrides(setting))
    try:
        overrides.update(
            distributed_overrides(redis, crawl_id=crawl_id, workers=workers, story_key=story_key)
        )
    except ValueError as exc:
        raise UserError(str(exc)) from None
    return overrides


def _existing_file(path: Path | None, option: str) -> Path | None:
    """Return ``path`` when it is an existing file; UserError otherwise."""
    if path is not None and not path.is_file():
        raise UserError(f"{option}: no such file: {path}")
    return path


def _check_sources(replay: Path | None, record: Path | None, redis: str | None) -> None:
    """Refuse option pairs that cannot go together (replay with record, replay distributed)."""
    if replay is not None and record is not None:
        raise UserError("--replay and --record cannot be used together")
    if redis and replay is not None:
        raise UserError("--replay cannot be distributed: drop --redis")


def register(app: typer.Typer) -> None:
    """Add ``crawl`` to the application."""
    app.command()(crawl)


def crawl(
    story: Annotated[
        str | None, typer.Option(help="Story file or key in crawler/stories/.")
    ] = None,
    outlets: Annotated[
        Path | None, typer.Option(help="Outlets file (default: crawler/outlets.toml).")
    ] = None,
    outlet: Annotated[
        list[str] | None, typer.Option("--outlet", help="Only this outlet key (repeatable).")
    ] = None,
    replay: Annotated[
        Path | None, typer.Option(help="Replay from this WARC file (no network).")
    ] = None,
    record: Annotated[
        Path | None, typer.Option(help="Record every response to this WARC file.")
    ] = None,
    setting: SettingOption = None,
    archives: ArchivesOption = None,
    redis: RedisOption = None,
    crawl_id: CrawlIdOption = None,
    workers: WorkersOption = None,
    log_file: LogFileOption = None,
    log_level: LogLevelOption = None,
    verbose: VerboseOption = 0,
    quiet: QuietOption = False,
    db: DbOption = None,
) -> None:
    """Crawl the story's coverage on every outlet (or the chosen ones) into the archive."""
    from crawler.run import run_crawl  # Scrapy and Twisted only for this command

    _check_sources(replay, record, redis)
    the_story = resolve_story(story)
    choice = log_choice(log_file, log_level, verbose, quiet)
    overrides = crawl_overrides(
        setting, redis, crawl_id=crawl_id, workers=workers, story_key=the_story.key
    )
    wanted = archives if archives is not None else overrides.get("NEWSARCHIVE_ARCHIVES")
    try:
        if wanted is not None:
            overrides["NEWSARCHIVE_ARCHIVES"] = list(parse_archives(wanted))
    except ValueError as exc:
        raise UserError(f"--archives: {exc}") from None
    chosen = select_outlets(load_outlets(outlets), outlet, outlets or DEFAULT_OUTLETS_PATH)
    archive = open_archive(db, create=True)
    replayed = _existing_file(replay, "--replay")
    with watching_ctrl_c() as ctrl_c:
        summary = run_crawl(
            archive, the_story, chosen, outlets_path=outlets, replay=replayed, record=record,
            overrides=with_log_settings(choice, overrides), progress=progress_for(choice),
        )  # fmt: skip
    counts = counted({"outlets": len(chosen), **totals(summary.outlets)})
    finish(
        "crawl", summary.run_id, summary.status, counts, summary.errors,
        interrupted=summary.interrupted or ctrl_c.seen, choice=choice,
    )  # fmt: skip
