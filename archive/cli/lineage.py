"""``newsarchive lineage``: who copied, rewrote, credited, linked whom (JSON, DOT, GraphML, PNG)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from archive.cli.coverage import check_story
from archive.cli.options import DbOption, UserError, open_archive
from archive.query.extras import MissingDependencyError
from archive.research.lineage.formats import FORMATS, write_lineage


def register(app: typer.Typer) -> None:
    """Add ``lineage`` to the application."""
    app.command()(lineage)


def lineage(
    story: Annotated[str | None, typer.Option(help="Story key (default: every article).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="json | dot | graphml | png")] = "json",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file (else stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """The story's lineage graph: edges from the source to the derived article, with evidence."""
    if fmt not in FORMATS:
        raise UserError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    if output is None and fmt == "png":
        raise UserError("--format png needs -o FILE.png")
    if output is not None and not output.parent.is_dir():
        raise UserError(f"-o: directory {output.parent} does not exist")
    archive = open_archive(db)
    check_story(archive, story)
    graph = archive.lineage(story)
    try:
        data = write_lineage(graph, fmt, output)
    except MissingDependencyError as exc:
        raise UserError(str(exc)) from None
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        typer.echo(
            f"lineage of {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges "
            f"written to {output}",
            err=True,
        )
