"""SQLite FTS5: the parsed query as a MATCH expression, BM25 with field weights, a 0..1 score.

FTS5's ``bm25()`` floors the IDF of a term found in more than half the rows at 1e-6, so in an
archive of one story (where the story's own words are in nearly every article) every score
is ~0. The order among those rows is still meaningful; the score is made readable by dividing
by the most that the query's terms could give (``(k1 + 1) * sum of their IDF``), which leaves
the order untouched and puts every score in 0..1.
"""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import Select, column, func, literal_column, select, table, text
from sqlalchemy.orm import Session

from archive import models
from archive.fulltext.query import Clauses, Term, clauses
from archive.fulltext.weights import BODY_WEIGHT, DESCRIPTION_WEIGHT, TITLE_WEIGHT

SNIPPET_WORDS = 16
#: FTS5's built-in BM25 constants (fts5_aux.c) and its IDF floor.
BM25_K1 = 1.2
BM25_IDF_FLOOR = 1e-6
RANK_FUNCTION = f"bm25({TITLE_WEIGHT:.1f}, {DESCRIPTION_WEIGHT:.1f}, {BODY_WEIGHT:.1f})"


def fts5_phrase(term: Term) -> str:
    """Return one term as an FTS5 phrase: quoted (no operator can be injected), maybe a prefix."""
    return '"' + term.text.replace('"', "") + '"' + ("*" if term.prefix else "")


def _alternatives(group: list[Term]) -> str:
    """Return one AND operand: a phrase, or its OR alternatives in parentheses."""
    joined = " OR ".join(fts5_phrase(t) for t in group)
    return f"({joined})" if len(group) > 1 else joined


def to_fts5(terms: list[Term]) -> str:
    """Return an FTS5 MATCH expression with every term quoted and the grouping explicit."""
    parsed = clauses(terms)
    expr = " AND ".join(_alternatives(group) for group in parsed.required)
    single = len(parsed.required) == 1
    for term in parsed.excluded:
        expr = f"{expr if single else f'({expr})'} NOT {fts5_phrase(term)}"
        single = False
    return expr


def ranked_select(terms: list[Term]) -> Select[Any]:
    """Return the select of (article, raw BM25 score, snippet), best first.

    Ordered by FTS5's ``rank`` alone (with the weighted ``bm25`` as its function): FTS5 then
    sorts internally and evaluates the article columns and ``snippet()`` only for the rows
    LIMIT keeps. Any extra sort key (even ``id`` as a tie-breaker) makes SQLite sort every
    match with all its columns: 5x slower at 100k.
    """
    fts = table("articles_fts", column("rowid"), column("rank"))
    match = text("articles_fts MATCH :fts_query AND articles_fts.rank MATCH :rank_function")
    match = match.bindparams(fts_query=to_fts5(terms), rank_function=RANK_FUNCTION)
    snippet = func.snippet(literal_column("articles_fts"), -1, "[", "]", "…", SNIPPET_WORDS)
    return (
        select(models.Article, (-fts.c.rank).label("score"), snippet.label("snippet"))
        .join(fts, fts.c.rowid == models.Article.id)
        .where(match)
        .order_by(fts.c.rank)
    )


def _idf(rows: int, hits: int) -> float:
    """Return FTS5's IDF of a phrase found in ``hits`` of ``rows`` rows (floored as FTS5 does)."""
    idf = math.log((rows - hits + 0.5) / (hits + 0.5))
    return idf if idf > 0 else BM25_IDF_FLOOR


def score_scale(session: Session, parsed: Clauses) -> float:
    """Return the divisor that maps this query's BM25 scores into 0..1.

    That is ``(k1 + 1)`` times the sum of the IDF of every positive phrase that occurs at all,
    the score an article would get if it saturated every one of them.
    """
    phrases = [fts5_phrase(t) for t in parsed.positive()]
    counts = ", ".join(
        f"(SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :p{i})"
        for i in range(len(phrases))
    )
    params = {f"p{i}": p for i, p in enumerate(phrases)}
    row = session.execute(text(f"SELECT (SELECT count(*) FROM articles), {counts}"), params).one()
    rows, hits = int(row[0]), [int(h) for h in row[1:]]
    total = sum(_idf(rows, h) for h in hits if h)
    return (BM25_K1 + 1) * total if total else 1.0
