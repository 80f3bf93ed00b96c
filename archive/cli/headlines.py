"""``newsarchive headlines``: an article's headline variants across versions, or a story's edits."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from archive.cli.coverage import check_story
from archive.cli.options import DbOption, UserError, open_archive
from archive.cli.rows import check_row_format, print_rows

STATE_COLUMNS = ["article_id", "state", "at", "version", "kind", "headline", "edited"]
STORY_COLUMNS = ["article_id", "outlet", "kind", "headline", "differs", "states"]
CHANGE_COLUMNS = ["article_id", "outlet", "change", "kind", "old", "new", "removed", "added", "at"]


def state_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Return one row per (state, variant) of an article's headline history."""
    rows, previous = [], {}
    for number, state in enumerate(record["history"], start=1):
        for kind, text in state["headlines"].items():
            rows.append({
                "article_id": record["article_id"], "state": number, "at": state["at"],
                "version": state["version"], "kind": kind, "headline": text,
                "edited": number > 1 and previous.get(kind) != text,
            })  # fmt: skip
        previous = state["headlines"]
    return rows


def story_rows(summaries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return one row per article and current variant."""
    rows = []
    for s in summaries:
        differing = {d["kind"] for d in s["disagreements"]}
        for kind, text in s["headlines"].items():
            rows.append({"article_id": s["article_id"], "outlet": s["outlet"], "kind": kind,
                         "headline": text, "differs": kind in differing,
                         "states": s["states"]})  # fmt: skip
    return rows


def change_rows(summaries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return one row per edit or disagreement, with the words that differ."""
    rows = []
    for s in summaries:
        base = {"article_id": s["article_id"], "outlet": s["outlet"]}
        for e in s["edits"]:
            rows.append({**base, "change": "edit", "kind": e["kind"], "old": e["from"],
                         "new": e["to"], "removed": e["removed"], "added": e["added"],
                         "at": e["at"]})  # fmt: skip
        for d in s["disagreements"]:
            rows.append({**base, "change": f"differs from {d['versus']}", "kind": d["kind"],
                         "old": s["headlines"].get(d["versus"]), "new": d["text"],
                         "removed": d["only_versus"], "added": d["only_here"],
                         "at": None})  # fmt: skip
    return rows


def register(app: typer.Typer) -> None:
    """Add ``headlines`` to the application."""
    app.command()(headlines)


def headlines(
    article: Annotated[str | None, typer.Argument(help="Article id or URL.")] = None,
    story: Annotated[str | None, typer.Option(help="Story key: every article's variants.")] = None,
    changed: Annotated[
        bool, typer.Option("--changed", help="Only articles whose headlines were edited or differ.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help="table | json | jsonl | csv")] = "table",
    db: DbOption = None,
) -> None:
    """Headline variants (page, <title>, og:title, twitter, JSON-LD, listing) and their edits."""
    check_row_format(fmt)
    if article is not None and (story is not None or changed):
        raise UserError("give an article id or --story [--changed], not both")
    archive = open_archive(db)
    if article is not None:
        found = archive.get(article)
        record = archive.headlines(found.id) if found is not None else None
        if record is None:
            raise UserError(f"no article with id or URL {article!r} in {archive.url}")
        title = f"headlines of article {record['article_id']}"
        print_rows(state_rows(record), STATE_COLUMNS, fmt, document=record, title=title)
        return
    check_story(archive, story)
    summaries = archive.story_headlines(story, changed=changed)
    if changed:
        title = f"headline changes in {story or 'all stories'}"
        print_rows(change_rows(summaries), CHANGE_COLUMNS, fmt, document=summaries, title=title)
    else:
        title = f"headlines in {story or 'all stories'}"
        print_rows(story_rows(summaries), STORY_COLUMNS, fmt, document=summaries, title=title)
