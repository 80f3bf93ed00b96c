"""Redis key names of one distributed crawl: everything lives under ``newsarchive:<crawl id>``."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Characters allowed in a crawl id (it becomes part of Redis key names).
CRAWL_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")
KEY_ROOT = "newsarchive"


def check_crawl_id(crawl_id: str) -> str:
    """Return ``crawl_id`` unchanged; ValueError when it cannot be part of a Redis key."""
    if not CRAWL_ID_PATTERN.match(crawl_id):
        raise ValueError(
            f"crawl id {crawl_id!r}: expected letters, digits, '.', '_', ':' or '-' (max 200)"
        )
    return crawl_id


@dataclass(frozen=True)
class CrawlKeys:
    """The keys one spider (outlet) of a distributed crawl shares with its other workers."""

    crawl_id: str
    spider: str

    @property
    def prefix(self) -> str:
        """Return the common prefix of this spider's keys."""
        return f"{KEY_ROOT}:{self.crawl_id}:{self.spider}"

    @property
    def queue(self) -> str:
        """Return the frontier: a sorted set of serialized requests scored by -priority."""
        return f"{self.prefix}:requests"

    @property
    def dupefilter(self) -> str:
        """Return the set of request fingerprints seen by any worker."""
        return f"{self.prefix}:dupefilter"

    @property
    def workers(self) -> str:
        """Return the sorted set of worker ids scored by lease expiry (ms, Redis clock)."""
        return f"{self.prefix}:workers"

    @property
    def inflight_prefix(self) -> str:
        """Return the prefix of each worker's hash of leased (in-flight) requests."""
        return f"{self.prefix}:inflight:"

    def inflight(self, worker: str) -> str:
        """Return the hash of requests ``worker`` has taken from the frontier and not finished."""
        return f"{self.inflight_prefix}{worker}"

    @property
    def lease_counter(self) -> str:
        """Return the counter that makes lease ids unique."""
        return f"{self.prefix}:lease-counter"

    @property
    def seed_claim(self) -> str:
        """Return the key a worker sets (NX, with a lease) to become the one that seeds."""
        return f"{self.prefix}:seed-claim"

    @property
    def seeded(self) -> str:
        """Return the key set once every seed request is in the frontier."""
        return f"{self.prefix}:seeded"

    def all_keys(self) -> list[str]:
        """Return the fixed keys (not the per-worker in-flight hashes)."""
        return [
            self.queue, self.dupefilter, self.workers, self.lease_counter, self.seed_claim,
            self.seeded,
        ]  # fmt: skip
