"""``newsarchive extract``: run extraction on one saved page and print its Article JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from archive.cli import UserError
from archive.cli.output import stdout_guard


def read_page(path: Path) -> bytes:
    """Return a saved page's bytes; UserError naming what is wrong with the path."""
    if path.is_dir():
        raise UserError(f"cannot read {path}: it is a directory (give one saved page)")
    if not path.exists():
        raise UserError(f"no such file: {path}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {(exc.strerror or str(exc)).lower()}") from None


def register(app: typer.Typer) -> None:
    """Add ``extract`` to the application."""
    app.command()(extract)


def extract(
    file: Annotated[str, typer.Argument(help="Saved HTML page, or - for standard input.")],
    url: Annotated[
        str | None, typer.Option(help="The page's URL (resolves links, picks the outlet).")
    ] = None,
) -> None:
    """Extract one saved page and print the article JSON (the fields one page can know)."""
    from crawler.extract import extract_article  # heavy imports only for this command

    html = sys.stdin.buffer.read() if file == "-" else read_page(Path(file))
    result = extract_article(html, url=url)
    with stdout_guard():
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
