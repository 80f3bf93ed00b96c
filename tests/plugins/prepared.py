"""A prepared archive for the researcher-interface tests: synthetic articles on both databases.

Everything here is invented (see tests/fixtures/researchers/README.md). The archive holds one
story covered by four outlets plus one configured outlet with no coverage, an exact syndicated
copy (a two-article cluster), an article whose headline changed (two versions), an article whose
text contains ``<script>`` markup and non-ASCII characters, an undated article, an article of a
second story, one finished crawl run with errors and two rejected candidates.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from archive import Archive
from archive.schema import Article

STORY = "kushner-memoir-kardashian"
OTHER_STORY = "harbour-bridge-repairs"
T0 = datetime(2022, 8, 2, 12, 0, tzinfo=UTC)
SCRIPT_TEXT = "<script>document.body.setAttribute('data-pwned','1')</script>"

OUTLETS = [
    ("people", "People", ["people.test"]),
    ("pagesix", "Page Six", ["pagesix.test"]),
    ("nypost", "New York Post", ["nypost.test"]),
    ("dailymail", "Daily Mail", ["dailymail.test"]),
    ("quietgazette", "Quiet Gazette", ["quietgazette.test"]),
]

MEMOIR_BODY = (
    "The former adviser writes in his new memoir that a reality television star called him "
    "repeatedly about a clemency request for a grandmother serving a life sentence.\n\n"
    "According to the book, the calls began in the spring and continued for weeks, and the "
    "adviser says he was persuaded after reading the case file on a long flight home.\n\n"
    "The publisher released the excerpt on Tuesday ahead of the book's launch next month."
)
POST_BODY = (
    "A chapter of the upcoming memoir describes late night meetings at the White House in "
    "which Kim Kardashian argued for prison reform alongside advocates.\n\n"
    "Aides interviewed for this story recalled a tense atmosphere and a president who asked "
    "for a short list of names before any decision was made."
)
MAIL_BODY = (
    "Readers were quick to react to the memoir’s account of the Kardashian visit — some "
    "praised the campaign, others called it a publicity stunt.\n\n"
    f"One commenter pasted markup into the thread: {SCRIPT_TEXT} and the café owner quoted "
    "in the piece said “it changed everything” for the family."
)
JOHNSON_BODY = (
    "Alice Johnson, whose sentence was commuted, spoke at a book event about the memoir and "
    "thanked the volunteers who wrote letters on her behalf.\n\n"
    "She said the chapter about her case was accurate in its broad strokes, though she "
    "remembered some of the dates differently."
)
UNDATED_BODY = (
    "An undated explainer lists the people named in the memoir's clemency chapter and the "
    "roles each of them played, from lawyers to television personalities."
)
BRIDGE_BODY = (
    "Engineers closed two lanes of the harbour bridge overnight to replace worn expansion "
    "joints, and commuters were told to expect delays until the weekend."
)


@dataclass
class Prepared:
    """The prepared archive's URL and the ids of its notable articles."""

    url: str
    ids: dict[str, int] = field(default_factory=dict)
    run_id: int = 0
    articles: int = 7
    versions: int = 8
    rejections: int = 2
    story: str = STORY

    def archive(self) -> Archive:
        """Return a new Archive on the prepared database."""
        return Archive(self.url)


def _article(name: str, outlet: str, hours: float | None, body: str, **extra: object) -> Article:
    """Return a synthetic article of the main story."""
    values: dict[str, object] = dict(
        url=f"https://www.{outlet}.test/2022/08/{name}/?utm_source=feed",
        outlet=outlet,
        title=f"Memoir claims: {name.replace('-', ' ')}",
        description=f"Synthetic standfirst for {name}.",
        authors=["Ana Writer"],
        published_at=None if hours is None else T0 + timedelta(hours=hours),
        body=body,
        language="en",
        story=STORY,
        relevance=1.0,
        matched_terms=["kushner", "kardashian"],
        provenance={"title": "jsonld", "body": "generic"},
        channel="feed",
        http_status=200,
    )
    values.update(extra)
    return Article(**values)  # type: ignore[arg-type]


def _articles() -> dict[str, Article]:
    """Return the articles to store, by name, in storing order."""
    return {
        "original": _article(
            "kardashian-called-adviser",
            "people",
            2,
            MEMOIR_BODY,
            authors=["Ana Writer", "Ben Reporter"],
            tags=["memoir", "clemency"],
            date_published="2022-08-02T10:00:00-04:00",
        ),
        "copy": _article("memoir-kardashian-calls", "pagesix", 6, MEMOIR_BODY, channel="sitemap"),
        "changed": _article("white-house-meetings", "nypost", 4, POST_BODY, channel="news-sitemap"),
        "script": _article("readers-react", "dailymail", 21, MAIL_BODY, channel="search"),
        "johnson": _article("alice-johnson-speaks", "people", 48, JOHNSON_BODY),
        "undated": _article("who-is-who", "pagesix", None, UNDATED_BODY),
        "other": _article(
            "bridge-lanes",
            "nypost",
            30,
            BRIDGE_BODY,
            story=OTHER_STORY,
            title="Harbour bridge lanes closed",
            matched_terms=[],
        ),
    }


def build_prepared(url: str) -> Prepared:
    """Fill the (fresh) database at ``url`` with the prepared archive; return its ids."""
    archive = Archive(url)
    try:
        archive.ensure_story(STORY, "Kushner memoir", date(2022, 7, 20), date(2022, 9, 30), {})
        archive.ensure_story(OTHER_STORY, "Bridge repairs", None, None, {})
        for key, name, domains in OUTLETS:
            archive.ensure_outlet(key, name, domains)
        prepared = Prepared(url)
        prepared.run_id = archive.start_run("crawl", STORY, [o[0] for o in OUTLETS])
        for i, (name, article) in enumerate(_articles().items()):
            now = T0 + timedelta(days=1, minutes=10 * i)
            result = archive.store(article, run_id=prepared.run_id, now=now)
            prepared.ids[name] = result.article_id
        changed = _articles()["changed"]
        changed.title = "Memoir claims: late night White House meetings"
        archive.store(changed, run_id=prepared.run_id, now=T0 + timedelta(days=2))
        _record_run(archive, prepared.run_id)
    finally:
        archive.dispose()
    return prepared


def _record_run(archive: Archive, run_id: int) -> None:
    """Record two rejected candidates and close the run with its errors."""
    archive.record_rejection(
        run_id,
        url="https://www.people.test/recipes/summer-salad/",
        outlet="people",
        story=STORY,
        reason="off-topic",
    )
    archive.record_rejection(
        run_id,
        url="https://www.dailymail.test/private/",
        outlet="dailymail",
        story=STORY,
        reason="robots",
        detail="disallowed by robots.txt",
    )
    archive.finish_run(
        run_id,
        status="finished",
        stats={"articles": 7},
        errors=["fetch-error https://www.dailymail.test/slow/: timeout after 30 s"],
    )


@pytest.fixture
def prepared(db_url: str) -> Prepared:
    """Return a freshly prepared archive (SQLite and PostgreSQL), safe to modify."""
    return build_prepared(db_url)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def prepared_module(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Prepared]:
    """Yield a prepared archive shared by a module's read-only tests (SQLite and PostgreSQL)."""
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("prepared") / "archive.db"
        yield build_prepared(f"sqlite:///{path}")
        return
    from tests.plugins.db import _pg_admin, _pg_url

    template = request.getfixturevalue("pg_template")
    name = f"na_prep_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    try:
        yield build_prepared(_pg_url(name))
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@dataclass
class CliResult:
    """Exit status and captured output of one in-process CLI run."""

    code: int
    out: str
    err: str


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> CliResult:
    """Run ``newsarchive ARGS`` in-process exactly as the console script does; capture output."""
    import sys

    from crawler.cli import main

    capsys.readouterr()
    saved = sys.argv
    sys.argv = ["newsarchive", *args]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = saved
    captured = capsys.readouterr()
    return CliResult(code, captured.out, captured.err)
