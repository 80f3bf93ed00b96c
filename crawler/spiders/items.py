"""What spiders hand to the pipeline: an extracted page, or a candidate left out and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class PageItem:
    """An extracted article page with the facts of how it was found and fetched."""

    url: str
    outlet: str
    story: str
    channel: str
    fields: dict[str, Any] = field(default_factory=dict)  # extract_article() output
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    capture_file: str | None = None
    capture_record_id: str | None = None
    fetched_at: str | None = None
    endpoint: str | None = None  # the feed/sitemap/search endpoint it was found through


@dataclass
class Rejected:
    """A candidate or listing that was seen and not archived, with the reason."""

    url: str
    outlet: str
    story: str
    reason: str
    detail: str = ""
    channel: str | None = None
