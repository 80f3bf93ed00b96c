"""Exporting the archive: the articles file plus optional companion tables, streamed.

Companions sit next to the main file and are named after it: ``coverage.csv`` gets
``coverage.versions.csv``, ``coverage.rejections.csv`` and ``coverage.clusters.csv``. Every file
is written to ``NAME.part`` first and renamed when complete, so an interrupted export never
leaves a file that looks whole.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine, Select

from archive.export.fields import TABLES
from archive.export.parquet import write_parquet
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


@contextmanager
def _text_target(path: Path | None) -> Iterator[IO[str]]:
    """Yield a UTF-8 text stream: stdout, or ``path.part`` renamed to ``path`` on success."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    part = path.with_name(path.name + ".part")
    with open(part, "w", encoding="utf-8", newline="") as fh:
        yield fh
    os.replace(part, path)


def _write_table(engine: Engine, stmt: Select[Any], table: str, fmt: str, path: Path | None) -> int:
    """Stream one table into one file (or stdout); return the row count."""
    columns = TABLES[table]
    rows = records.stream(engine, stmt)
    if fmt == "parquet":
        assert path is not None
        part = path.with_name(path.name + ".part")
        count = write_parquet(rows, columns, part)
        os.replace(part, path)
        return count
    writer = write_jsonl if fmt == "jsonl" else write_csv
    with _text_target(path) as fh:
        return writer(rows, columns, fh)


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
    if path is not None and not path.parent.is_dir():
        raise ExportError(f"cannot write {path}: directory {path.parent} does not exist")
    result = ExportResult()
    for table, stmt in stmts.items():
        target = companion_path(path, table) if path is not None else None
        count = _write_table(engine, stmt, table, fmt, target)
        result.files[table] = (str(target) if target else "-", count)
    return result
