"""``-s NAME=VALUE`` overrides checked, before a crawl starts, against each setting's type.

A setting's type is its default's: Scrapy's defaults, then ``crawler/settings.py``'s (an int
default that Scrapy reads as a float or a bool is listed in :mod:`crawler.scrapy_compat`).
Each value is converted the way Scrapy's own getters will convert it, so a value that passes
here is one the crawl can use; settings whose default is None or a string take any value.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache
from typing import Any

from scrapy.settings import BaseSettings, Settings

from crawler.scrapy_compat import READ_AS_BOOL, READ_AS_FLOAT

BOOL, INT, FLOAT, LIST, INT_LIST, DICT = "bool", "int", "float", "list", "int-list", "dict"
#: What each kind of setting expects, as the error message says it.
EXPECTED = {
    BOOL: "a boolean (1/0, true/false)",
    INT: "an integer",
    FLOAT: "a number",
    LIST: "a comma-separated list",
    INT_LIST: "a comma-separated list of integers",
    DICT: "a JSON object",
}


class SettingValueError(ValueError):
    """An override whose value the setting cannot take; the message names both."""


@cache
def _defaults() -> Settings:
    """Return Scrapy's default settings with the project's on top."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    return settings


def setting_kind(name: str) -> str | None:
    """Return the kind of value setting ``name`` takes, or None when any string will do."""
    if name in READ_AS_BOOL:
        return BOOL
    default = _defaults().get(name)
    if isinstance(default, bool):
        return BOOL
    if isinstance(default, int):
        return FLOAT if name in READ_AS_FLOAT else INT
    if isinstance(default, float):
        return FLOAT
    if isinstance(default, list | tuple):
        numbers = bool(default) and all(isinstance(v, int) for v in default)
        return INT_LIST if numbers else LIST
    if isinstance(default, dict | BaseSettings):
        return DICT
    return None


def _converts(kind: str, value: Any) -> bool:
    """Return True when Scrapy's getter for ``kind`` accepts ``value``."""
    settings = BaseSettings({"X": value})
    try:
        if kind == BOOL:
            settings.getbool("X")
        elif kind == INT:
            settings.getint("X")
        elif kind == FLOAT:
            return math.isfinite(settings.getfloat("X"))
        elif kind == DICT:
            settings.getdict("X")
        elif kind == INT_LIST:
            [int(item) for item in settings.getlist("X")]
    except (TypeError, ValueError):
        return False
    return True


def check_override(name: str, value: Any) -> None:
    """Return when setting ``name`` can take ``value``; SettingValueError naming both otherwise."""
    kind = setting_kind(name)
    if kind is None or _converts(kind, value):
        return
    raise SettingValueError(f"setting {name}: expected {EXPECTED[kind]}, got {value!r}")


def check_overrides(overrides: Mapping[str, Any]) -> None:
    """Check every override (the first bad one raises SettingValueError)."""
    for name, value in overrides.items():
        check_override(name, value)
