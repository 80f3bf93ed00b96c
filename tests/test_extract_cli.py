"""``newsarchive extract FILE|- [--url URL]``: the Article JSON of one saved page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
PAGE = ROOT / "tests" / "fixtures" / "extract" / "foxnews_article_body" / "page.html"
URL = "https://www.foxnews.com/politics/memoir-describes-clemency-calls"


def run(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Return the finished ``newsarchive extract`` process (as ``python -m crawler.cli``)."""
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", "extract", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
    )


def test_file_argument_prints_article_json() -> None:
    proc = run([str(PAGE), "--url", URL])
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["outlet"] == "foxnews" and data["title"] == "Memoir describes clemency calls"


def test_stdin_and_bad_paths_are_one_line_errors(tmp_path: Path) -> None:
    proc = run(["-", "--url", URL], stdin=PAGE.read_bytes())
    assert json.loads(proc.stdout)["authors"] == ["Sam Smith"]
    for path, reason in [("/nonexistent/page.html", b"no such file"), (tmp_path, b"directory")]:
        bad = run([str(path)])
        assert bad.returncode == 1 and bad.stdout == b""
        lines = bad.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(b"newsarchive: error: ")
        assert reason in lines[0] and b"Traceback" not in bad.stderr
