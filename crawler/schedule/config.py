"""The scheduler's configuration: which stories to discover, how often, and the crawl timeouts.

A TOML file (``python scheduler.py --config FILE``); without one, the default story is
discovered and due articles are re-checked with the defaults below::

    [scheduler]
    recheck_every = "5m"          # how often to look for due articles
    crawl_timeout = "2h"          # a discovery crawl running longer is killed
    recheck_timeout = "1h"
    misfire_grace = "30m"         # a run missed by more than this (scheduler down) is skipped
    lock_lease = "2m"             # SQLite lock lease; renewed while the scheduler lives

    [[stories]]
    story = "kushner-memoir-kardashian"   # story file or key
    outlets = "crawler/outlets.toml"       # optional
    discovery = "7d=1h,30d=6h,90d=1d"      # story age (since published_after) = interval
    discovery_then = "1w"                  # beyond the last step ("never" stops discovery)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

from crawler.config import ConfigError, resolve_story
from crawler.config.validate import Checker, read_toml
from crawler.schedule.durations import Ladder, parse_duration, parse_ladder

SCHEDULER_KEYS = {
    "recheck_every",
    "crawl_timeout",
    "recheck_timeout",
    "misfire_grace",
    "lock_lease",
}
STORY_KEYS = {"story", "outlets", "discovery", "discovery_then"}
DEFAULT_DISCOVERY = "7d=1h,30d=6h,90d=1d"
DEFAULT_DISCOVERY_THEN = "1w"


@dataclass(frozen=True)
class StorySchedule:
    """One story's discovery schedule."""

    story: str  # file or key, as given
    key: str
    outlets: str | None = None
    started_at: datetime | None = None  # published_after, midnight UTC
    discovery: Ladder = field(default_factory=lambda: parse_ladder(DEFAULT_DISCOVERY))
    discovery_then: timedelta | None = field(default_factory=lambda: timedelta(weeks=1))

    @property
    def job_id(self) -> str:
        """Return the fixed id of this story's discovery job."""
        return f"discover:{self.key}"

    def interval(self, now: datetime) -> timedelta | None:
        """Return how often to discover at ``now`` (by story age), or None when it has stopped."""
        age_s = (now - (self.started_at or now)).total_seconds()
        for limit, interval in self.discovery:
            if age_s < limit.total_seconds():
                return interval
        return self.discovery_then


@dataclass(frozen=True)
class ScheduleConfig:
    """Everything the scheduler needs to know besides the database."""

    stories: tuple[StorySchedule, ...] = ()
    recheck_every: timedelta = timedelta(minutes=5)
    crawl_timeout: timedelta = timedelta(hours=2)
    recheck_timeout: timedelta = timedelta(hours=1)
    misfire_grace: timedelta = timedelta(minutes=30)
    lock_lease: timedelta = timedelta(minutes=2)


def _duration(check: Checker, key: str, default: timedelta | None) -> timedelta | None:
    """Return a duration value of the table, or ``default`` when absent."""
    value = check.table.get(key)
    if value is None:
        return default
    if value == "never":
        return None
    try:
        return parse_duration(value)
    except ValueError:
        raise check.fail(key, f"a duration like 90s, 15m, 3h, 7d or 2w, got {value!r}") from None


def _story_schedule(path: Path, table: dict[str, Any], index: int) -> StorySchedule:
    """Return one validated ``[[stories]]`` entry."""
    check = Checker(path, table, f"stories[{index}]")
    check.unknown(STORY_KEYS)
    spec = check.text("story", required=True) or ""
    story = resolve_story(spec)
    text = check.text("discovery", default=DEFAULT_DISCOVERY) or DEFAULT_DISCOVERY
    try:
        ladder = parse_ladder(text)
    except ValueError as exc:
        raise check.fail(
            "discovery", f"AGE=INTERVAL steps like {DEFAULT_DISCOVERY} ({exc})"
        ) from None
    started = story.published_after
    return StorySchedule(
        story=spec,
        key=story.key,
        outlets=check.text("outlets"),
        started_at=datetime.combine(started, time(), UTC) if started else None,
        discovery=ladder,
        discovery_then=_duration(check, "discovery_then", timedelta(weeks=1)),
    )


def default_config() -> ScheduleConfig:
    """Return the configuration used without a file: the default story, default timings."""
    story = resolve_story(None)
    started = story.published_after
    schedule = StorySchedule(
        story=story.key,
        key=story.key,
        started_at=datetime.combine(started, time(), UTC) if started else None,
    )
    return ScheduleConfig(stories=(schedule,))


def load_config(path: str | Path | None) -> ScheduleConfig:
    """Return the validated configuration in ``path`` (the default one when None)."""
    if path is None:
        return default_config()
    path = Path(path)
    document = read_toml(path)
    Checker(path, document, "top level").unknown({"scheduler", "stories"})
    check = Checker(path, document.get("scheduler", {}), "[scheduler]")
    check.unknown(SCHEDULER_KEYS)
    stories = document.get("stories", [])
    if not isinstance(stories, list) or not all(isinstance(s, dict) for s in stories):
        raise ConfigError(path, "key 'stories': expected [[stories]] tables")
    base = ScheduleConfig()
    values = {
        name: _duration(check, name, getattr(base, name)) or getattr(base, name)
        for name in SCHEDULER_KEYS
    }
    entries = tuple(_story_schedule(path, table, i) for i, table in enumerate(stories))
    return ScheduleConfig(stories=entries, **values)
