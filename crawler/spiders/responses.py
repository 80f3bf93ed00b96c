"""Facts of a fetched response that the outlet and re-crawl spiders both hand on."""

from __future__ import annotations

from typing import Any


def header(headers: Any, name: bytes) -> str | None:
    """Return a response header decoded (latin-1, as HTTP headers are), or None."""
    value = headers.get(name)
    return value.decode("latin-1") if value else None
