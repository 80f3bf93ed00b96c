"""The same mock server in its own process (``python -m tests.mockserver``), for benchmarks and
for tests whose server must not share the test process.

A *factory* (``"package.module:function"``) fills the server's sites:
``function(server: MockServer, **kwargs) -> None``; in-process code calls the same function on a
:class:`MockServer` it made. :func:`spawn` starts the child and returns a :class:`ServerProcess`
whose ``log`` reads the child's access log (finished requests) from a JSON-lines file.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tests.mockserver.log import AccessLog, FileAccessLog
from tests.mockserver.server import DEFAULT_HOST, MockServer

ROOT = Path(__file__).resolve().parents[2]
#: How long :func:`spawn` waits for the child to listen.
START_TIMEOUT_S = 30.0
#: How long :meth:`ServerProcess.close` waits after SIGTERM before SIGKILL.
STOP_TIMEOUT_S = 10.0
Factory = Callable[..., None]


def load_factory(spec: str) -> Factory:
    """Return the function named by ``"package.module:function"``."""
    module_name, sep, name = spec.partition(":")
    if not sep or not module_name or not name:
        raise ValueError(f"a factory is 'package.module:function', got {spec!r}")
    return getattr(importlib.import_module(module_name), name)


class ServerProcess:
    """A mock server running in a child process; call :meth:`close` (or use ``with``)."""

    def __init__(self, proc: subprocess.Popen[bytes], folder: Path, bases: dict[str, str]) -> None:
        self.proc, self.folder, self.bases = proc, folder, bases
        self.hosts = list(bases)
        self.log: AccessLog = FileAccessLog(folder / "access.jsonl")

    @property
    def base(self) -> str:
        """Return ``http://host:port`` of the first address."""
        return self.bases[self.hosts[0]]

    @property
    def pid(self) -> int:
        """Return the child's process id."""
        return self.proc.pid

    def url(self, path: str, host: str | None = None) -> str:
        """Return the absolute URL of ``path`` on ``host`` (default: the first address)."""
        return self.bases[host or self.hosts[0]] + path

    def close(self) -> None:
        """Stop the child (SIGTERM, then SIGKILL); keep its log readable in memory."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if isinstance(self.log, FileAccessLog):
            frozen = AccessLog()
            for hit in self.log.hits():
                frozen.record(hit)
            self.log = frozen
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def spawn(
    factory: str,
    *,
    hosts: str | Sequence[str] = DEFAULT_HOST,
    kwargs: dict[str, object] | None = None,
    shared_port: bool = True,
    keep_alive: bool = True,
) -> ServerProcess:
    """Start ``python -m tests.mockserver`` running ``factory(server, **kwargs)``; return it."""
    load_factory(factory)  # fail here, not in the child, on a bad name
    folder = Path(tempfile.mkdtemp(prefix="mockserver-"))
    argv = [sys.executable, "-m", "tests.mockserver", "--factory", factory, "--dir", str(folder)]
    argv += ["--kwargs", json.dumps(kwargs or {})]
    for host in [hosts] if isinstance(hosts, str) else hosts:
        argv += ["--host", host]
    argv += [] if shared_port else ["--port-per-host"]
    argv += [] if keep_alive else ["--close-connections"]
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    ready = folder / "ready.json"
    deadline = time.monotonic() + START_TIMEOUT_S
    while not ready.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            shutil.rmtree(folder, ignore_errors=True)
            raise RuntimeError(f"mock server {factory} did not start (exit code {proc.poll()})")
        time.sleep(0.02)
    return ServerProcess(proc, folder, json.loads(ready.read_text())["bases"])


def main(argv: list[str] | None = None) -> int:
    """Serve until SIGTERM/SIGINT: the child side of :func:`spawn`."""
    parser = argparse.ArgumentParser(prog="python -m tests.mockserver", description=__doc__)
    parser.add_argument("--factory", required=True, help="package.module:function")
    parser.add_argument("--kwargs", default="{}", help="JSON object of factory arguments")
    parser.add_argument("--host", action="append", help="address to listen on (repeatable)")
    parser.add_argument("--dir", type=Path, required=True, help="folder for ready.json and log")
    parser.add_argument("--port-per-host", action="store_true")
    parser.add_argument("--close-connections", action="store_true")
    args = parser.parse_args(argv)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    server = MockServer(
        args.host or DEFAULT_HOST, shared_port=not args.port_per_host,
        keep_alive=not args.close_connections, log_path=args.dir / "access.jsonl",
    )  # fmt: skip
    try:
        load_factory(args.factory)(server, **json.loads(args.kwargs))
        partial = args.dir / "ready.json.tmp"
        partial.write_text(json.dumps({"bases": server.bases, "pid": os.getpid()}))
        partial.rename(args.dir / "ready.json")
        while not stop.wait(0.5):
            pass
    finally:
        server.close()
    return 0
