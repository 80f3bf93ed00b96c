"""Run one re-check pass in this process: one crawl run row of kind ``recrawl`` with its counts."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings

from archive import Archive
from archive.schema import utc_iso
from crawler.outcome import ERRORS_PREFIX, errors_by_reason
from crawler.overrides import check_overrides
from crawler.reasons import NO_ANSWER
from crawler.recrawl.pipeline import OUTCOMES, STAT_PREFIX
from crawler.recrawl.spider import RecrawlSpider
from crawler.schedule.counts import RECHECK_STORED
from crawler.scrapy_compat import finish_reason

if TYPE_CHECKING:
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)
#: Scrapy statistics copied into the run row next to the outcome counts.
SCRAPY_STATS = ("elapsed_time_seconds", "downloader/request_count", "finish_reason")


@dataclass
class RecrawlSummary:
    """What one re-check pass did, and why it failed when it did."""

    run_id: int
    status: str
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    reason: str | None = None  # why it failed (also the last of ``errors``)
    interrupted: bool = False  # stopped by Ctrl-C or SIGTERM (Scrapy's "shutdown")

    @property
    def recorded_errors(self) -> list[str]:
        """Return the errors as the run row keeps them: the failure's reason first."""
        return [self.reason, *self.errors[:-1]] if self.reason else list(self.errors)


def recrawl_settings(
    *,
    db_url: str,
    run_id: int,
    include_all: bool = False,
    limit: int | None = None,
    now: datetime | None = None,
    overrides: dict[str, Any] | None = None,
) -> Settings:
    """Return the settings of a re-check pass: project settings, run facts, then overrides."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    facts: dict[str, Any] = {"NEWSARCHIVE_DB": db_url, "NEWSARCHIVE_RUN_ID": run_id}
    if include_all:
        facts["NEWSARCHIVE_RECRAWL_ALL"] = True
    if limit:
        facts["NEWSARCHIVE_RECRAWL_LIMIT"] = limit
    if now is not None:
        facts["NEWSARCHIVE_NOW"] = utc_iso(now)
    settings.update(facts, priority="cmdline")
    settings.update(overrides or {}, priority="cmdline")
    return settings


def run_recrawl(
    archive: Archive,
    *,
    include_all: bool = False,
    limit: int | None = None,
    now: datetime | None = None,
    overrides: dict[str, Any] | None = None,
) -> RecrawlSummary:
    """Re-check the due articles (or all) in this process and return the summary (blocks).

    A pass that cannot start (a bad ``-s`` value) or could reach none of the due articles is
    recorded ``failed`` with the reason.
    """
    run_id = archive.start_run("recrawl", None, [])
    try:
        check_overrides(overrides or {})
    except ValueError as exc:
        archive.finish_run(run_id, status="failed", stats={"reason": str(exc)}, errors=[str(exc)])
        return RecrawlSummary(run_id, "failed", errors=[str(exc)], reason=str(exc))
    settings = recrawl_settings(
        db_url=archive.url, run_id=run_id, include_all=include_all, limit=limit, now=now,
        overrides=overrides,
    )  # fmt: skip
    try:
        crawler, not_started = _crawl(settings)
    except BaseException as exc:
        stopped = f"recrawl stopped: {type(exc).__name__}: {exc}"
        archive.finish_run(run_id, status="failed", stats={}, errors=[stopped])
        raise
    stats = crawler.stats.get_stats() if crawler.stats else {}
    spider_errors = list(getattr(getattr(crawler, "spider", None), "errors", None) or [])
    summary = _summarize(run_id, stats, spider_errors, not_started)
    archive.finish_run(
        run_id, status=summary.status, stats=run_stats(stats, summary),
        errors=summary.recorded_errors,
    )  # fmt: skip
    return summary


def _crawl(settings: Settings) -> tuple[Crawler, list[str]]:
    """Run the re-crawl spider to the end; return its crawler and why it did not start, if so."""
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(RecrawlSpider)
    not_started: list[str] = []
    process.crawl(crawler).addErrback(_note_start_failure, not_started)
    process.start()
    return crawler, not_started


def _note_start_failure(failure: Failure, not_started: list[str]) -> None:
    """Record (and log) why the re-crawl could not start or run."""
    why = f"could not start: {failure.type.__name__}: {failure.getErrorMessage()}"[:500]
    logger.error("recrawl: %s", why)
    not_started.append(why)


def _summarize(
    run_id: int, stats: Mapping[str, Any], errors: list[str], not_started: list[str]
) -> RecrawlSummary:
    """Return the pass's summary: its counts, errors and whether it could work at all."""
    counts = {name: int(stats.get(STAT_PREFIX + name, 0)) for name in OUTCOMES}
    counts["due"] = int(stats.get(STAT_PREFIX + "due", 0))
    reason = not_started[0] if not_started else None
    closed = finish_reason(stats)
    if reason is None and closed != "finished":
        reason = f"finished with {closed}" if closed else "stopped before it started"
    if reason is None and _nothing_reached(counts, stats):
        by_reason = ", ".join(f"{r} {n}" for r, n in errors_by_reason(stats).items())
        reason = f"none of the {counts['checked']} articles checked could be reached ({by_reason})"
    status = "failed" if reason else "finished"
    listed = [*errors, reason] if reason else errors
    return RecrawlSummary(run_id, status, counts, listed, reason, interrupted=closed == "shutdown")


def _nothing_reached(counts: Mapping[str, int], stats: Mapping[str, Any]) -> bool:
    """Return True when every check was made and each got no answer from the site at all."""
    no_answer = sum(n for r, n in errors_by_reason(stats).items() if r in NO_ANSWER)
    return counts["checked"] > 0 and no_answer == counts["checked"]


def run_stats(stats: Mapping[str, Any], summary: RecrawlSummary) -> dict[str, Any]:
    """Return the run's statistics: the outcome counts, errors by reason and per outlet."""
    recorded: dict[str, Any] = dict(summary.counts)
    # The counts every run records (archive.runs.RUN_COUNTS): a new version, or an article
    # back online, is stored; a re-check rejects nothing.
    recorded["stored"] = sum(summary.counts.get(name, 0) for name in RECHECK_STORED)
    recorded["rejected"] = 0
    recorded.update({name: stats[name] for name in SCRAPY_STATS if name in stats})
    for name, value in stats.items():
        if name.startswith(ERRORS_PREFIX):
            recorded[name] = value
        elif f":{ERRORS_PREFIX}" in name:
            recorded[name] = value
            outlet = name.split(":", 1)[0]
            recorded[f"{outlet}:errors"] = recorded.get(f"{outlet}:errors", 0) + value
    if summary.reason:
        recorded["reason"] = summary.reason
    return recorded
