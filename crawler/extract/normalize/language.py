"""Language tags -> lower-case primary subtag ("en-US" -> "en")."""

from __future__ import annotations

import re

_LANG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")


def normalize_language(value: object) -> str | None:
    """Return the primary language subtag of a BCP 47 / locale value, or None."""
    if not isinstance(value, str):
        return None
    match = _LANG.match(value)
    if not match or match.group(1).lower() in {"und", "xx", "zxx"}:
        return None
    return match.group(1).lower()
