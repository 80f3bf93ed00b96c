"""``newsarchive search``: full-text search with filters.

The query may be one quoted argument or several words; a word starting with ``-`` is an
exclusion (``newsarchive search kushner -pandemic``), also as the first word, so the command
takes unknown ``-word`` tokens as query words and refuses only unknown ``--options``.
"""

from __future__ import annotations

import difflib
from typing import Annotated

import typer

from archive.cli.options import (
    DbOption,
    UsageProblem,
    UserError,
    open_archive,
    parse_date_option,
)
from archive.cli.output import FORMATS, emit
from archive.schema import utc_iso

#: score (0..1, higher is better) comes last: scripts reading columns by position keep working
COLUMNS = ["id", "outlet", "published_at", "title", "url", "cluster_id", "snippet", "score"]


#: Let ``-word`` exclusions through as query words (click would take them for options).
QUERY_WORDS = {"ignore_unknown_options": True}


def register(app: typer.Typer) -> None:
    """Add ``search`` to the application."""
    app.command(context_settings=QUERY_WORDS)(search)


def query_text(words: list[str], ctx: typer.Context) -> str:
    """Return the query from its words; UsageProblem for an unknown ``--option`` among them."""
    known = [name for param in ctx.command.params for name in param.opts if name[:2] == "--"]
    for word in words:
        if word.startswith("--") and len(word) > 2:
            option = word.split("=")[0]
            close = difflib.get_close_matches(option, known, n=1)
            hint = f" (Possible options: {close[0]})" if close else ""
            raise UsageProblem(f"No such option: {option}{hint} (see '{ctx.command_path} --help')")
    return " ".join(words)


def search(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(help='Words, "phrases", OR, -excluded (one argument or several).'),
    ],
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
    text = query_text(query, ctx)
    archive = open_archive(db)
    hits = archive.search(
        text,
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
    emit(rows, COLUMNS, fmt, title=f"{len(rows)} articles matching {text!r}")
