"""``newsarchive diff``: what changed between two versions of an article, headline first."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from archive.cli.options import DbOption, UserError, open_archive
from archive.diff import diff_versions_data, render_diff
from archive.models import ArticleVersion

DIFF_FORMATS = ("text", "json")


def pick_versions(
    versions: list[ArticleVersion], from_n: int | None, to_n: int | None
) -> tuple[ArticleVersion, ArticleVersion]:
    """Return the (old, new) pair: ``--to`` defaults to the latest, ``--from`` to the one before."""
    by_number = {v.version: v for v in versions}
    known = ", ".join(str(n) for n in sorted(by_number))
    to_n = to_n if to_n is not None else max(by_number)
    if from_n is None:
        earlier = [n for n in by_number if n < to_n]
        from_n = max(earlier) if earlier else to_n
    for option, number in (("--from", from_n), ("--to", to_n)):
        if number not in by_number:
            raise UserError(f"{option}: no version {number} (versions: {known})")
    return by_number[from_n], by_number[to_n]


def register(app: typer.Typer) -> None:
    """Add ``diff`` to the application."""
    app.command()(diff)


def diff(
    article: Annotated[str, typer.Argument(help="Article id or URL.")],
    from_n: Annotated[
        int | None, typer.Option("--from", help="Older version (default: the one before --to).")
    ] = None,
    to_n: Annotated[
        int | None, typer.Option("--to", help="Newer version (default: latest).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text | json")] = "text",
    db: DbOption = None,
) -> None:
    """Print a word-level diff between two versions of an article (headline change first)."""
    if fmt not in DIFF_FORMATS:
        raise UserError(f"--format must be one of {', '.join(DIFF_FORMATS)}, got {fmt!r}")
    archive = open_archive(db)
    row = archive.get(article)
    if row is None:
        raise UserError(f"no article with id or URL {article!r}")
    versions = archive.versions(row.id)
    if not versions:
        raise UserError(f"article {row.id} has no stored versions")
    old, new = pick_versions(versions, from_n, to_n)
    data = {"article_id": row.id, "url": row.url, **diff_versions_data(old, new)}
    if fmt == "json":
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    if len(versions) == 1:
        typer.echo(f"article {row.id} has one version; nothing to compare")
        return
    typer.echo(f"article {row.id}: {row.url}")
    typer.echo(render_diff(data))
