"""Scrapy settings for newsarchive: every crawl knob lives here (override: ``-s NAME=VALUE``)."""

from __future__ import annotations

from crawler import __version__

BOT_NAME = "newsarchive"
SPIDER_LOADER_CLASS = "crawler.spiderloader.OutletSpiderLoader"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# -- politeness ---------------------------------------------------------------------------------
USER_AGENT = f"newsarchive/{__version__} (+https://github.com/newsarchive/newsarchive)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RETRY_ENABLED = True
RETRY_TIMES = 2
DOWNLOAD_TIMEOUT = 30
#: Pages bigger than this are abandoned (recorded as "too-large"); news pages are < 5 MB.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"

# -- development cache (off by default: `-s HTTPCACHE_ENABLED=1`) ------------------------------
HTTPCACHE_ENABLED = False
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_EXPIRATION_SECS = 0
HTTPCACHE_IGNORE_HTTP_CODES = [500, 502, 503, 504]

# -- components -----------------------------------------------------------------------------------
REQUEST_FINGERPRINTER_CLASS = "crawler.fingerprint.CanonicalUrlFingerprinter"
DOWNLOADER_MIDDLEWARES = {
    # Ours refuses off-outlet and internal-address requests (redirects too) and records why;
    # Scrapy's offsite filter would drop them silently at scheduling time.
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "crawler.middlewares.safety.SafetyMiddleware": 40,
    "crawler.middlewares.safety.RedirectGuardMiddleware": 650,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.robots.RecordingRobotsTxtMiddleware": 100,
    # Next to the downloader: records raw bytes, replays before any network handler.
    "crawler.middlewares.warc.WarcMiddleware": 950,
}
#: HTTP(S) downloads wait for a host's 429/503 Retry-After time before going on the wire.
DOWNLOAD_HANDLERS = {
    "http": "crawler.middlewares.retry_after.RetryAfterDownloadHandler",
    "https": "crawler.middlewares.retry_after.RetryAfterDownloadHandler",
}
#: Judge each page against the story first, then store what is relevant and record the rest.
#: (The re-crawl spider replaces both with its own pipeline: ``RecrawlSpider.custom_settings``.)
ITEM_PIPELINES = {
    "crawler.pipelines.RelevancePipeline": 200,
    "crawler.pipelines.StorePipeline": 300,
}
#: Writes each endpoint's health row (status, entries, articles) when a spider closes.
EXTENSIONS = {"crawler.health.EndpointHealthExtension": 500}
#: Scrapy starts this many worker tasks for every callback's output. The archive pipelines are
#: synchronous and an article page yields one item, so Scrapy's default of 100 only cost CPU
#: (~1.3 ms per page in tests/benchmarks/bench_crawl.py) and bought no parallelism.
CONCURRENT_ITEMS = 8
#: Turns a crawl into one worker of a shared Redis frontier when NEWSARCHIVE_REDIS_URL is set
#: (`newsarchive crawl --redis URL`); does nothing otherwise.
ADDONS = {"crawler.distributed.DistributedCrawl": 0}

# -- newsarchive ----------------------------------------------------------------------------------
#: Database URL (else $NEWSARCHIVE_DB, else sqlite:///newsarchive.db).
NEWSARCHIVE_DB = None
#: Story file or key in crawler/stories/ (else the default story).
NEWSARCHIVE_STORY = None
#: Outlets registry file (else crawler/outlets.toml).
NEWSARCHIVE_OUTLETS = None
#: Crawl run id shared by all spiders of one `newsarchive crawl` (else each spider starts one).
NEWSARCHIVE_RUN_ID = None
#: How many result pages of an outlet's search (or listing) to follow, unless the outlet says.
NEWSARCHIVE_SEARCH_PAGES = 3
#: Write every response to this WARC file (`--record`).
NEWSARCHIVE_WARC_RECORD = None
#: Serve every request from this WARC file, no network (`--replay`).
NEWSARCHIVE_WARC_REPLAY = None
#: Internal hosts (loopback/private addresses) a crawl may contact besides outlets configured
#: on such an address; everything else non-public is refused ("private-address").
NEWSARCHIVE_PRIVATE_HOSTS: list[str] = []
#: Statuses whose Retry-After holds the host, and the longest wait honoured (seconds).
NEWSARCHIVE_RETRY_AFTER_STATUSES = [429, 503]
NEWSARCHIVE_RETRY_AFTER_MAX_S = 300.0
#: Most candidate links taken from one listing page (a page with 100k links is a trap).
NEWSARCHIVE_MAX_LINKS_PER_LISTING = 1000

# -- re-crawl (`newsarchive recrawl`) ----------------------------------------------------------
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

# -- distributed crawl (`--redis`; crawler/distributed/) ----------------------------------------
#: Redis URL of the shared frontier; unset means a single-process crawl.
NEWSARCHIVE_REDIS_URL = None
#: Name shared by the workers of one crawl (unset: "<story key>-<UTC date>").
NEWSARCHIVE_CRAWL_ID = None
#: How many workers crawl at once: each takes 1/N of every per-domain budget.
NEWSARCHIVE_WORKERS = 1
#: A worker silent this long has its in-flight requests handed back to the frontier.
NEWSARCHIVE_LEASE_S = 30.0
#: How often a worker renews its lease and reclaims lapsed workers' requests.
NEWSARCHIVE_HEARTBEAT_S = 5.0
#: How often an idle worker looks at the shared frontier (Scrapy's engine waits 5 s).
NEWSARCHIVE_POLL_S = 0.5
#: A finished crawl's keys expire after this: a worker started sooner sees it done and exits;
#: later, the same command (same default crawl id) starts a new crawl.
NEWSARCHIVE_REDIS_TTL_S = 600

# -- discovery of past coverage (design.md "Discovery of past coverage") -----------------------
#: Skip child sitemaps and article URLs whose URL carries a date outside the story window
#: (recorded as out-of-window rejections; 0 fetches them anyway, e.g. for the benchmark).
NEWSARCHIVE_DATE_PRUNING = True
#: Read robots.txt ``Sitemap:`` lines and home-page feed links of every outlet with
#: ``discover = true`` (the default); 0 switches discovery off for the whole crawl.
NEWSARCHIVE_DISCOVERY = True
#: Most URLs one templated config entry expands to (a ``{day}`` template over a long window);
#: the rest are recorded as too-many-endpoints rejections.
NEWSARCHIVE_MAX_TEMPLATE_URLS = 1000
#: Most robots.txt sitemaps one outlet adds to a crawl after date pruning (dated in-window first).
NEWSARCHIVE_MAX_ROBOTS_SITEMAPS = 50
#: Most home-page feed links one outlet adds to a crawl.
NEWSARCHIVE_MAX_HOME_FEEDS = 10
#: Web-archive indexes every outlet of the crawl is discovered through (`--archives`); each
#: one of "wayback", "commoncrawl". Validated; the index discovery itself is a later change.
NEWSARCHIVE_ARCHIVES: list[str] = []
#: Record per run and endpoint what it answered, listed and led to (`endpoint_health` table).
NEWSARCHIVE_ENDPOINT_HEALTH = True
