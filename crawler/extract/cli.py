"""``python -m crawler.extract FILE|- [--url URL]``: the Article JSON of one saved page.

The same as ``newsarchive extract`` (crawler/commands/extract.py) without the archive CLI.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from crawler.extract.extractor import extract_article


def read_page(path: str) -> bytes:
    """Return the raw bytes of a saved page, or of stdin for ``-``."""
    if path == "-":
        return sys.stdin.buffer.read()
    return Path(path).read_bytes()


def extract_file(path: str, url: str | None = None) -> dict[str, Any]:
    """Return the extraction result for a saved page file (``-`` reads stdin)."""
    return extract_article(read_page(path), url)


def render(result: dict[str, Any]) -> str:
    """Return the result as indented JSON text."""
    return json.dumps(result, ensure_ascii=False, indent=2)


def main(argv: list[str] | None = None) -> int:
    """Run ``python -m crawler.extract FILE|- [--url URL]``; return the exit status."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m crawler.extract", description=__doc__)
    parser.add_argument("file", help="saved HTML page, or - for stdin")
    parser.add_argument("--url", default=None, help="the page's URL")
    args = parser.parse_args(argv)
    try:
        result = extract_file(args.file, args.url)
    except OSError as exc:
        print(f"error: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(render(result))
    return 0
