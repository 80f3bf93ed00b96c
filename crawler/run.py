"""Run all outlets of a story in one process: one Scrapy crawler per outlet, one crawl run.

``newsarchive crawl`` calls :func:`run_crawl`; ``python -m crawler.run [crawl options]`` is the
same command. The settings are built by :func:`crawl_settings` so another front end (a
distributed worker, the scheduler) can add its own before the process starts.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.log import failure_to_exc_info

from archive import Archive
from crawler.config import Outlet, Story
from crawler.middlewares.warc import check_capture
from crawler.outcome import run_record, summary_line
from crawler.overrides import check_overrides
from crawler.progress import CrawlProgress
from crawler.spiderloader import spider_class

if TYPE_CHECKING:
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

#: Settings for a replayed crawl: there is no server to be polite to.
REPLAY_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "RETRY_ENABLED": False,
}


@dataclass
class CrawlSummary:
    """What one crawl did: its run id, status, per-outlet counts and errors, and why it failed."""

    run_id: int
    status: str
    outlets: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    reason: str | None = None

    @property
    def counts(self) -> dict[str, int]:
        """Return the totals over outlets: stored, rejected, errors."""
        return {
            column: sum(counts.get(column, 0) for counts in self.outlets.values())
            for column in ("stored", "rejected", "errors")
        }

    def line(self) -> str:
        """Return the run's result on one line (why, when it failed)."""
        return summary_line("crawl", self.run_id, self.status, self.counts, self.reason)


def crawl_settings(
    *,
    db_url: str,
    story: Story,
    outlets_path: str | Path | None,
    run_id: int,
    replay: str | Path | None = None,
    record: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
) -> Settings:
    """Return the Scrapy settings of a crawl: project settings, crawl facts, then overrides."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    if replay:
        settings.update(REPLAY_SETTINGS, priority="cmdline")
    facts = {
        "NEWSARCHIVE_DB": db_url,
        "NEWSARCHIVE_STORY": str(story.path or story.key),
        "NEWSARCHIVE_OUTLETS": str(outlets_path) if outlets_path else None,
        "NEWSARCHIVE_RUN_ID": run_id,
        "NEWSARCHIVE_WARC_REPLAY": str(replay) if replay else None,
        "NEWSARCHIVE_WARC_RECORD": str(record) if record else None,
    }
    settings.update(facts, priority="cmdline")
    settings.update(overrides or {}, priority="cmdline")
    return settings


def run_crawl(
    archive: Archive,
    story: Story,
    outlets: list[Outlet],
    *,
    outlets_path: str | Path | None = None,
    replay: str | Path | None = None,
    record: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
    live: bool | None = None,
) -> CrawlSummary:
    """Crawl ``outlets`` for ``story`` in this process and return the summary (blocks).

    A crawl that cannot start (a bad ``-s`` value, a replay file that is not a WARC) is
    recorded ``failed`` with the reason before any request is made.
    """
    archive.ensure_story(
        story.key, story.title, story.published_after, story.published_before, story.rules()
    )
    run_id = archive.start_run("crawl", story.key, [o.key for o in outlets])
    try:
        check_overrides(overrides or {})
        if replay:
            check_capture(replay)
    except ValueError as exc:
        return _refused(archive, run_id, str(exc))
    settings = crawl_settings(
        db_url=archive.url, story=story, outlets_path=outlets_path, run_id=run_id,
        replay=replay, record=record, overrides=overrides,
    )  # fmt: skip
    try:
        crawlers, not_started = _crawl(settings, story, outlets, live, overrides or {})
    except BaseException as exc:
        archive.finish_run(run_id, status="failed", stats={}, errors=[_stopped_by(exc)])
        raise
    result = run_record(_stats(crawlers), _errors(crawlers), not_started=not_started)
    archive.finish_run(run_id, status=result.status, stats=result.stats, errors=result.errors)
    return CrawlSummary(run_id, result.status, result.outlets, result.errors, result.reason)


def _crawl(
    settings: Settings, story: Story, outlets: list[Outlet], live: bool | None,
    overrides: dict[str, Any],
) -> tuple[dict[str, Crawler], dict[str, str]]:  # fmt: skip
    """Run one crawler per outlet until all are done; return them and those that never started."""
    progress = CrawlProgress(live=live)
    if progress.live and "LOG_LEVEL" not in overrides:
        settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    process = CrawlerProcess(settings)
    crawlers: dict[str, Crawler] = {}
    not_started: dict[str, str] = {}
    for outlet in outlets:
        crawler = process.create_crawler(spider_class(outlet))
        crawlers[outlet.key] = crawler
        done = process.crawl(crawler, story=story)
        done.addErrback(_note_start_failure, outlet.key, not_started)
    progress.watch(crawlers)
    process.start()
    progress.finish()
    return crawlers, not_started


def _stats(crawlers: dict[str, Crawler]) -> dict[str, dict[str, Any]]:
    """Return each outlet's crawl statistics."""
    return {key: c.stats.get_stats() if c.stats else {} for key, c in crawlers.items()}


def _errors(crawlers: dict[str, Crawler]) -> list[str]:
    """Return the errors every outlet's spider listed (URL, reason, detail)."""
    spiders = [getattr(crawler, "spider", None) for crawler in crawlers.values()]
    return [error for spider in spiders for error in getattr(spider, "errors", None) or []]


def _note_start_failure(failure: Failure, key: str, not_started: dict[str, str]) -> None:
    """Record (and log) why an outlet's crawler could not start or run."""
    why = f"could not start: {failure.type.__name__}: {failure.getErrorMessage()}"
    logger.error("%s: %s", key, why, exc_info=failure_to_exc_info(failure))
    not_started[key] = why[:500]


def _refused(archive: Archive, run_id: int, reason: str) -> CrawlSummary:
    """Record a crawl that could not start as failed, and return its summary."""
    archive.finish_run(run_id, status="failed", stats={"reason": reason}, errors=[reason])
    return CrawlSummary(run_id, "failed", errors=[reason], reason=reason)


def _stopped_by(exc: BaseException) -> str:
    """Return the error recorded for a crawl stopped by an exception (Ctrl-C included)."""
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted"
    return f"crawl stopped: {type(exc).__name__}: {exc}"


if __name__ == "__main__":
    from crawler.cli import main

    sys.argv[1:1] = ["crawl"]
    main()
