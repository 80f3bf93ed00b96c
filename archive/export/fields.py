"""The exported tables, their columns and each column's kind, shared by every format.

Conventions (documented in docs/researchers.md):

* timestamps (``*_at``, ``captured_at``) are UTC: ISO 8601 with ``+00:00`` in JSONL and CSV,
  ``timestamp[us, tz=UTC]`` in Parquet; ``date_published``/``date_modified`` keep the page's own
  text with its original offset;
* lists (``authors``, ``tags``, ``matched_terms``) are JSON arrays in JSONL, Parquet
  ``list<string>``, and in CSV one cell with the items joined by ``"; "``;
* ``provenance`` (field -> extraction layer) is a JSON object in JSONL and JSON text elsewhere;
* empty values are ``null`` in JSONL and Parquet and an empty cell in CSV.
"""

from __future__ import annotations

from archive.query.records import (
    EXPORT_FIELDS,
    MEMBERSHIP_FIELDS,
    REJECTION_FIELDS,
    VERSION_FIELDS,
)

INT, FLOAT, TEXT, LIST, TIME, JSON, BOOL = "int", "float", "text", "list", "time", "json", "bool"

#: Column kind by name (columns not listed are text).
KINDS: dict[str, str] = {
    "id": INT,
    "article_id": INT,
    "version": INT,
    "run_id": INT,
    "word_count": INT,
    "cluster_id": INT,
    "duplicate_of": INT,
    "version_count": INT,
    "http_status": INT,
    "cluster_size": INT,
    "relevance": FLOAT,
    "authors": LIST,
    "tags": LIST,
    "matched_terms": LIST,
    "published_at": TIME,
    "modified_at": TIME,
    "first_seen_at": TIME,
    "last_checked_at": TIME,
    "captured_at": TIME,
    "seen_at": TIME,
    "provenance": JSON,
    "headlines": JSON,
    "links": LIST,
    "is_original": BOOL,
}

#: Exported tables: name -> columns. ``articles`` is the main file, the others are companions.
TABLES: dict[str, tuple[str, ...]] = {
    "articles": EXPORT_FIELDS,
    "versions": VERSION_FIELDS,
    "rejections": REJECTION_FIELDS,
    "clusters": MEMBERSHIP_FIELDS,
}


def kind_of(column: str) -> str:
    """Return the kind of a column (``text`` when not listed)."""
    return KINDS.get(column, TEXT)
