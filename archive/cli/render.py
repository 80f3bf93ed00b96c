"""Printing one record: a field/value table on a terminal, ``field<TAB>value`` when piped, JSON."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import Any

from rich.console import Console

from archive.cli.errors import UserError
from archive.cli.output import FORMATS, emit, is_terminal, list_cell, stdout_guard
from archive.schema import utc_iso

BODY_PREVIEW_CHARS = 300


def check_format(fmt: str, allowed: tuple[str, ...] = FORMATS) -> str:
    """Return ``fmt`` when it is one of ``allowed``; UserError otherwise."""
    if fmt not in allowed:
        raise UserError(f"--format must be one of {', '.join(allowed)}, got {fmt!r}")
    return fmt


def cell(value: Any) -> Any:
    """Return a value ready for a table or JSON: timestamps as ISO UTC, dicts as k: v."""
    if isinstance(value, datetime):
        return utc_iso(value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return list_cell([str(v) for v in value])
    return value


def jsonable(value: Any) -> Any:
    """Return a JSON-ready value (timestamps as ISO 8601 UTC, nested containers converted)."""
    if isinstance(value, datetime):
        return utc_iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def print_json(obj: Any) -> None:
    """Print one JSON document on stdout."""
    with stdout_guard():
        sys.stdout.write(json.dumps(jsonable(obj), ensure_ascii=False, indent=2) + "\n")


def emit_fields(record: dict[str, Any], title: str) -> None:
    """Print a record as a two-column field/value table (tab-separated when piped)."""
    rows = [{"field": key, "value": cell(value)} for key, value in record.items()]
    emit(rows, ["field", "value"], "table", title=title)


def section(title: str) -> None:
    """Print a section heading when piped (a terminal table shows its own title)."""
    if not is_terminal():
        with stdout_guard():
            print(f"# {title}")


def note(title: str, text: str) -> None:
    """Print a section that has nothing to list: its title and why (``# title: text`` piped)."""
    with stdout_guard():
        if is_terminal():
            Console().print(f"{title}: {text}", markup=False, highlight=False)
        else:
            print(f"# {title}: {text}")


def preview(text: str | None, limit: int = BODY_PREVIEW_CHARS) -> str:
    """Return the start of a text on one line, with an ellipsis when cut."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[:limit].rstrip() + " …"
