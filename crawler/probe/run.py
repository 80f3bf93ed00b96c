"""Run the probe spiders in this process and turn their endpoint records into a report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings

from crawler.config import Outlet, Story
from crawler.health import HOME_KIND, ROBOTS_KIND, EndpointStats
from crawler.probe.spider import ProbeSpider
from crawler.run import REPLAY_SETTINGS

#: How the report names what an endpoint turned out to be (listing kind or declared kind).
KIND_NAMES = {
    "feed": "feed", "news-sitemap": "news sitemap", "sitemap-index": "sitemap index",
    "urlset": "urlset", ROBOTS_KIND: "robots.txt", HOME_KIND: "home page",
    "search": "search page", "start_url": "page", "sitemap": "sitemap",
}  # fmt: skip
#: Settings of a probe: no archive, no endpoint-health rows, quiet logs.
PROBE_SETTINGS = {
    "ITEM_PIPELINES": {},
    "NEWSARCHIVE_ENDPOINT_HEALTH": False,
    "LOG_LEVEL": "ERROR",
    "RETRY_TIMES": 1,
}


@dataclass(frozen=True)
class EndpointReport:
    """One endpoint as the probe found it."""

    outlet: str
    endpoint: str
    source: str
    kind: str
    status: str  # the HTTP status, or what went wrong
    entries: int
    oldest: date | None
    newest: date | None
    robots_allowed: bool
    reaches_window: str  # yes | no | unknown
    template: str | None = None


@dataclass
class OutletProbe:
    """One outlet's endpoints and what seeding and discovery left out."""

    outlet: str
    name: str
    endpoints: list[EndpointReport] = field(default_factory=list)
    dropped: list[dict[str, str]] = field(default_factory=list)


def probe_settings(
    story: Story, outlets_path: str | Path | None, replay: str | Path | None,
    overrides: dict[str, Any] | None,
) -> Settings:  # fmt: skip
    """Return the Scrapy settings of a probe: the crawl's, minus the archive, plus overrides."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    if replay:
        settings.update(REPLAY_SETTINGS, priority="cmdline")
    settings.update(PROBE_SETTINGS, priority="cmdline")
    facts = {
        "NEWSARCHIVE_STORY": str(story.path or story.key),
        "NEWSARCHIVE_OUTLETS": str(outlets_path) if outlets_path else None,
        "NEWSARCHIVE_WARC_REPLAY": str(replay) if replay else None,
    }
    settings.update(facts, priority="cmdline")
    settings.update(overrides or {}, priority="cmdline")
    return settings


def probe_spider_class(outlet: Outlet) -> type[ProbeSpider]:
    """Return a probe spider class for ``outlet``."""
    allowed = sorted({d.split(":")[0] for d in outlet.domains + outlet.sister_domains})
    attrs = {"name": f"probe-{outlet.key}", "outlet": outlet, "allowed_domains": allowed}
    return type(f"Probe{outlet.key.title().replace('-', '')}Spider", (ProbeSpider,), attrs)


def run_probe(
    story: Story,
    outlets: list[Outlet],
    *,
    outlets_path: str | Path | None = None,
    replay: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
) -> list[OutletProbe]:
    """Probe every endpoint of ``outlets`` for ``story`` (blocks); return the reports."""
    process = CrawlerProcess(probe_settings(story, outlets_path, replay, overrides))
    crawlers: dict[str, Crawler] = {}
    for outlet in outlets:
        crawler = process.create_crawler(probe_spider_class(outlet))
        crawlers[outlet.key] = crawler
        process.crawl(crawler, story=story)
    process.start()
    return [_report(o, crawlers[o.key].spider) for o in outlets]


def _report(outlet: Outlet, spider: Any) -> OutletProbe:
    """Return the outlet's probe report from its spider's endpoint records."""
    report = OutletProbe(outlet.key, outlet.name)
    if spider is None:
        return report
    for stats in spider.health.endpoints.values():
        report.endpoints.append(
            _endpoint(outlet.key, stats, stats.endpoint.url not in spider.blocked)
        )
    report.dropped = [
        {"endpoint": r.url, "source": r.channel or "", "reason": r.reason, "detail": r.detail}
        for r in spider.dropped
    ]
    return report


def _endpoint(outlet: str, stats: EndpointStats, allowed: bool) -> EndpointReport:
    """Return one endpoint's line of the report."""
    point = stats.endpoint
    kind = KIND_NAMES.get(stats.listing_kind or point.kind, stats.listing_kind or point.kind)
    if point.kind == "search" and stats.listing_kind == "html":
        kind = KIND_NAMES["search"]
    elif stats.listing_kind == "html":
        kind = KIND_NAMES["start_url"]
    if stats.error and not allowed:
        status = "robots.txt forbids"
    elif stats.error:
        status = f"{stats.http_status} {stats.error}" if stats.http_status else stats.error
    else:
        status = str(stats.http_status) if stats.http_status is not None else "not fetched"
    reach = stats.dates.reach if point.kind not in (ROBOTS_KIND, HOME_KIND) else ""
    return EndpointReport(
        outlet, point.url, point.source, kind, status, stats.entries, stats.dates.oldest,
        stats.dates.newest, allowed, reach, point.template,
    )  # fmt: skip
