"""Judge each extracted page against the story and store it; record every rejection."""

from __future__ import annotations

import logging
import time
from functools import cache
from typing import TYPE_CHECKING, Any

from archive import Archive
from archive.dedup.urls import url_key
from crawler.pipelines.normalize import local_published, to_article
from crawler.relevance import NO_DATE
from crawler.signals import article_stored
from crawler.spiders.items import PageItem, Rejected

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

    from crawler.spiders.outlet import OutletSpider

logger = logging.getLogger(__name__)
STORE_ERROR = "store-error"
#: Rejections are written in batches: one transaction each on the reactor thread stalled
#: the crawl for seconds on a feed of thousands of off-topic entries.
REJECTION_BATCH = 200
REJECTION_FLUSH_S = 5.0


@cache
def shared_archive(db_url: str | None) -> Archive:
    """Return one Archive per database URL for the whole process (crawlers share it)."""
    return Archive(db_url)


class ArchivePipeline:
    """Stores relevant articles and records rejections; owns the run unless one is given."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.archive = shared_archive(settings.get("NEWSARCHIVE_DB") or None)
        self.run_id: int | None = settings.getint("NEWSARCHIVE_RUN_ID") or None
        self.owns_run = self.run_id is None
        self.pending_rejections: list[dict[str, str]] = []
        self.rejected_keys: set[tuple[str, str]] = set()  # (url key, reason) seen this run
        self.last_flush = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Return the pipeline for ``crawler``."""
        return cls(crawler)

    @property
    def spider(self) -> OutletSpider:
        """Return the crawler's spider."""
        return self.crawler.spider  # type: ignore[return-value]

    def open_spider(self) -> None:
        """Register story and outlet; start a run when the crawl did not start one."""
        spider = self.spider
        story, outlet = spider.story, spider.outlet
        self.archive.ensure_story(
            story.key, story.title, story.published_after, story.published_before, story.rules()
        )
        self.archive.ensure_outlet(outlet.key, outlet.name, list(outlet.domains))
        if self.owns_run:
            self.run_id = self.archive.start_run("crawl", story.key, [outlet.key])
        self.stats.set_value("newsarchive/run_id", self.run_id)

    def close_spider(self) -> None:
        """Finish the run this pipeline started, with the crawl's statistics."""
        spider = self.spider
        self.flush_rejections()
        if self.owns_run and self.run_id is not None:
            stats = self.stats.get_stats()
            status = (
                "finished" if stats.get("finish_reason", "finished") == "finished" else "failed"
            )
            self.archive.finish_run(self.run_id, status=status, stats=stats, errors=spider.errors)

    def process_item(self, item: Any) -> Any:
        """Store a page or record a rejection; a failure is counted, never fatal."""
        spider = self.spider
        try:
            if isinstance(item, Rejected):
                self._reject(item.url, item.outlet, item.story, item.reason, item.detail)
            elif isinstance(item, PageItem):
                self._store(item, spider)
        except Exception as exc:
            logger.exception("could not archive %s", getattr(item, "url", item))
            spider.errors.append(f"{getattr(item, 'url', '?')}: {type(exc).__name__}: {exc}")
            self.stats.inc_value("newsarchive/errors")
            self.stats.inc_value(f"newsarchive/rejected/{STORE_ERROR}")
        return item

    def _store(self, item: PageItem, spider: OutletSpider) -> None:
        """Judge the page against the story; store it or record why not."""
        article = to_article(item)
        judgement = spider.relevance.judge(
            article.title, article.description, article.body, local_published(article)
        )
        if NO_DATE in judgement.flags:
            self.stats.inc_value("newsarchive/flags/no-date")
        article.relevance = judgement.score
        article.matched_terms = judgement.matched_terms
        if not judgement.relevant:
            detail = f"matched: {', '.join(judgement.matched_terms) or 'nothing'}"
            if judgement.reason == "out-of-window":
                detail = f"published {article.date_published or article.published_at}"
            self._reject(item.url, item.outlet, item.story, judgement.reason or "", detail)
            return
        result = self.archive.store(article, run_id=self.run_id)
        self.stats.inc_value(f"newsarchive/stored/{result.action}")
        self.stats.inc_value(f"newsarchive/stored_by_channel/{item.channel}")
        self.crawler.signals.send_catch_log(signal=article_stored, item=item, action=result.action)

    def _reject(self, url: str, outlet: str, story: str, reason: str, detail: str) -> None:
        """Queue a rejection for the archive and count it (once per candidate and reason)."""
        key = (url_key(url), reason)
        if key in self.rejected_keys:
            return  # the same candidate again (through another channel or URL variant)
        self.rejected_keys.add(key)
        self.pending_rejections.append(
            {"url": url, "outlet": outlet, "story": story, "reason": reason, "detail": detail}
        )
        self.stats.inc_value(f"newsarchive/rejected/{reason}")
        overdue = time.monotonic() - self.last_flush > REJECTION_FLUSH_S
        if len(self.pending_rejections) >= REJECTION_BATCH or overdue:
            self.flush_rejections()

    def flush_rejections(self) -> None:
        """Write the queued rejections in one transaction."""
        pending, self.pending_rejections = self.pending_rejections, []
        self.last_flush = time.monotonic()
        if pending:
            self.archive.record_rejections(self.run_id, pending)
