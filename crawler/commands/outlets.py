"""``newsarchive outlets probe``: check every endpoint of the outlets against the sites.

For each outlet (or ``--outlet KEY``) and a story, every configured, templated and discovered
endpoint with its HTTP status, kind, entries, the oldest and newest date it lists, whether
robots.txt allows it and whether it can reach the story's window. It runs under the crawl's
politeness (robots.txt, throttling, the honest User-Agent), against the live sites, local
servers or a WARC capture (``--replay``). Exit status 0 when it ran, however many endpoints are
dead (that is the report); 1 for a usage or config error.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer

from archive.cli import UserError, new_group
from archive.cli.output import emit
from archive.cli.render import check_format, print_json
from crawler.commands.crawl import SettingOption, parse_overrides
from crawler.config import DEFAULT_OUTLETS_PATH, load_outlets, resolve_story, select_outlets

#: Columns of the probe table (JSON carries every field).
COLUMNS = [
    "outlet", "endpoint", "source", "kind", "status", "entries", "oldest", "newest",
    "robots", "reaches_window",
]  # fmt: skip


def _row(endpoint: Any) -> dict[str, Any]:
    """Return one endpoint report as a table row."""
    row = asdict(endpoint)
    row["robots"] = "allowed" if endpoint.robots_allowed else "forbidden"
    return row


def _document(story: Any, reports: list[Any]) -> dict[str, Any]:
    """Return the probe as one JSON document."""
    return {
        "story": story.key,
        "published_after": story.published_after,
        "published_before": story.published_before,
        "outlets": [asdict(report) for report in reports],
    }


def register(app: typer.Typer) -> None:
    """Add the ``outlets`` group (``outlets probe``) to the application."""
    group = new_group("Check the outlets' discovery endpoints.")
    group.command("probe")(probe)
    app.add_typer(group, name="outlets")


def probe(
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
        Path | None, typer.Option(help="Answer from this WARC file (no network).")
    ] = None,
    setting: SettingOption = None,
    fmt: Annotated[str, typer.Option("--format", help="table | json")] = "table",
) -> None:
    """Show every endpoint of each outlet: status, kind, entries, dates, robots, reach."""
    from crawler.probe import run_probe  # Scrapy and Twisted only for this command

    check_format(fmt, ("table", "json"))
    if replay is not None and not replay.is_file():
        raise UserError(f"--replay: no such file: {replay}")
    the_story = resolve_story(story)
    chosen = select_outlets(load_outlets(outlets), outlet, outlets or DEFAULT_OUTLETS_PATH)
    overrides = parse_overrides(setting)
    reports = run_probe(the_story, chosen, outlets_path=outlets, replay=replay, overrides=overrides)
    if fmt == "json":
        print_json(_document(the_story, reports))
        return
    rows = [_row(e) for report in reports for e in report.endpoints]
    emit(rows, COLUMNS, "table", title=f"endpoints for {the_story.key}")
    dropped = [{"outlet": r.outlet, **d} for r in reports for d in r.dropped]
    if dropped:
        emit(dropped, ["outlet", "endpoint", "source", "reason", "detail"], "table",
             title="left out (not fetched)")  # fmt: skip
