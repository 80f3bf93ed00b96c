"""Configuration as data: the outlets registry and story files, validated on load."""

from __future__ import annotations

from crawler.config.errors import ConfigError
from crawler.config.outlets import (
    DEFAULT_OUTLETS_PATH,
    Outlet,
    default_outlets,
    load_outlets,
    outlet_for_url,
    resolve_outlet,
    select_outlets,
)
from crawler.config.stories import DEFAULT_STORY_KEY, STORIES_DIR, Story, load_story, resolve_story

__all__ = [
    "DEFAULT_OUTLETS_PATH",
    "DEFAULT_STORY_KEY",
    "STORIES_DIR",
    "ConfigError",
    "Outlet",
    "Story",
    "default_outlets",
    "load_outlets",
    "load_story",
    "outlet_for_url",
    "resolve_outlet",
    "resolve_story",
    "select_outlets",
]
