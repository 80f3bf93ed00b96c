"""Request fingerprints from canonical URLs: URL variants of one article are fetched once."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from scrapy.utils.request import RequestFingerprinter

from archive.dedup.urls import url_key

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler


class CanonicalUrlFingerprinter:
    """Fingerprint GET requests by ``url_key`` (the canonical URL); others as Scrapy does."""

    def __init__(self, crawler: Crawler | None = None) -> None:
        self._fallback = RequestFingerprinter(crawler)
        self._cache: WeakKeyDictionary[Request, bytes] = WeakKeyDictionary()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Return a fingerprinter for ``crawler``."""
        return cls(crawler)

    def fingerprint(self, request: Request) -> bytes:
        """Return the 20-byte fingerprint of ``request``."""
        cached = self._cache.get(request)
        if cached is not None:
            return cached
        if request.method == "GET" and not request.body:
            value = hashlib.sha1(url_key(request.url).encode("ascii")).digest()  # noqa: S324
        else:
            value = self._fallback.fingerprint(request)
        self._cache[request] = value
        return value
