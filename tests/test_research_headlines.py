"""Headline variants: stored per version, their history, og:title-only edits, the CLI."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

from sqlalchemy import func, select

from archive import Archive, models
from archive.research.models import HeadlineState
from archive.schema import Article
from archive.store import content_fingerprint
from tests.plugins.prepared import run_cli
from tests.research_story import STORY, T0, PlantedArchive

BODY = "The memoir describes months of calls about a clemency request, chapter by chapter."
DISPLAY = "Kushner Recalls Kardashian's Calls"


def _article(social: str, **more) -> Article:  # noqa: ANN003
    headlines = {"display": DISPLAY, "document": DISPLAY, "social": social, **more}
    return Article(url="https://people.test/a-1", outlet="people", story="s", body=BODY,
                   published_at=T0, headlines=headlines)  # fmt: skip


def _count(archive: Archive, model) -> int:  # noqa: ANN001
    with archive.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_an_og_title_edit_is_a_headline_change_without_a_body_version(archive_db: Archive) -> None:
    first = archive_db.store(_article(DISPLAY), now=T0)
    assert first.headlines_changed and archive_db.get(first.article_id).title == DISPLAY
    assert archive_db.story_headlines("s", changed=True) == []  # all variants agree
    again = archive_db.store(_article(DISPLAY), now=T0 + timedelta(hours=1))
    assert again.action == "unchanged" and not again.headlines_changed
    edited = archive_db.store(_article("Kim Kardashian Won Him Over"), now=T0 + timedelta(hours=2))
    assert edited.action == "unchanged" and edited.version == 1 and edited.headlines_changed
    assert _count(archive_db, models.ArticleVersion) == 1
    assert content_fingerprint(_article("x")) == content_fingerprint(_article("y"))
    record = archive_db.headlines(first.article_id)
    socials = [s["headlines"]["social"] for s in record["history"]]
    assert socials == [DISPLAY, "Kim Kardashian Won Him Over"]
    (edit,) = record["edits"]
    assert edit["kind"] == "social" and edit["version"] == 1
    assert edit["removed"] == ["Kushner", "Recalls", "Kardashian's", "Calls"]
    assert edit["added"] == ["Kim", "Kardashian", "Won", "Him", "Over"]
    assert record["headlines"]["social"] == "Kim Kardashian Won Him Over"
    (listed,) = archive_db.story_headlines("s", changed=True)
    assert listed["article_id"] == first.article_id and listed["edits"] == record["edits"]


def test_variants_are_stored_for_every_version(archive_db: Archive) -> None:
    archive_db.store(_article(DISPLAY, listing="From the feed"), now=T0)
    edited = _article(DISPLAY)
    edited.body = BODY + " A correction was appended."
    result = archive_db.store(edited, now=T0 + timedelta(hours=1))
    assert result.action == "updated" and result.version == 2 and not result.headlines_changed
    versions = archive_db.versions(result.article_id)
    # the re-check read no listing: the feed's title is kept, so nothing changed
    assert [v.headlines.get("listing") for v in versions] == ["From the feed", "From the feed"]
    assert all(v.headlines["display"] == DISPLAY for v in versions)
    record = archive_db.headlines(result.article_id)
    assert [v["version"] for v in record["versions"]] == [1, 2] and len(record["history"]) == 1


def test_no_variants_read_is_not_a_removal(archive_db: Archive) -> None:
    stored = archive_db.store(_article(DISPLAY), now=T0)
    blank = _article(DISPLAY)
    blank.headlines = {}
    assert not archive_db.store(blank, now=T0 + timedelta(hours=1)).headlines_changed
    assert _count(archive_db, HeadlineState) == 1
    assert archive_db.get(stored.article_id).headlines["social"] == DISPLAY


def test_variants_that_disagree_with_the_page(archive_db: Archive) -> None:
    archive_db.ensure_outlet("people", "People", ["people.test"])
    article = _article("Kardashian's Calls Changed His Mind")
    article.headlines["document"] = f"{DISPLAY} | People"  # a site suffix is no difference
    archive_db.store(article, now=T0)
    (listed,) = archive_db.story_headlines("s", changed=True)
    (differs,) = listed["disagreements"]
    assert differs["kind"] == "social" and differs["versus"] == "display"
    assert differs["only_here"] == ["Changed", "His", "Mind"]
    assert differs["only_versus"] == ["Kushner", "Recalls"]


def test_headlines_cli(planted: PlantedArchive, capsys) -> None:  # noqa: ANN001
    original = str(planted.ids["original"])
    doc = json.loads(run_cli(["headlines", original, "--format", "json", "--db", planted.url],
                             capsys).out)  # fmt: skip
    assert doc["article_id"] == planted.ids["original"] and len(doc["history"]) == 2
    assert doc["edits"][0]["kind"] == "social"
    lines = run_cli(["headlines", original, "--format", "jsonl", "--db", planted.url], capsys)
    rows = [json.loads(line) for line in lines.out.splitlines()]
    assert {r["state"] for r in rows} == {1, 2}
    assert [r["kind"] for r in rows if r["edited"]] == ["social"]
    listing = run_cli(["headlines", "--story", STORY, "--changed", "--format", "csv",
                       "--db", planted.url], capsys)  # fmt: skip
    changes = list(csv.DictReader(io.StringIO(listing.out)))
    assert list(changes[0]) == ["article_id", "outlet", "change", "kind", "old", "new",
                                "removed", "added", "at"]  # fmt: skip
    by_kind = {(int(r["article_id"]), r["change"], r["kind"]) for r in changes}
    assert (planted.ids["original"], "edit", "social") in by_kind
    assert (planted.ids["rewrite"], "edit", "display") in by_kind
    assert (planted.ids["original"], "differs from display", "social") in by_kind
    both = run_cli(["headlines", original, "--story", STORY, "--db", planted.url], capsys)
    assert both.code == 1 and both.err.count("\n") == 1
    missing = run_cli(["headlines", "999999", "--db", planted.url], capsys)
    assert missing.code == 1 and "no article" in missing.err


def test_migration_keeps_existing_articles(db_url: str) -> None:
    from alembic import command
    from sqlalchemy import text

    from archive import migrate
    from archive.db import make_engine

    engine = make_engine(db_url, write=True)
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003_scheduler")
        conn.execute(text(
            "INSERT INTO articles (url_key, url, authors, tags, matched_terms, provenance, "
            "first_seen_at, last_checked_at, last_changed_at, version_count, status) VALUES "
            "('k', 'https://old.test/a', '[]', '[]', '[]', '{}', :t, :t, :t, 1, 'live')"
        ), {"t": T0})  # fmt: skip
    assert migrate.upgrade(engine) == migrate.head_revision()
    engine.dispose()
    archive = Archive(db_url)
    try:
        with archive.session() as session:
            old_id = session.scalar(select(models.Article.id).where(models.Article.url_key == "k"))
        old = archive.get(old_id)
        assert old.headlines == {} and old.links == []
        assert archive.headlines(old.id)["history"] == []
    finally:
        archive.dispose()


def test_articles_without_variants_show_their_title_history(archive_db: Archive) -> None:
    plain = Article(url="https://old.test/b", outlet="old", story="s", body=BODY, title="First")
    stored = archive_db.store(plain, now=T0)
    plain.title = "Second thoughts"
    assert archive_db.store(plain, now=T0 + timedelta(hours=1)).version == 2
    record = archive_db.headlines(stored.article_id)
    assert [s["headlines"] for s in record["history"]] == [
        {"display": "First"},
        {"display": "Second thoughts"},
    ]
    (listed,) = archive_db.story_headlines("s", changed=True)
    (edit,) = listed["edits"]
    assert (edit["kind"], edit["removed"], edit["added"]) == (
        "display",
        ["First"],
        ["Second", "thoughts"],
    )
