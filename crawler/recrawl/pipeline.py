"""Record each re-check's answer in the archive and count the outcomes."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from archive.recheck import Outcome
from crawler.outcome import ERRORS_PREFIX, count_error
from crawler.pipelines.normalize import to_article
from crawler.reasons import FETCH_ERROR, STORE_ERROR
from crawler.recrawl.items import CheckResult
from crawler.spiders.items import PageItem

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

    from crawler.recrawl.spider import RecrawlSpider

logger = logging.getLogger(__name__)
#: Outcome counters kept in the run statistics, under ``newsarchive/recheck/``.
OUTCOMES = ("checked", "unchanged", "changed", "gone", "redirected", "returned", "errors")
STAT_PREFIX = "newsarchive/recheck/"


class RecheckPipeline:
    """Applies CheckResult items through the spider's ``Rechecker``."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Return the pipeline for ``crawler``."""
        return cls(crawler)

    @property
    def spider(self) -> RecrawlSpider:
        """Return the crawler's spider."""
        return self.crawler.spider  # type: ignore[return-value]

    def process_item(self, item: Any) -> Any:
        """Record one check; a failure to record is counted and logged, never fatal."""
        if not isinstance(item, CheckResult):
            return item
        self.stats.inc_value(STAT_PREFIX + "checked")
        try:
            outcomes = self.record(item)
        except Exception as exc:
            logger.exception("could not record the check of %s", item.due.url)
            self._count_error(item, STORE_ERROR, f"{type(exc).__name__}: {exc}")
            outcomes = ["error"]
        else:
            if item.kind == "error":
                self._count_error(item, item.reason or FETCH_ERROR, item.detail)
        for outcome in outcomes:
            name = "errors" if outcome == "error" else outcome
            self.stats.inc_value(STAT_PREFIX + name)
        return item

    def _count_error(self, item: CheckResult, reason: str, detail: str) -> None:
        """Count a failed check by reason, on the run and on the article's outlet."""
        detail = detail.removeprefix(f"{reason}: ")
        count_error(self.stats, self.spider.errors, item.due.url, reason, detail)
        outlet = item.due.outlet or "unknown"
        self.stats.inc_value(f"{outlet}:{ERRORS_PREFIX}{reason}")

    def record(self, item: CheckResult) -> list[Outcome]:
        """Write the check to the archive and return its outcomes."""
        rechecker, now, due = self.spider.rechecker, self.spider.clock(), item.due
        if item.kind == "not-modified":
            return rechecker.not_modified(
                due.id, now, http_status=item.http_status or 304, etag=item.etag,
                last_modified=item.last_modified,
            )  # fmt: skip
        if item.kind == "gone":
            return rechecker.gone(due.id, now, http_status=item.http_status or 410)
        if item.kind == "redirected":
            assert item.target is not None
            return rechecker.redirected(
                due.id, now, target=item.target, http_status=item.http_status or 301
            )
        if item.kind == "fetched":
            return rechecker.fetched(due, to_article(_page_item(item)), now)
        logger.info("check of %s failed: %s", due.url, item.detail)
        return rechecker.failed(due.id, now, detail=item.detail)


def _page_item(item: CheckResult) -> PageItem:
    """Return the page item the discovery pipeline's normalizer turns into an Article."""
    due = item.due
    return PageItem(
        url=due.url, outlet=due.outlet or "", story=due.story or "", channel="recrawl",
        fields=item.fields, http_status=item.http_status, etag=item.etag,
        last_modified=item.last_modified, capture_file=item.capture_file,
        capture_record_id=item.capture_record_id, fetched_at=item.fetched_at,
    )  # fmt: skip
