"""Why a candidate was not archived: the reasons recorded, and which of them are errors.

A *rejection* is a judgement on a candidate (off-topic, out of the window, robots.txt,
offsite, too large, not an article); an *error* is a failure of the crawl itself (a fetch
that got no usable answer, a listing that could not be read, a page the code could not extract
or store, a callback that raised). Both are recorded as rejections; errors are also counted
by reason and listed with their URL on the crawl run.
"""

from __future__ import annotations

ROBOTS, OFFSITE, TOO_LARGE = "robots", "offsite", "too-large"
#: A fetched page that holds no article (or no article body).
NOT_ARTICLE = "not-article"
FETCH_ERROR, NOT_IN_CAPTURE = "fetch-error", "not-in-capture"
EXTRACT_ERROR, STORE_ERROR = "extract-error", "store-error"
#: A spider callback or errback that raised (Scrapy's ``spider_error`` signal).
SPIDER_ERROR = "spider-error"
#: A feed or sitemap that could not be parsed at all.
MALFORMED_LISTING = "malformed-listing"

#: Reasons that are failures of the crawl rather than judgements on a candidate.
ERROR_REASONS = frozenset(
    {FETCH_ERROR, NOT_IN_CAPTURE, MALFORMED_LISTING, EXTRACT_ERROR, STORE_ERROR, SPIDER_ERROR}
)
#: Errors where the site (or the capture) gave no usable answer at all.
NO_ANSWER = frozenset({FETCH_ERROR, NOT_IN_CAPTURE})


def is_error(reason: str | None) -> bool:
    """Return True when ``reason`` is a failure of the crawl, not a judgement on a candidate."""
    return reason in ERROR_REASONS
