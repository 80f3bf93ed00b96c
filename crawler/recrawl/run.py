"""Run one re-check pass in this process: one crawl run row of kind ``recrawl`` with its counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from archive import Archive
from archive.schema import utc_iso
from crawler.recrawl.pipeline import OUTCOMES, STAT_PREFIX
from crawler.recrawl.spider import RecrawlSpider

#: Scrapy statistics copied into the run row next to the outcome counts.
SCRAPY_STATS = ("elapsed_time_seconds", "downloader/request_count", "finish_reason")


@dataclass
class RecrawlSummary:
    """What one re-check pass did."""

    run_id: int
    status: str
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    interrupted: bool = False  # stopped by Ctrl-C or SIGTERM (Scrapy's "shutdown")


def recrawl_settings(
    *,
    db_url: str,
    run_id: int,
    include_all: bool = False,
    limit: int | None = None,
    now: datetime | None = None,
    overrides: dict[str, str] | None = None,
) -> Settings:
    """Return the settings of a re-check pass: crawl, re-crawl, run facts, then overrides."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.setmodule("crawler.recrawl.settings", priority="project")
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
    overrides: dict[str, str] | None = None,
) -> RecrawlSummary:
    """Re-check the due articles (or all) in this process and return the summary (blocks)."""
    run_id = archive.start_run("recrawl", None, [])
    settings = recrawl_settings(
        db_url=archive.url, run_id=run_id, include_all=include_all, limit=limit, now=now,
        overrides=overrides,
    )  # fmt: skip
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(RecrawlSpider)
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    spider = getattr(crawler, "spider", None)
    summary = RecrawlSummary(
        run_id=run_id,
        status="finished" if stats.get("finish_reason", "finished") == "finished" else "failed",
        counts={name: int(stats.get(STAT_PREFIX + name, 0)) for name in OUTCOMES},
        errors=list(getattr(spider, "errors", [])),
        interrupted=stats.get("finish_reason") == "shutdown",
    )
    summary.counts["due"] = int(stats.get(STAT_PREFIX + "due", 0))
    if summary.status != "finished":
        summary.errors.append(f"finished with {stats.get('finish_reason')}")
    run_stats: dict[str, Any] = dict(summary.counts)
    run_stats.update({name: stats[name] for name in SCRAPY_STATS if name in stats})
    archive.finish_run(run_id, status=summary.status, stats=run_stats, errors=summary.errors)
    return summary
