"""Full-text search over articles: one query syntax, SQLite FTS5 and PostgreSQL tsvector.

The syntax is the familiar web-search one (words all must match, ``"exact phrases"``, ``OR``
between alternatives, ``-word`` to exclude, ``word*`` for a prefix); it is parsed in
:mod:`archive.fulltext.query`, so both back-ends accept and reject the same queries and run
the same parsed query. Both index and query text are split, folded and stemmed the same way
(FTS5's ``porter unicode61 remove_diacritics 2`` tokenizer, which PostgreSQL's ``newsarchive``
configuration reproduces), so both return the same articles. Scores are in 0..1, higher is
better: weighted BM25 on SQLite, weighted ``ts_rank`` on PostgreSQL (title 10, standfirst
4, body 1), comparable within one result list, not across back-ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from archive import models
from archive.fulltext import fts5, tsquery
from archive.fulltext.fts5 import to_fts5
from archive.fulltext.query import (
    MAX_QUERY_CHARS,
    MAX_QUERY_WORDS,
    QuerySyntaxError,
    Term,
    clauses,
    parse_query,
)

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_QUERY_WORDS",
    "QuerySyntaxError",
    "SearchHit",
    "Term",
    "parse_query",
    "search",
    "to_fts5",
]


@dataclass
class SearchHit:
    """An article that matched, its score (0..1, higher is better) and a snippet."""

    article: models.Article
    rank: float
    snippet: str


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
    filters = {
        "outlet": outlet,
        "story": story,
        "since": since,
        "until": until,
        "cluster_id": cluster_id,
        "collapse_duplicates": collapse_duplicates,
    }
    page = (limit, offset)
    if session.get_bind().dialect.name == "sqlite":
        return _search_sqlite(session, terms, filters, page)
    return _search_postgres(session, terms, filters, page)


def _search_sqlite(
    session: Session, terms: list[Term], filters: dict[str, Any], page: tuple[int, int]
) -> list[SearchHit]:
    """Return the hits on SQLite (FTS5), scores scaled into 0..1."""
    stmt = _apply_filters(fts5.ranked_select(terms), filters)
    rows = session.execute(stmt.limit(page[0]).offset(page[1])).all()
    if not rows:
        return []
    scale = fts5.score_scale(session, clauses(terms))
    return [SearchHit(row[0], float(row[1] or 0.0) / scale, row[2] or "") for row in rows]


def _search_postgres(
    session: Session, terms: list[Term], filters: dict[str, Any], page: tuple[int, int]
) -> list[SearchHit]:
    """Return the hits on PostgreSQL (tsvector); only ids and scores go through the sort.

    Articles and ``ts_headline`` snippets are fetched for the kept hits afterwards
    (ts_headline over every match would dominate the query).
    """
    parsed = clauses(terms)
    analysed = tsquery.analyse_terms(session, terms)
    compiled = tsquery.compile_tsquery(parsed, analysed)
    if compiled is None:
        return []
    stmt = _apply_filters(tsquery.ranked_ids(compiled), filters)
    ranked = session.execute(stmt.limit(page[0]).offset(page[1])).all()
    if not ranked:
        return []
    ids = [row[0] for row in ranked]
    articles = {
        a.id: a for a in session.scalars(select(models.Article).where(models.Article.id.in_(ids)))
    }
    snippets = tsquery.snippets(session, tsquery.highlight_tsquery(parsed, analysed), ids)
    return [SearchHit(articles[i], tsquery.score(rank), snippets.get(i, "")) for i, rank in ranked]
