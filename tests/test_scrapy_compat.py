"""Each Scrapy internal ``crawler/scrapy_compat.py`` relies on, checked on the installed release.

A failure here means the installed Scrapy (or scrapy-redis) changed an internal the crawler
uses: fix the hook in ``crawler/scrapy_compat.py`` and widen the pin in ``pyproject.toml``
only once this file passes. The hooks that need a running engine are exercised by one small
real crawl in a subprocess (``tests/fixtures/scrapy_compat/probe.py``: ``data:`` URLs and a
closed port on 127.0.0.1, no network).
"""

from __future__ import annotations

import gzip
import inspect
import json
import os
import re
import socket
import subprocess
import sys
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest
import scrapy
from packaging.specifiers import SpecifierSet
from packaging.version import Version
from scrapy import Request, Spider
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Headers, HtmlResponse, Response, XmlResponse
from scrapy.robotstxt import ProtegoRobotParser
from scrapy.settings import Settings
from scrapy.utils.misc import load_object
from scrapy.utils.test import get_crawler
from scrapy_redis.queue import PriorityQueue

from crawler import scrapy_compat
from crawler.middlewares.robots import RecordingRobotsTxtMiddleware, RobotsBlocked
from crawler.overrides import BOOL, FLOAT, INT, setting_kind
from crawler.spiderloader import OutletSpiderLoader

ROOT = Path(__file__).resolve().parent.parent
PROBE_TIMEOUT_S = 120
#: How long the idle engine may take to notice a request queued behind its back: the probe
#: sets the poll to 0.1 s; Scrapy's own heartbeat would take 5 s.
IDLE_NOTICE_S = 2.0


def _closed_port() -> int:
    """Return a port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def probe() -> dict:
    """Run the probe crawl once in a subprocess and return what it saw."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "tests.fixtures.scrapy_compat.probe", str(_closed_port())],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=PROBE_TIMEOUT_S, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_installed_scrapy_is_the_tested_release_and_the_pin_says_so() -> None:
    assert Version(scrapy.__version__) in SpecifierSet(scrapy_compat.TESTED_SCRAPY)
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    pins = [d for d in pyproject["project"]["dependencies"] if re.match(r"scrapy\b", d)]
    assert [SpecifierSet(pin.removeprefix("scrapy")) for pin in pins] == [
        SpecifierSet(scrapy_compat.TESTED_SCRAPY)
    ]


# -- hooks on a running engine (the probe crawl) -------------------------------------------------


def test_request_finished_fires_once_per_request_after_its_items_and_children(
    probe: dict,
) -> None:
    finished = {entry["request"]: entry for entry in probe["finished"]}
    assert sorted(finished) == ["child", "late", "page", "refused"]  # once each
    for name, entry in finished.items():
        assert name in entry["items_seen"], name  # its item went through the pipelines first
    assert finished["page"]["enqueued"] >= 3  # its child request was scheduled before


def test_failed_requests_finish_too(probe: dict) -> None:
    refused = next(e for e in probe["finished"] if e["request"] == "refused")
    assert "refused" in refused["items_seen"]  # the errback's item, through the pipelines


def test_idle_poll_interval_makes_the_idle_engine_look_sooner(probe: dict) -> None:
    assert probe["late_latency_s"] < IDLE_NOTICE_S


def test_item_pipelines_are_the_enabled_instances_in_order(probe: dict) -> None:
    assert probe["pipelines"] == ["FirstPipeline", "SecondPipeline"]


def test_resolver_is_the_crawls_name_resolver(probe: dict) -> None:
    assert probe["resolved"] == "127.0.0.1"


def test_http_download_handler_subclass_downloads_through_scrapy(probe: dict) -> None:
    # The refused request went through RetryAfterDownloadHandler (a subclass of the handler).
    assert probe["failure"] == "DownloadConnectionRefusedError"


def test_core_stat_names(probe: dict) -> None:
    assert probe["finish_reason"] == "finished"
    assert probe["responses_received"] == 3  # page, child, late (the refused one got none)


# -- hooks checked without a crawl ---------------------------------------------------------------


def test_hooks_refuse_to_run_without_their_internal() -> None:
    with pytest.raises(scrapy_compat.ScrapyInternalsChanged, match="_SLOT_HEARTBEAT_INTERVAL"):
        scrapy_compat.set_idle_poll_interval(SimpleNamespace(), 0.5)
    with pytest.raises(scrapy_compat.ScrapyInternalsChanged, match="finish_response"):
        scrapy_compat.on_request_finished(SimpleNamespace(scraper=SimpleNamespace()), print)
    with pytest.raises(scrapy_compat.ScrapyInternalsChanged, match="_decode_request"):
        scrapy_compat.decode_request(object(), b"")


def test_http_download_handler_is_scrapys_default_with_a_coroutine_download() -> None:
    handler = scrapy_compat.HttpDownloadHandler
    default = Settings().getwithbase("DOWNLOAD_HANDLERS")["http"]
    assert load_object(default) is handler and issubclass(handler, BaseDownloadHandler)
    assert inspect.iscoroutinefunction(handler.download_request)
    assert list(inspect.signature(handler.download_request).parameters) == ["self", "request"]
    assert list(inspect.signature(handler.__init__).parameters) == ["self", "crawler"]


def test_robots_refusals_raise_the_middlewares_own_exception() -> None:
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True, "USER_AGENT": "probe"})
    middleware = RecordingRobotsTxtMiddleware.from_crawler(crawler)
    parser = ProtegoRobotParser.from_crawler(crawler, b"User-agent: *\nDisallow: /private/\n")
    middleware.process_request_2(parser, Request("http://127.0.0.2/news/a"))  # allowed
    with pytest.raises(RobotsBlocked, match="robots.txt"):
        middleware.process_request_2(parser, Request("http://127.0.0.2/private/a"))
    # ... and Scrapy's own process_request still decides through that step.
    assert "self.process_request_2(" in inspect.getsource(RobotsTxtMiddleware.process_request)


def test_robots_parsers_table_is_where_scrapy_settles_each_hosts_parser() -> None:
    # The waiter workaround reads the settled parser from RobotsTxtMiddleware._parsers.
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True})
    middleware = RecordingRobotsTxtMiddleware.from_crawler(crawler)
    assert isinstance(middleware._parsers, dict)
    source = inspect.getsource(RobotsTxtMiddleware)
    assert "self._parsers[netloc] = rp" in source and "self._parsers[netloc] = None" in source


def test_the_spider_loader_implements_every_member_of_scrapys_protocol() -> None:
    from scrapy.spiderloader import SpiderLoaderProtocol

    members = {name for name in vars(SpiderLoaderProtocol) if not name.startswith("_")}
    assert {"from_settings", "load", "list", "find_by_request"} <= members
    assert members <= set(dir(OutletSpiderLoader))


def test_decode_request_reads_what_the_redis_queue_wrote() -> None:
    class Alpha(Spider):
        name = "alpha"

        def parse_page(self, response: Response) -> None:
            """A callback to serialize by name."""

    spider = Alpha()
    queue = PriorityQueue(None, spider, "newsarchive:test:%(spider)s:requests")
    request = Request("http://127.0.0.2/a", callback=spider.parse_page, meta={"lease": "7"})
    decoded = scrapy_compat.decode_request(queue, queue._encode_request(request))
    assert (decoded.url, decoded.meta["lease"]) == ("http://127.0.0.2/a", "7")
    assert decoded.callback == spider.parse_page


def test_response_class_sniffs_as_scrapys_handlers_do() -> None:
    html = Headers({"Content-Type": "text/html; charset=utf-8"})
    xml = Headers({"Content-Type": "application/xml"})
    page = b"<!DOCTYPE html><html><body>x</body></html>"
    assert scrapy_compat.response_class(html, "http://a.test/", page) is HtmlResponse
    assert scrapy_compat.response_class(xml, "http://a.test/s.xml", b"<urlset/>") is XmlResponse
    assert scrapy_compat.response_class(Headers(), "http://a.test/x", page) is HtmlResponse
    binary = scrapy_compat.response_class(Headers(), "http://a.test/x.bin", b"\x00\x01\x02")
    assert binary is Response


def test_size_aborts_are_recognised_from_the_handler_and_the_decompressor() -> None:
    crawler = get_crawler(settings_dict={"DOWNLOAD_MAXSIZE": 1000, "DOWNLOAD_WARNSIZE": 0})
    decompressor = HttpCompressionMiddleware.from_crawler(crawler)
    request = Request("http://127.0.0.2/bomb")
    bomb = Response(
        "http://127.0.0.2/bomb", body=gzip.compress(b"a" * 100_000), request=request,
        headers={"Content-Encoding": "gzip", "Content-Type": "text/html"},
    )  # fmt: skip
    with pytest.raises(IgnoreRequest) as aborted:
        decompressor.process_response(request, bomb)
    assert scrapy_compat.is_size_abort(aborted.value)
    assert scrapy_compat.is_size_abort(DownloadCancelledError("cancelled"))
    assert not scrapy_compat.is_size_abort(IgnoreRequest("Filtered offsite request"))


#: Scrapy's own reads of its settings: ``settings.getfloat("NAME")`` and the like.
_SETTING_READS = re.compile(r"\.get(float|bool|int)\(\s*[\"']([A-Z][A-Z0-9_]+)[\"']")
_KINDS = {"float": FLOAT, "bool": BOOL, "int": INT}


def test_every_setting_scrapy_reads_is_checked_as_the_type_it_reads() -> None:
    reads: dict[str, set[str]] = {}
    for source in Path(scrapy.__file__).parent.rglob("*.py"):
        for getter, name in _SETTING_READS.findall(source.read_text(encoding="utf-8")):
            reads.setdefault(name, set()).add(_KINDS[getter])
    assert len(reads) > 50  # the scan found Scrapy's reads
    wrong = {
        name: (kinds, setting_kind(name))
        for name, kinds in reads.items()
        if setting_kind(name) is not None and setting_kind(name) not in kinds
    }
    # A name here: Scrapy reads an int-default setting as a float or bool (or the reverse);
    # list it in READ_AS_FLOAT / READ_AS_BOOL so a valid -s value is not refused.
    assert wrong == {}
