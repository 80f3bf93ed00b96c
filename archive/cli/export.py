"""``newsarchive export``: articles as JSONL, CSV or Parquet, with optional companion tables."""

from __future__ import annotations

from typing import Annotated

import typer

from archive.cli.coverage import check_story
from archive.cli.options import DbOption, UserError, open_archive
from archive.cli.output import stdout_guard
from archive.export import FORMATS, ExportError
from archive.query.extras import MissingDependencyError


def register(app: typer.Typer) -> None:
    """Add ``export`` to the application."""
    app.command()(export)


def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl | csv | parquet")] = "jsonl",
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Output file (default: stdout).")
    ] = None,
    versions: Annotated[
        bool, typer.Option("--versions", help="Also write every version: FILE.versions.EXT")
    ] = False,
    rejections: Annotated[
        bool,
        typer.Option("--rejections", help="Also write rejected candidates: FILE.rejections.EXT"),
    ] = False,
    clusters: Annotated[
        bool, typer.Option("--clusters", help="Also write cluster membership: FILE.clusters.EXT")
    ] = False,
    collapse_duplicates: Annotated[
        bool, typer.Option(help="Only each cluster's original article.")
    ] = False,
    story: Annotated[str | None, typer.Option(help="Only this story's articles.")] = None,
    db: DbOption = None,
) -> None:
    """Export articles (one row each, stable ids, in id order), streamed from the database."""
    if fmt not in FORMATS:
        raise UserError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    archive = open_archive(db)
    check_story(archive, story)
    try:
        with stdout_guard():
            result = archive.export(
                fmt,
                output,
                story=story,
                collapse_duplicates=collapse_duplicates,
                versions=versions,
                rejections=rejections,
                clusters=clusters,
            )
    except (ExportError, MissingDependencyError) as exc:
        raise UserError(str(exc)) from None
    for table, (path, rows) in result.files.items():
        if path != "-":
            typer.echo(f"wrote {rows} {table} rows to {path}", err=True)
