"""The re-crawl spider: conditional requests for due articles, every answer handed on as a check."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import scrapy
from scrapy.http import Response, TextResponse

from archive import models
from archive.recheck import GONE_STATUSES, REDIRECT_STATUSES, DueArticle, Rechecker, is_move
from archive.schema import ensure_utc
from crawler.config.outlets import default_outlets, load_outlets, resolve_outlet
from crawler.extract import extract_article
from crawler.middlewares.warc import META_FETCHED, META_FILE, META_RECORD
from crawler.pipelines.store import shared_archive
from crawler.reasons import EXTRACT_ERROR, FETCH_ERROR, NOT_ARTICLE
from crawler.recrawl.items import CheckResult
from crawler.schedule.durations import parse_ladder
from crawler.spiders.failures import classify_failure
from crawler.spiders.responses import captured_at, header

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from twisted.python.failure import Failure

#: Statuses the spider sees itself instead of Scrapy's redirect and error handling.
HANDLED_STATUSES = sorted({304, *GONE_STATUSES, *REDIRECT_STATUSES})


def fixed_clock(value: str | None) -> Callable[[], datetime]:
    """Return a clock: always ``value`` (ISO 8601 with offset) when given, else the real time."""
    if not value:
        return models.utcnow
    moment = ensure_utc(datetime.fromisoformat(str(value).replace("Z", "+00:00")), field_name="now")
    return lambda: moment  # type: ignore[return-value]


class RecrawlSpider(scrapy.Spider):
    """Re-fetches the archive's due articles with If-None-Match / If-Modified-Since."""

    name = "recrawl"
    #: The re-crawl stores through its own pipeline, not the discovery crawl's.
    custom_settings: dict[str, Any] = {
        "ITEM_PIPELINES": {"crawler.recrawl.pipeline.RecheckPipeline": 300},
    }

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> RecrawlSpider:
        """Return the spider with its archive, clock and ladder from the settings."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.clock = fixed_clock(settings.get("NEWSARCHIVE_NOW"))
        archive = shared_archive(settings.get("NEWSARCHIVE_DB") or None)
        spider.rechecker = Rechecker(
            archive,
            ladder=parse_ladder(settings.get("NEWSARCHIVE_RECHECK_LADDER")),
            run_id=settings.getint("NEWSARCHIVE_RUN_ID") or None,
        )
        spider.include_all = settings.getbool("NEWSARCHIVE_RECRAWL_ALL")
        spider.limit = settings.getint("NEWSARCHIVE_RECRAWL_LIMIT") or None
        spider.max_hops = settings.getint("NEWSARCHIVE_RECRAWL_MAX_HOPS")
        outlets_path = settings.get("NEWSARCHIVE_OUTLETS")
        spider.outlets = tuple(load_outlets(outlets_path)) if outlets_path else default_outlets()
        spider.errors = []
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """Yield one conditional request per due article."""
        due = self.rechecker.due(self.clock(), include_all=self.include_all, limit=self.limit)
        self.crawler.stats.set_value("newsarchive/recheck/due", len(due))
        for article in due:
            yield self.check_request(article, article.url)

    def check_request(self, due: DueArticle, url: str, hops: int = 0) -> scrapy.Request:
        """Return the conditional request for ``due`` at ``url`` (redirects not followed)."""
        headers = {}
        if due.etag:
            headers["If-None-Match"] = due.etag
        if due.last_modified:
            headers["If-Modified-Since"] = due.last_modified
        meta = {
            "due": due,
            "hops": hops,
            "dont_redirect": True,
            "handle_httpstatus_list": HANDLED_STATUSES,
            "channel": "recrawl",
        }
        return scrapy.Request(
            url, headers=headers, meta=meta, callback=self.parse_check, errback=self.on_error,
            dont_filter=True,
        )  # fmt: skip

    def parse_check(self, response: Response) -> Iterator[CheckResult | scrapy.Request]:
        """Yield the check's answer (or the request following a same-article redirect)."""
        due: DueArticle = response.meta["due"]
        status = response.status
        if status == 304:
            yield self._result(response, "not-modified")
        elif status in GONE_STATUSES:
            yield self._result(response, "gone")
        elif status in REDIRECT_STATUSES:
            yield self._redirect(response, due)
        elif status == 200:
            yield self._fetched(response)
        else:
            yield self._result(response, "error", reason=FETCH_ERROR, detail=f"HTTP {status}")

    def _redirect(self, response: Response, due: DueArticle) -> CheckResult | scrapy.Request:
        """Return a move to another article, or the request following a URL-variant redirect."""
        location = response.headers.get(b"Location")
        if not location:
            return self._result(
                response, "error", reason=FETCH_ERROR, detail="redirect without Location"
            )
        target = urljoin(response.url, location.decode("latin-1"))
        if is_move(due, target):
            return self._result(response, "redirected", target=target)
        hops = response.meta.get("hops", 0)
        if hops >= self.max_hops:
            detail = f"more than {self.max_hops} redirects"
            return self._result(response, "error", reason=FETCH_ERROR, detail=detail)
        return self.check_request(due, target, hops + 1)

    def _fetched(self, response: Response) -> CheckResult:
        """Return the extracted page of a 200, or an error when it holds no article now."""
        if not isinstance(response, TextResponse):
            return self._result(response, "error", reason=NOT_ARTICLE, detail="not a text response")
        due: DueArticle = response.meta["due"]
        outlet = resolve_outlet(due.outlet, response.url, self.outlets)
        when = captured_at(response)
        try:
            fields = extract_article(response.body, response.url, outlet, captured_at=when)
        except Exception as exc:  # one broken page never stops the run
            detail = f"extraction failed: {exc!r}"[:500]
            return self._result(response, "error", reason=EXTRACT_ERROR, detail=detail)
        if not fields.get("body"):
            detail = "no article body on the page"
            return self._result(response, "error", reason=NOT_ARTICLE, detail=detail)
        return self._result(response, "fetched", fields=fields)

    def _result(self, response: Response, kind: str, **extra: Any) -> CheckResult:
        """Return the check result for ``response`` with its fetch facts."""
        meta, headers = response.meta, response.headers
        return CheckResult(
            due=meta["due"], kind=kind, http_status=response.status,  # type: ignore[arg-type]
            etag=header(headers, b"ETag"), last_modified=header(headers, b"Last-Modified"),
            capture_file=meta.get(META_FILE), capture_record_id=meta.get(META_RECORD),
            fetched_at=meta.get(META_FETCHED), **extra,
        )  # fmt: skip

    def on_error(self, failure: Failure) -> Iterator[CheckResult]:
        """Yield an error check for a request that failed (timeout, robots, HTTP 5xx...)."""
        request = failure.request
        reason, detail = classify_failure(failure)
        yield CheckResult(
            due=request.meta["due"], kind="error", reason=reason, detail=f"{reason}: {detail}"
        )
