"""``newsarchive show``: one article with its provenance, cluster and versions."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from archive.api import Archive
from archive.cli.options import DbOption, UserError, open_archive
from archive.cli.output import emit
from archive.cli.render import cell, check_format, emit_fields, preview, print_json, section
from archive.query.records import article_record, version_record

MEMBER_COLUMNS = ["article_id", "role", "outlet", "published_at", "title", "url"]
VERSION_COLUMNS = ["version", "captured_at", "title", "words", "content_hash", "http_status"]


def _lookup(archive: Archive, id_or_url: str) -> Any:
    """Return the article row for an id or URL; UserError when there is none."""
    article = archive.get(id_or_url)
    if article is None:
        what = f"id {id_or_url}" if id_or_url.isdigit() else f"URL {id_or_url!r}"
        raise UserError(f"no article with {what} in {archive.url}")
    return article


def _members(archive: Archive, cluster_id: int | None) -> list[dict[str, Any]]:
    """Return the cluster's members as rows (empty when the article has no cluster)."""
    info = archive.cluster(cluster_id) if cluster_id is not None else None
    if info is None:
        return []
    return [
        {
            "article_id": m.article_id,
            "role": "original" if m.is_original else f"copy ({m.duplicate_kind})",
            "outlet": m.outlet,
            "published_at": m.published_at,
            "title": m.title,
            "url": m.url,
        }
        for m in info.members
    ]


def _version_rows(archive: Archive, article_id: int) -> list[dict[str, Any]]:
    """Return the article's versions as records, oldest first."""
    return [version_record(v) for v in archive.versions(article_id)]


def _print_table(record: dict[str, Any], members: list[dict], versions: list[dict] | None) -> None:
    """Print the article, its cluster and (when asked) its versions as tables."""
    shown = dict(record)
    shown["body"] = preview(record.get("body"))
    emit_fields(shown, title=f"article {record['id']}")
    if len(members) > 1:
        title = f"cluster {record['cluster_id']}: {len(members)} articles"
        section(title)
        rows = [{k: cell(v) for k, v in m.items()} for m in members]
        emit(rows, MEMBER_COLUMNS, "table", title=title)
    if versions is not None:
        rows = [
            {**{k: cell(v) for k, v in ver.items()}, "words": len((ver["body"] or "").split())}
            for ver in versions
        ]
        title = f"{len(rows)} version{'' if len(rows) == 1 else 's'}"
        section(title)
        emit(rows, VERSION_COLUMNS, "table", title=title)


def register(app: typer.Typer) -> None:
    """Add ``show`` to the application."""
    app.command()(show)


def show(
    article: Annotated[str, typer.Argument(help="Article id or URL (any variant of it).")],
    versions: Annotated[bool, typer.Option("--versions", help="List every version.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="table | json")] = "table",
    db: DbOption = None,
) -> None:
    """Show one article: its fields and provenance, its cluster of copies, its versions."""
    check_format(fmt, ("table", "json"))
    archive = open_archive(db)
    row = _lookup(archive, article)
    record = article_record(row)
    members = _members(archive, row.cluster_id)
    version_rows = _version_rows(archive, row.id) if versions else None
    if fmt == "table":
        _print_table(record, members, version_rows)
        return
    record["cluster"] = {"id": row.cluster_id, "size": len(members), "members": members}
    if version_rows is not None:
        record["versions"] = version_rows
    print_json(record)
