"""What a recorded run did, in the three numbers an operator asks for: stored, rejected, errors.

Read from the run rows alone (``crawl_runs.stats`` and ``errors``), so it works for any past
run: a crawl counts like its live summary (:func:`crawler.progress.outlet_counts`), a re-check
counts new versions as stored, and a scheduled job adds up the runs its subprocess recorded.
Scrapy's ``log_count/*`` are left out: every crawler of a process counts every log line of the
process, so one outlet's error shows on all of them. Errors are the failed candidates
(``fetch-error``, ...) or the run's recorded errors, whichever is more.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive import models
from archive.runs import RUN_COUNTS
from archive.runs import run_counts as recorded_counts
from crawler.progress import outlet_counts

#: Re-check outcomes that stored something (a new version, or an article back online).
RECHECK_STORED = ("changed", "returned")


@dataclass(frozen=True)
class RunCounts:
    """Articles stored, candidates rejected and errors of one run (or of several, added up)."""

    stored: int = 0
    rejected: int = 0
    errors: int = 0

    def __add__(self, other: RunCounts) -> RunCounts:
        return RunCounts(
            self.stored + other.stored, self.rejected + other.rejected, self.errors + other.errors
        )


def _own(name: str) -> bool:
    """Return False for Scrapy's process-wide log counters."""
    return not name.startswith("log_count/")


def totals(stats: Mapping[str, Any]) -> dict[str, Any]:
    """Return a crawl run's whole-run statistics (no ``<outlet>:<stat>``, no log counts)."""
    return {name: value for name, value in stats.items() if ":" not in name and _own(name)}


def outlet_stats(stats: Mapping[str, Any], outlet: str) -> dict[str, Any]:
    """Return one outlet's statistics of a crawl run (its ``<outlet>:<stat>``, no log counts)."""
    prefix = f"{outlet}:"
    return {
        name[len(prefix) :]: v
        for name, v in stats.items()
        if name.startswith(prefix) and _own(name[len(prefix) :])
    }


def run_counts(run: models.CrawlRun) -> RunCounts:
    """Return what one crawl or re-check run stored, rejected and got wrong.

    A run that recorded its counts (``archive.runs.RUN_COUNTS``: every crawl and re-check run
    since they count errors by reason) is read as recorded; older runs are counted here.
    """
    stats = dict(run.stats or {})
    if all(isinstance(stats.get(name), int) for name in RUN_COUNTS):
        return RunCounts(**recorded_counts(stats))
    recorded_errors = len(run.errors or [])
    if run.kind == "recrawl":
        stored = sum(int(stats.get(name, 0) or 0) for name in RECHECK_STORED)
        return RunCounts(stored, 0, max(int(stats.get("errors", 0) or 0), recorded_errors))
    counts = outlet_counts(totals(stats))
    return RunCounts(counts["stored"], counts["rejected"], max(counts["errors"], recorded_errors))


def child_run_ids(run: models.CrawlRun) -> list[int]:
    """Return the ids of the runs a scheduled job's subprocess recorded."""
    text = str((run.stats or {}).get("child_runs") or "")
    return [int(part) for part in text.split(",") if part.strip().isdigit()]


def scheduled_counts(session: Session, run: models.CrawlRun) -> RunCounts:
    """Return a scheduled job's counts: its own when it recorded them, else its children's."""
    stats = run.stats or {}
    if all(isinstance(stats.get(k), int) for k in ("stored", "rejected", "errors")):
        return RunCounts(stats["stored"], stats["rejected"], stats["errors"])
    children = child_run_ids(run)
    total = RunCounts()
    if children:
        rows = session.scalars(select(models.CrawlRun).where(models.CrawlRun.id.in_(children)))
        for child in rows:
            total = total + run_counts(child)
    if run.status not in ("finished", "running") and total.errors == 0:
        total = total + RunCounts(errors=max(1, len(run.errors or [])))
    return total
