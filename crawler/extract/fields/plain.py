"""The fields taken as the first usable value in trust order: canonical URL, description,
section, tags, language and image. Each converter returns a clean value, or a falsy one."""

from __future__ import annotations

from typing import Any

from crawler.extract.normalize.text import html_to_text

#: A page keeps at most this many tags.
MAX_TAGS = 30


def tags(value: Any) -> list[str]:
    """Return a clean, de-duplicated tag list from a string or list."""
    values = [value] if isinstance(value, str) else value or []
    parts = (p for v in values if isinstance(v, (str, int)) for p in str(v).split(","))
    found = [" ".join(p.split()) for p in parts]
    return list(dict.fromkeys(t for t in found if t))[:MAX_TAGS]


def plain(value: Any) -> str | None:
    """Return a one-line string with markup and entities removed, or None."""
    if not isinstance(value, str):
        return None
    return " ".join(html_to_text(value).split()) or None
