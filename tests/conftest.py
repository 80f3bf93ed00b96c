"""Shared pytest plugins: database fixtures, synthetic outlet sites, servers."""

from __future__ import annotations

import importlib.util

pytest_plugins = [
    name
    for name in ("tests.plugins.db", "tests.plugins.sites", "tests.plugins.servers")
    if importlib.util.find_spec(name) is not None
]
