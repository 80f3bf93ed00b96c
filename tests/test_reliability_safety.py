"""Safety middlewares in isolation: addresses, refusals, redirect guard, Retry-After parsing."""

from __future__ import annotations

from email.utils import formatdate
from types import SimpleNamespace
from typing import Any

import pytest
from scrapy.http import Request, Response
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector
from twisted.internet import (
    defer,
    reactor,  # noqa: F401 - installed: the middleware awaits Deferreds
)
from twisted.python.failure import Failure

from crawler.config import Outlet
from crawler.middlewares.retry_after import parse_retry_after
from crawler.middlewares.safety import (
    OFFSITE,
    PRIVATE_ADDRESS,
    REDIRECT_LOOP,
    RedirectGuardMiddleware,
    RequestRefused,
    SafetyMiddleware,
    is_public,
    literal_address,
    private_hosts_of,
)
from crawler.spiders.failures import classify_failure

OUTLET = Outlet(key="paper", name="Paper", domains=("news.example",))
LOCAL_OUTLET = Outlet(key="local", name="Local", domains=("127.0.0.7:8080",))
DNS = {"news.example": "93.184.216.34", "rebound.news.example": "10.1.2.3"}


def _crawler(outlet: Outlet | None, **settings: Any) -> Any:
    """Return a stand-in crawler: spider with an outlet (else allowed_domains), settings, stats."""
    spider = SimpleNamespace(outlet=outlet, allowed_domains=["news.example"])
    crawler = SimpleNamespace(spider=spider, settings=Settings(settings))
    crawler.stats = MemoryStatsCollector(crawler)
    return crawler


def _resolve(host: str) -> defer.Deferred[str]:
    return defer.succeed(DNS[host]) if host in DNS else defer.fail(OSError(f"no {host}"))


def _outcome(middleware: SafetyMiddleware, url: str, **meta: Any) -> str:
    """Return "allowed" or the refusal reason for a request to ``url``."""
    results: list[Any] = []
    d = defer.Deferred.fromCoroutine(middleware.process_request(Request(url, meta=meta)))
    d.addBoth(results.append)
    (result,) = results
    if isinstance(result, Failure):
        assert isinstance(result.value, RequestRefused)
        return result.value.reason
    return "allowed"


@pytest.mark.parametrize(
    ("host", "public"),
    [
        ("93.184.216.34", True),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("[::1]", False),
        ("::ffff:127.0.0.1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("224.0.0.1", False),
        ("2606:4700::1111", True),
    ],
)
def test_addresses_are_classified(host: str, public: bool) -> None:
    address = literal_address(host)
    assert address is not None and is_public(address) is public


def test_only_configured_internal_hosts_are_allowed() -> None:
    assert private_hosts_of(["127.0.0.7:8080", "news.example", "localhost", "10.0.0.2"]) == {
        "127.0.0.7",
        "localhost",
        "10.0.0.2",
    }


@pytest.mark.parametrize(
    ("outlet", "url", "outcome"),
    [
        (OUTLET, "https://news.example/a-story", "allowed"),
        (OUTLET, "https://www.news.example/a-story", "allowed"),
        (OUTLET, "https://other.example/a-story", OFFSITE),
        (OUTLET, "https://news.example.evil.test/a-story", OFFSITE),
        (OUTLET, "file:///etc/passwd", OFFSITE),
        (OUTLET, "ftp://news.example/x", OFFSITE),
        (OUTLET, "http://rebound.news.example/x", PRIVATE_ADDRESS),  # DNS says 10.1.2.3
        (OUTLET, "http://unresolvable.news.example/x", "allowed"),  # fails later as fetch-error
        (None, "http://127.0.0.1/admin", OFFSITE),
        (None, "http://localhost:8000/", OFFSITE),
        (None, "http://[::1]/", OFFSITE),
        (None, "http://169.254.169.254/latest/meta-data/", OFFSITE),
        (None, "http://news.example/x", "allowed"),
        (None, "http://other.example/x", OFFSITE),
        (LOCAL_OUTLET, "http://127.0.0.7:8080/news/a-story", "allowed"),
        (LOCAL_OUTLET, "http://127.0.0.7:22/", OFFSITE),
        (LOCAL_OUTLET, "http://127.0.0.1:8080/", OFFSITE),
    ],
)
def test_requests_are_refused_before_they_are_sent(
    outlet: Outlet | None, url: str, outcome: str
) -> None:
    assert _outcome(SafetyMiddleware(_crawler(outlet), _resolve), url) == outcome


def test_operator_can_allow_an_internal_host() -> None:
    crawler = _crawler(None, NEWSARCHIVE_PRIVATE_HOSTS=["127.0.0.1"])
    crawler.spider.allowed_domains = ["127.0.0.1"]
    assert _outcome(SafetyMiddleware(crawler, _resolve), "http://127.0.0.1/x") == "allowed"


def test_a_spider_without_scope_is_not_policed() -> None:
    crawler = _crawler(None)
    crawler.spider = SimpleNamespace()
    assert _outcome(SafetyMiddleware(crawler, _resolve), "http://127.0.0.1/x") == "allowed"


def test_a_refused_redirect_target_names_where_it_came_from() -> None:
    middleware = SafetyMiddleware(_crawler(OUTLET), _resolve)
    request = Request("https://other.example/x", meta={"redirect_urls": ["https://news.example/a"]})
    d = defer.Deferred.fromCoroutine(middleware.process_request(request))
    failures: list[Failure] = []
    d.addErrback(failures.append)
    assert "redirected from https://news.example/a" in str(failures[0].value)
    assert middleware.stats.get_value(f"newsarchive/refused/{OFFSITE}") == 1


def _redirect(url: str, location: str, chain: list[str] | None = None) -> str:
    """Return "followed" or the refusal reason for a redirect from ``url`` to ``location``."""
    guard = RedirectGuardMiddleware(_crawler(LOCAL_OUTLET))
    request = Request(url, meta={"redirect_urls": chain or []})
    response = Response(url, status=302, headers={"Location": location})
    try:
        guard.process_response(request, response)
    except RequestRefused as refused:
        return refused.reason
    return "followed"


@pytest.mark.parametrize(
    ("location", "chain", "outcome"),
    [
        ("/news/b-story", None, "followed"),
        ("/news/a-story?utm_source=x", None, REDIRECT_LOOP),
        ("/news/start", ["http://127.0.0.7:8080/news/start"], REDIRECT_LOOP),
        ("http://other.example/", None, OFFSITE),
        ("http://127.0.0.1:9/", None, PRIVATE_ADDRESS),
        ("http://169.254.169.254/latest", None, PRIVATE_ADDRESS),
        ("http://[::ffff:10.0.0.1]/", None, PRIVATE_ADDRESS),
        ("file:///etc/passwd", None, OFFSITE),
    ],
)
def test_redirects_are_guarded(location: str, chain: list[str] | None, outcome: str) -> None:
    assert _redirect("http://127.0.0.7:8080/news/a-story", location, chain) == outcome


@pytest.mark.parametrize("reason", [OFFSITE, PRIVATE_ADDRESS, REDIRECT_LOOP])
def test_refusals_are_recorded_under_their_own_reason(reason: str) -> None:
    failure = Failure(RequestRefused(reason, "test"))
    failure.request = Request("http://127.0.0.7:8080/x")  # type: ignore[attr-defined]
    assert classify_failure(failure)[0] == reason


def test_retry_after_values_are_parsed() -> None:
    now = 1_700_000_000.0
    assert parse_retry_after(b"120", now) == 120
    assert parse_retry_after(formatdate(now + 30, usegmt=True), now) == pytest.approx(30, abs=1)
    assert parse_retry_after(formatdate(now - 30, usegmt=True), now) == 0
    assert parse_retry_after(b"soon", now) is None
    assert parse_retry_after(b"-5", now) is None
    assert parse_retry_after(None, now) is None
