"""Run one crawl command in a subprocess with a timeout; a hung one is stopped, then killed.

The child gets its own process group (so a terminal's Ctrl-C reaches only the scheduler, which
decides) and is stopped with SIGTERM — Scrapy then closes its spiders and records its run — and
SIGKILL after a grace period.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

#: How long a stopped child may take to finish after SIGTERM before SIGKILL.
TERM_GRACE_S = 20.0
#: How often the runner wakes to check the child, the timeout and the stop flag.
POLL_S = 0.5
#: Characters of the child's output kept for the run record.
OUTPUT_TAIL = 4000


@dataclass(frozen=True)
class CommandResult:
    """How a crawl subprocess ended."""

    pid: int
    returncode: int | None
    duration_s: float
    timed_out: bool = False
    stopped: bool = False  # stopped because the scheduler is shutting down
    output_tail: str = ""

    @property
    def status(self) -> str:
        """Return the crawl-run status: finished, failed (non-zero exit) or killed."""
        if self.timed_out or self.stopped:
            return "killed"
        return "finished" if self.returncode == 0 else "failed"


def _stop(process: subprocess.Popen[bytes], grace_s: float) -> None:
    """SIGTERM the child's process group, then SIGKILL it when it has not exited in time."""
    for sig, wait_s in ((signal.SIGTERM, grace_s), (signal.SIGKILL, 10.0)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait_s)
            return
        except subprocess.TimeoutExpired:
            continue


def _tail(handle: object) -> str:
    """Return the last characters of the child's captured output."""
    handle.seek(0, os.SEEK_END)  # type: ignore[attr-defined]
    size = handle.tell()  # type: ignore[attr-defined]
    handle.seek(max(0, size - OUTPUT_TAIL))  # type: ignore[attr-defined]
    return handle.read().decode("utf-8", "replace")  # type: ignore[attr-defined]


def run_command(
    command: list[str],
    *,
    timeout_s: float,
    stop: threading.Event | None = None,
    on_tick: Callable[[], object] | None = None,
    tick_every_s: float = 10.0,
    env: dict[str, str] | None = None,
    term_grace_s: float = TERM_GRACE_S,
) -> CommandResult:
    """Run ``command`` until it exits, times out or ``stop`` is set; return how it ended."""
    started = time.monotonic()
    last_tick = started
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        timed_out = stopped = False
        while process.poll() is None:
            now = time.monotonic()
            if now - started > timeout_s:
                timed_out = True
            elif stop is not None and stop.is_set():
                stopped = True
            if timed_out or stopped:
                _stop(process, term_grace_s)
                break
            if on_tick is not None and now - last_tick >= tick_every_s:
                on_tick()
                last_tick = now
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=POLL_S)
        returncode = process.wait()
        return CommandResult(
            pid=process.pid, returncode=returncode, duration_s=time.monotonic() - started,
            timed_out=timed_out, stopped=stopped, output_tail=_tail(output),
        )  # fmt: skip
