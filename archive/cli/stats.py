"""``newsarchive stats``: archive size, crawl runs and their errors."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

import typer

from archive.cli.coverage import print_failing_endpoints
from archive.cli.options import DbOption, open_archive
from archive.cli.output import emit
from archive.cli.render import check_format, emit_fields, print_json
from archive.query.stats import ArchiveStats


def human_size(n: int | None) -> str:
    """Return a byte count for humans."""
    if n is None:
        return "?"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"  # pragma: no cover


def _counts(values: dict[str, int]) -> str:
    """Return grouped counts on one line."""
    return ", ".join(f"{k} {v}" for k, v in values.items()) or "-"


def _summary(stats: ArchiveStats) -> dict[str, Any]:
    """Return the human-readable summary rows."""
    last = stats.last_run
    return {
        "database size": human_size(stats.database_bytes),
        "articles": f"{stats.articles} ({_counts(stats.articles_by_status)})",
        "versions": f"{stats.versions} ({stats.changed_articles} articles changed)",
        "clusters with copies": stats.clusters_with_copies,
        "duplicate articles": stats.duplicates,
        "outlets": stats.outlets,
        "stories": stats.stories,
        "rejected candidates (distinct URLs, all runs)": _counts(stats.rejections_by_reason),
        "crawl runs": _counts(stats.runs_by_status),
        "last run": (
            f"#{last.id} {last.kind} {last.story or ''} {last.status}, "
            f"started {last.started_at:%Y-%m-%d %H:%M}Z, {last.errors} errors"
            if last
            else "-"
        ),
        "run errors": stats.run_errors,
        "failing endpoints": len(stats.failing_endpoints),
    }


def register(app: typer.Typer) -> None:
    """Add ``stats`` to the application."""
    app.command()(stats)


def stats(
    fmt: Annotated[str, typer.Option("--format", help="table | json")] = "table",
    db: DbOption = None,
) -> None:
    """Show the archive's size, its crawl runs and their most recent errors."""
    check_format(fmt, ("table", "json"))
    archive = open_archive(db)
    result = archive.stats()
    if fmt == "json":
        print_json(dataclasses.asdict(result))
        return
    emit_fields(_summary(result), title=f"archive {archive.url}")
    if result.recent_errors:
        rows = [{"run": run_id, "error": error} for run_id, error in result.recent_errors]
        emit(rows, ["run", "error"], "table", title="most recent errors")
    if result.failing_endpoints:
        print_failing_endpoints(archive)
