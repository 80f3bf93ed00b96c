"""JSONL and CSV writers: one record per line / row, UTF-8, streamed."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import IO, Any

from archive.export.fields import BOOL, JSON, LIST, TIME, kind_of
from archive.schema import utc_iso

LIST_SEPARATOR = "; "


def _iso(value: Any) -> Any:
    """Return a timestamp as ISO 8601 in UTC (values from the archive are already aware UTC)."""
    return utc_iso(value) if isinstance(value, datetime) else value


def _json_list(value: Any) -> Any:
    """Return a list column for JSON: never null."""
    return [] if value is None else value


def _json_bool(value: Any) -> Any:
    """Return a boolean column for JSON (SQLite may hand back 0/1)."""
    return None if value is None else bool(value)


_JSON_CONVERTERS: dict[str, Callable[[Any], Any]] = {TIME: _iso, LIST: _json_list, BOOL: _json_bool}


_CSV_KINDS = frozenset({LIST, JSON, TIME, BOOL})


def json_value(value: Any, kind: str) -> Any:
    """Return a column value ready for ``json.dumps`` (timestamps as ISO 8601 UTC)."""
    convert = _JSON_CONVERTERS.get(kind)
    return convert(value) if convert else value


def csv_value(value: Any, kind: str) -> str:
    """Return a column value as one CSV cell (lists joined by '; ', objects as JSON)."""
    if value is None:
        return ""
    if kind == LIST:
        return LIST_SEPARATOR.join(str(v) for v in value)
    if kind == JSON:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if kind == TIME and isinstance(value, datetime):
        return utc_iso(value) or ""
    if kind == BOOL:
        return "true" if value else "false"
    return value if isinstance(value, str) else str(value)


def write_jsonl(records: Iterable[dict[str, Any]], columns: tuple[str, ...], fh: IO[str]) -> int:
    """Write records as JSON lines with keys in ``columns`` order; return how many."""
    converters = [
        (c, _JSON_CONVERTERS[kind_of(c)]) for c in columns if kind_of(c) in _JSON_CONVERTERS
    ]
    encode = json.JSONEncoder(ensure_ascii=False).encode
    count = 0
    for record in records:
        obj = {c: record.get(c) for c in columns}
        for column, convert in converters:
            obj[column] = convert(obj[column])
        fh.write(encode(obj) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict[str, Any]], columns: tuple[str, ...], fh: IO[str]) -> int:
    """Write records as CSV with a header row; return how many records.

    Text and numbers go to the csv module as they are (it writes None as an empty cell); only
    lists, JSON objects, timestamps and booleans are converted.
    """
    converted = [(i, kind_of(c)) for i, c in enumerate(columns) if kind_of(c) in _CSV_KINDS]
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for record in records:
        row = [record.get(c) for c in columns]
        for index, kind in converted:
            row[index] = csv_value(row[index], kind)
        writer.writerow(row)
        count += 1
    return count
