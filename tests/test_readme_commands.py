"""The README tried as a new user would: its commands, piped, print what it says they print.

The quick start's demo archive is built once; then every ``$ newsarchive …`` line of the
README's "Command line" block runs against it with its output piped (as through ``cat``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: Commands whose piped output is a table: TSV with a header row.
TSV_COMMANDS = ("search", "coverage", "show", "stats")


def readme_commands() -> list[list[str]]:
    """Return the ``$ newsarchive …`` lines of the README's "Command line" block, split."""
    block = README.split("### Command line", 1)[1].split("```console", 1)[1].split("```", 1)[0]
    return [shlex.split(line[2:]) for line in block.splitlines() if line.startswith("$ ")]


def newsarchive(args: list[str], cwd: Path, db: str) -> subprocess.CompletedProcess[str]:
    """Run ``newsarchive ARGS`` in ``cwd`` with $NEWSARCHIVE_DB set, output piped."""
    env = {**os.environ, "NEWSARCHIVE_DB": db, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", *args[1:]], cwd=cwd, env=env,
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, ...]]:
    """Run the quick start's ``newsarchive demo``; yield (directory, URL, seconds, process)."""
    where = tmp_path_factory.mktemp("new-user")
    db = "sqlite:///demo.db"
    started = time.monotonic()
    result = newsarchive(["newsarchive", "demo", "--db", db], where, db)
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-3000:]
    yield where, db, seconds, result


def test_demo_prints_its_tables_and_a_result_line_not_a_log(demo) -> None:  # noqa: ANN001
    *_, result = demo
    assert result.stderr == ""  # the summary and the coverage table, no crawl log
    assert re.search(r"^crawl run 1 finished: 15 outlets, \d+ pages", result.stdout, re.M)


def test_quick_start_search_prints_a_tsv_table(demo) -> None:  # noqa: ANN001
    where, db, *_ = demo
    found = newsarchive(["newsarchive", "search", "kardashian", "--db", db], where, db)
    assert found.returncode == 0, found.stderr
    rows = list(csv.DictReader(io.StringIO(found.stdout), delimiter="\t"))
    assert rows and {"id", "outlet", "title", "url"} <= set(rows[0])
    assert all("kardashian" in (r["title"] + r["snippet"]).lower() for r in rows)


@pytest.mark.parametrize("args", readme_commands(), ids=" ".join)
def test_readme_command_line_examples(args: list[str], demo) -> None:  # noqa: ANN001
    where, db, *_ = demo
    result = newsarchive(args, where, db)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr
    command = args[1]
    fmt = args[args.index("--format") + 1] if "--format" in args else "table"
    if command in TSV_COMMANDS and fmt == "table":
        header = result.stdout.splitlines()[0]
        assert "\t" in header and header == header.lower(), header
    if command == "show" and args[2].startswith("http"):
        shown = json.loads(result.stdout)
        assert shown["url"] == args[2].split("?")[0]  # the README's URL is in the demo archive
    if command == "export" and "-o" in args:
        assert (where / args[args.index("-o") + 1]).stat().st_size > 0
        assert "wrote" in result.stderr


def test_demo_run_stats_are_not_added_up_across_outlets(demo) -> None:  # noqa: ANN001
    where, db, seconds, _ = demo
    stats = json.loads(newsarchive(["newsarchive", "stats", "--format", "json"], where, db).stdout)
    run = stats["last_run"]["stats"]
    outlets = {name.split(":", 1)[0] for name in run if ":" in name}
    assert len(outlets) == 15
    for peak in ("memusage/max", "memusage/startup", "request_depth_max"):
        assert run[peak] == max(run[f"{o}:{peak}"] for o in outlets), peak
    assert run["start_time"] == min(run[f"{o}:start_time"] for o in outlets)
    assert run["finish_time"] == max(run[f"{o}:finish_time"] for o in outlets)
    assert 0 < run["elapsed_time_seconds"] <= seconds
    assert run["response_received_count"] == sum(
        run[f"{o}:response_received_count"] for o in outlets
    )
