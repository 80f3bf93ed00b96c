"""Full-text search over articles: one query syntax, SQLite FTS5 and PostgreSQL tsvector.

The syntax is the familiar web-search one: words (all must match), ``"exact phrases"``,
``OR`` between alternatives and ``-word`` to exclude. It is parsed here, so both backends
accept and reject the same queries; on SQLite each term is quoted before it reaches FTS5, so
user input can never inject FTS5 operators. PostgreSQL gets ``websearch_to_tsquery``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, column, func, literal_column, select, table, text
from sqlalchemy.orm import Session

from archive import models

_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SNIPPET_WORDS = 16


class QuerySyntaxError(ValueError):
    """A full-text query that cannot be understood; the message quotes the query."""


@dataclass(frozen=True)
class Term:
    """One query term: a word or phrase, possibly excluded, possibly OR-ed with the previous."""

    text: str
    negated: bool = False
    or_previous: bool = False


@dataclass
class SearchHit:
    """An article that matched, its rank (higher is better) and a snippet around the match."""

    article: models.Article
    rank: float
    snippet: str


def parse_query(query: str) -> list[Term]:
    """Return the terms of a web-search style query, or raise QuerySyntaxError."""
    if _CONTROL.search(query):
        raise QuerySyntaxError(f"control characters are not allowed in search query {query!r}")
    if query.count('"') % 2:
        raise QuerySyntaxError(f"unbalanced quote in search query {query!r}")
    terms: list[Term] = []
    pending_or = False
    for match in _TOKEN.finditer(query):
        neg, phrase, word = match.group(1), match.group(2), match.group(3)
        if word == "OR":
            if not terms or pending_or:
                raise QuerySyntaxError(f"OR needs a term on each side in search query {query!r}")
            pending_or = True
            continue
        negated = bool(neg) or (word is not None and word.startswith("-") and len(word) > 1)
        content = phrase if phrase is not None else word.lstrip("-") if negated else word
        content = " ".join(re.findall(r"\w+", content or ""))
        if content:
            terms.append(Term(content, negated, pending_or))
        pending_or = False
    if pending_or:
        raise QuerySyntaxError(f"OR needs a term on each side in search query {query!r}")
    if not any(not t.negated for t in terms):
        raise QuerySyntaxError(f"search query {query!r} has no word to look for")
    return terms


def to_fts5(terms: list[Term]) -> str:
    """Return an FTS5 MATCH expression with every term quoted."""
    groups: list[list[str]] = []
    excluded: list[str] = []
    for term in terms:
        quoted = '"' + term.text.replace('"', "") + '"'
        if term.negated:
            excluded.append(quoted)
        elif term.or_previous and groups:
            groups[-1].append(quoted)
        else:
            groups.append([quoted])
    expr = " AND ".join("(" + " OR ".join(g) + ")" if len(g) > 1 else g[0] for g in groups)
    for quoted in excluded:
        expr = f"({expr}) NOT {quoted}"
    return expr


def _sqlite_select(terms: list[Term]) -> Select[Any]:
    """Return the SQLite select of (article, score, snippet), best first.

    Ordered by FTS5's ``rank`` alone: FTS5 then sorts internally and evaluates the article
    columns and ``snippet()`` only for the rows LIMIT keeps. Any extra sort key (even ``id``
    as a tie-breaker) makes SQLite sort every match with all its columns: 5x slower at 100k.
    """
    fts = table("articles_fts", column("rowid"), column("rank"))
    match = text("articles_fts MATCH :fts_query").bindparams(fts_query=to_fts5(terms))
    snippet = func.snippet(literal_column("articles_fts"), -1, "[", "]", "…", SNIPPET_WORDS)
    return (
        select(models.Article, (-fts.c.rank).label("score"), snippet.label("snippet"))
        .join(fts, fts.c.rowid == models.Article.id)
        .where(match)
        .order_by(fts.c.rank)
    )


def _postgres_ranked_ids(query: str) -> Select[Any]:
    """Return the PostgreSQL select of (article id, score), best first.

    Only ids and scores go through the sort; articles and ``ts_headline`` snippets are fetched
    for the hits afterwards (ts_headline over every match would dominate the query).
    """
    tsq = func.websearch_to_tsquery("english", query)
    vector = literal_column("articles.search_vector")
    rank = func.ts_rank_cd(vector, tsq)
    return (
        select(models.Article.id, rank.label("score"))
        .where(vector.op("@@")(tsq))
        .order_by(rank.desc(), models.Article.id)
    )


def _apply_filters(stmt: Select[Any], f: dict[str, Any]) -> Select[Any]:
    """Return the select narrowed by the search filters."""
    a = models.Article
    if f["outlet"]:
        outlets = [f["outlet"]] if isinstance(f["outlet"], str) else f["outlet"]
        stmt = stmt.where(a.outlet.in_(outlets))
    if f["story"]:
        stmt = stmt.where(a.story == f["story"])
    if f["since"]:
        stmt = stmt.where(a.published_at >= f["since"])
    if f["until"]:
        stmt = stmt.where(a.published_at <= f["until"])
    if f["cluster_id"] is not None:
        stmt = stmt.where(a.cluster_id == f["cluster_id"])
    if f["collapse_duplicates"]:
        stmt = stmt.where(a.duplicate_of.is_(None))
    return stmt


def search(
    session: Session,
    query: str,
    *,
    outlet: str | list[str] | None = None,
    story: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    cluster_id: int | None = None,
    collapse_duplicates: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[SearchHit]:
    """Return articles matching ``query``, best first, with the given filters applied.

    ``since``/``until`` bound ``published_at`` (inclusive, aware datetimes);
    ``collapse_duplicates`` keeps only each cluster's original.
    """
    terms = parse_query(query)  # one syntax for both backends: invalid queries fail here
    filter_values = [story, *([outlet] if isinstance(outlet, str) else outlet or [])]
    if any(v and "\x00" in v for v in filter_values):
        return []  # no key holds a NUL, and PostgreSQL refuses one in a bound string
    dialect = session.get_bind().dialect.name
    filters = {
        "outlet": outlet,
        "story": story,
        "since": since,
        "until": until,
        "cluster_id": cluster_id,
        "collapse_duplicates": collapse_duplicates,
    }
    if dialect == "sqlite":
        stmt = _apply_filters(_sqlite_select(terms), filters)
        rows = session.execute(stmt.limit(limit).offset(offset)).all()
        return [SearchHit(row[0], float(row[1] or 0.0), row[2] or "") for row in rows]
    stmt = _apply_filters(_postgres_ranked_ids(query), filters)
    ranked = session.execute(stmt.limit(limit).offset(offset)).all()
    if not ranked:
        return []
    ids = [row[0] for row in ranked]
    articles = {
        a.id: a for a in session.scalars(select(models.Article).where(models.Article.id.in_(ids)))
    }
    snippets = _pg_snippets(session, query, ids)
    return [SearchHit(articles[i], float(score or 0.0), snippets.get(i, "")) for i, score in ranked]


def _pg_snippets(session: Session, query: str, ids: list[int]) -> dict[int, str]:
    """Return a ts_headline snippet around the match for each of the given article ids."""
    options = f"StartSel=[, StopSel=], MaxWords={SNIPPET_WORDS}, MinWords=5, MaxFragments=1"
    headline = func.ts_headline(
        "english",
        func.coalesce(models.Article.body, models.Article.title, ""),
        func.websearch_to_tsquery("english", query),
        options,
    )
    rows = session.execute(select(models.Article.id, headline).where(models.Article.id.in_(ids)))
    return {int(i): text_ or "" for i, text_ in rows}
