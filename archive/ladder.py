"""The re-check ladder: how soon to look at an article again, by time since it last changed.

In the spirit of NewsDiffs: fresh articles change most, so they are checked often; old ones
rarely, and after a year never. The steps are a setting (``DEFAULT_LADDER``) that callers may
replace.
"""

from __future__ import annotations

from datetime import datetime, timedelta

#: (age since the last change is below this, check again after this interval)
DEFAULT_LADDER: tuple[tuple[timedelta, timedelta], ...] = (
    (timedelta(hours=3), timedelta(minutes=15)),
    (timedelta(days=1), timedelta(hours=1)),
    (timedelta(days=7), timedelta(hours=3)),
    (timedelta(days=30), timedelta(days=3)),
    (timedelta(days=365), timedelta(days=30)),
)


def check_interval(
    age: timedelta, ladder: tuple[tuple[timedelta, timedelta], ...] = DEFAULT_LADDER
) -> timedelta | None:
    """Return the interval to wait before the next check, or None when checks have ended."""
    age_s = age.total_seconds()
    for limit, interval in ladder:
        if age_s < limit.total_seconds():
            return interval
    return None


def next_check_at(
    last_changed_at: datetime,
    now: datetime,
    ladder: tuple[tuple[timedelta, timedelta], ...] = DEFAULT_LADDER,
) -> datetime | None:
    """Return when the article is next due (aware UTC), or None when it is no longer checked."""
    interval = check_interval(now - last_changed_at, ladder)
    return None if interval is None else now + interval
