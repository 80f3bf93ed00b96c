"""``newsarchive serve``: Datasette metadata, canned queries, and a headless-Chromium check."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.serve import ServeError, metadata_for, sqlite_path
from tests.plugins.prepared import STORY, Prepared, build_prepared

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def sqlite_prepared(tmp_path_factory: pytest.TempPathFactory) -> Prepared:
    """Return a prepared SQLite archive shared by this module."""
    return build_prepared(f"sqlite:///{tmp_path_factory.mktemp('serve') / 'archive.db'}")


def _canned(prepared: Prepared, name: str, **params: str) -> list[sqlite3.Row]:
    """Run a canned query of the metadata against the archive, as Datasette would."""
    sql = metadata_for("archive")["databases"]["archive"]["queries"][name]["sql"]
    conn = sqlite3.connect(f"file:{sqlite_path(prepared.url)}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_metadata_describes_the_archive() -> None:
    meta = metadata_for("mine")
    assert meta["license"] and meta["source"] and set(meta["databases"]) == {"mine"}
    db = meta["databases"]["mine"]
    articles = db["tables"]["articles"]
    assert articles["fts_table"] == "articles_fts" and articles["fts_pk"] == "id"
    assert "UTC" in articles["columns"]["published_at"]
    assert {"coverage_by_outlet", "story_timeline", "clusters_with_members",
            "changed_headlines"} <= set(db["queries"])  # fmt: skip
    assert not any(q.get("write") for q in db["queries"].values())


def test_canned_queries_answer(sqlite_prepared: Prepared) -> None:
    coverage = {r["outlet"]: r for r in _canned(sqlite_prepared, "coverage_by_outlet", story=STORY)}
    assert coverage["people"]["articles"] == 2 and coverage["pagesix"]["originals"] == 1
    assert coverage["quietgazette"]["articles"] == 0 and coverage["quietgazette"]["originals"] == 0
    everything = _canned(sqlite_prepared, "coverage_by_outlet", story="")
    assert sum(r["articles"] for r in everything) == 7
    timeline = _canned(sqlite_prepared, "story_timeline", story=STORY)
    assert [r["outlet"] for r in timeline] == ["people", "nypost", "pagesix", "dailymail", "people"]
    assert timeline[2]["role"] == f"copy of {sqlite_prepared.ids['original']} (exact)"
    members = _canned(sqlite_prepared, "clusters_with_members")
    assert [(r["outlet"], r["role"]) for r in members] == [("people", "original"),
                                                           ("pagesix", "exact")]  # fmt: skip
    changed = _canned(sqlite_prepared, "changed_headlines")
    assert len(changed) == 1 and changed[0]["article"] == sqlite_prepared.ids["changed"]
    assert changed[0]["new_title"] == "Memoir claims: late night White House meetings"


def test_postgres_and_missing_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ServeError, match="Datasette needs a SQLite archive.*newsarchive export"):
        sqlite_path("postgresql+psycopg://postgres@127.0.0.1:5432/test")
    with pytest.raises(ServeError, match="no SQLite archive at"):
        sqlite_path(f"sqlite:///{tmp_path / 'absent.db'}")


def _free_port() -> int:
    """Return a TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _require_browser() -> None:
    """Skip loudly (locally) or fail (CI) without Chromium or Datasette."""
    missing = []
    if CHROMIUM is None:
        missing.append("Chromium (apt-get install chromium)")
    try:
        import datasette  # noqa: F401
    except ImportError:
        missing.append("Datasette (pip install 'newsarchive[serve]')")
    if not missing:
        return
    reason = f"browser test needs {' and '.join(missing)}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI: {reason}")
    pytest.skip(f"!!! SKIPPED: {reason} !!!")


@pytest.fixture(scope="module")
def served(sqlite_prepared: Prepared) -> Iterator[str]:
    """Run ``python -m archive serve`` on a free port; yield its base URL."""
    _require_browser()
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "archive",
            "serve",
            "--db",
            sqlite_prepared.url,
            "--port",
            str(port),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def _wait_until_up(base: str, process: subprocess.Popen, timeout_s: float = 60) -> None:
    """Return when the server answers; fail with its stderr when it died or never came up."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"serve exited {process.returncode}: {process.stderr.read().decode()}")
        try:
            with urllib.request.urlopen(base + "/-/versions.json", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"serve did not answer on {base} within {timeout_s} s")


def _dom(url: str, tmp_path: Path) -> str:
    """Return the DOM headless Chromium renders for ``url``."""
    profile = tmp_path / f"chromium-{time.monotonic_ns()}"
    result = subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.mark.slow
def test_browser_full_text_search_and_canned_query(served: str, tmp_path: Path) -> None:
    search = _dom(f"{served}/archive/articles?_search=harbour", tmp_path)
    assert "Harbour bridge lanes closed" in search
    assert "1 row where search matches" in search
    assert "Memoir claims" not in search
    escaped = _dom(f"{served}/archive/articles?_search=readers", tmp_path)
    assert "&lt;script&gt;document.body.setAttribute" in escaped
    assert 'data-pwned="1"' not in escaped  # the script was shown, never run
    query = urllib.parse.urlencode({"story": STORY})
    canned = _dom(f"{served}/archive/coverage_by_outlet?{query}", tmp_path)
    assert "Coverage by outlet" in canned
    assert "Quiet Gazette" in canned and "New York Post" in canned
    headlines = _dom(f"{served}/archive/changed_headlines", tmp_path)
    assert "late night White House meetings" in headlines


@pytest.mark.slow
def test_served_archive_is_read_only(served: str) -> None:
    sql = urllib.parse.urlencode({"sql": "delete from articles"})
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{served}/archive.json?{sql}", timeout=10)
    count = urllib.parse.urlencode({"sql": "select count(*) as n from articles", "_shape": "array"})
    with urllib.request.urlopen(f"{served}/archive.json?{count}", timeout=10) as response:
        assert b'"n": 7' in response.read()
