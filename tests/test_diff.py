"""Version diffs: headline first, authors and dates, word-level body changes, JSON form, CLI."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from typer.testing import CliRunner

from archive import Archive
from archive.cli import build_app
from archive.diff import diff_versions, diff_versions_data, word_ops
from tests.factories import make_article

T0 = datetime(2022, 8, 2, 21, 39, tzinfo=UTC)
BODY = "The memoir describes a call.\n\nAides recalled the senator spoke.\n\nThe end."


def version(n: int, **fields: object) -> SimpleNamespace:
    """Return a version-like object."""
    values = dict(
        version=n, title="Memoir recounts call", description="A call.", authors=["Jane Doe"],
        published_at=T0, modified_at=None, body=BODY, captured_at=T0 + timedelta(hours=n),
    )  # fmt: skip
    values.update(fields)
    return SimpleNamespace(**values)


def test_headline_first_then_authors_dates_body() -> None:
    new = version(
        2, title="Memoir recounts late call", authors=["Jane Doe", "John Roe"],
        modified_at=T0 + timedelta(days=1),
        body=BODY.replace("senator spoke", "senator spoke softly") + "\n\nCorrection appended.",
    )  # fmt: skip
    lines = diff_versions(version(1), new).splitlines()
    assert lines[0].startswith("--- version 1") and lines[1].startswith("+++ version 2")
    assert lines[2] == "headline: Memoir recounts {+late+} call"
    assert lines[3] == "authors: Jane Doe {+John Roe+}"
    assert lines[4] == "modified: {+2022-08-03T21:39:00+00:00+}"
    assert lines[5] == "body: +4 words, -1 words"
    assert lines[6] == "  \u00b62: Aides recalled the senator [-spoke.-] {+spoke softly.+}"
    assert lines[7] == "  added \u00b64: {+Correction appended.+}"


def test_whitespace_only_is_no_change_and_removed_paragraph() -> None:
    same = version(2, body=BODY.replace(" ", "  ").replace("\n\n", "\n \n\n"))
    assert "no change" in diff_versions(version(1), same)
    shorter = version(2, body=BODY.split("\n\n", 1)[1])
    data = diff_versions_data(version(1), shorter)
    assert data["body"][0]["op"] == "delete" and data["words_removed"] == 5
    assert "removed \u00b61" in diff_versions(version(1), shorter)


def test_word_ops() -> None:
    assert word_ops("a b c", "a x c") == [
        ("equal", "a"), ("delete", "b"), ("insert", "x"), ("equal", "c")
    ]  # fmt: skip


def test_cli_diff_text_and_json(archive_db: Archive) -> None:
    first = make_article(1)
    article_id = archive_db.store(first, now=T0).article_id
    edited = make_article(1, title="Synthetic headline number one, updated")
    archive_db.store(edited, now=T0 + timedelta(hours=1))
    runner = CliRunner()
    result = runner.invoke(build_app(), ["diff", str(article_id), "--db", archive_db.url])
    assert result.exit_code == 0, result.output
    assert "headline: Synthetic headline number [-1-] {+one, updated+}" in result.output
    result = runner.invoke(
        build_app(), ["diff", first.url, "--format", "json", "--db", archive_db.url]
    )
    data = json.loads(result.output)
    assert (data["from"]["version"], data["to"]["version"], data["body"]) == (1, 2, [])
    result = runner.invoke(
        build_app(), ["diff", str(article_id), "--from", "7", "--db", archive_db.url]
    )
    assert result.exit_code != 0 and "no version 7 (versions: 1, 2)" in str(result.exception)
