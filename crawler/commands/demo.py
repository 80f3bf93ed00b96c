"""``newsarchive demo``: replay the bundled capture of the default story into a fresh archive."""

from __future__ import annotations

from collections import Counter
from datetime import timezone
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select

from archive import Archive, models
from archive.cli import DbOption, UserError, app, open_archive
from archive.schema import utc_iso
from crawler.config import DEFAULT_STORY_KEY, load_outlets, resolve_story

DEMO_WARC = Path(__file__).resolve().parent.parent / "demo" / "demo.warc.gz"


def coverage_rows(archive: Archive, story: str, outlets: list[str]) -> list[dict[str, Any]]:
    """Return per outlet: articles archived for ``story``, earliest published, finding channels."""
    article = models.Article
    with archive.session() as session:
        found = session.execute(
            select(article.outlet, func.count(), func.min(article.published_at))
            .where(article.story == story)
            .group_by(article.outlet)
        ).all()
        channels = session.execute(
            select(article.outlet, article.channel).where(article.story == story)
        ).all()
    by_outlet = {row[0]: row for row in found}
    channel_counts: dict[str, Counter[str]] = {}
    for outlet, channel in channels:
        channel_counts.setdefault(outlet, Counter())[channel or "?"] += 1
    rows = []
    for key in outlets + sorted(set(by_outlet) - set(outlets)):
        _, count, earliest = by_outlet.get(key, (key, 0, None))
        counted = channel_counts.get(key, Counter()).most_common()
        rows.append({
            "outlet": key, "articles": count, "earliest_published": utc_iso(_aware(earliest)),
            "channels": ", ".join(f"{name} {n}" for name, n in counted),
        })  # fmt: skip
    return rows


def _aware(value: Any) -> Any:
    """Return a datetime with UTC attached when the database returned it naive (SQLite)."""
    if value is not None and getattr(value, "tzinfo", None) is None:
        return value.replace(tzinfo=timezone.utc)
    return value


def _coverage_table(rows: list[dict[str, Any]], story: str) -> Table:
    """Return the coverage table for printing."""
    table = Table(title=f"coverage of {story}")
    for name in ("outlet", "articles", "earliest published", "found by"):
        table.add_column(name, justify="right" if name == "articles" else "left")
    for row in rows:
        table.add_row(
            row["outlet"], str(row["articles"]), row["earliest_published"] or "-", row["channels"]
        )
    return table


def _fresh_archive(db: str | None) -> Archive:
    """Return the target archive; UserError when it already holds articles."""
    archive = open_archive(db)
    with archive.session() as session:
        count = session.scalar(select(func.count()).select_from(models.Article)) or 0
    if count:
        raise UserError(
            f"{archive.url} already holds {count} articles; the demo needs a fresh archive "
            "(pass --db sqlite:///demo.db, or remove the file)"
        )
    return archive


@app.command()
def demo(db: DbOption = None) -> None:
    """Replay the bundled demo capture into a fresh archive and print the coverage table."""
    from crawler.run import run_crawl  # Scrapy and Twisted only for this command

    if not DEMO_WARC.is_file():
        raise UserError(f"the demo capture is missing: {DEMO_WARC}")
    archive = _fresh_archive(db)
    story = resolve_story(DEFAULT_STORY_KEY)
    outlets = load_outlets()
    run_crawl(archive, story, outlets, replay=DEMO_WARC)
    rows = coverage_rows(archive, story.key, [o.key for o in outlets])
    console = Console()
    console.print(_coverage_table(rows, story.key))
    again = f" --db {db}" if db else ""
    console.print(f"archive: {archive.url}\nnext: newsarchive search kardashian{again}")
