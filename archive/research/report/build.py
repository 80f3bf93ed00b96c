"""Building the story report: coverage, timeline, lineage, travelling quotes, headlines, removals.

Everything is computed once (one corpus feeds quotes and lineage) and rendered by a Jinja2
template with autoescaping, so article text can never inject markup. The file needs no network:
CSS is inline, pictures are data: URIs, there is no script. Without matplotlib (the ``plot``
extra) the report is still written: the pictures are replaced by tables of the same facts and a
one-line note says what to install.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import select

from archive import models
from archive.query.coverage import CoverageRow
from archive.recheck_models import ArticleEvent
from archive.research.lineage.formats import lineage_json
from archive.research.lineage.graph import build_lineage
from archive.research.names import OutletNames
from archive.research.quotes.build import build_quotes, quote_json
from archive.research.report.pictures import lineage_picture, timeline_picture
from archive.schema import utc_iso

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from sqlalchemy.orm import Session

    from archive.query.coverage import TimelinePoint
    from archive.research.corpus import StoryCorpus


class Archive(Protocol):
    """What the report reads of an ``archive.Archive`` (a protocol, so that ``archive.api``,
    whose research views build the report, is not imported back)."""

    def session(self) -> AbstractContextManager[Session]: ...
    def corpus(self, story: str | None = None) -> StoryCorpus: ...
    def timeline(self, story: str | None = None) -> list[TimelinePoint]: ...
    def coverage(self, story: str | None = None) -> list[CoverageRow]: ...
    def story_headlines(
        self, story: str | None = None, *, changed: bool = False
    ) -> list[dict[str, Any]]: ...


#: Quotes listed in the report (those carried by the most outlets).
TOP_QUOTES = 25
#: Carriers listed per quote.
MAX_CARRIERS = 30
#: Headline changes listed.
MAX_HEADLINE_ROWS = 200
#: Edges listed in the lineage table.
MAX_EDGE_ROWS = 300
SHORT_TIME = "%Y-%m-%d %H:%M"


@dataclass
class ReportResult:
    """Where the report was written and what it could not draw."""

    path: Path
    notes: list[str] = field(default_factory=list)


def lag_text(delta: timedelta | None) -> str:
    """Return a lag behind the first publisher as "+1 d 02 h 05 min" (or "first")."""
    if delta is None:
        return ""
    minutes = int(delta.total_seconds() // 60)
    if minutes <= 0:
        return "first"
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = ([f"{days} d"] if days else []) + ([f"{hours:02d} h"] if days or hours else [])
    return "+" + " ".join([*parts, f"{mins:02d} min"])


def _short(moment: datetime | None) -> str:
    """Return a UTC time to the minute, or an empty string."""
    return moment.strftime(SHORT_TIME) + "Z" if moment else ""


def short_iso(value: str | None) -> str:
    """Return an ISO 8601 UTC string to the minute ("2022-08-02 21:39Z"), or ""."""
    return f"{value[:16].replace('T', ' ')}Z" if value else ""


def coverage_rows(rows: list[CoverageRow]) -> list[dict[str, Any]]:
    """Return the coverage table's rows, with each outlet's lag behind the first publisher."""
    dated = [r.earliest_published for r in rows if r.earliest_published]
    first = min(dated) if dated else None
    return [
        {
            "outlet": r.outlet,
            "name": r.name,
            "found": r.articles > 0,
            "articles": r.articles,
            "originals": r.originals,
            "channel": r.channel or "",
            "first_published": _short(r.earliest_published),
            "first_seen": _short(r.first_seen),
            "lag": lag_text(r.earliest_published - first) if first and r.earliest_published else "",
        }
        for r in rows
    ]


def _events(archive: Archive, story: str | None) -> list[dict[str, Any]]:
    """Return removals, redirects and returns of the story's articles, oldest first."""
    a, e = models.Article, ArticleEvent
    stmt = (
        select(e.at, e.kind, e.detail, e.http_status, a.id, a.outlet, a.title, a.url)
        .join(a, a.id == e.article_id)
        .where(e.kind.in_(("gone", "redirected", "returned")))
        .order_by(e.at, e.id)
    )
    if story:
        stmt = stmt.where(a.story == story)
    with archive.session() as session:
        return [
            {"at": _short(at), "kind": kind, "detail": detail, "http_status": status,
             "article_id": i, "outlet": outlet, "title": title, "url": url}
            for at, kind, detail, status, i, outlet, title, url in session.execute(stmt)
        ]  # fmt: skip


def _headline_rows(summaries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return one row per headline edit or disagreement."""
    rows = []
    for s in summaries:
        base = {"article_id": s["article_id"], "outlet": s["outlet"], "title": s["title"]}
        for edit in s["edits"]:
            rows.append({**base, "change": "edit", "kind": edit["kind"], "old": edit["from"],
                         "new": edit["to"], "at": edit["at"], "removed": edit["removed"],
                         "added": edit["added"]})  # fmt: skip
        for d in s["disagreements"]:
            rows.append({**base, "change": f"differs from {d['versus']}", "kind": d["kind"],
                         "old": s["headlines"].get(d["versus"]), "new": d["text"], "at": None,
                         "removed": d["only_versus"], "added": d["only_here"]})  # fmt: skip
    return rows[:MAX_HEADLINE_ROWS]


def report_context(archive: Archive, story: str | None) -> dict[str, Any]:
    """Return everything the report template shows."""
    corpus = archive.corpus(story)
    names = OutletNames.from_corpus(corpus)
    quotes = build_quotes(corpus, names)
    graph = build_lineage(corpus, quotes, names)
    lineage = lineage_json(graph)
    nodes = {n["id"]: n for n in lineage["nodes"]}
    top = [quote_json(g) for g in quotes.groups if len(g.outlets) >= 2][:TOP_QUOTES]
    for quote in top:
        quote["carriers"] = [
            {"id": i, "outlet": corpus.by_id[i].outlet, "published_at": _short(
                corpus.by_id[i].published_at), "title": corpus.by_id[i].title}
            for i in quote["articles"][:MAX_CARRIERS]
        ]  # fmt: skip
    title = story or "all stories"
    points = archive.timeline(story)
    with archive.session() as session:
        row = session.get(models.Story, story) if story else None
        story_title = row.title if row is not None else title
    return {
        "story": story,
        "story_title": story_title,
        "generated_at": _short(models.utcnow()),
        "coverage": coverage_rows(archive.coverage(story)),
        "articles": len(corpus.articles),
        "timeline": timeline_picture(points, title),
        "timeline_points": points,
        "lineage_picture": lineage_picture(graph),
        "edges": lineage["edges"][:MAX_EDGE_ROWS],
        "edge_total": len(lineage["edges"]),
        "edge_counts": _edge_counts(lineage["edges"]),
        "nodes": nodes,
        "quotes": top,
        "quote_total": len(quotes.groups),
        "headlines": _headline_rows(archive.story_headlines(story, changed=True)),
        "events": _events(archive, story),
        "utc_iso": utc_iso,
    }


def _edge_counts(edges: list[dict[str, Any]]) -> dict[str, int]:
    """Return how many edges of each kind the lineage has."""
    counts = dict.fromkeys(("copy", "rewrite", "credit", "link"), 0)
    for edge in edges:
        counts[edge["kind"]] += 1
    return counts


def _environment() -> Environment:
    """Return the Jinja2 environment of the packaged templates (autoescaping on)."""
    environment = Environment(
        loader=PackageLoader("archive.research.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["short"] = short_iso
    return environment


def render_report(context: dict[str, Any]) -> str:
    """Return the report's HTML."""
    return _environment().get_template("report.html.j2").render(**context)


def write_report(archive: Archive, story: str | None, path: Path) -> ReportResult:
    """Write the story report to ``path``; return the path and notes on what was left out."""
    context = report_context(archive, story)
    path.write_text(render_report(context), encoding="utf-8")
    notes = [p.missing for p in (context["timeline"], context["lineage_picture"]) if p.missing]
    return ReportResult(path, list(dict.fromkeys(notes)))
