"""Full-text search: ranking, filters and query syntax, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from archive import Archive
from archive.search import (
    MAX_QUERY_CHARS,
    MAX_QUERY_WORDS,
    QuerySyntaxError,
    Term,
    parse_query,
    to_fts5,
)
from tests.factories import body_text, make_article
from tests.plugins.prepared import run_cli

README = Path(__file__).resolve().parents[1] / "README.md"
STORY = "kushner-memoir-kardashian"


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


def test_or_binds_tighter_than_and() -> None:
    assert to_fts5(parse_query("clemency OR binder -pandemic")) == (
        '("clemency" OR "binder") NOT "pandemic"'
    )
    assert to_fts5(parse_query("a b OR c AND d")) == '"a" AND ("b" OR "c") AND "d"'
    assert to_fts5(parse_query('clemen* "alice john"* “kim k”')) == (
        '"clemen"* AND "alice john"* AND "kim k"'
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("-kardashian OR memoir", "OR cannot join an excluded term"),
        ("memoir OR -kardashian", "OR cannot join an excluded term"),
        ("AND memoir", "AND needs a term on each side"),
        ("memoir AND", "AND needs a term on each side"),
        ("memoir OR AND clemency", "needs a term on each side"),
        ("ka*", "a prefix needs at least 3 letters"),
    ],
)
def test_operator_mistakes_are_syntax_errors(query: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=re.escape(message)):
        parse_query(query)


def _filler(seed: int, words: int = 60) -> str:
    """Return invented prose without any of the words the ranking tests look for."""
    return body_text(seed, paragraphs=1, words=words)


def test_headline_match_ranks_first(archive_db: Archive) -> None:
    archive_db.store(
        make_article(1, title="Binder of letters reaches the adviser", body=_filler(1))
    )
    for n, mentions in ((2, 2), (3, 4), (4, 6)):
        body = _filler(n) + " binder" * mentions
        archive_db.store(make_article(n, title=f"Unrelated headline {n}", body=body))
    hits = archive_db.search("binder")
    assert hits[0].article.title == "Binder of letters reaches the adviser"
    # then the body matches, most mentions first
    assert [h.article.title for h in hits[1:]] == [f"Unrelated headline {n}" for n in (4, 3, 2)]


def test_scores_of_a_common_term_are_distinct_and_readable(archive_db: Archive) -> None:
    for n in range(1, 9):  # "memoir" in every article but two, n times, in bodies of other lengths
        body = _filler(n, words=30 + 7 * n) + " memoir" * n
        archive_db.store(make_article(n, title=f"Headline {n}", body=body))
    for n in (9, 10):
        archive_db.store(make_article(n, title=f"Headline {n}", body=_filler(n)))
    scores = [h.rank for h in archive_db.search("memoir")]
    assert len(scores) == 8
    assert all(0 < s < 1 and round(s, 3) > 0 for s in scores)
    assert len({round(s, 6) for s in scores}) == 8  # every article its own score
    assert scores == sorted(scores, reverse=True)


def _readme_search_example() -> str:
    """Return the README's Python search example: the loop printing round(hit.rank, 3)."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("for hit in archive.search"))
    assert "round(hit.rank, 3)" in lines[start + 1]
    return "\n".join(lines[start : start + 2])


def _story_archive(archive: Archive) -> None:
    """Store a story's coverage in which nearly every article names Kardashian and clemency."""
    archive.ensure_story(STORY, "Kushner memoir", date(2022, 7, 20), date(2022, 9, 30), {})
    for n in range(1, 11):
        body = f"{_filler(n, words=20 + 5 * n)} Kardashian asked about clemency." * (1 + n % 3)
        title = "Kardashian pushed for clemency" if n % 4 == 0 else f"Memoir chapter {n}"
        archive.store(make_article(n, title=title, body=body, story=STORY))
    archive.store(make_article(11, title="Weather", body=_filler(11), story=STORY))


def test_readme_example_prints_scores(archive_db: Archive, capsys: pytest.CaptureFixture) -> None:
    _story_archive(archive_db)
    exec(_readme_search_example(), {"archive": archive_db})  # noqa: S102 - the README's own code
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 10
    assert all(float(row.split()[-1]) > 0 for row in rows), rows


def test_too_long_a_query_is_refused_in_one_line(archive_db: Archive) -> None:
    pasted = "The former adviser writes in his new memoir that the star called him. " * 40
    with pytest.raises(QuerySyntaxError) as info:
        archive_db.search(pasted)
    message = str(info.value)
    assert f"is too long: {len(pasted):,} characters (at most {MAX_QUERY_CHARS:,})" in message
    assert "\n" not in message and len(message) < 200


def test_too_many_words_are_refused(archive_db: Archive) -> None:
    words = [f"word{i}" for i in range(MAX_QUERY_WORDS + 1)]
    with pytest.raises(QuerySyntaxError, match=f"too many words: {MAX_QUERY_WORDS + 1}"):
        archive_db.search(" ".join(words))
    with pytest.raises(QuerySyntaxError, match="too many words"):
        archive_db.search('"' + " ".join(words) + '"')  # a phrase counts word by word
    assert archive_db.search(" OR ".join(words[:MAX_QUERY_WORDS])) == []


def test_cli_prints_the_score(
    archive_db: Archive, db_url: str, capsys: pytest.CaptureFixture
) -> None:
    _story_archive(archive_db)
    as_csv = run_cli(["search", "kardashian clemency", "--format", "csv", "--db", db_url], capsys)
    rows = list(csv.DictReader(io.StringIO(as_csv.out)))
    assert len(rows) == 10 and all(0 < float(r["score"]) < 1 for r in rows)
    as_json = run_cli(["search", "clemency", "--format", "json", "--db", db_url], capsys)
    assert all(json.loads(line)["score"] > 0 for line in as_json.out.splitlines())
    piped = run_cli(["search", "clemency", "--db", db_url], capsys)  # TSV when not a terminal
    header, *lines = piped.out.splitlines()  # piped tables start with a header row
    assert header.split("\t")[-1] == "score" and lines
    assert all(0 < float(line.split("\t")[-1]) < 1 for line in lines)


def test_cli_refuses_a_long_query_in_one_line(
    archive_db: Archive, db_url: str, capsys: pytest.CaptureFixture
) -> None:
    _story_archive(archive_db)
    result = run_cli(["search", "memoir " * 400, "--db", db_url], capsys)
    assert result.code == 1 and result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "is too long: 2,800 characters" in lines[0]
