"""Full-text search: ranking, filters and query syntax, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from archive import Archive
from archive.search import QuerySyntaxError, Term, parse_query, to_fts5
from tests.factories import make_article


@pytest.fixture
def filled(archive_db: Archive) -> Archive:
    archive_db.store(
        make_article(
            1,
            title="Kardashian helped secure clemency",
            body="Kim Kardashian lobbied for Alice Johnson. " * 5,
            outlet="people",
        )
    )
    archive_db.store(
        make_article(
            2,
            title="Memoir mentions many meetings",
            body="The memoir briefly notes a Kardashian visit. Then trade.",
            outlet="foxnews",
        )
    )
    archive_db.store(
        make_article(
            3,
            title="Unrelated weather report",
            body="Rain is expected across the region tomorrow.",
            outlet="people",
        )
    )
    return archive_db


def test_ranking_prefers_title_and_frequency(filled: Archive) -> None:
    hits = filled.search("kardashian")
    assert [h.article.outlet for h in hits] == ["people", "foxnews"]
    assert hits[0].rank >= hits[1].rank
    assert "[" in hits[0].snippet  # the match is marked


def test_stemming_and_phrase(filled: Archive) -> None:
    assert len(filled.search("meeting")) == 1  # stems to "meetings"
    assert [h.article.title for h in filled.search('"alice johnson"')] == [
        "Kardashian helped secure clemency"
    ]


def test_or_and_exclusion(filled: Archive) -> None:
    assert len(filled.search("rain OR clemency")) == 2
    assert [h.article.outlet for h in filled.search("kardashian -trade")] == ["people"]


def test_filters(filled: Archive) -> None:
    assert [h.article.outlet for h in filled.search("kardashian", outlet="foxnews")] == ["foxnews"]
    since = datetime(2022, 8, 2, 23, 0, tzinfo=UTC)  # article 2 is at 23:39
    assert [h.article.outlet for h in filled.search("kardashian", since=since)] == ["foxnews"]
    assert filled.search("kardashian", story="no-such-story") == []


def test_fts_follows_updates(filled: Archive) -> None:
    filled.store(
        make_article(
            3, title="Unrelated weather report", body="Now the forecast mentions Kardashian too."
        )
    )
    assert len(filled.search("kardashian")) == 3
    assert filled.search("rain") == []


@pytest.mark.parametrize("query", ['"unbalanced', "OR kardashian", "kardashian OR", "-only"])
def test_invalid_syntax_raises_clear_error(filled: Archive, query: str) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        filled.search(query)
    assert repr(query) in str(info.value)


def test_operators_in_user_input_are_quoted() -> None:
    terms = parse_query('title:x NEAR(a b) "kim k"')
    assert terms[0] == Term("title x")
    assert to_fts5(terms) == '"title x" AND "NEAR a" AND "b" AND "kim k"'
