"""``newsarchive quotes``: the quotes a story's articles carry, the most widely travelled first."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from archive.cli.coverage import check_story
from archive.cli.options import DbOption, UserError, open_archive
from archive.cli.rows import check_row_format, print_rows

COLUMNS = ["outlets", "articles", "speaker", "text", "forms", "first_outlet", "first_published"]
#: Quote text shown in a table cell (JSON and CSV keep it whole).
TABLE_TEXT_CHARS = 120


def quote_row(quote: dict[str, Any], fmt: str) -> dict[str, Any]:
    """Return a quote as a flat row (counts of outlets and articles, the first appearance)."""
    if fmt == "jsonl":
        return quote
    text = quote["text"]
    if fmt == "table" and len(text) > TABLE_TEXT_CHARS:
        text = text[:TABLE_TEXT_CHARS].rstrip() + " …"
    return {
        "outlets": len(quote["outlets"]) if fmt == "table" else quote["outlets"],
        "articles": len(quote["articles"]) if fmt == "table" else quote["articles"],
        "speaker": quote["speaker"],
        "text": text,
        "forms": len(quote["forms"]) if fmt == "table" else quote["forms"],
        "first_outlet": quote["first"]["outlet"],
        "first_published": quote["first"]["published_at"],
        "first_article": quote["first"]["article_id"],
    }


def register(app: typer.Typer) -> None:
    """Add ``quotes`` to the application."""
    app.command()(quotes)


def quotes(
    story: Annotated[str | None, typer.Option(help="Story key (default: every article).")] = None,
    min_outlets: Annotated[
        int, typer.Option("--min-outlets", help="Only quotes carried by at least N outlets.")
    ] = 1,
    fmt: Annotated[str, typer.Option("--format", help="table | json | jsonl | csv")] = "table",
    db: DbOption = None,
) -> None:
    """Quoted passages with speaker, forms, first appearance and every carrier."""
    check_row_format(fmt)
    if min_outlets < 1:
        raise UserError(f"--min-outlets must be at least 1, got {min_outlets}")
    archive = open_archive(db)
    check_story(archive, story)
    found = archive.quotes(story, min_outlets=min_outlets)
    columns = [*COLUMNS, "first_article"] if fmt == "csv" else COLUMNS
    rows = [quote_row(q, fmt) for q in found]
    print_rows(rows, columns, fmt, document=found, title=f"quotes in {story or 'all stories'}")
