"""The re-check ladder: intervals by age since the last change, configurable, then never."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from archive.ladder import check_interval, next_check_at
from crawler.schedule.durations import format_duration, parse_duration, parse_ladder

T0 = datetime(2022, 8, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    ("age", "interval_s"),
    [
        (timedelta(0), 15 * 60),
        (timedelta(hours=2, minutes=59), 15 * 60),
        (timedelta(hours=3), 3600),
        (timedelta(hours=23), 3600),
        (timedelta(days=2), 3 * 3600),  # .seconds would be 0 here; total_seconds is not
        (timedelta(days=10), 3 * 86400),
        (timedelta(days=200), 30 * 86400),
    ],
)
def test_default_ladder_steps(age: timedelta, interval_s: int) -> None:
    interval = check_interval(age)
    assert interval is not None and interval.total_seconds() == interval_s
    assert (next_check_at(T0 - age, T0) - T0).total_seconds() == interval_s


def test_after_a_year_never() -> None:
    assert next_check_at(T0 - timedelta(days=366), T0) is None


def test_ladder_from_settings_text() -> None:
    ladder = parse_ladder("1h=5m, 2d=6h")
    assert check_interval(timedelta(minutes=30), ladder) == timedelta(minutes=5)
    assert check_interval(timedelta(days=1), ladder) == timedelta(hours=6)
    assert check_interval(timedelta(days=3), ladder) is None
    assert [format_duration(a) for a, _ in ladder] == ["1h", "2d"]


@pytest.mark.parametrize("bad", ["", "1h", "2d=1h,1d=1h", "1x=5m", "1h=soon"])
def test_bad_ladder_text_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="expected"):
        parse_ladder(bad)


def test_durations() -> None:
    assert parse_duration("90s").total_seconds() == 90
    assert parse_duration("2w") == timedelta(days=14)
    assert parse_duration(30) == timedelta(seconds=30)
