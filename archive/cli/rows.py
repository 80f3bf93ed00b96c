"""Printing a research command's output: ``--format table|json|jsonl|csv``.

``json`` is one JSON document (the command's full result), ``jsonl`` one object per row and
line, ``csv`` a header row then the rows (lists joined with "; "), ``table`` a table on a
terminal and tab-separated text when piped.
"""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

from archive.cli.output import emit
from archive.cli.render import cell, check_format, jsonable

ROW_FORMATS = ("table", "json", "jsonl", "csv")


def check_row_format(fmt: str) -> str:
    """Return ``fmt`` when it is a row format; UserError otherwise."""
    return check_format(fmt, ROW_FORMATS)


def print_rows(
    rows: list[dict[str, Any]],
    columns: list[str],
    fmt: str,
    *,
    document: Any = None,
    title: str | None = None,
) -> None:
    """Print rows in ``fmt``; ``json`` prints ``document`` (default: the rows) as one document."""
    if fmt == "json":
        body = rows if document is None else document
        sys.stdout.write(json.dumps(jsonable(body), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(jsonable(row), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _csv_cell(row.get(c)) for c in columns})
    else:
        emit([{c: cell(row.get(c)) for c in columns} for row in rows], columns, "table", title)


def _csv_cell(value: Any) -> Any:
    """Return a CSV cell: lists joined with "; ", objects as JSON, None empty."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return json.dumps(jsonable(value), ensure_ascii=False)
    return cell(value)
