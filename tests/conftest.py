"""Shared pytest plugins: database fixtures, synthetic outlet sites, a prepared archive."""

from __future__ import annotations

pytest_plugins = [
    "tests.plugins.db",
    "tests.plugins.sites",
    "tests.plugins.prepared",
    "tests.plugins.research",
]
