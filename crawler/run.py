"""Run all outlets of a story in one process: one Scrapy crawler per outlet, one crawl run.

``newsarchive crawl`` calls :func:`run_crawl`. The settings are built by :func:`crawl_settings`
so another front end (a distributed worker, the scheduler) can add its own before the process
starts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings

from archive import Archive
from crawler.config import Outlet, Story, load_outlets
from crawler.discovery.endpoints import NO_OUTLET, unowned_start_urls
from crawler.middlewares.warc import check_capture
from crawler.outcome import run_record
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
    """What one crawl did: its run id, status, per-outlet counts and errors, and why it failed.

    ``errors`` ends with the reason of a failed run (the commands print the last one).
    """

    run_id: int
    status: str
    outlets: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    reason: str | None = None
    interrupted: bool = False  # stopped by Ctrl-C or SIGTERM (Scrapy's "shutdown")


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
    progress: CrawlProgress | None = None,
) -> CrawlSummary:
    """Crawl ``outlets`` for ``story`` in this process and return the summary (blocks).

    A crawl that cannot start (a bad ``-s`` value, a replay file that is not a WARC) is
    recorded ``failed`` with the reason before any request is made.
    """
    archive.ensure_story(
        story.key, story.title, story.published_after, story.published_before, story.rules()
    )
    run_id = archive.start_run("crawl", story.key, [o.key for o in outlets])
    _record_unowned(archive, run_id, story, [*outlets, *load_outlets(outlets_path)])
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
        progress = progress or CrawlProgress(live=live)
        crawlers, not_started = _crawl(settings, story, outlets, progress, overrides or {})
    except BaseException as exc:
        archive.finish_run(run_id, status="failed", stats={}, errors=[_stopped_by(exc)])
        raise
    stats = _stats(crawlers)
    result = run_record(stats, _errors(crawlers), not_started=not_started)
    archive.finish_run(run_id, status=result.status, stats=result.stats, errors=result.errors)
    listed = [*result.errors[1:], result.reason] if result.reason else result.errors
    interrupted = any(s.get("finish_reason") == "shutdown" for s in stats.values())
    return CrawlSummary(run_id, result.status, result.outlets, listed, result.reason, interrupted)


def _crawl(
    settings: Settings, story: Story, outlets: list[Outlet], progress: CrawlProgress,
    overrides: dict[str, Any],
) -> tuple[dict[str, Crawler], dict[str, str]]:  # fmt: skip
    """Run one crawler per outlet until all are done; return them and those that never started."""
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


def _record_unowned(archive: Archive, run_id: int, story: Story, outlets: list[Outlet]) -> None:
    """Record the story's start URLs that no outlet owns (they seed nothing)."""
    for url in unowned_start_urls(story, outlets):
        detail = "no outlet of the registry has this host among its domains"
        archive.record_rejection(
            run_id, url=url, outlet=None, story=story.key, reason=NO_OUTLET, detail=detail
        )


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
    logger.error("%s: %s", key, why)
    logger.debug("%s: %s", key, failure.getTraceback())
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
