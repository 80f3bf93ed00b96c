"""Durations written as text in settings and config (``90s``, ``15m``, ``3h``, ``7d``, ``2w``)."""

from __future__ import annotations

import re
from datetime import timedelta

_DURATION = re.compile(r"^\s*(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>s|m|h|d|w)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
Ladder = tuple[tuple[timedelta, timedelta], ...]


def parse_duration(text: str | int | float) -> timedelta:
    """Return the timedelta for ``15m``-style text (a bare number is seconds); ValueError if bad."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        if text < 0:
            raise ValueError(f"a duration cannot be negative, got {text!r}")
        return timedelta(seconds=text)
    match = _DURATION.match(str(text))
    if match is None:
        raise ValueError(f"expected a duration like 90s, 15m, 3h, 7d or 2w, got {text!r}")
    seconds = float(match["amount"]) * _UNIT_SECONDS[match["unit"].lower()]
    return timedelta(seconds=seconds)


def parse_ladder(text: str) -> Ladder:
    """Return a ladder from ``AGE=INTERVAL,...`` text (``3h=15m,1d=1h``), ages increasing."""
    steps = []
    for part in (p for p in text.split(",") if p.strip()):
        age, sep, interval = part.partition("=")
        if not sep:
            raise ValueError(f"expected AGE=INTERVAL steps like 3h=15m, got {part.strip()!r}")
        steps.append((parse_duration(age), parse_duration(interval)))
    ages = [age.total_seconds() for age, _ in steps]
    if not steps or ages != sorted(ages) or len(set(ages)) != len(ages):
        raise ValueError(f"expected at least one step with increasing ages, got {text!r}")
    return tuple(steps)


def format_duration(value: timedelta) -> str:
    """Return a short text form of a duration (the largest unit that divides it)."""
    seconds = int(value.total_seconds())
    for unit in ("w", "d", "h", "m"):
        size = _UNIT_SECONDS[unit]
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"
