"""``newsarchive extract FILE|- [--url URL]`` and ``python -m crawler.extract``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
PAGE = ROOT / "tests" / "fixtures" / "extract" / "foxnews_article_body" / "page.html"
URL = "https://www.foxnews.com/politics/memoir-describes-clemency-calls"


def run(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Return the finished ``python -m crawler.extract`` process."""
    return subprocess.run(
        [sys.executable, "-m", "crawler.extract", *args], input=stdin, capture_output=True, cwd=ROOT
    )


def test_file_argument_prints_article_json() -> None:
    proc = run([str(PAGE), "--url", URL])
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["outlet"] == "foxnews" and data["title"] == "Memoir describes clemency calls"


def test_stdin_and_missing_file() -> None:
    proc = run(["-", "--url", URL], stdin=PAGE.read_bytes())
    assert json.loads(proc.stdout)["authors"] == ["Sam Smith"]
    missing = run(["/nonexistent/page.html"])
    assert missing.returncode == 2 and b"cannot read" in missing.stderr
