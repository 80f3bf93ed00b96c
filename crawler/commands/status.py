"""``newsarchive status`` (also ``newsarchive schedule status``): the operator's view.

The scheduler holding the lock and since when, each job's last and next run, the outlets whose
endpoints failed or went silent, the archive's size: a table per section on a terminal,
tab-separated with a header row when piped, one JSON document with ``--format json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from archive.cli import DbOption, open_archive
from archive.cli.output import emit
from archive.cli.render import cell, check_format, emit_fields, note, print_json, section
from archive.cli.stats import human_size
from crawler.schedule.config import load_config
from crawler.schedule.status import Section, collect_status

STATUS_FORMATS = ("table", "json")


def register(app: typer.Typer) -> None:
    """Add ``status`` to the application."""
    app.command()(status)


def _shown(record: dict[str, Any]) -> dict[str, Any]:
    """Return a record for a table: sizes for humans, empty values as '-'."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key == "size_bytes":
            out["size"] = human_size(value)
        else:
            out[key] = "-" if value is None or value == {} else value
    return out


def print_section(part: Section) -> None:
    """Print one status section as a table (tab-separated with a header when piped)."""
    if part.record is None and not part.rows:
        note(part.title, part.note)
        return
    section(part.title)
    if part.record is not None:
        emit_fields(_shown(part.record), title=part.title)
        return
    rows = [{k: cell(v) for k, v in row.items()} for row in part.rows]
    emit(rows, list(part.columns), "table", title=part.title)


def status(
    config: Annotated[
        Path | None,
        typer.Option(help="Scheduler TOML file: also list its jobs that have not run yet."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table | json")] = "table",
    db: DbOption = None,
) -> None:
    """Show the scheduler holding the lock, each job's last and next run, outlets to look at."""
    check_format(fmt, STATUS_FORMATS)
    schedule_config = load_config(config) if config is not None else None
    archive = open_archive(db)
    parts = collect_status(archive, config=schedule_config)
    if fmt == "json":
        print_json({part.key: part.data() for part in parts})
        return
    for part in parts:
        print_section(part)
