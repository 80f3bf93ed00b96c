"""A small DevTools-protocol client for headless Chromium: load a page, collect its console.

Chromium starts with ``--remote-debugging-port=0`` and a fresh profile; the port it chose is
read from the profile's ``DevToolsActivePort`` file. Events are collected while the page loads:
console messages, uncaught exceptions, log entries and every network request.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import websocket

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
    "--disable-extensions",
    "--window-size=1280,2000",
]
START_TIMEOUT_S = 60


@dataclass
class PageRun:
    """What a page did while loading: console errors, exceptions, requests."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


class DevTools:
    """One page target spoken to over its websocket."""

    def __init__(self, url: str) -> None:
        self.ws = websocket.create_connection(url, timeout=START_TIMEOUT_S, suppress_origin=True)
        self.next_id = 0
        self.run = PageRun()

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a command and return its result (events seen meanwhile are recorded)."""
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._record(message)

    def wait_for(self, event: str, timeout_s: float = START_TIMEOUT_S) -> None:
        """Read events until ``event`` arrives."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            message = json.loads(self.ws.recv())
            self._record(message)
            if message.get("method") == event:
                return
        raise TimeoutError(event)

    def _record(self, message: dict[str, Any]) -> None:
        """Keep console errors, exceptions, error log entries and requested URLs."""
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.run.errors.append(json.dumps(params.get("args")))
        elif method == "Runtime.exceptionThrown":
            self.run.errors.append(json.dumps(params.get("exceptionDetails")))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            self.run.errors.append(params["entry"].get("text", ""))
        elif method == "Network.requestWillBeSent":
            self.run.requests.append(params["request"]["url"])

    def evaluate(self, expression: str) -> Any:
        """Return the value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def screenshot(self) -> bytes:
        """Return a PNG screenshot of the whole page."""
        shot = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        return base64.b64decode(shot["data"])


def _port(profile: Path) -> int:
    """Return the DevTools port Chromium wrote into the profile."""
    deadline = time.monotonic() + START_TIMEOUT_S
    marker = profile / "DevToolsActivePort"
    while time.monotonic() < deadline:
        if marker.is_file() and marker.read_text().strip():
            return int(marker.read_text().split()[0])
        time.sleep(0.1)
    raise TimeoutError("Chromium wrote no DevToolsActivePort")


@contextmanager
def open_page(file_url: str, profile: Path) -> Iterator[DevTools]:
    """Start headless Chromium, load ``file_url`` with every event recorded; yield the page."""
    process = subprocess.Popen(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
         "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        port = _port(profile)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30) as reply:
            targets = json.load(reply)
        page = next(t for t in targets if t["type"] == "page")
        tools = DevTools(page["webSocketDebuggerUrl"])
        for domain in ("Page", "Runtime", "Log", "Network"):
            tools.call(f"{domain}.enable")
        tools.call("Page.navigate", url=file_url)
        tools.wait_for("Page.loadEventFired")
        try:
            yield tools
        finally:
            tools.ws.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
