"""A user's mistake or a broken environment: one line on stderr, exit 1 or 2, never a traceback.

The walk goes over every command and subcommand of the ``newsarchive`` application as built,
so a command added later is walked too: a bad option, a missing argument, an unreachable
database.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command

from archive import Archive
from crawler.cli import build_app
from tests.plugins.prepared import CliResult, run_cli

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "tests" / "fixtures" / "extract" / "foxnews_article_body" / "page.html"
#: Nothing listens on port 1 of the loopback: the connection is refused at once.
UNREACHABLE_PG = "postgresql+psycopg://nobody@127.0.0.1:1/newsarchive"
#: A valid value for each required argument or option, by its name.
ARGUMENT_VALUES = {
    "query": "kardashian", "article": "1", "file": str(PAGE), "output": "/tmp/unwritten.html",
}  # fmt: skip
#: Commands that never open an archive (so they take no --db).
NO_DATABASE = {("extract",), ("outlets", "probe")}


def commands() -> list[tuple[tuple[str, ...], Any]]:
    """Return every command and group of the application with its path, e.g. ("db", "current")."""
    found = []

    def walk(path: tuple[str, ...], command) -> None:  # noqa: ANN001
        found.append((path, command))
        for name, sub in getattr(command, "commands", {}).items():
            walk((*path, name), sub)

    walk((), get_command(build_app()))
    return [(path, command) for path, command in found if path]


def required_args(command) -> list[str]:  # noqa: ANN001
    """Return valid values for the command's required arguments and options."""
    values = []
    for param in command.params:
        if param.required and param.param_type_name == "argument":
            values.append(ARGUMENT_VALUES[param.name])
        elif param.required:
            values += [param.opts[0], ARGUMENT_VALUES[param.name]]
    return values


def takes_value(param) -> bool:  # noqa: ANN001
    """Return True for an option that needs a value (not a flag, not a counter)."""
    if param.param_type_name != "option":
        return False
    return not (param.is_flag or getattr(param, "count", False))


def is_group(command) -> bool:  # noqa: ANN001
    """Return True for a group that needs a subcommand (db); False for a runnable one."""
    return hasattr(command, "commands") and not getattr(command, "invoke_without_command", False)


def assert_one_line(result: CliResult, codes: tuple[int, ...]) -> None:
    """The failure is one ``newsarchive: error:`` line on stderr with an allowed exit status."""
    assert result.code in codes, (result.code, result.err)
    assert "Traceback" not in result.err + result.out
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("newsarchive: error: "), lines[0]


COMMANDS = commands()
IDS = [" ".join(path) for path, _ in COMMANDS]


def test_the_walk_covers_every_command() -> None:
    walked = {" ".join(path) for path, _ in COMMANDS}
    expected = {
        "search", "show", "diff", "coverage", "stats", "export", "serve", "db", "db upgrade",
        "db current", "crawl", "recrawl", "demo", "extract", "schedule", "schedule status",
        "status", "headlines", "quotes", "lineage", "report", "outlets", "outlets probe",
    }  # fmt: skip
    assert expected <= walked


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_bad_option(path, command, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    args = [*path] if is_group(command) else [*path, *required_args(command)]
    result = run_cli([*args, "--no-such-option"], capsys)
    assert_one_line(result, (2,))
    assert "--no-such-option" in result.err


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_missing_argument(path, command, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    if is_group(command):
        result = run_cli([*path], capsys)  # no subcommand: the help, and one line on stderr
        assert_one_line(result, (2,))
        assert "missing command" in result.err and "Usage" in result.out
        return
    if required_args(command):
        result = run_cli([*path], capsys)
        assert "Missing argument" in result.err or "Missing option" in result.err
    else:  # nothing is required: leave out an option's value instead
        option = next(p for p in command.params if takes_value(p))
        result = run_cli([*path, option.opts[0]], capsys)
        assert "requires an argument" in result.err
    assert_one_line(result, (2,))


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_unreachable_database(path, command, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    takes_db = any("--db" in p.opts for p in command.params)
    if is_group(command) or path in NO_DATABASE:
        assert not takes_db, f"{' '.join(path)} takes --db: walk it"
        pytest.skip(f"{' '.join(path)} opens no database")
    assert takes_db, f"{' '.join(path)} has no --db option"
    result = run_cli([*path, *required_args(command), "--db", UNREACHABLE_PG], capsys)
    assert_one_line(result, (1,))
    assert "cannot connect" in result.err and "127.0.0.1" in result.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["bogus"], "No such command 'bogus'"),
        (["search"], "Missing argument"),
        (["search", "x", "--bogus"], "No such option: --bogus"),
        (["search", "x", "--limit", "0"], "Invalid value for '--limit'"),
        (["show", "1", "--format"], "requires an argument"),
        (["crawl", "--workers", "0"], "Invalid value for '--workers'"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str, capsys) -> None:  # noqa: ANN001
    result = run_cli(args, capsys)
    assert_one_line(result, (2,))
    assert message in result.err and "--help" in result.err


def test_query_starting_with_minus_works(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    db = f"sqlite:///{tmp_path / 'a.db'}"
    Archive(db).dispose()
    only_excluded = run_cli(["search", "-kardashian", "--db", db], capsys)
    assert_one_line(only_excluded, (1,))
    assert "has no word to look for" in only_excluded.err  # taken as the query, not an option
    both = run_cli(["search", "-kardashian", "memoir", "--db", db, "--format", "csv"], capsys)
    assert both.code == 0 and both.err == ""
    assert both.out.startswith("id,")
    words = run_cli(["search", "kushner", "-pandemic", "--db", db], capsys)
    assert words.code == 0, words.err


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    """Return a connection holding the SQLite file's write lock (an open write transaction)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO outlets (key, name, domains) VALUES ('lockholder', 'L', '[]')")
    return conn


def test_locked_database_is_one_line_after_the_busy_timeout(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    Archive(f"sqlite:///{path}").dispose()
    holder = _hold_write_lock(path)
    env = {**os.environ, "NEWSARCHIVE_SQLITE_BUSY_TIMEOUT_S": "1", "PYTHONPATH": str(ROOT)}
    try:
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "crawler.cli", "recrawl", "--db", f"sqlite:///{path}"],
            capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
        )  # fmt: skip
        waited = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.strip().splitlines() == [
        "newsarchive: error: database is locked by another writer (gave up after waiting 1 s)"
    ]
    assert waited < 60


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["db", "upgrade", "--db", "sqlite:///{tmp}"], "it is a directory"),
        (["db", "upgrade", "--db", "sqlite:///{tmp}/no/such/dir/a.db"], "no directory"),
        (["search", "x", "--db", "sqlite:///{tmp}"], "no archive at"),
        (["export", "--format", "csv", "-o", "{tmp}", "--db", "{db}"], "it is a directory"),
        (["export", "--format", "csv", "-o", "/proc/newsarchive.csv", "--db", "{db}"], "/proc"),
        (["crawl", "--outlets", "{tmp}", "--db", "{db}"], "{tmp}"),
        (["schedule", "--config", "{tmp}/missing.toml", "--db", "{db}"], "missing.toml"),
        (["crawl", "--log-file", "{tmp}", "--db", "{db}"], "--log-file"),
        (["schedule", "--log-file", "{tmp}", "--once", "--db", "{db}"], "directory"),
    ],
)
def test_environment_problems_are_one_line(args, message, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = f"sqlite:///{tmp_path / 'a.db'}"
    Archive(db).dispose()
    filled = [a.format(tmp=tmp_path, db=db) for a in args]
    result = run_cli(filled, capsys)
    assert_one_line(result, (1,))
    assert message.format(tmp=tmp_path) in result.err
