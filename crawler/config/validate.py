"""Shared checks for TOML config files: every error names the file, the entry and the key."""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.config.errors import ConfigError
from crawler.config.templates import PLACEHOLDERS, unknown_placeholders

_KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
#: Placeholders as a config error lists them.
_KNOWN = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)


def read_toml(path: Path) -> dict[str, Any]:
    """Return the parsed TOML document at ``path``; raise ConfigError when unreadable."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(path, "file not found") from None
    except OSError as exc:
        raise ConfigError(path, f"cannot read file ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"not valid TOML ({exc})") from None


class Checker:
    """Validates one table of a config file; errors name the file, the entry and the key."""

    def __init__(self, path: Path, table: dict[str, Any], where: str) -> None:
        self.path, self.table, self.where = path, table, where

    def fail(self, key: str, expected: str) -> ConfigError:
        """Return a ConfigError saying what ``key`` should have been."""
        return ConfigError(self.path, f"key {key!r}: expected {expected}", where=self.where)

    def unknown(self, allowed: set[str]) -> None:
        """Raise when the table has keys outside ``allowed``."""
        extra = sorted(set(self.table) - allowed)
        if extra:
            raise ConfigError(
                self.path,
                f"unknown key {extra[0]!r} (expected one of: {', '.join(sorted(allowed))})",
                where=self.where,
            )

    def text(self, key: str, *, required: bool = False, default: str | None = None) -> str | None:
        """Return a non-empty string value."""
        value = self.table.get(key)
        if value is None:
            if required:
                raise self.fail(key, "a non-empty string (missing)")
            return default
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"a non-empty string, got {value!r}")
        return value.strip()

    def ident(self, key: str) -> str:
        """Return a required identifier (lower-case letters, digits, ``-`` and ``_``)."""
        value = self.text(key, required=True)
        assert value is not None
        if not _KEY_PATTERN.match(value):
            raise self.fail(key, f"lower-case letters, digits, '-' or '_', got {value!r}")
        return value

    def strings(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        """Return a list of non-empty strings as a tuple."""
        value = self.table.get(key)
        if value is None:
            if required:
                raise self.fail(key, "a non-empty list of strings (missing)")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, f"a list of non-empty strings, got {value!r}")
        if required and not value:
            raise self.fail(key, "a non-empty list of strings")
        return tuple(v.strip() for v in value)

    def urls(self, key: str, *, placeholder: str | None = None) -> tuple[str, ...]:
        """Return absolute http(s) URLs or URL templates, each containing ``placeholder`` if given.

        An entry may hold the date and query placeholders of :mod:`crawler.config.templates`;
        anything else in braces is an error naming the key and the offending placeholder.
        """
        values = self.strings(key)
        for url in values:
            self._check_url(key, url)
            if placeholder and placeholder not in url:
                raise self.fail(key, f"URLs containing {placeholder}, got {url!r}")
        return values

    def url(self, key: str) -> str | None:
        """Return an optional single absolute http(s) URL without placeholders."""
        value = self.table.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or "{" in value:
            raise self.fail(key, f"one absolute http(s) URL without placeholders, got {value!r}")
        self._check_url(key, value.strip())
        return value.strip()

    def _check_url(self, key: str, url: str) -> None:
        """Raise unless ``url`` is an absolute http(s) URL whose placeholders are known."""
        unknown = unknown_placeholders(url)
        if unknown:
            raise self.fail(key, f"placeholders among {_KNOWN}, got {unknown[0]} in {url!r}")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
            raise self.fail(key, f"absolute http(s) URLs, got {url!r}")
        if "{" in parts.netloc:
            raise self.fail(key, f"placeholders in the path or query only, got {url!r}")

    def boolean(self, key: str, *, default: bool) -> bool:
        """Return an optional true/false value."""
        value = self.table.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(key, f"true or false, got {value!r}")
        return value

    def choices(self, key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        """Return an optional list of distinct strings, each one of ``allowed``."""
        values = self.strings(key)
        bad = [v for v in values if v not in allowed]
        if bad:
            raise self.fail(key, f"a list of {', '.join(map(repr, allowed))}, got {bad[0]!r}")
        return tuple(dict.fromkeys(values))

    def integer(self, key: str, *, minimum: int = 0) -> int | None:
        """Return an optional integer no smaller than ``minimum``."""
        value = self.table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(key, f"an integer >= {minimum}, got {value!r}")
        return value

    def day(self, key: str) -> date | None:
        """Return an optional TOML date (``2022-07-20``)."""
        value = self.table.get(key)
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(key, f"a date like 2022-07-20, got {value!r}")

    def subtable(self, key: str) -> dict[str, Any]:
        """Return an optional sub-table (``{}`` when absent)."""
        value = self.table.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(key, f"a table, got {value!r}")
        return value
