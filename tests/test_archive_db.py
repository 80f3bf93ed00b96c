"""Opening databases: migrations, SQLite settings, and one-line errors for bad input."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import inspect, text

from archive import Archive, DatabaseError, migrate
from archive.db import make_engine, mask_password, resolve_db_url


def test_fresh_database_is_migrated_to_head(db_url: str) -> None:
    archive = Archive(db_url)
    assert migrate.current_revision(archive.engine) == migrate.head_revision()
    tables = set(inspect(archive.engine).get_table_names())
    assert {
        "articles",
        "article_versions",
        "clusters",
        "crawl_runs",
        "rejections",
        "outlets",
        "stories",
    } <= tables
    archive.dispose()


def test_migrations_downgrade_and_upgrade(sqlite_url: str) -> None:
    from alembic import command

    engine = make_engine(sqlite_url, write=True)
    migrate.upgrade(engine)
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert migrate.current_revision(engine) is None
    assert migrate.upgrade(engine) == migrate.head_revision()


def test_sqlite_runs_wal_with_foreign_keys(sqlite_url: str) -> None:
    archive = Archive(sqlite_url)
    with archive.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_env_var_and_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSARCHIVE_DB", "sqlite:///x.db")
    assert resolve_db_url(None) == "sqlite:///x.db"
    assert resolve_db_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    monkeypatch.delenv("NEWSARCHIVE_DB")
    assert resolve_db_url(None) == "sqlite:///newsarchive.db"


def test_invalid_url_is_one_line_error() -> None:
    with pytest.raises(DatabaseError, match="invalid database URL"):
        Archive("not a url")
    with pytest.raises(DatabaseError, match="unsupported database URL"):
        Archive("nosuchdb://x/y")


def test_unreachable_server_is_one_line_error_without_password() -> None:
    with pytest.raises(DatabaseError) as info:
        Archive("postgresql+psycopg://user:hunter2@127.0.0.1:1/none")
    message = str(info.value)
    assert "cannot connect" in message and "hunter2" not in message and "\n" not in message


def test_newer_schema_is_refused(sqlite_url: str) -> None:
    archive = Archive(sqlite_url)
    with archive.write_engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(DatabaseError, match="newer than this newsarchive"):
        Archive(sqlite_url)


def test_mask_password() -> None:
    assert mask_password("postgresql+psycopg://bob:s3cret@db:5432/x") == (
        "postgresql+psycopg://bob:***@db:5432/x"
    )


def test_cli_reports_bad_db_in_one_line(tmp_path) -> None:  # noqa: ANN001
    proc = subprocess.run(
        [sys.executable, "-m", "archive", "search", "x", "--db", "postgresql://u:pw@127.0.0.1:1/x"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("newsarchive: error: cannot connect")
    assert len(proc.stderr.strip().splitlines()) == 1 and "pw@" not in proc.stderr
