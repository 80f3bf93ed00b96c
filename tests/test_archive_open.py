"""Query commands never create an archive: a mistyped ``--db`` is "no archive at …", exit 1.

Only ``db upgrade``, ``crawl``, ``recrawl``, ``demo`` and the scheduler create one; the Python
API's ``Archive(url, create=False)`` opens an existing archive only.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from archive import Archive, ArchiveNotFoundError
from tests.plugins.db import PG_ADMIN_URL, _pg_url, require_postgres
from tests.plugins.prepared import run_cli

#: Each query command with the arguments it needs besides --db.
QUERY_COMMANDS = [
    ["search", "kardashian"],
    ["show", "1"],
    ["diff", "1"],
    ["coverage"],
    ["stats"],
    ["export", "--format", "jsonl"],
    ["serve"],
    ["db", "current"],
    ["status"],
    ["schedule", "status"],
    ["headlines", "--story", "kushner-memoir-kardashian"],
    ["quotes"],
    ["lineage"],
    ["report", "-o", "/tmp/newsarchive-unwritten-report.html"],
]


@pytest.fixture
def empty_pg() -> Iterator[str]:
    """Yield the URL of an existing, empty PostgreSQL database (no tables); dropped after."""
    require_postgres()
    name = f"na_empty_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield _pg_url(name)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.parametrize("args", QUERY_COMMANDS, ids=" ".join)
def test_query_command_on_a_missing_file(args: list[str], tmp_path: Path, capsys) -> None:  # noqa: ANN001
    missing = tmp_path / "typo.db"
    result = run_cli([*args, "--db", f"sqlite:///{missing}"], capsys)
    assert result.code == 1 and result.out == ""
    assert result.err.strip() == f"newsarchive: error: no archive at {missing}"
    assert list(tmp_path.iterdir()) == [], "the command created files"


@pytest.mark.parametrize("args", QUERY_COMMANDS, ids=" ".join)
def test_query_command_on_an_empty_postgres(args: list[str], empty_pg: str, capsys) -> None:  # noqa: ANN001
    result = run_cli([*args, "--db", empty_pg], capsys)
    assert result.code == 1 and result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsarchive: error: no archive at ")
    engine = create_engine(empty_pg)
    assert inspect(engine).get_table_names() == [], "the command created tables"
    engine.dispose()


def test_db_upgrade_creates_and_queries_then_work(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = f"sqlite:///{tmp_path / 'new.db'}"
    created = run_cli(["db", "upgrade", "--db", db], capsys)
    assert created.code == 0 and "upgraded from empty" in created.out
    assert run_cli(["db", "current", "--db", db], capsys).out.strip().endswith("(latest)")
    assert run_cli(["stats", "--db", db, "--format", "json"], capsys).code == 0


def test_api_opens_existing_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "api.db"
    with pytest.raises(ArchiveNotFoundError, match="no archive at"):
        Archive(f"sqlite:///{path}", create=False)
    assert not path.exists()
    with pytest.raises(ArchiveNotFoundError, match="it is a directory"):
        Archive(f"sqlite:///{tmp_path}", create=False)
    Archive(f"sqlite:///{path}").dispose()  # the default still creates (compatibility)
    existing = Archive(f"sqlite:///{path}", create=False)
    assert existing.stats().articles == 0
    existing.dispose()


def test_api_refuses_an_empty_postgres_without_creating(empty_pg: str) -> None:
    with pytest.raises(ArchiveNotFoundError, match="no newsarchive tables"):
        Archive(empty_pg, create=False)
    engine = create_engine(empty_pg)
    assert inspect(engine).get_table_names() == []
    engine.dispose()
