"""Exports load back with pandas/pyarrow with the right types, row counts and stable ids."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from sqlalchemy import event

from archive import Archive
from archive.export import ExportError
from archive.query import EXPORT_FIELDS, ArticleFilter
from archive.query.records import articles_stmt, stream
from archive.schema import ARTICLE_FIELDS, Article
from tests.plugins.prepared import (  # noqa: F401  (fixtures)
    SCRIPT_TEXT,
    STORY,
    Prepared,
    prepared,
    prepared_module,
)


@pytest.fixture
def archive(prepared_module: Prepared):  # noqa: ANN201, F811
    """Yield an Archive on the shared prepared database."""
    opened = prepared_module.archive()
    yield opened
    opened.dispose()


def test_parquet_types_and_companions(archive: Archive, tmp_path: Path) -> None:
    target = tmp_path / "out.parquet"
    result = archive.export("parquet", str(target), versions=True, rejections=True, clusters=True)
    assert {t: n for t, (_, n) in result.files.items()} == {
        "articles": 7,
        "versions": 8,
        "rejections": 2,
        "clusters": 7,
    }
    table = pq.read_table(target)
    assert table.num_rows == 7 and table.column_names == list(EXPORT_FIELDS)
    schema = table.schema
    assert schema.field("id").type == pa.int64()
    assert schema.field("published_at").type == pa.timestamp("us", tz="UTC")
    assert schema.field("authors").type == pa.list_(pa.string())
    assert schema.field("relevance").type == pa.float64()
    frame = table.to_pandas()
    assert str(frame["first_seen_at"].dt.tz) == "UTC"
    original = frame.set_index("outlet").loc["people"].sort_values("id").iloc[0]
    assert list(original["authors"]) == ["Ana Writer", "Ben Reporter"]
    assert original["published_at"] == pd.Timestamp("2022-08-02T14:00:00Z")
    assert json.loads(original["provenance"]) == {"body": "generic", "title": "jsonld"}
    assert frame["published_at"].isna().sum() == 1  # the undated article
    clusters = pq.read_table(tmp_path / "out.clusters.parquet").to_pandas()
    assert clusters["is_original"].dtype == bool and (~clusters["is_original"]).sum() == 1
    versions = pq.read_table(tmp_path / "out.versions.parquet")
    assert versions.schema.field("captured_at").type == pa.timestamp("us", tz="UTC")


def test_csv_cells_and_round_trip(archive: Archive, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    archive.export("csv", str(target), rejections=True)
    frame = pd.read_csv(target, encoding="utf-8", keep_default_na=False)
    assert len(frame) == 7 and list(frame.columns) == list(EXPORT_FIELDS)
    by_outlet = frame.sort_values("id").groupby("outlet").first()
    assert by_outlet.loc["people", "authors"] == "Ana Writer; Ben Reporter"
    assert by_outlet.loc["people", "tags"] == "memoir; clemency"
    assert by_outlet.loc["people", "published_at"] == "2022-08-02T14:00:00+00:00"
    assert by_outlet.loc["people", "date_published"] == "2022-08-02T10:00:00-04:00"
    mail = by_outlet.loc["dailymail", "body"]
    assert SCRIPT_TEXT in mail and "café" in mail and "\n\n" in mail
    assert pd.to_datetime(frame["first_seen_at"], utc=True).notna().all()
    assert not target.read_bytes().startswith(b"\xef\xbb\xbf")  # no BOM
    rejections = pd.read_csv(tmp_path / "out.rejections.csv")
    assert sorted(rejections["reason"]) == ["off-topic", "robots"]


def test_jsonl_is_article_json(archive: Archive, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    archive.export("jsonl", str(target), story=STORY, collapse_duplicates=True)
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5  # 6 of the story, minus the copy
    assert list(records[0])[: len(ARTICLE_FIELDS)] == list(ARTICLE_FIELDS)
    assert all(r["duplicate_of"] is None for r in records)
    assert [r["id"] for r in records] == sorted(r["id"] for r in records)
    first = records[0]
    assert first["published_at"] == "2022-08-02T14:00:00+00:00"
    assert first["authors"] == ["Ana Writer", "Ben Reporter"]
    assert first["provenance"] == {"title": "jsonld", "body": "generic"}


def test_second_export_lines_up_with_the_first(prepared: Prepared, tmp_path: Path) -> None:  # noqa: F811
    archive = prepared.archive()
    first, again = tmp_path / "first.csv", tmp_path / "again.csv"
    archive.export("csv", str(first))
    archive.export("csv", str(again))
    assert first.read_bytes() == again.read_bytes()
    archive.store(Article(url="https://www.quietgazette.test/late/", outlet="quietgazette",
                          title="A late arrival", body="Late text about the memoir."))  # fmt: skip
    later = tmp_path / "later.csv"
    archive.export("csv", str(later))
    old_lines = first.read_text(encoding="utf-8")
    new_lines = later.read_text(encoding="utf-8")
    assert new_lines.startswith(old_lines)  # old rows unchanged, in the same order; new appended
    assert len(pd.read_csv(later)) == 8
    archive.dispose()


def test_export_errors(archive: Archive, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        archive.export("csv", str(tmp_path / "missing" / "x.csv"))
    with pytest.raises(ExportError, match="one of jsonl, csv, parquet"):
        archive.export("xml", str(tmp_path / "x.xml"))
    assert not list(tmp_path.iterdir())


def test_postgres_export_streams_with_a_server_side_cursor(archive: Archive) -> None:
    if archive.dialect != "postgresql":
        pytest.skip("server-side cursors are PostgreSQL's; SQLite cursors are incremental")
    cursors: list[str] = []

    def seen(conn, cursor, *_args) -> None:  # noqa: ANN001
        cursors.append(type(cursor).__name__)

    event.listen(archive.engine, "before_cursor_execute", seen)
    try:
        rows = stream(archive.engine, articles_stmt(ArticleFilter()), batch_size=2)
        assert len(list(rows)) == 7
    finally:
        event.remove(archive.engine, "before_cursor_execute", seen)
    assert "ServerCursor" in cursors
