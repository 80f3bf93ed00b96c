"""``newsarchive extract``: run extraction on one saved page and print its Article JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from archive.cli import UserError, app


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="Saved HTML page, or - for standard input.")],
    url: Annotated[
        str | None, typer.Option(help="The page's URL (resolves links, picks the outlet).")
    ] = None,
) -> None:
    """Extract one saved page and print the article JSON (the fields one page can know)."""
    from crawler.extract import extract_article  # heavy imports only for this command

    if file == "-":
        html = sys.stdin.buffer.read()
    else:
        path = Path(file)
        if not path.is_file():
            raise UserError(f"no such file: {file}")
        html = path.read_bytes()
    result = extract_article(html, url=url)
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
