"""Run ``newsarchive crawl`` (``python -m crawler.cli crawl``) in a subprocess and measure it.

A crawl gets its own process (the Twisted reactor cannot restart), so a test can also SIGKILL
it at a chosen moment; the child's peak RSS comes from ``wait4``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Settings for local test servers: no politeness delays (faults are the point, not manners).
FAST = ("AUTOTHROTTLE_ENABLED=0", "DOWNLOAD_DELAY=0", "LOG_LEVEL=INFO")
#: The reliability components (idempotent when crawler/settings.py already enables them).
SAFETY_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "crawler.middlewares.safety.SafetyMiddleware": 40,
    "crawler.middlewares.safety.RedirectGuardMiddleware": 650,
}
RETRY_AFTER_HANDLER = "crawler.middlewares.retry_after.RetryAfterDownloadHandler"


def hardened_settings() -> tuple[str, ...]:
    """Return ``-s`` values enabling the safety middlewares and the Retry-After handler."""
    from crawler import settings as project

    middlewares = {**getattr(project, "DOWNLOADER_MIDDLEWARES", {}), **SAFETY_MIDDLEWARES}
    handlers = {**getattr(project, "DOWNLOAD_HANDLERS", {})}
    handlers.update({"http": RETRY_AFTER_HANDLER, "https": RETRY_AFTER_HANDLER})
    return (
        f"DOWNLOADER_MIDDLEWARES={json.dumps(middlewares)}",
        f"DOWNLOAD_HANDLERS={json.dumps(handlers)}",
    )


@dataclass
class CrawlProcess:
    """How a crawl subprocess ended."""

    returncode: int
    stdout: str
    stderr: str
    wall_s: float
    peak_rss_mb: float
    killed: bool = False


def crawl_command(
    story: Path, outlets: Path, db_url: str, settings: tuple[str, ...] = (), command: str = "crawl"
) -> list[str]:
    """Return the argv of a crawl of ``outlets`` for ``story`` into ``db_url``."""
    argv = [sys.executable, "-m", "crawler.cli", command, "--story", str(story)]
    argv += ["--outlets", str(outlets), "--db", db_url]
    for setting in (*FAST, *hardened_settings(), *settings):
        argv += ["-s", setting]
    return argv


def run_process(
    argv: list[str],
    *,
    timeout_s: float = 300,
    kill_at_s: float | None = None,
    kill_when: Callable[[], bool] | None = None,
) -> CrawlProcess:
    """Run ``argv``; SIGKILL it at ``kill_at_s`` or once ``kill_when()`` is true; return results."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.monotonic()
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out, stderr=err, text=True)
        killed, status, rusage = False, 0, None
        while True:
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            elapsed = time.monotonic() - start
            due = (kill_at_s is not None and elapsed >= kill_at_s) or (
                kill_when is not None and kill_when()
            )
            if due or elapsed > timeout_s:
                os.kill(proc.pid, signal.SIGKILL)
                killed = due
                _, status, rusage = os.wait4(proc.pid, 0)
                if not due:
                    raise TimeoutError(f"crawl still running after {timeout_s} s: {argv}")
                break
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall_s = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return CrawlProcess(
            proc.returncode, out.read(), err.read(), wall_s, rusage.ru_maxrss / 1024, killed
        )
