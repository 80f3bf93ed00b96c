"""The shared duplicate filter, keyed by the crawler's canonical-URL request fingerprint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.dupefilter import RFPDupeFilter

from crawler.distributed.keys import CrawlKeys

if TYPE_CHECKING:
    from typing import Self

    from redis import Redis
    from scrapy import Request, Spider
    from scrapy.utils.request import RequestFingerprinterProtocol


class CanonicalDupeFilter(RFPDupeFilter):
    """A Redis set of fingerprints from ``REQUEST_FINGERPRINTER_CLASS`` (URL variants are one)."""

    def __init__(
        self,
        server: Redis,
        key: str,
        fingerprinter: RequestFingerprinterProtocol,
        debug: bool = False,
    ) -> None:
        super().__init__(server, key=key, debug=debug)
        self.fingerprinter = fingerprinter

    @classmethod
    def from_spider(cls, spider: Spider) -> Self:
        """Return the filter of ``spider``'s outlet in the crawl named by the settings."""
        crawler = spider.crawler
        settings = crawler.settings
        keys = CrawlKeys(settings.get("NEWSARCHIVE_CRAWL_ID"), spider.name)
        return cls(
            get_redis_from_settings(settings), keys.dupefilter, crawler.request_fingerprinter,
            debug=settings.getbool("DUPEFILTER_DEBUG"),
        )  # fmt: skip

    def request_fingerprint(self, request: Request) -> str:
        """Return the hex fingerprint the crawler's fingerprinter gives ``request``."""
        return self.fingerprinter.fingerprint(request).hex()

    def close(self, reason: str = "") -> None:
        """Keep the shared fingerprints: other workers still filter against them."""
