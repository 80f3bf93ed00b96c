"""Parquet writer: typed columns, UTC timestamps, written in row groups as records stream in."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from archive.export.fields import BOOL, FLOAT, INT, JSON, LIST, TIME, kind_of
from archive.query.extras import require

ROW_GROUP_SIZE = 5000


def _pyarrow() -> Any:
    """Return the pyarrow module, or raise MissingDependencyError saying what to install."""
    pyarrow = require("pyarrow", "parquet", "Parquet export")
    require("pyarrow.parquet", "parquet", "Parquet export")
    return pyarrow


def arrow_schema(columns: tuple[str, ...]) -> Any:
    """Return the pyarrow schema of a table with these columns."""
    pa = _pyarrow()
    types = {
        INT: pa.int64(),
        FLOAT: pa.float64(),
        LIST: pa.list_(pa.string()),
        TIME: pa.timestamp("us", tz="UTC"),
        BOOL: pa.bool_(),
    }
    return pa.schema([(c, types.get(kind_of(c), pa.string())) for c in columns])


def _prepared(records: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> Iterator[dict]:
    """Yield records with JSON columns serialised and lists never null."""
    json_cols = [c for c in columns if kind_of(c) == JSON]
    list_cols = [c for c in columns if kind_of(c) == LIST]
    for record in records:
        for c in json_cols:
            if record.get(c) is not None:
                record[c] = json.dumps(record[c], ensure_ascii=False, sort_keys=True)
        for c in list_cols:
            if record.get(c) is None:
                record[c] = []
        yield record


def record_batches(
    records: Iterable[dict[str, Any]], columns: tuple[str, ...], size: int = ROW_GROUP_SIZE
) -> Iterator[Any]:
    """Yield pyarrow RecordBatches of at most ``size`` records."""
    pa = _pyarrow()
    schema = arrow_schema(columns)
    rows = _prepared(records, columns)
    while chunk := list(islice(rows, size)):
        yield pa.RecordBatch.from_pylist(chunk, schema=schema)


def write_parquet(
    records: Iterable[dict[str, Any]], columns: tuple[str, ...], path: Path | str
) -> int:
    """Write records to a Parquet file one row group at a time; return how many."""
    pa = _pyarrow()
    count = 0
    with pa.parquet.ParquetWriter(str(path), arrow_schema(columns), compression="zstd") as writer:
        for batch in record_batches(records, columns):
            writer.write_batch(batch)
            count += batch.num_rows
    return count
