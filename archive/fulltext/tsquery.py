"""PostgreSQL: the parsed query as a tsquery, a weighted ``ts_rank`` score in 0..1, snippets.

Each term is analysed by the archive's own text search configuration (``newsarchive``:
Porter stemming as FTS5's ``porter`` tokenizer does, no stop words) after the same folding
the index applies (``newsarchive_fold``: diacritics, punctuation, FTS5's short-word and
suffix rules; see migration 0004). The terms are then combined here, in Python, with the
operators and precedence the parser defined, so PostgreSQL and SQLite run the same query.

The score is ``ts_rank`` rather than ``ts_rank_cd``: cover density costs grow with the number
of query terms times the matches (a 100-term OR over 5,000 articles took 2-4 s against 0.1 s
for ``ts_rank``, which weighs fields and proximity too; ``tests/benchmarks/README.md``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, Text, bindparam, cast, func, literal_column, select, text
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.orm import Session

from archive import models
from archive.fulltext.query import Clauses, Term
from archive.fulltext.weights import tsvector_weights

PG_CONFIG = "newsarchive"
FOLD_FUNCTION = "newsarchive_fold"
SNIPPET_WORDS = 16
#: ts_rank normalisation 1: divide by 1 + log(document length), so a long article does not win
#: by length alone.
RANK_NORMALIZATION = 1
#: The rank that scores 0.5: ``score = rank / (rank + RANK_HALF)`` (PostgreSQL's own
#: normalisation 32 is this with 1, which leaves every score under ~0.1 with field weights
#: of at most 1). 0.1 is about one headline match in an article of a hundred words.
RANK_HALF = 0.1


def analyse_terms(session: Session, terms: list[Term]) -> dict[Term, tuple[str, str]]:
    """Return each term's tsquery text, folded as the index is and as typed (for snippets).

    An empty text means the configuration finds no word in the term (it matches nothing).
    """
    unique = list(dict.fromkeys(terms))
    columns = []
    for i in range(len(unique)):
        columns.append(f"CAST(phraseto_tsquery('{PG_CONFIG}', {FOLD_FUNCTION}(:t{i})) AS text)")
        columns.append(f"CAST(phraseto_tsquery('{PG_CONFIG}', :t{i}) AS text)")
    params = {f"t{i}": term.text for i, term in enumerate(unique)}
    row = session.execute(text("SELECT " + ", ".join(columns)), params).one()
    return {term: (row[2 * i], row[2 * i + 1]) for i, term in enumerate(unique)}


def _operand(tsquery_text: str, prefix: bool) -> str:
    """Return one analysed term as a parenthesised tsquery operand."""
    if prefix and tsquery_text.endswith("'"):
        tsquery_text += ":*"  # the last lexeme of the word or phrase matches as a prefix
    return f"( {tsquery_text} )"


def compile_tsquery(parsed: Clauses, analysed: dict[Term, tuple[str, str]]) -> str | None:
    """Return the whole query as tsquery text, or None when a required clause cannot match."""
    groups = []
    for group in parsed.required:
        alternatives = [_operand(analysed[t][0], t.prefix) for t in group if analysed[t][0]]
        if not alternatives:
            return None
        groups.append("( " + " | ".join(alternatives) + " )")
    excluded = [f"!{_operand(analysed[t][0], t.prefix)}" for t in parsed.excluded if analysed[t][0]]
    return " & ".join(groups + excluded)


def highlight_tsquery(parsed: Clauses, analysed: dict[Term, tuple[str, str]]) -> str:
    """Return a tsquery for ts_headline: any positive term, folded or as typed.

    ts_headline parses the stored text as it is (not folded), so the typed form is what
    marks ``café`` in a body when the query says ``café``.
    """
    operands = {
        _operand(form, term.prefix) for term in parsed.positive() for form in analysed[term] if form
    }
    return " | ".join(sorted(operands))


def ranked_ids(tsquery_text: str) -> Select[Any]:
    """Return the select of (article id, score in 0..1), best first."""
    query = cast(bindparam("tsq", tsquery_text, type_=Text), TSQUERY)
    vector = literal_column("articles.search_vector")
    weights = literal_column(f"'{tsvector_weights()}'::float4[]")
    rank = func.ts_rank(weights, vector, query, RANK_NORMALIZATION)
    return (
        select(models.Article.id, rank.label("score"))
        .where(vector.op("@@")(query))
        .order_by(rank.desc(), models.Article.id)
    )


def score(rank: float | None) -> float:
    """Return a ts_rank rank mapped into 0..1 (the order is unchanged)."""
    rank = float(rank or 0.0)
    return rank / (rank + RANK_HALF)


def snippets(session: Session, tsquery_text: str, ids: list[int]) -> dict[int, str]:
    """Return a ts_headline snippet around the match for each of the given article ids."""
    options = f"StartSel=[, StopSel=], MaxWords={SNIPPET_WORDS}, MinWords=5, MaxFragments=1"
    headline = func.ts_headline(
        literal_column(f"'{PG_CONFIG}'::regconfig"),
        func.coalesce(models.Article.body, models.Article.title, ""),
        cast(bindparam("hq", tsquery_text, type_=Text), TSQUERY),
        options,
    )
    rows = session.execute(select(models.Article.id, headline).where(models.Article.id.in_(ids)))
    return {int(i): snippet or "" for i, snippet in rows}
