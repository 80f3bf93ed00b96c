"""``newsarchive coverage``: who covered a story, when, found how; optionally as a picture."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy import select

from archive import models
from archive.api import Archive
from archive.cli.options import DbOption, UserError, open_archive
from archive.cli.output import emit
from archive.cli.render import cell, check_format, section
from archive.export.targets import Target, TargetError, open_output
from archive.query.coverage import CoverageRow, story_keys
from archive.query.extras import MissingDependencyError
from archive.query.health import FAILING_RUNS

COLUMNS = [
    "outlet",
    "name",
    "articles",
    "originals",
    "earliest_published",
    "first_seen",
    "channel",
    "channels",
    "failing_endpoints",
]
#: Columns of the failing-endpoints table printed under the coverage table.
FAILING_COLUMNS = ["outlet", "endpoint", "kind", "problem"]

#: Timestamps in the coverage table (UTC, minutes); JSON and CSV keep full ISO 8601.
SHORT_TIME = "%Y-%m-%d %H:%MZ"


def check_story(archive: Archive, story: str | None) -> None:
    """Raise UserError when ``story`` is neither a known story nor one with articles."""
    if story is None:
        return
    with archive.session() as session:
        known = set(session.scalars(select(models.Story.key))) | set(story_keys(session))
    if story not in known:
        listed = ", ".join(sorted(known)) or "none yet"
        raise UserError(f"--story: no story {story!r} in {archive.url} (known: {listed})")


def coverage_dict(row: CoverageRow) -> dict[str, Any]:
    """Return a coverage row as a flat dict for printing."""
    return {
        "outlet": row.outlet,
        "name": row.name,
        "articles": row.articles,
        "originals": row.originals,
        "earliest_published": row.earliest_published,
        "first_seen": row.first_seen,
        "channel": row.channel,
        "channels": row.channels,
        "failing_endpoints": row.failing_endpoints,
    }


def _printable(row: dict[str, Any], fmt: str) -> dict[str, Any]:
    """Return a coverage row for output: JSON keeps channel counts; tables show short times."""
    channels = row["channels"]
    out = {k: cell(v) for k, v in row.items()}
    if fmt == "json":
        out["channels"] = channels
        out["failing_endpoints"] = row["failing_endpoints"]
    else:
        out["channels"] = ", ".join(f"{name} {n}" for name, n in channels.items())
    if fmt == "table":
        out["failing_endpoints"] = len(row["failing_endpoints"]) or ""
        for key in ("earliest_published", "first_seen"):
            if row[key] is not None:
                out[key] = row[key].strftime(SHORT_TIME)
    return out


def _plot(archive: Archive, story: str | None, path: Path) -> str:
    """Draw the story's timeline to ``path``; return the message to print."""
    from archive.plot import plot_timeline

    points = archive.timeline(story)
    try:
        with open_output(path, "wb") as png:
            count = plot_timeline(points, png, title=story or "all stories")
    except (MissingDependencyError, TargetError) as exc:
        raise UserError(f"--plot: {exc}") from None
    return f"timeline of {count} dated articles written to {path}"


def _check_plot_target(path: Path) -> None:
    """Refuse a --plot path that cannot be written before printing anything."""
    try:
        Target(path)
    except TargetError as exc:
        raise UserError(f"--plot: {exc}") from None


def print_coverage(
    archive: Archive, story: str | None, fmt: str = "table", title: str | None = ""
) -> None:
    """Print the per-outlet coverage table of a story (or of everything)."""
    found = archive.coverage(story)
    rows = [_printable(coverage_dict(r), fmt) for r in found]
    if title == "":
        title = f"coverage of {story or 'all stories'}"
    emit(rows, COLUMNS, fmt, title=title)
    if fmt == "table" and any(r.failing_endpoints for r in found):
        print_failing_endpoints(archive, [r.outlet for r in found if r.failing_endpoints])


def print_failing_endpoints(archive: Archive, outlets: list[str] | None = None) -> None:
    """Print the endpoints that failed or listed nothing in each of their last runs."""
    failing = archive.failing_endpoints(outlet=outlets)
    if not failing:
        return
    title = f"endpoints that failed or listed nothing in their last {FAILING_RUNS} runs"
    section(title)
    rows = [{c: getattr(f, c) for c in FAILING_COLUMNS} for f in failing]
    emit(rows, FAILING_COLUMNS, "table", title=title)


def register(app: typer.Typer) -> None:
    """Add ``coverage`` to the application."""
    app.command()(coverage)


def coverage(
    story: Annotated[str | None, typer.Option(help="Story key (default: every article).")] = None,
    plot: Annotated[
        Path | None, typer.Option(help="Also draw the publication timeline to this PNG.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table | json | csv")] = "table",
    db: DbOption = None,
) -> None:
    """Per outlet: articles, earliest published, first seen, the channel that found them."""
    check_format(fmt)
    archive = open_archive(db)
    check_story(archive, story)
    if plot is not None:
        _check_plot_target(plot)
    print_coverage(archive, story, fmt)
    if plot is not None:
        typer.echo(_plot(archive, story, plot), err=True)
