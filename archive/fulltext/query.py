"""The search syntax, parsed once in Python so SQLite and PostgreSQL get the same query.

Grammar (web-search style)::

    query   := clause (["AND"] clause)*        all clauses must match
    clause  := item ("OR" item)*                at least one alternative must match
    item    := word | word* | "a phrase" | "a phrase"* | -word | -"a phrase"

``OR`` binds tighter than the implicit AND: ``clemency OR binder -pandemic`` means
(clemency OR binder) AND NOT pandemic. ``OR`` and ``AND`` are operators only in capitals; an
excluded item cannot be an alternative of ``OR``. A word is a run of letters and digits: any
other character separates words, so ``well-known``, ``U.S.`` and ``Johnson's`` are phrases
(``well known``, ``u s``, ``johnson s``), exactly as the indexes split the text they store.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Longest query accepted, in characters: a pasted paragraph is refused in one line instead
#: of keeping the database busy for minutes.
MAX_QUERY_CHARS = 2000
#: Most words (over all terms, phrases counted word by word) one query may hold.
MAX_QUERY_WORDS = 100
#: Shortest prefix a ``word*`` may have (``a*`` would expand to most of the vocabulary).
MIN_PREFIX_CHARS = 3

_TOKEN = re.compile(r'(-?)"([^"]*)"(\*?)|(\S+)')
_WORD = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Typographic double quotes (pasted from a word processor) delimit phrases too.
_DOUBLE_QUOTES = str.maketrans(dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'))
_QUOTE_CHARS = 40


class QuerySyntaxError(ValueError):
    """A full-text query that cannot be understood; the message quotes the query."""


@dataclass(frozen=True)
class Term:
    """One query term: words (one, or a phrase) joined by single spaces.

    ``negated`` excludes it, ``or_previous`` makes it an alternative of the term before it,
    ``prefix`` lets its last word match any word that starts with it.
    """

    text: str
    negated: bool = False
    or_previous: bool = False
    prefix: bool = False


@dataclass(frozen=True)
class Clauses:
    """A parsed query in the shape both back-ends compile: AND of ORs, minus exclusions."""

    required: list[list[Term]]
    excluded: list[Term]

    def positive(self) -> list[Term]:
        """Return every term that can make an article match, in query order."""
        return [term for group in self.required for term in group]


def _quoted(query: str) -> str:
    """Return the query quoted for an error message, shortened when it is long."""
    if len(query) <= _QUOTE_CHARS:
        return repr(query)
    return repr(query[:_QUOTE_CHARS] + "…")


def normalize_query(query: str) -> str:
    """Return the query in NFC with typographic double quotes made ASCII."""
    return unicodedata.normalize("NFC", query).translate(_DOUBLE_QUOTES)


def _check_text(query: str) -> None:
    """Raise QuerySyntaxError for a query too long, with control characters or odd quotes."""
    if len(query) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"search query {_quoted(query)} is too long: {len(query):,} characters "
            f"(at most {MAX_QUERY_CHARS:,})"
        )
    if _CONTROL.search(query):
        raise QuerySyntaxError(f"control characters are not allowed in search query {query!r}")
    if query.count('"') % 2:
        raise QuerySyntaxError(f"unbalanced quote in search query {query!r}")


def _item(match: re.Match[str]) -> tuple[str, bool, bool] | None:
    """Return (content, negated, prefix) of one query token, or None for an operator."""
    neg, phrase, star, bare = match.groups()
    if phrase is not None:
        return phrase, bool(neg), bool(star)
    if bare in ("OR", "AND"):
        return None
    negated = bare.startswith("-") and len(bare) > 1
    content = bare[1:] if negated else bare
    return content.rstrip("*"), negated, content.endswith("*")


def _operator_error(op: str, query: str) -> QuerySyntaxError:
    """Return the error for an operator without a term on one side."""
    return QuerySyntaxError(f"{op} needs a term on each side in search query {query!r}")


def parse_query(query: str) -> list[Term]:
    """Return the terms of a web-search style query, or raise QuerySyntaxError."""
    query = normalize_query(query)
    _check_text(query)
    terms: list[Term] = []
    pending: str | None = None  # the operator read since the last term
    for match in _TOKEN.finditer(query):
        item = _item(match)
        if item is None:
            if not terms or pending:
                raise _operator_error(match.group(4), query)
            pending = match.group(4)
            continue
        content, negated, prefix = item
        words = _WORD.findall(content)
        if not words:
            continue  # punctuation only: nothing the index could hold
        if prefix and len(words[-1]) < MIN_PREFIX_CHARS:
            raise QuerySyntaxError(
                f"a prefix needs at least {MIN_PREFIX_CHARS} letters before '*' "
                f"in search query {query!r}"
            )
        terms.append(Term(" ".join(words), negated, pending == "OR", prefix))
        pending = None
    if pending:
        raise _operator_error(pending, query)
    _check_terms(terms, query)
    return terms


def _check_terms(terms: list[Term], query: str) -> None:
    """Raise QuerySyntaxError for too many words, an excluded OR operand or no positive term."""
    words = sum(len(t.text.split()) for t in terms)
    if words > MAX_QUERY_WORDS:
        raise QuerySyntaxError(
            f"search query {_quoted(query)} has too many words: {words} (at most {MAX_QUERY_WORDS})"
        )
    for before, term in zip(terms, terms[1:], strict=False):
        if term.or_previous and (term.negated or before.negated):
            raise QuerySyntaxError(
                f"OR cannot join an excluded term (-word) in search query {query!r}"
            )
    if not any(not t.negated for t in terms):
        raise QuerySyntaxError(f"search query {query!r} has no word to look for")


def clauses(terms: list[Term]) -> Clauses:
    """Return the terms grouped as both back-ends compile them (OR binds tighter than AND)."""
    required: list[list[Term]] = []
    excluded: list[Term] = []
    for term in terms:
        if term.negated:
            excluded.append(term)
        elif term.or_previous and required:
            required[-1].append(term)
        else:
            required.append([term])
    return Clauses(required, excluded)
