"""Every researcher CLI command against the prepared archive, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from archive import Archive
from archive.cli import build_app
from crawler.cli import build_app as build_full_app
from tests.plugins.prepared import (  # noqa: F401  (fixtures)
    STORY,
    Prepared,
    prepared_module,
    run_cli,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cli(prepared_module: Prepared, capsys: pytest.CaptureFixture[str]):  # noqa: ANN201, F811
    """Return a runner of CLI commands against the prepared archive."""

    def invoke(*args: str):  # noqa: ANN202
        return run_cli([*args, "--db", prepared_module.url], capsys)

    return invoke


def test_search_filters_and_formats(cli, prepared_module: Prepared) -> None:  # noqa: F811
    result = cli("search", "memoir", "--story", STORY, "--format", "json")
    ids = {json.loads(line)["id"] for line in result.out.splitlines()}
    assert result.code == 0
    assert prepared_module.ids["original"] in ids and prepared_module.ids["other"] not in ids
    collapsed = cli("search", "clemency adviser", "--collapse-duplicates", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(collapsed.out)))
    assert [int(r["id"]) for r in rows] == [prepared_module.ids["original"]]
    dated = cli("search", "memoir", "--since", "2022-08-03", "--format", "json")
    assert {json.loads(x)["outlet"] for x in dated.out.splitlines()} == {"dailymail", "people"}


def test_show_article_with_cluster_and_versions(cli, prepared_module: Prepared) -> None:  # noqa: F811
    result = cli("show", str(prepared_module.ids["copy"]), "--versions", "--format", "json")
    doc = json.loads(result.out)
    assert doc["outlet"] == "pagesix" and doc["duplicate_of"] == prepared_module.ids["original"]
    members = doc["cluster"]["members"]
    assert [m["article_id"] for m in members] == [
        prepared_module.ids["original"],
        prepared_module.ids["copy"],
    ]
    assert members[1]["role"] == "copy (exact)"
    assert doc["provenance"] == {"title": "jsonld", "body": "generic"}
    assert [v["version"] for v in doc["versions"]] == [1]


def test_show_by_url_variant_lists_versions_as_text(cli, prepared_module: Prepared) -> None:  # noqa: F811
    url = "http://nypost.test/2022/08/white-house-meetings"  # no www, no slash, no utm_*
    result = cli("show", url, "--versions")
    assert result.code == 0
    lines = result.out.splitlines()
    assert f"id\t{prepared_module.ids['changed']}" in lines
    assert "# 2 versions" in lines
    header, *version_lines = lines[lines.index("# 2 versions") + 1 :]
    assert header.split("\t")[:3] == ["version", "captured_at", "title"]  # piped: a header row
    assert version_lines[0].split("\t")[2] == "Memoir claims: white house meetings"
    assert version_lines[1].split("\t")[2] == "Memoir claims: late night White House meetings"


def test_coverage_lists_outlets_without_coverage(cli) -> None:  # noqa: ANN001
    result = cli("coverage", "--story", STORY, "--format", "csv")
    rows = {r["outlet"]: r for r in csv.DictReader(io.StringIO(result.out))}
    assert set(rows) == {"people", "pagesix", "nypost", "dailymail", "quietgazette"}
    assert rows["people"]["articles"] == "2" and rows["people"]["channel"] == "feed"
    assert rows["pagesix"]["originals"] == "1"
    assert rows["people"]["earliest_published"] == "2022-08-02T14:00:00+00:00"
    assert rows["quietgazette"]["articles"] == "0" and rows["quietgazette"]["first_seen"] == ""
    assert list(rows)[0] == "people"  # earliest publication first
    assert rows["pagesix"]["channels"] == "sitemap 1, feed 1"
    header, *table = cli("coverage", "--story", STORY).out.splitlines()  # piped: TSV
    assert header.split("\t") == [
        "outlet", "name", "articles", "originals", "earliest_published", "first_seen",
        "channel", "channels", "failing_endpoints",
    ]  # fmt: skip
    assert table[0].split("\t")[:5] == ["people", "People", "2", "2", "2022-08-02 14:00Z"]
    assert table[-1].split("\t")[:4] == ["quietgazette", "Quiet Gazette", "0", "0"]


def test_coverage_plot_writes_a_png(cli, tmp_path: Path) -> None:  # noqa: ANN001
    target = tmp_path / "timeline.png"
    result = cli("coverage", "--story", STORY, "--plot", str(target), "--format", "json")
    assert result.code == 0, result.err
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "timeline of 5 dated articles" in result.err  # the undated article is left out


def test_stats_counts(cli) -> None:  # noqa: ANN001
    doc = json.loads(cli("stats", "--format", "json").out)
    assert doc["articles"] == 7 and doc["versions"] == 8 and doc["changed_articles"] == 1
    assert doc["clusters_with_copies"] == 1 and doc["duplicates"] == 1
    assert doc["rejections_by_reason"] == {"off-topic": 1, "robots": 1}
    assert doc["run_errors"] == 1 and doc["last_run"]["status"] == "finished"
    assert doc["database_bytes"] > 0
    text = cli("stats").out
    assert "articles\t7 (live 7)" in text and "timeout after 30 s" in text


def test_export_to_stdout_and_file(cli, tmp_path: Path) -> None:  # noqa: ANN001
    out = cli("export", "--format", "jsonl", "--story", STORY).out
    assert len(out.splitlines()) == 6
    target = tmp_path / "a.csv"
    result = cli("export", "--format", "csv", "-o", str(target), "--versions", "--clusters")
    assert result.code == 0
    assert "wrote 7 articles rows" in result.err and "wrote 8 versions rows" in result.err
    assert (tmp_path / "a.versions.csv").is_file() and (tmp_path / "a.clusters.csv").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "9999"], "no article with id 9999"),
        (["show", "https://nowhere.test/x"], "no article with URL 'https://nowhere.test/x'"),
        (["search", '"life sentence'], "unbalanced quote in search query '\"life sentence'"),
        (["search", "OR memoir"], "OR needs a term on each side"),
        (["search", "memoir", "--since", "2022-02-30"], "--since: expected a date"),
        (["search", "memoir", "--format", "xml"], "--format must be one of"),
        (["coverage", "--story", "nope"], "--story: no story 'nope'"),
        (["export", "--format", "parquet"], "give an output file with -o"),
        (["export", "--format", "csv", "--versions"], "versions go to files next to"),
        (["export", "--format", "xlsx", "-o", "x.xlsx"], "--format must be one of"),
        (["serve"], None),  # replaced below by a PostgreSQL-only check
    ],
)
def test_errors_are_one_line(cli, prepared_module: Prepared, args, message) -> None:  # noqa: ANN001, F811
    if args == ["serve"]:
        if prepared_module.url.startswith("sqlite"):
            pytest.skip("serving SQLite is the browser test's job")
        message = "Datasette needs a SQLite archive"
    result = cli(*args)
    assert result.code == 1
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsarchive: error: ")
    assert message in lines[0]


def test_python_m_archive_entry_point(tmp_path: Path) -> None:
    """The researcher entry point runs the archive's commands; errors are one line, exit 1."""
    db = f"sqlite:///{tmp_path / 'empty.db'}"
    Archive(db).dispose()
    bad = subprocess.run(
        [sys.executable, "-m", "archive", "show", "424242", "--db", db],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert bad.returncode == 1
    assert bad.stdout == ""
    assert bad.stderr.strip().count("\n") == 0 and "no article with id 424242" in bad.stderr
    shown = subprocess.run(
        [sys.executable, "-m", "archive", "--help"], capture_output=True, text=True, cwd=ROOT
    )
    assert shown.returncode == 0 and "search" in shown.stdout and "export" in shown.stdout


def test_each_package_registers_its_own_commands() -> None:
    archive_only = set(get_command(build_app()).commands)
    assert archive_only == {
        "search", "show", "diff", "coverage", "stats", "export", "serve", "db",
        "headlines", "quotes", "lineage", "report",
    }  # fmt: skip
    full = set(get_command(build_full_app()).commands)
    crawler_side = {"crawl", "recrawl", "demo", "extract", "outlets", "schedule", "status"}
    assert full == archive_only | crawler_side
