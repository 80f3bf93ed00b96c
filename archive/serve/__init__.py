"""``newsarchive serve``: browse a SQLite archive with Datasette, read-only, on 127.0.0.1.

Datasette opens the file with ``?mode=ro`` (its default for a database that may still be
written, e.g. by a running crawl), so the browser sees new articles but can change nothing: no
canned query here writes, and the :mod:`archive.serve.readonly` plugin answers any request
that is not a read (a POST to a table, say) with 405 instead of Datasette's 500. PostgreSQL
archives are refused with a pointer to ``export``.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from archive.db import mask_password
from archive.query.extras import require

METADATA_TEMPLATE = Path(__file__).with_name("metadata.yaml")
READ_ONLY_PLUGIN = Path(__file__).with_name("readonly.py")
TEMPLATE_DB_KEY = "ARCHIVE"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
#: Seconds Datasette gets to stop after SIGTERM before it is killed.
STOP_GRACE_S = 10.0
#: Datasette settings: generous time for FTS over large archives, no facet suggestions cost.
SETTINGS = {"sql_time_limit_ms": "5000", "suggest_facets": "off", "default_page_size": "50"}


class ServeError(ValueError):
    """The archive cannot be served as asked; the message says what to do instead."""


def sqlite_path(db_url: str) -> Path:
    """Return the SQLite file of a database URL, or ServeError explaining why not."""
    url = make_url(db_url)
    if url.get_backend_name() != "sqlite":
        raise ServeError(
            f"Datasette needs a SQLite archive, and {mask_password(db_url)} is "
            f"{url.get_backend_name()}; export it instead: newsarchive export --format parquet "
            "-o archive.parquet (or --format csv / jsonl)"
        )
    if not url.database or url.database == ":memory:":
        raise ServeError("Datasette needs a SQLite archive file, not an in-memory database")
    path = Path(url.database)
    if not path.is_file():
        raise ServeError(f"no SQLite archive at {path}")
    return path


def metadata_for(db_name: str) -> dict[str, Any]:
    """Return the Datasette metadata with the archive's database name filled in."""
    yaml = require("yaml", "serve", "newsarchive serve")
    metadata = yaml.safe_load(METADATA_TEMPLATE.read_text(encoding="utf-8"))
    metadata["databases"] = {db_name: metadata["databases"][TEMPLATE_DB_KEY]}
    return metadata


def datasette_args(
    path: Path, metadata_file: Path, host: str, port: int, plugins_dir: Path | None = None
) -> list[str]:
    """Return the command line starting Datasette on the archive."""
    args = [sys.executable, "-m", "datasette", "serve", str(path)]
    args += ["--metadata", str(metadata_file), "--host", host, "--port", str(port)]
    if plugins_dir is not None:
        args += ["--plugins-dir", str(plugins_dir)]
    for name, value in SETTINGS.items():
        args += ["--setting", name, value]
    return args


class _Terminated(Exception):
    """SIGTERM arrived: stop Datasette and end normally."""


def serve(db_url: str, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> int:
    """Run Datasette on the archive until stopped; return its exit status.

    SIGTERM stops it and returns 0; Ctrl-C stops it and lets KeyboardInterrupt through.
    """
    path = sqlite_path(db_url)
    require("datasette", "serve", "newsarchive serve")
    with tempfile.TemporaryDirectory(prefix="newsarchive-serve-") as tmp:
        metadata_file = Path(tmp) / "metadata.json"
        metadata_file.write_text(json.dumps(metadata_for(path.stem)), encoding="utf-8")
        plugins = Path(tmp) / "plugins"
        plugins.mkdir()
        shutil.copy(READ_ONLY_PLUGIN, plugins / READ_ONLY_PLUGIN.name)
        process = subprocess.Popen(datasette_args(path, metadata_file, host, port, plugins))
        with _stop_on_sigterm():
            try:
                return process.wait()
            except _Terminated:
                _stop(process)
                return 0
            except KeyboardInterrupt:
                _stop(process)
                raise


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop Datasette: SIGTERM, then SIGKILL when it has not gone in time."""
    process.terminate()
    try:
        process.wait(timeout=STOP_GRACE_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into _Terminated meanwhile, so Datasette is stopped with us."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(_signum: int, _frame: Any) -> None:
        """Raise _Terminated (the handler for SIGTERM)."""
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
