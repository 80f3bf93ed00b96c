"""The one error type for bad configuration files."""

from __future__ import annotations


class ConfigError(ValueError):
    """A story or outlets file is missing, unreadable or invalid; the message names file and key."""

    def __init__(self, path: object, message: str, *, where: str | None = None) -> None:
        self.path = str(path)
        self.where = where
        prefix = f"{self.path}: {where}: " if where else f"{self.path}: "
        super().__init__(prefix + message)
