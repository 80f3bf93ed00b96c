"""SQLite and PostgreSQL return the same articles for the same query (invented articles).

``test_query_finds`` states what each query must find and runs on both back-ends through
``db_url``; ``test_backends_agree`` stores one corpus in both databases at once and compares
their answers for every query here and for every word of the corpus.
"""

from __future__ import annotations

import re

import pytest

from archive import Archive
from tests.factories import make_article

#: key -> (title, body); every text is invented for these tests.
CORPUS: dict[str, tuple[str, str]] = {
    "clemency": ("Clemency plea reaches the adviser", "A plea for clemency was filed in May."),
    "binder": ("Letters collected", "Volunteers kept every letter in a binder."),
    "clemency-pandemic": ("Delays", "The clemency review stalled during the pandemic."),
    "binder-pandemic": ("Paperwork", "A binder of forms was lost in the pandemic."),
    "both": ("Campaign notes", "The binder held the clemency petition."),
    "band": ("Concert review", "The Who played the old arena on Friday."),
    "curly": ("Johnson’s release", "Alice Johnson’s release was celebrated by her family."),
    "ascii": ("Johnson's appeal", "Alice Johnson's appeal was heard in spring."),
    "plain": ("Johnson speaks", "Johnson spoke to reporters outside."),
    "hyphen": ("A well-known case", "The ex-president's e-mail was read aloud."),
    "spaced": ("Well known faces", "Faces well known to viewers appeared."),
    "joined": ("Wellknown brand", "A wellknown brand sponsored the event."),
    "accented": ("Café Élysée", "The café near Łódź served crème brûlée."),
    "unaccented": ("Cafe Elysee", "A cafe review: the creme brulee was fine."),
    "us-dotted": ("U.S. sanctions", "The U.S. sanctions took effect at 3.5 percent."),
    "us-word": ("US officials", "US officials used the hotline; Ms Ito said it is as planned."),
    "stems": (
        "Technology meetings",
        "Technological change, possibly the possible psychology of meeting rooms.",
    ),
    "numbers": ("Covid-19 figures", "Covid 19 cases rose 12% to 3,500 in 2022."),
}

#: query -> keys it must find, on both back-ends.
EXPECTED: dict[str, set[str]] = {
    # OR binds tighter than the implicit AND; -word excludes from the whole query
    "clemency OR binder -pandemic": {"clemency", "binder", "both"},
    "clemency binder OR pandemic": {"clemency-pandemic", "both"},
    "clemency AND binder": {"both"},
    # no stop words: "the" and "who" are words like any other
    "who": {"band"},
    '"the who"': {"band"},
    # curly and straight apostrophes split words alike, in the query and in the text
    "Johnson’s": {"curly", "ascii"},
    "Johnson's": {"curly", "ascii"},
    '"johnson’s appeal"': {"ascii"},
    "johnson": {"curly", "ascii", "plain"},
    # a hyphen separates words: well-known is the phrase "well known"
    "well-known": {"hyphen", "spaced"},
    '"well known"': {"hyphen", "spaced"},
    "wellknown": {"joined"},
    "e-mail": {"hyphen"},
    # Latin diacritics are ignored; case is ignored
    "cafe": {"accented", "unaccented"},
    "CAFÉ élysée": {"accented", "unaccented"},
    "creme brulee": {"accented", "unaccented"},
    "Łódź": {"accented"},
    # punctuation inside a phrase separates words on both sides
    '"U.S. sanctions"': {"us-dotted"},
    "3.5": {"us-dotted"},
    "covid-19": {"numbers"},
    # stemming, prefix
    "meeting": {"stems"},
    "technology": {"stems"},
    "possible": {"stems"},
    "clemen*": {"clemency", "clemency-pandemic", "both"},
    '"alice john"*': {"curly", "ascii"},
    "-pandemic clemency": {"clemency", "both"},
}


def _store_corpus(archive: Archive) -> dict[int, str]:
    """Store the corpus; return article id -> key."""
    keys = {}
    for n, (key, (title, body)) in enumerate(CORPUS.items(), start=1):
        result = archive.store(make_article(n, title=title, body=body, description=None))
        keys[result.article_id] = key
    return keys


def _found(archive: Archive, keys: dict[int, str], query: str) -> set[str]:
    """Return the keys of the articles a query finds."""
    return {keys[hit.article.id] for hit in archive.search(query, limit=1000)}


@pytest.fixture
def corpus(archive_db: Archive) -> tuple[Archive, dict[int, str]]:
    return archive_db, _store_corpus(archive_db)


@pytest.mark.parametrize("query", list(EXPECTED))
def test_query_finds(corpus: tuple[Archive, dict[int, str]], query: str) -> None:
    archive, keys = corpus
    assert _found(archive, keys, query) == EXPECTED[query]


def test_a_stop_word_finds_what_contains_it(corpus: tuple[Archive, dict[int, str]]) -> None:
    archive, keys = corpus
    with_the = {k for k, (t, b) in CORPUS.items() if re.search(r"\bthe\b", f"{t} {b}", re.I)}
    assert _found(archive, keys, "the") == with_the
    assert _found(archive, keys, "the -the") == set()


#: Queries whose answer is only required to be the same on both back-ends.
PARITY_ONLY = [
    "US",
    "us",
    "is",
    "as",
    "Ms",
    "ms ito",
    "used",
    "psychological",
    "technolog*",
    "u s",
    "12%",
    "3,500",
    '"crème brûlée"',
    "ex-president",
    "president's",
    "Élysée OR Łódź -café",
    "plea OR letter OR forms",
]


def _corpus_words() -> set[str]:
    """Return every word of the corpus (as the query parser splits them)."""
    text = " ".join(f"{t} {b}" for t, b in CORPUS.values())
    return set(re.findall(r"[^\W_]+", text))


def test_backends_agree(sqlite_url: str, pg_url: str) -> None:
    lite, pg = Archive(sqlite_url), Archive(pg_url)
    try:
        lite_keys, pg_keys = _store_corpus(lite), _store_corpus(pg)
        queries = [*EXPECTED, *PARITY_ONLY, *sorted(_corpus_words())]
        differ = {
            q: (_found(lite, lite_keys, q), _found(pg, pg_keys, q))
            for q in queries
            if _found(lite, lite_keys, q) != _found(pg, pg_keys, q)
        }
        assert differ == {}
    finally:
        lite.dispose()
        pg.dispose()


def test_upgrade_rebuilds_the_postgresql_index(pg_url: str) -> None:
    """Articles stored before migration 0005 (search parity) are found by the new index after it."""
    from alembic import command
    from sqlalchemy import text

    from archive import migrate

    archive = Archive(pg_url)
    keys = _store_corpus(archive)
    config = migrate.alembic_config()
    with archive.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004_research_headlines")  # just before 0005
        # the old index: english stop words, so "the who" holds no word at all
        old = conn.execute(
            text(
                "SELECT count(*) FROM articles WHERE search_vector @@ "
                "websearch_to_tsquery('english', 'the who')"
            )
        ).scalar()
    assert old == 0
    assert migrate.upgrade(archive.engine) == migrate.head_revision()
    assert _found(archive, keys, '"the who"') == {"band"}
    archive.dispose()
