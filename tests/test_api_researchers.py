"""The Python API for researchers, and the examples of the README, on both databases."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from datetime import UTC, datetime
from pathlib import Path

import pytest

from archive import Archive
from archive.query.extras import MissingDependencyError, require
from tests.plugins.prepared import (  # noqa: F401  (fixtures)
    OTHER_STORY,
    STORY,
    Prepared,
    prepared_module,
    run_cli,
)

DOCS = Path(__file__).resolve().parents[1] / "README.md"
_BLOCK = re.compile(r"```(python|console)\n(.*?)```", re.S)
DOC_DB_URL = "sqlite:///newsarchive.db"
#: Commands in the docs that start a server (the browser test in test_serve_datasette runs it).
NOT_RUN = ("serve",)


@pytest.fixture
def archive(prepared_module: Prepared):  # noqa: ANN201, F811
    """Yield an Archive on the shared prepared database."""
    opened = prepared_module.archive()
    yield opened
    opened.dispose()


def test_iter_articles_filters(archive: Archive, prepared_module: Prepared) -> None:  # noqa: F811
    everything = list(archive.iter_articles())
    assert [a["id"] for a in everything] == sorted(prepared_module.ids.values())
    story = list(archive.iter_articles(story=STORY, collapse_duplicates=True))
    assert prepared_module.ids["copy"] not in {a["id"] for a in story} and len(story) == 5
    since = datetime(2022, 8, 3, tzinfo=UTC)
    assert {a["outlet"] for a in archive.iter_articles(since=since)} == {"dailymail", "people",
                                                                         "nypost"}  # fmt: skip
    people = list(archive.iter_articles(outlet="people", fields=("id", "title")))
    assert len(people) == 2 and set(people[0]) == {"id", "title"}
    assert people[0]["id"] == prepared_module.ids["original"]
    with pytest.raises(ValueError, match="unknown article fields"):
        list(archive.iter_articles(fields=("id", "nonsense")))


def test_clusters_and_cluster(archive: Archive, prepared_module: Prepared) -> None:  # noqa: F811
    listed = archive.clusters()
    assert len(listed) == 1 and listed[0].size == 2
    assert listed[0].original_id == prepared_module.ids["original"]
    assert listed[0].original_outlet == "people"
    detail = archive.cluster(listed[0].id)
    assert detail is not None
    assert [(m.outlet, m.is_original, m.duplicate_kind) for m in detail.members] == [
        ("people", True, None),
        ("pagesix", False, "exact"),
    ]
    assert archive.cluster(987654) is None
    assert len(archive.clusters(min_size=1)) == 6  # 7 articles, one pair


def test_coverage_and_timeline(archive: Archive) -> None:
    rows = {r.outlet: r for r in archive.coverage(STORY)}
    assert rows["pagesix"].articles == 2 and rows["pagesix"].originals == 1
    assert rows["pagesix"].channels == {"feed": 1, "sitemap": 1}
    assert rows["quietgazette"].articles == 0 and rows["quietgazette"].name == "Quiet Gazette"
    assert rows["nypost"].earliest_published == datetime(2022, 8, 2, 16, tzinfo=UTC)
    other = {r.outlet: r.articles for r in archive.coverage(OTHER_STORY)}
    assert other["nypost"] == 1 and other["people"] == 0
    points = archive.timeline(STORY)
    assert [p.published_at for p in points] == sorted(p.published_at for p in points)
    assert len(points) == 5 and sum(p.is_duplicate for p in points) == 1


def test_stats(archive: Archive) -> None:
    stats = archive.stats()
    assert (stats.articles, stats.versions, stats.outlets, stats.stories) == (7, 8, 5, 2)
    assert stats.last_run is not None and stats.last_run.errors == 1
    assert stats.recent_errors[0][1].startswith("fetch-error")


def test_to_dataframe_types(archive: Archive) -> None:
    frame = archive.to_dataframe(story=STORY)
    assert len(frame) == 6
    assert str(frame["published_at"].dtype) == "datetime64[ns, UTC]"
    assert str(frame["id"].dtype) == "Int64" and str(frame["duplicate_of"].dtype) == "Int64"
    assert frame["relevance"].dtype == float
    assert frame["published_at"].isna().sum() == 1
    slim = archive.to_dataframe(fields=("id", "outlet"))
    assert list(slim.columns) == ["id", "outlet"] and len(slim) == 7


def test_missing_extra_names_the_install() -> None:
    with pytest.raises(MissingDependencyError, match=r"pip install 'newsarchive\[parquet\]'"):
        require("pandas_that_is_not_installed", "parquet", "to_dataframe()")


#: The README's ``show URL`` example names a page of the demo archive (tests/test_readme_commands.py
#: runs it there); against the prepared archive it stands for the People original (a URL variant).
DEMO_URL_PREFIX = "https://people.com/"
PREPARED_FOR_DEMO_URL = "https://people.test/2022/08/kardashian-called-adviser?utm_source=twitter"


def _doc_blocks(kind: str) -> list[str]:
    """Return the code blocks of one kind from the README."""
    return [body for lang, body in _BLOCK.findall(DOCS.read_text(encoding="utf-8")) if lang == kind]


def test_docs_python_examples_run(
    prepared_module: Prepared,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocks = _doc_blocks("python")
    assert len(blocks) >= 3
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    for block in blocks:
        assert DOC_DB_URL in block
        code = block.replace(DOC_DB_URL, prepared_module.url)
        with contextlib.redirect_stdout(printed):
            exec(compile(code, str(DOCS), "exec"), {"__name__": "docs_example"})  # noqa: S102
    out = printed.getvalue()
    assert "Memoir claims: kardashian called adviser" in out  # search and get
    assert "cluster " in out and "pagesix exact" in out  # clusters
    assert "quietgazette 0 0 None None" in out  # coverage lists the outlet without coverage
    assert "7 articles, 8 versions, 1 run errors" in out  # stats
    assert (tmp_path / "articles.parquet").is_file() and (tmp_path / "articles.versions.parquet")


def test_docs_cli_examples_run(
    prepared_module: Prepared,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSARCHIVE_DB", prepared_module.url)
    commands = [
        shlex.split(line[2:])
        for block in _doc_blocks("console")
        for line in block.splitlines()
        if line.startswith("$ newsarchive ")
    ]
    ran = 0
    for argv in commands:
        if argv[1] in NOT_RUN:
            continue
        args = [PREPARED_FOR_DEMO_URL if a.startswith(DEMO_URL_PREFIX) else a for a in argv[1:]]
        if "--db" in args:
            args[args.index("--db") + 1] = prepared_module.url
        result = run_cli(args, capsys)
        assert result.code == 0, f"{shlex.join(argv)}: {result.err}"
        ran += 1
    assert ran >= 10
    assert (tmp_path / "articles.clusters.parquet").is_file() and (tmp_path / "timeline.png")
