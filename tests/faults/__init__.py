"""Reliability-test fixtures: a synthetic site served with faults, crawls run in a subprocess.

The fault-injecting server itself is ``tests/mockserver`` (``FaultPlan``).
"""

from __future__ import annotations

from tests.faults.site import STORY_TOML, SyntheticSite, serve

__all__ = ["STORY_TOML", "SyntheticSite", "serve"]
