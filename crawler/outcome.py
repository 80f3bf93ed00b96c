"""What a crawl did, outlet by outlet: counts, errors by reason, and whether it worked at all.

Errors (:mod:`crawler.reasons`) are counted by reason under ``newsarchive/errors/`` and listed
with their URL on the run, so ``newsarchive stats`` can show them.

A *discovery endpoint* is one of an outlet's configured (or templated, or declared) feeds,
sitemaps, search pages and start URLs, or its home page read for feed links (the endpoint
health of ``crawler/health.py`` tracks the same ones). An outlet none of whose endpoints
answered (and at least one failed) could not be crawled at all; a run where that is true of
every outlet is recorded ``failed``.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from archive.runs import ERRORS_BY_REASON_PREFIX, MAX_ERRORS_KEPT
from crawler.reasons import is_error
from crawler.runstats import fold_stats
from crawler.scrapy_compat import finish_reason, responses_received

if TYPE_CHECKING:
    from scrapy.statscollectors import StatsCollector

ERRORS_PREFIX = ERRORS_BY_REASON_PREFIX
ENDPOINTS_PREFIX = "newsarchive/endpoints/"
ENDPOINT_OK, ENDPOINT_FAILED, ENDPOINT_REFUSED = "ok", "failed", "refused"
#: request.meta key set once an endpoint's request has been counted.
ENDPOINT_COUNTED = "newsarchive_endpoint_counted"
#: The columns of the per-outlet counts (progress table, run summary, run statistics).
COLUMNS = ("pages", "stored", "rejected", "errors")


def count_error(
    stats: StatsCollector, errors: list[str], url: str, reason: str, detail: str = ""
) -> None:
    """Count an error under its reason and list it with its URL (the first few hundred)."""
    stats.inc_value(ERRORS_PREFIX + reason)
    if len(errors) < MAX_ERRORS_KEPT:
        errors.append(f"{url}: {reason}: {detail}" if detail else f"{url}: {reason}")


def count_endpoint(
    stats: StatsCollector, meta: MutableMapping[str, Any], reason: str | None, *, root: bool
) -> None:
    """Count how a discovery endpoint's own request ended (``reason`` None: it answered).

    ``root``: the request is the endpoint's own (not a child sitemap or a next page). Each
    request is counted once (a callback that raises after its listing was read stays "ok").
    """
    if not root or meta.get(ENDPOINT_COUNTED):
        return
    meta[ENDPOINT_COUNTED] = True
    if reason is None:
        outcome = ENDPOINT_OK
    else:
        outcome = ENDPOINT_FAILED if is_error(reason) else ENDPOINT_REFUSED
    stats.inc_value(ENDPOINTS_PREFIX + outcome)


def errors_by_reason(stats: Mapping[str, Any]) -> dict[str, int]:
    """Return the error counts by reason, largest first."""
    found = {
        name[len(ERRORS_PREFIX) :]: int(value)
        for name, value in stats.items()
        if name.startswith(ERRORS_PREFIX) and isinstance(value, int) and value
    }
    return dict(sorted(found.items(), key=lambda pair: (-pair[1], pair[0])))


def outlet_counts(stats: Mapping[str, Any]) -> dict[str, int]:
    """Return pages fetched, articles stored, candidates rejected and errors from crawl stats.

    Errors are the ``newsarchive/errors/<reason>`` counts; statistics recorded before errors
    were counted by reason have the rejections of an error reason instead (the same numbers).
    """
    counts = dict.fromkeys(COLUMNS, 0)
    counts["pages"] = responses_received(stats)
    counted, rejected_errors = 0, 0
    for name, value in stats.items():
        if not isinstance(value, int) or isinstance(value, bool):
            continue
        if name.startswith("newsarchive/stored/"):
            counts["stored"] += value
        elif name.startswith("newsarchive/rejected/"):
            if is_error(name.rsplit("/", 1)[-1]):
                rejected_errors += value
            else:
                counts["rejected"] += value
        elif name.startswith(ERRORS_PREFIX):
            counted += value
    has_counts = any(name.startswith(ERRORS_PREFIX) for name in stats)
    counts["errors"] = counted if has_counts else rejected_errors
    return counts


def endpoint_failure(stats: Mapping[str, Any]) -> str | None:
    """Return why the outlet could not be crawled at all, or None when an endpoint answered."""
    failed = int(stats.get(ENDPOINTS_PREFIX + ENDPOINT_FAILED, 0))
    if not failed or stats.get(ENDPOINTS_PREFIX + ENDPOINT_OK, 0):
        return None
    refused = int(stats.get(ENDPOINTS_PREFIX + ENDPOINT_REFUSED, 0))
    reasons = ", ".join(f"{reason} {n}" for reason, n in errors_by_reason(stats).items())
    return f"all {failed + refused} discovery endpoints failed ({reasons})"


def summary_line(
    kind: str, run_id: int, status: str, counts: Mapping[str, int], reason: str | None = None
) -> str:
    """Return a run's result on one line: ``crawl run 7 finished: 12 stored, 3 errors (...)``.

    A failed run says why instead of its counts.
    """
    if status != "finished" and reason:
        return f"{kind} run {run_id} {status}: {reason}"
    shown = ", ".join(f"{value} {name}" for name, value in counts.items())
    return f"{kind} run {run_id} {status}: {shown} (see newsarchive stats)"


@dataclass
class RunRecord:
    """A crawl run as it is recorded: status, statistics, errors and, when failed, why."""

    status: str
    stats: dict[str, Any]
    errors: list[str]
    reason: str | None = None
    outlets: dict[str, dict[str, int]] = field(default_factory=dict)
    #: Outlet key -> why it could not be crawled (its crawler did not start or finish, or
    #: none of its discovery endpoints answered).
    failed_outlets: dict[str, str] = field(default_factory=dict)


def _closed_early(stats: Mapping[str, Any], closed: str | None) -> str | None:
    """Return why an outlet's crawler stopped before the end, or None when it finished."""
    reason = closed or finish_reason(stats)
    if reason is None:  # it never closed: stopped (Ctrl-C) before it had started
        return "stopped before it started"
    return None if reason == "finished" else f"finished with {reason}"


def run_record(
    stats_by_outlet: Mapping[str, Mapping[str, Any]],
    errors: list[str],
    closed: Mapping[str, str] | str | None = None,
    not_started: Mapping[str, str] | None = None,
) -> RunRecord:
    """Return how a crawl of these outlets is recorded.

    The run fails when an outlet's crawler did not start (``not_started``: key -> why) or
    closed early (``closed``: its close reason, or one for all), or when no outlet could be
    crawled at all; an outlet that failed while others worked is listed among the errors.
    """
    record = RunRecord("finished", run_stats(stats_by_outlet), [])
    fatal: dict[str, str] = {}
    for key, stats in stats_by_outlet.items():
        shut = closed.get(key) if isinstance(closed, Mapping) else closed
        stopped = (not_started or {}).get(key) or _closed_early(stats, shut)
        failure = stopped or endpoint_failure(stats)
        record.outlets[key] = outlet_counts(stats)
        if stopped:
            fatal[key] = stopped
        if failure:
            record.failed_outlets[key] = failure
            record.stats[f"{key}:failure"] = failure
    failures = "; ".join(f"{key}: {why}" for key, why in record.failed_outlets.items())
    if fatal:
        record.reason = "; ".join(f"{key}: {why}" for key, why in fatal.items())
    elif stats_by_outlet and len(record.failed_outlets) == len(stats_by_outlet):
        record.reason = f"no outlet could be crawled: {failures}"
    if record.reason:
        record.status = "failed"
        record.stats["reason"] = record.reason
        record.errors = [record.reason, *errors]
    else:
        record.errors = [*(f"{k}: {f}" for k, f in record.failed_outlets.items()), *errors]
    return record


def run_stats(stats_by_outlet: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Return a run's statistics (:func:`crawler.runstats.fold_stats`) with its counts.

    The counts (:data:`COLUMNS`: pages, stored, rejected, errors) are written as totals and per
    outlet (``<outlet>:errors``), so readers of the run need not know the stat names.
    """
    flat = fold_stats(stats_by_outlet)
    flat.update(dict.fromkeys(COLUMNS, 0))
    for key, stats in stats_by_outlet.items():
        for column, value in outlet_counts(stats).items():
            flat[f"{key}:{column}"] = value
            flat[column] += value
    return flat
