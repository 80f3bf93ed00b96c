"""The shared frontier's atomic operations: leased pops, releases, heartbeats and the seed claim.

Each operation is one Lua script, so it is atomic in Redis. The invariant every worker relies
on: a request is always either in the frontier (a sorted set) or leased to exactly one worker
(in that worker's in-flight hash) until the worker has finished it, children included. A worker
whose heartbeat lapses (killed, frozen, cut off) loses its leases to the frontier, so another
worker fetches those requests again: delivery is at-least-once, never at-most-once.

Times come from the Redis server clock (``TIME``), so machines need not agree on the time.
Plain Redis only: this module knows nothing about Scrapy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crawler.distributed.keys import CrawlKeys

if TYPE_CHECKING:
    from redis import Redis

SEEDING, PENDING, BUSY, DONE = "seeding", "pending", "busy", "done"
CLAIMED, SEEDED, WAIT = "claimed", "seeded", "wait"

_HELPERS = """
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function requeue(queue, hash)
  local entries = redis.call('HGETALL', hash)
  for i = 1, #entries, 2 do
    local field = entries[i]
    local score = tonumber(string.sub(field, 1, string.find(field, '|', 1, true) - 1))
    redis.call('ZADD', queue, score, entries[i + 1])
  end
  redis.call('DEL', hash)
  return #entries / 2
end
"""

# KEYS: queue, inflight, lease counter, workers; ARGV: worker, lease_ms
_POP = (
    _HELPERS
    + """
local item = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #item == 0 then return false end
redis.call('ZREM', KEYS[1], item[1])
local field = item[2] .. '|' .. redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], field, item[1])
redis.call('ZADD', KEYS[4], now_ms() + tonumber(ARGV[2]), ARGV[1])
return {field, item[1]}
"""
)

# KEYS: inflight, workers; ARGV: lease id, worker, lease_ms (finishing work renews the lease)
_RELEASE = (
    _HELPERS
    + """
local released = redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], now_ms() + tonumber(ARGV[3]), ARGV[2])
return released
"""
)

# KEYS: workers, seed claim; ARGV: worker, lease_ms
_HEARTBEAT = (
    _HELPERS
    + """
local now = now_ms()
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
return redis.call('ZCOUNT', KEYS[1], now, '+inf')
"""
)

# KEYS: workers, queue; ARGV: in-flight prefix. Returns {worker, moved, ...} (moved > 0 only).
_RECLAIM = (
    _HELPERS
    + """
local moved = {}
for _, w in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now_ms())) do
  local n = requeue(KEYS[2], ARGV[1] .. w)
  redis.call('ZREM', KEYS[1], w)
  if n > 0 then
    moved[#moved + 1] = w
    moved[#moved + 1] = n
  end
end
return moved
"""
)

# KEYS: workers, queue, seeded, then keys to expire when done; ARGV: in-flight prefix, ttl_s.
# Read-only until done: a lapsed worker's leases count as busy until reclaim() hands them back.
_STATE = """
if redis.call('EXISTS', KEYS[3]) == 0 then return 'seeding' end
if redis.call('ZCARD', KEYS[2]) > 0 then return 'pending' end
for _, w in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if redis.call('HLEN', ARGV[1] .. w) > 0 then return 'busy' end
end
for i = 1, #KEYS do redis.call('EXPIRE', KEYS[i], ARGV[2]) end
return 'done'
"""

# KEYS: seed claim, seeded; ARGV: worker, lease_ms
_CLAIM = """
if redis.call('EXISTS', KEYS[2]) == 1 then return 'seeded' end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 'claimed' end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 'claimed'
end
return 'wait'
"""

# KEYS: seed claim, seeded; ARGV: worker
_MARK_SEEDED = """
redis.call('SET', KEYS[2], ARGV[1])
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
"""

# KEYS: workers, queue; ARGV: in-flight prefix, worker
_LEAVE = (
    _HELPERS
    + """
local moved = requeue(KEYS[2], ARGV[1] .. ARGV[2])
redis.call('ZREM', KEYS[1], ARGV[2])
return moved
"""
)


def _text(value: bytes | str) -> str:
    """Return a Redis reply as text."""
    return value.decode() if isinstance(value, bytes) else value


class Frontier:
    """One worker's handle on one spider's shared frontier, leases and seed claim."""

    def __init__(
        self, server: Redis, keys: CrawlKeys, worker: str, *, lease_s: float, ttl_s: int
    ) -> None:
        self.server = server
        self.keys = keys
        self.worker = worker
        self.lease_ms = max(1, int(lease_s * 1000))
        self.ttl_s = ttl_s
        self._scripts = {
            name: server.register_script(source)
            for name, source in (
                ("pop", _POP), ("release", _RELEASE), ("heartbeat", _HEARTBEAT),
                ("reclaim", _RECLAIM), ("state", _STATE), ("claim", _CLAIM),
                ("mark_seeded", _MARK_SEEDED), ("leave", _LEAVE),
            )
        }  # fmt: skip

    @property
    def inflight_key(self) -> str:
        """Return this worker's hash of leased requests."""
        return self.keys.inflight(self.worker)

    def pop(self) -> tuple[str, bytes] | None:
        """Return (lease id, serialized request) of the best-priority request, or None."""
        keys = self.keys
        reply = self._scripts["pop"](
            keys=[keys.queue, self.inflight_key, keys.lease_counter, keys.workers],
            args=[self.worker, self.lease_ms],
        )
        if not reply:
            return None
        return _text(reply[0]), reply[1]

    def release(self, lease_id: str) -> bool:
        """Return True when the lease was still held (and is now released); renew the worker."""
        reply = self._scripts["release"](
            keys=[self.inflight_key, self.keys.workers],
            args=[lease_id, self.worker, self.lease_ms],
        )
        return bool(reply)

    def leased(self) -> int:
        """Return how many requests this worker holds."""
        return int(self.server.hlen(self.inflight_key))

    def heartbeat(self) -> int:
        """Renew this worker's lease (and its seed claim); return the number of live workers."""
        keys = self.keys
        return int(
            self._scripts["heartbeat"](
                keys=[keys.workers, keys.seed_claim], args=[self.worker, self.lease_ms]
            )
        )

    def reclaim(self) -> dict[str, int]:
        """Return {lapsed worker: requests of its leases handed back to the frontier}.

        The only operation that takes leases from another worker, so its caller can report
        every hand-back (the coordinator logs and counts each one).
        """
        keys = self.keys
        reply = self._scripts["reclaim"](
            keys=[keys.workers, keys.queue], args=[keys.inflight_prefix]
        )
        return {_text(reply[i]): int(reply[i + 1]) for i in range(0, len(reply), 2)}

    def state(self) -> str:
        """Return the shared crawl's state: seeding, pending, busy (leases held) or done.

        Leases of a lapsed worker still count as busy: the crawl is only done once
        :meth:`reclaim` has handed them back and someone has finished them.
        """
        keys = self.keys
        reply = self._scripts["state"](
            keys=[keys.workers, keys.queue, keys.seeded, keys.dupefilter, keys.lease_counter],
            args=[keys.inflight_prefix, self.ttl_s],
        )
        return _text(reply)

    def claim_seeding(self) -> str:
        """Return ``claimed`` (this worker seeds), ``seeded`` (done already) or ``wait``."""
        keys = self.keys
        reply = self._scripts["claim"](
            keys=[keys.seed_claim, keys.seeded], args=[self.worker, self.lease_ms]
        )
        return _text(reply)

    def mark_seeded(self) -> None:
        """Record that every seed request is in the frontier."""
        keys = self.keys
        self._scripts["mark_seeded"](keys=[keys.seed_claim, keys.seeded], args=[self.worker])

    def leave(self) -> int:
        """Give this worker's leased requests back to the frontier; return how many."""
        keys = self.keys
        return int(
            self._scripts["leave"](
                keys=[keys.workers, keys.queue], args=[keys.inflight_prefix, self.worker]
            )
        )

    def clear(self) -> None:
        """Delete every key of this spider's crawl (tests, or starting a crawl id afresh)."""
        keys = self.keys
        stale = list(self.server.scan_iter(match=f"{keys.inflight_prefix}*"))
        self.server.delete(*keys.all_keys(), *stale)
