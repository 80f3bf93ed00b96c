"""The planted research story as a module-scoped fixture, on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.research_story import PlantedArchive, build_planted


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def planted(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PlantedArchive]:
    """Yield the planted story shared by a module's read-only tests (SQLite and PostgreSQL)."""
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("planted") / "archive.db"
        yield build_planted(f"sqlite:///{path}")
        return
    from tests.plugins.db import _pg_admin, _pg_url

    template = request.getfixturevalue("pg_template")
    name = f"na_plant_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    try:
        yield build_planted(_pg_url(name))
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
