"""Facts of a fetched response that the outlet and re-crawl spiders both hand on."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from crawler.middlewares.warc import META_FETCHED

if TYPE_CHECKING:
    from scrapy.http import Response


def header(headers: Any, name: bytes) -> str | None:
    """Return a response header decoded (latin-1, as HTTP headers are), or None."""
    value = headers.get(name)
    return value.decode("latin-1") if value else None


def captured_at(response: Response) -> datetime:
    """Return when the page was fetched: its WARC record's date on a replay (or a recording),
    else now (a live fetch). Extraction picks the outlet's page design of that time."""
    value = response.meta.get(META_FETCHED)
    if isinstance(value, str) and value.strip():
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            moment = None
        if moment is not None:
            return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return datetime.now(timezone.utc)
