"""Store the articles judged relevant; record every rejection (errors counted by reason).

The second item pipeline (``ITEM_PIPELINES``), after :mod:`crawler.pipelines.relevance`. It
stores each :class:`~crawler.pipelines.relevance.JudgedArticle`, records each
:class:`~crawler.spiders.items.Rejected` (in batches: see :meth:`StorePipeline.flush`) and
counts a rejection whose reason is an error under ``newsarchive/errors/`` with its URL in the
spider's ``errors``. Under ``scrapy crawl`` (no run id given) it starts and finishes a crawl
run of its own.
"""

from __future__ import annotations

import logging
import time
from functools import cache
from typing import TYPE_CHECKING, Any

from scrapy import signals

from archive import Archive
from archive.dedup.urls import url_key
from crawler.outcome import count_error, run_record
from crawler.pipelines.relevance import JudgedArticle
from crawler.reasons import STORE_ERROR, is_error
from crawler.signals import article_stored
from crawler.spiders.items import PageItem, Rejected

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

    from crawler.spiders.outlet import OutletSpider

logger = logging.getLogger(__name__)
__all__ = ["STORE_ERROR", "StorePipeline", "shared_archive"]
#: Rejections are written in batches: one transaction each on the reactor thread stalled
#: the crawl for seconds on a feed of thousands of off-topic entries.
REJECTION_BATCH = 200
REJECTION_FLUSH_S = 5.0
#: What a page that skipped the relevance pipeline is recorded as (a configuration error).
UNJUDGED = "page reached the store without a relevance judgement: enable RelevancePipeline"


@cache
def shared_archive(db_url: str | None) -> Archive:
    """Return one Archive per database URL for the whole process (crawlers share it)."""
    return Archive(db_url)


class StorePipeline:
    """Stores judged articles and records rejections; owns the run unless one is given."""

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
        pipeline = cls(crawler)
        if pipeline.owns_run:
            crawler.signals.connect(pipeline.finish_own_run, signal=signals.spider_closed)
        return pipeline

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
        """Write the rejections still buffered."""
        self.flush()

    def finish_own_run(self, spider: OutletSpider, reason: str) -> None:
        """Finish the run this pipeline started (``spider_closed``), judged as a crawl is."""
        if self.run_id is None:
            return
        record = run_record({spider.outlet.key: self.stats.get_stats()}, spider.errors, reason)
        self.archive.finish_run(
            self.run_id, status=record.status, stats=record.stats, errors=record.errors
        )

    def process_item(self, item: Any) -> Any:
        """Store an article or record a rejection; a failure is counted, never fatal."""
        try:
            if isinstance(item, Rejected):
                self._reject(item.url, item.outlet, item.story, item.reason, item.detail)
            elif isinstance(item, JudgedArticle):
                self._store(item)
            elif isinstance(item, PageItem):
                self._reject(item.url, item.outlet, item.story, STORE_ERROR, UNJUDGED)
        except Exception as exc:
            logger.exception("could not archive %s", _url(item))
            self.stats.inc_value("newsarchive/errors")
            outlet, story = _field(item, "outlet"), _field(item, "story")
            self._reject(_url(item), outlet, story, STORE_ERROR, f"{type(exc).__name__}: {exc}")
        return item

    def _store(self, item: JudgedArticle) -> None:
        """Store a relevant article and count how (created, new version, unchanged...)."""
        result = self.archive.store(item.article, run_id=self.run_id)
        self.stats.inc_value(f"newsarchive/stored/{result.action}")
        self.stats.inc_value(f"newsarchive/stored_by_channel/{item.channel}")
        self.crawler.signals.send_catch_log(
            signal=article_stored, item=item.page, action=result.action
        )

    def _reject(self, url: str, outlet: str, story: str, reason: str, detail: str) -> None:
        """Queue a rejection and count it, once per candidate and reason (errors by reason)."""
        key = (url_key(url), reason)
        if key in self.rejected_keys:
            return  # the same candidate again (through another channel or URL variant)
        self.rejected_keys.add(key)
        self.pending_rejections.append(
            {"url": url, "outlet": outlet, "story": story, "reason": reason, "detail": detail}
        )
        self.stats.inc_value(f"newsarchive/rejected/{reason}")
        if is_error(reason):
            count_error(self.stats, self.spider.errors, url, reason, detail)
        overdue = time.monotonic() - self.last_flush > REJECTION_FLUSH_S
        if len(self.pending_rejections) >= REJECTION_BATCH or overdue:
            self.flush()

    def flush(self) -> None:
        """Write the queued rejections in one transaction (see ``BufferingPipeline.flush``)."""
        pending, self.pending_rejections = self.pending_rejections, []
        self.last_flush = time.monotonic()
        if pending:
            self.archive.record_rejections(self.run_id, pending)


def _url(item: Any) -> str:
    """Return the URL an item is about ("?" when it has none)."""
    if isinstance(item, JudgedArticle):
        return item.article.url or "?"
    return str(getattr(item, "url", "?"))


def _field(item: Any, name: str) -> str:
    """Return an item's outlet or story key ("" when it has none)."""
    source = item.article if isinstance(item, JudgedArticle) else item
    return str(getattr(source, name, "") or "")
