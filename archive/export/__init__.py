"""Exports for researchers: JSONL, CSV and Parquet, streamed from the database.

See :func:`archive.export.writer.export` and the column conventions in
:mod:`archive.export.fields`.
"""

from __future__ import annotations

from archive.export.fields import TABLES
from archive.export.writer import FORMATS, ExportError, ExportResult, companion_path, export

__all__ = ["FORMATS", "TABLES", "ExportError", "ExportResult", "companion_path", "export"]
