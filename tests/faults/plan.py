"""A seeded, bounded fault plan: which attempts at which path fail, and how."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

#: Every fault the server can inject (``slow-drip`` is slow but succeeds).
FAULT_KINDS = (
    "500",
    "502",
    "503",
    "429",
    "reset",
    "timeout",
    "truncated",
    "wrong-length",
    "slow-drip",
)
#: Faults a crawler must retry (every kind except the slow but complete ``slow-drip``).
RETRYABLE = frozenset(FAULT_KINDS) - {"slow-drip"}
#: Paths never faulted: robots.txt failures change crawl policy, not reliability.
NEVER_FAULTED = ("/robots.txt",)


@dataclass
class FaultPlan:
    """Decides, from a seed, the faults served for each path's first attempts.

    A faulted path fails on its first ``1..max_faults_per_path`` attempts (``rate`` of the paths
    are faulted) and succeeds afterwards, so a crawler with ``RETRY_TIMES >= max_faults_per_path``
    loses nothing. The plan is a pure function of (seed, path): reruns see the same faults.
    """

    seed: int = 0
    rate: float = 0.3
    kinds: tuple[str, ...] = FAULT_KINDS
    max_faults_per_path: int = 2
    retry_after_s: tuple[int, ...] = (1, 2)
    #: Whether a 503 also announces Retry-After (a 429 always does).
    retry_after_on_503: bool = False
    _cache: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def faults_for(self, path: str) -> tuple[str, ...]:
        """Return the faults served for the path's attempts 1, 2, ... (empty: never faulted)."""
        if path not in self._cache:
            self._cache[path] = self._draw(path)
        return self._cache[path]

    def _draw(self, path: str) -> tuple[str, ...]:
        """Return the seeded fault sequence of one path."""
        if path.split("?", 1)[0] in NEVER_FAULTED or not self.kinds:
            return ()
        rng = random.Random(f"{self.seed}:{path}")
        if rng.random() >= self.rate:
            return ()
        count = rng.randint(1, self.max_faults_per_path)
        return tuple(rng.choice(self.kinds) for _ in range(count))

    def fault(self, path: str, attempt: int) -> str | None:
        """Return the fault for the ``attempt``-th request of ``path`` (1-based), or None."""
        faults = self.faults_for(path)
        return faults[attempt - 1] if attempt <= len(faults) else None

    def retry_after(self, path: str, attempt: int) -> int:
        """Return the seeded Retry-After seconds a 429/503 of this attempt announces."""
        return random.Random(f"{self.seed}:{path}:{attempt}:ra").choice(self.retry_after_s)
