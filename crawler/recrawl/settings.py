"""Re-crawl settings (on top of ``crawler.settings``; override with ``-s NAME=VALUE``)."""

from __future__ import annotations

#: The re-check ladder as AGE=INTERVAL steps (age since the last change; beyond the last: never).
NEWSARCHIVE_RECHECK_LADDER = "3h=15m,1d=1h,7d=3h,30d=3d,365d=30d"
#: Re-check every article, not only the due ones (`recrawl --all`).
NEWSARCHIVE_RECRAWL_ALL = False
#: Check at most this many due articles in one run (0: no limit).
NEWSARCHIVE_RECRAWL_LIMIT = 0
#: The clock, fixed for the whole run (ISO 8601 with offset); unset: the real time of each check.
NEWSARCHIVE_NOW = None
#: Same-article redirects (http->https, trailing slash...) followed at most this many times.
NEWSARCHIVE_RECRAWL_MAX_HOPS = 3
#: The re-crawl stores through its own pipeline, not the discovery crawl's.
ITEM_PIPELINES = {"crawler.recrawl.pipeline.RecheckPipeline": 300}
