"""Security: bound parameters only, query syntax errors handled, passwords masked, serve local."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from archive import Archive, models
from archive.search import QuerySyntaxError
from tests.factories import make_article
from tests.faults import STORY_TOML, SyntheticSite, serve
from tests.faults.crawl import ROOT, crawl_command, run_process
from tests.faults.site import outlets_toml

SECRET = "S3cretPw-never-shown"
HOSTILE_QUERIES = [
    "'; DROP TABLE articles; --",
    '" OR 1=1 --',
    "kushner) OR (1=1",
    "NEAR(kushner kardashian",
    "kushner AND",
    "* OR *",
    '"unbalanced',
    "OR",
    "col:kushner",
    "\\x00\x00",
    "kushner' UNION SELECT url_key FROM articles --",
    "a" * 5000,
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_search_queries_are_answered_or_refused_cleanly(
    archive_db: Archive, query: str
) -> None:
    archive_db.store(make_article())
    try:
        hits = archive_db.search(query)
    except QuerySyntaxError:  # refused with a message for the user; any other error fails
        hits = []
    assert all(hit.article.title for hit in hits)
    assert archive_db.search("kushner", outlet=query) == []
    with archive_db.session() as session:
        assert session.scalar(select(func.count()).select_from(models.Article)) == 1


def _pg_url_with_password(pg_url: str) -> str:
    return make_url(pg_url).set(password=SECRET).render_as_string(hide_password=False)


@pytest.mark.slow
@pytest.mark.postgres
def test_database_password_never_appears_in_logs_stats_or_errors(
    pg_url: str, tmp_path: Path
) -> None:
    db_url = _pg_url_with_password(pg_url)  # trust auth: the password is accepted and ignored
    site = SyntheticSite(5, seed=3)
    server = serve(site, "127.0.0.13")
    (tmp_path / "story.toml").write_text(STORY_TOML)
    (tmp_path / "outlets.toml").write_text(outlets_toml({"pwpaper": server.base}))
    try:
        result = run_process(
            crawl_command(tmp_path / "story.toml", tmp_path / "outlets.toml", db_url)
        )
    finally:
        server.close()
    assert result.returncode == 0, result.stderr[-2000:]
    assert SECRET not in result.stdout + result.stderr
    archive = Archive(db_url)
    with archive.session() as session:
        run = session.scalars(select(models.CrawlRun)).one()
    assert SECRET not in repr(run.stats) + repr(run.errors)
    assert SECRET not in repr(archive)
    archive.dispose()


def test_a_failing_database_url_is_reported_without_its_password() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    bad = f"postgresql+psycopg://someone:{SECRET}@127.0.0.1:1/nowhere"
    result = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "search", "kushner", "--db", bad],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert SECRET not in result.stdout + result.stderr
    assert "***" in result.stdout + result.stderr or "someone" not in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(host: str, port: int, timeout_s: float = 60) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=1):
                return True
        except OSError:
            time.sleep(0.3)
    return False


@pytest.mark.slow
def test_serve_binds_to_localhost_and_is_read_only(tmp_path: Path) -> None:
    pytest.importorskip("datasette")
    import urllib.error
    import urllib.request

    db_file = tmp_path / "served.db"
    archive = Archive(f"sqlite:///{db_file}")
    archive.store(make_article())
    archive.dispose()
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "serve", "--db", f"sqlite:///{db_file}",
         "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        assert _wait_for("127.0.0.1", port), "serve did not start"
        assert not _wait_for("127.0.0.2", port, timeout_s=1)  # bound to 127.0.0.1 only
        sql = "DELETE FROM articles"
        url = f"http://127.0.0.1:{port}/served.json?sql={urllib.request.quote(sql)}"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read().decode()
        except urllib.error.HTTPError as error:
            body = error.read().decode()
        assert '"ok": false' in body.replace('"ok":false', '"ok": false')
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    check = Archive(f"sqlite:///{db_file}")
    with check.session() as session:
        assert session.scalar(select(func.count()).select_from(models.Article)) == 1
    check.dispose()
