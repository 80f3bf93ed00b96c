"""Run all outlets of a story in one process: one Scrapy crawler per outlet, one crawl run.

``newsarchive crawl`` calls :func:`run_crawl`. The settings are built by :func:`crawl_settings`
so another front end (a distributed worker, the scheduler) can add its own before the process
starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings

from archive import Archive
from crawler.config import Outlet, Story, load_outlets
from crawler.discovery.endpoints import NO_OUTLET, unowned_start_urls
from crawler.progress import CrawlProgress, outlet_counts
from crawler.runstats import fold_stats
from crawler.spiderloader import spider_class

#: Settings for a replayed crawl: there is no server to be polite to.
REPLAY_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "RETRY_ENABLED": False,
}


@dataclass
class CrawlSummary:
    """What one crawl did: its run id, status, per-outlet counts and errors."""

    run_id: int
    status: str
    outlets: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    interrupted: bool = False  # stopped by Ctrl-C or SIGTERM (Scrapy's "shutdown")


def crawl_settings(
    *,
    db_url: str,
    story: Story,
    outlets_path: str | Path | None,
    run_id: int,
    replay: str | Path | None = None,
    record: str | Path | None = None,
    overrides: dict[str, str] | None = None,
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
    overrides: dict[str, str] | None = None,
    live: bool | None = None,
    progress: CrawlProgress | None = None,
) -> CrawlSummary:
    """Crawl ``outlets`` for ``story`` in this process and return the summary (blocks)."""
    archive.ensure_story(
        story.key, story.title, story.published_after, story.published_before, story.rules()
    )
    run_id = archive.start_run("crawl", story.key, [o.key for o in outlets])
    _record_unowned(archive, run_id, story, [*outlets, *load_outlets(outlets_path)])
    settings = crawl_settings(
        db_url=archive.url, story=story, outlets_path=outlets_path, run_id=run_id,
        replay=replay, record=record, overrides=overrides,
    )  # fmt: skip
    progress = progress or CrawlProgress(live=live)
    if progress.live and "LOG_LEVEL" not in (overrides or {}):
        settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    process = CrawlerProcess(settings)
    crawlers: dict[str, Crawler] = {}
    for outlet in outlets:
        crawler = process.create_crawler(spider_class(outlet))
        crawlers[outlet.key] = crawler
        process.crawl(crawler, story=story)
    progress.watch(crawlers)
    process.start()
    progress.finish()
    summary = _summarize(run_id, crawlers)
    archive.finish_run(
        run_id, status=summary.status, stats=_flat_stats(crawlers), errors=summary.errors
    )
    return summary


def _record_unowned(archive: Archive, run_id: int, story: Story, outlets: list[Outlet]) -> None:
    """Record the story's start URLs that no outlet owns (they seed nothing)."""
    for url in unowned_start_urls(story, outlets):
        detail = "no outlet of the registry has this host among its domains"
        archive.record_rejection(
            run_id, url=url, outlet=None, story=story.key, reason=NO_OUTLET, detail=detail
        )


def _summarize(run_id: int, crawlers: dict[str, Crawler]) -> CrawlSummary:
    """Return the crawl summary from each crawler's statistics and spider errors."""
    summary = CrawlSummary(run_id=run_id, status="finished")
    for key, crawler in crawlers.items():
        stats = crawler.stats.get_stats() if crawler.stats else {}
        summary.outlets[key] = outlet_counts(stats)
        spider = getattr(crawler, "spider", None)
        summary.errors.extend(getattr(spider, "errors", []))
        reason = stats.get("finish_reason")  # None: stopped (Ctrl-C) before it had started
        if reason == "shutdown":
            summary.interrupted = True
        if reason != "finished":
            summary.status = "failed"
            why = f"finished with {reason}" if reason else "stopped before it started"
            summary.errors.append(f"{key}: {why}")
    return summary


def _flat_stats(crawlers: dict[str, Crawler]) -> dict[str, Any]:
    """Return run statistics: whole-run values plus ``<outlet>:<stat>`` entries (runstats)."""
    return fold_stats({k: c.stats.get_stats() if c.stats else {} for k, c in crawlers.items()})
