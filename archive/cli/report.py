"""``newsarchive report``: the story report, one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from archive.cli.coverage import check_story
from archive.cli.options import DbOption, UserError, open_archive
from archive.research.report.build import write_report


def register(app: typer.Typer) -> None:
    """Add ``report`` to the application."""
    app.command()(report)


def report(
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")],
    story: Annotated[str | None, typer.Option(help="Story key (default: every article).")] = None,
    db: DbOption = None,
) -> None:
    """Coverage, timeline, lineage, travelling quotes, headline edits and removals in one page."""
    if not output.parent.is_dir():
        raise UserError(f"-o: directory {output.parent} does not exist")
    archive = open_archive(db)
    check_story(archive, story)
    result = write_report(archive, story, output)
    for note in result.notes:
        typer.echo(f"newsarchive: note: {note}; the report shows tables instead", err=True)
    typer.echo(f"report of {story or 'all stories'} written to {result.path}", err=True)
