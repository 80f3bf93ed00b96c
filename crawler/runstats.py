"""A crawl run's statistics: each outlet's Scrapy stats, plus whole-run values folded from them.

The run row keeps ``<outlet>:<stat>`` for every outlet and one whole-run value per stat. Only
counters add up over outlets. The outlets run in one process, side by side, so a peak
(``memusage/max``, ``request_depth_max``, any ``*_max``) is the largest outlet's, the run starts
with the first outlet and finishes with the last, its elapsed time is the span between, and the
per-minute rates are recomputed over that span. The run id is the run's, not a sum.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

#: Stats that are the same value for every outlet of the run.
SHARED_STATS = frozenset({"newsarchive/run_id"})
#: Peaks and process-wide readings: the run's value is the largest.
_PEAK = re.compile(r"(^|[/_])max([/_]|$)|^memusage/")
#: Rates recomputed over the run's span: rate name -> the counter it divides.
RATES = {
    "responses_per_minute": "response_received_count",
    "items_per_minute": "item_scraped_count",
}
ELAPSED = "elapsed_time_seconds"


def _number(value: Any) -> bool:
    """Return True for an int or float that is not a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _fold(name: str, values: list[Any]) -> Any:
    """Return the whole-run value of one stat from its per-outlet values."""
    if name == "start_time":
        return min(values)
    if name == "finish_time" or _PEAK.search(name):
        return max(values)
    if name in SHARED_STATS:
        return values[0]
    return sum(values)


def _foldable(name: str, value: Any) -> bool:
    """Return True for a stat that has a whole-run value (numbers, start and finish times)."""
    if name in RATES or name == ELAPSED:
        return False  # recomputed from the span
    return _number(value) or (name in ("start_time", "finish_time") and isinstance(value, datetime))


def _span(flat: dict[str, Any], per_outlet: Mapping[str, Mapping[str, Any]]) -> None:
    """Set the run's elapsed time and per-minute rates from its first start to its last finish."""
    start, finish = flat.get("start_time"), flat.get("finish_time")
    if isinstance(start, datetime) and isinstance(finish, datetime):
        elapsed = (finish - start).total_seconds()
    else:
        elapsed = max(
            (s[ELAPSED] for s in per_outlet.values() if _number(s.get(ELAPSED))), default=0
        )
    if not elapsed:
        return
    flat[ELAPSED] = elapsed
    for rate, counter in RATES.items():
        if any(rate in s for s in per_outlet.values()):
            flat[rate] = round(flat.get(counter, 0) / (elapsed / 60), 1)


def fold_stats(per_outlet: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Return run statistics: ``<outlet>:<stat>`` entries plus whole-run values (see above)."""
    flat: dict[str, Any] = {}
    gathered: dict[str, list[Any]] = {}
    for outlet, stats in per_outlet.items():
        for name, value in stats.items():
            flat[f"{outlet}:{name}"] = value
            if _foldable(name, value):
                gathered.setdefault(name, []).append(value)
    for name, values in gathered.items():
        flat[name] = _fold(name, values)
    _span(flat, per_outlet)
    return flat
