"""``newsarchive search``: full-text search with filters."""

from __future__ import annotations

from typing import Annotated

import typer

from archive.cli.app import app
from archive.cli.options import DbOption, UserError, open_archive, parse_date_option
from archive.cli.output import FORMATS, emit
from archive.schema import utc_iso

#: score (0..1, higher is better) comes last: scripts reading columns by position keep working
COLUMNS = ["id", "outlet", "published_at", "title", "url", "cluster_id", "snippet", "score"]


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "phrases", OR, -excluded.')],
    outlet: Annotated[
        list[str] | None, typer.Option("--outlet", help="Outlet key (repeatable).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    story: Annotated[str | None, typer.Option(help="Story key.")] = None,
    cluster: Annotated[int | None, typer.Option(help="Only members of this cluster.")] = None,
    collapse_duplicates: Annotated[bool, typer.Option(help="One row per cluster.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="Maximum rows.")] = 50,
    fmt: Annotated[str, typer.Option("--format", help="table | json | csv")] = "table",
    db: DbOption = None,
) -> None:
    """Search the archive's articles (title, description and body)."""
    if fmt not in FORMATS:
        raise UserError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    archive = open_archive(db)
    hits = archive.search(
        query,
        outlet=outlet or None,
        story=story,
        cluster_id=cluster,
        since=parse_date_option(since, "--since"),
        until=parse_date_option(until, "--until", end_of_day=True),
        collapse_duplicates=collapse_duplicates,
        limit=limit,
    )
    rows = [
        {
            "id": h.article.id,
            "outlet": h.article.outlet,
            "title": h.article.title,
            "url": h.article.url,
            "published_at": utc_iso(h.article.published_at),
            "cluster_id": h.article.cluster_id,
            "duplicate_of": h.article.duplicate_of,
            "score": round(h.rank, 4),
            "snippet": h.snippet,
        }
        for h in hits
    ]
    emit(rows, COLUMNS, fmt, title=f"{len(rows)} articles matching {query!r}")
