"""Printing rows: a rich table on a terminal, tab-separated text when piped, JSON or CSV.

Piped tables are TSV with a header row naming the columns (every command alike), one row per
line: tabs and line breaks inside a value become spaces. A reader that goes away (``| head``)
ends the command quietly (:class:`archive.cli.errors.ReaderGone`).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.table import Table

from archive.cli.errors import ReaderGone

FORMATS = ("table", "json", "csv")


def list_cell(values: Sequence[str] | None) -> str:
    """Return a list as one cell: items joined with '; ' (the documented CSV convention)."""
    return "; ".join(values or [])


@contextmanager
def stdout_guard() -> Iterator[None]:
    """Turn a closed standard output (the reader left) into ReaderGone."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise ReaderGone from None


def is_terminal() -> bool:
    """Return True when standard output is a terminal (tables), False when piped (TSV)."""
    return Console().is_terminal


def emit(
    rows: list[dict[str, Any]], columns: list[str], fmt: str, title: str | None = None
) -> None:
    """Print rows in the chosen format to stdout."""
    with stdout_guard():
        _emit(rows, columns, fmt, title)


def _emit(rows: list[dict[str, Any]], columns: list[str], fmt: str, title: str | None) -> None:
    """Print rows in the chosen format (see :func:`emit`)."""
    if fmt == "json":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _cell(row.get(c)) for c in columns})
        return
    console = Console()
    if not console.is_terminal:
        print("\t".join(columns))
        for row in rows:
            print("\t".join(_cell(row.get(c)) for c in columns))
        return
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    console.print(table)


def _cell(value: Any) -> str:
    """Return a printable cell value."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return list_cell([str(v) for v in value])
    return " ".join(str(value).split())  # one line per row, even for multi-paragraph snippets
