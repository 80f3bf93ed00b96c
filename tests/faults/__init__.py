"""Fault-injecting HTTP server and synthetic site for reliability tests (all synthetic, local)."""

from __future__ import annotations

from tests.faults.plan import FAULT_KINDS, RETRYABLE, FaultPlan
from tests.faults.server import AccessEntry, FaultServer
from tests.faults.site import STORY_TOML, SyntheticSite

__all__ = [
    "FAULT_KINDS",
    "RETRYABLE",
    "AccessEntry",
    "FaultPlan",
    "FaultServer",
    "STORY_TOML",
    "SyntheticSite",
]
