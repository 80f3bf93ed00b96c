"""The crawler's own Scrapy signals (``crawler.signals.connect(handler, signal=...)``)."""

from __future__ import annotations

#: robots.txt of a host was fetched for the robots middleware, or failed. Arguments:
#: ``netloc`` (the host asked about), ``url``, ``status`` (None on failure), ``body`` (bytes or
#: None), ``error`` (str or None). The spider reads its ``Sitemap:`` lines from it, so
#: discovery never fetches a robots.txt twice.
robots_fetched = object()

#: The pipeline stored an article. Arguments: ``item`` (the PageItem), ``action`` (created,
#: updated, unchanged...). Endpoint health counts the articles each endpoint led to.
article_stored = object()
