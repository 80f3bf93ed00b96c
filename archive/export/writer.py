"""Exporting the archive: the articles file plus optional companion tables, streamed.

Companions sit next to the main file and are named after it: ``coverage.csv`` gets
``coverage.versions.csv``, ``coverage.rejections.csv`` and ``coverage.clusters.csv``. Every
regular file is written to ``NAME.part`` first and all of them are renamed once the last is
complete, so a failed or interrupted export leaves no file that looks whole; a FIFO, a device
or a symlink named by ``-o`` is written through or followed, never replaced (see
:mod:`archive.export.targets`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Select

from archive.export.fields import TABLES
from archive.export.parquet import write_parquet
from archive.export.targets import Target, TargetError, writing
from archive.export.textual import write_csv, write_jsonl
from archive.query import records
from archive.query.filters import ArticleFilter

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")


class ExportError(ValueError):
    """An export that cannot be written as asked (bad format, missing output file...)."""


@dataclass
class ExportResult:
    """What an export wrote: table name -> (path or "-" for stdout, row count)."""

    files: dict[str, tuple[str, int]] = field(default_factory=dict)

    def rows(self, table: str = "articles") -> int:
        """Return how many rows were written for ``table``."""
        return self.files[table][1]


def companion_path(path: Path, table: str) -> Path:
    """Return the path of a companion table next to the main export file."""
    if table == "articles":
        return path
    return path.with_name(f"{path.stem}.{table}{path.suffix}")


def _statements(
    filters: ArticleFilter, versions: bool, rejections: bool, clusters: bool
) -> dict[str, Select[Any]]:
    """Return the select of each table to write, the articles first."""
    stmts = {"articles": records.articles_stmt(filters)}
    if versions:
        stmts["versions"] = records.versions_stmt(filters)
    if rejections:
        stmts["rejections"] = records.rejections_stmt(filters.story)
    if clusters:
        stmts["clusters"] = records.membership_stmt(filters)
    return stmts


def _write_table(engine: Engine, stmt: Select[Any], table: str, fmt: str, target: Target) -> int:
    """Stream one table into its target; return the row count (TargetError when it fails)."""
    columns = TABLES[table]
    rows = records.stream(engine, stmt)
    try:
        if fmt == "parquet":
            return write_parquet(rows, columns, target.write_path)
        writer = write_jsonl if fmt == "jsonl" else write_csv
        with target.open("w") as fh:
            return writer(rows, columns, fh)
    except OSError as exc:  # disk full, /dev/full, a FIFO whose reader left, ...
        raise target.failed(exc) from None


def _write_stdout(engine: Engine, stmt: Select[Any], fmt: str) -> int:
    """Stream the articles to standard output; return the row count."""
    writer = write_jsonl if fmt == "jsonl" else write_csv
    count = writer(records.stream(engine, stmt), TABLES["articles"], sys.stdout)
    sys.stdout.flush()
    return count


def export(
    engine: Engine,
    fmt: str,
    output: Path | str | None = None,
    *,
    filters: ArticleFilter | None = None,
    versions: bool = False,
    rejections: bool = False,
    clusters: bool = False,
) -> ExportResult:
    """Export articles (and the asked-for companion tables) in ``fmt``; return what was written.

    ``output`` None or "-" writes the articles to stdout (JSONL and CSV only, no companions).
    """
    if fmt not in FORMATS:
        raise ExportError(f"export format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    path = None if output in (None, "-") else Path(output)
    stmts = _statements(filters or ArticleFilter(), versions, rejections, clusters)
    if path is None and fmt == "parquet":
        raise ExportError("Parquet is binary: give an output file with -o FILE.parquet")
    if path is None and len(stmts) > 1:
        companions = ", ".join(t for t in stmts if t != "articles")
        raise ExportError(f"{companions} go to files next to the main one: give -o FILE")
    result = ExportResult()
    if path is None:
        result.files["articles"] = ("-", _write_stdout(engine, stmts["articles"], fmt))
        return result
    try:
        if len(stmts) > 1 and Target(path).through:
            raise TargetError(f"companion tables are named after -o FILE: {path} is not a file")
        with writing([companion_path(path, table) for table in stmts]) as targets:
            for (table, stmt), target in zip(stmts.items(), targets, strict=True):
                count = _write_table(engine, stmt, table, fmt, target)
                result.files[table] = (str(target.path), count)
    except TargetError as exc:
        raise ExportError(str(exc)) from None
    return result
