"""Hosts and domains (archive.web): one registrable-domain table and one domain matcher, the
same for the archive (canonical URLs), the crawler's scope and extraction's site names."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from archive.web import domain_owns, is_public_suffix, registrable_domain, site_label
from crawler.config import Outlet
from crawler.extract.fields.title.site_names import host_names
from crawler.middlewares.safety import scope_of


@pytest.mark.parametrize(
    ("host", "registrable"),
    [
        ("news.bbc.co.uk", "bbc.co.uk"),
        ("edition.cnn.com", "cnn.com"),
        ("world.kbs.co.kr", "kbs.co.kr"),
        ("www3.nhk.or.jp", "nhk.or.jp"),
        ("www.bundeskanzleramt.gv.at", "bundeskanzleramt.gv.at"),
        ("blog.example.me.uk", "example.me.uk"),
        # second-level names under a generic top-level domain are sites, not suffixes
        ("abcnews.go.com", "go.com"),
        ("WWW.Example.COM.", "example.com"),
        ("localhost", "localhost"),
    ],
)
def test_registrable_domain(host: str, registrable: str) -> None:
    assert registrable_domain(host) == registrable
    assert site_label(host) == registrable.split(".")[0]


def test_public_suffixes_are_second_level_labels_under_a_country() -> None:
    assert is_public_suffix("co.uk") and is_public_suffix("com.au") and is_public_suffix("gv.at")
    assert not is_public_suffix("go.com") and not is_public_suffix("example.co.uk")


@pytest.mark.parametrize(
    "url",
    [
        "https://world.kbs.co.kr/news",
        "https://www.bundeskanzleramt.gv.at/x",
        "https://news.bbc.co.uk/x",
        "https://www.foxnews.com/x",
    ],
)
def test_extraction_names_the_site_by_the_archives_registrable_domain(url: str) -> None:
    host = host_names(url)[0]
    assert host_names(url)[-1] == registrable_domain(host).split(".")[0]


@pytest.mark.parametrize(
    ("domain", "url", "owned"),
    [
        ("example.com", "https://example.com/a", True),
        ("example.com", "https://www.example.com:8443/a", True),  # no port written: any port
        ("example.com", "https://notexample.com/a", False),
        ("example.com", "https://example.com.evil.test/a", False),
        ("127.0.0.1:8080", "http://127.0.0.1:8080/a", True),
        ("127.0.0.1:8080", "http://127.0.0.1:9090/a", False),  # a port written: that port only
        ("127.0.0.1:8080", "http://127.0.0.1/a", False),
        ("example.com:443", "https://example.com/a", True),  # the scheme's default port
        ("example.com:80", "https://example.com/a", False),
        ("localhost:8000", "http://api.localhost:8000/a", True),
        ("example.com", "http://example.com:99999/a", True),
        ("example.com:80", "http://example.com:99999/a", False),  # unreadable port
        ("Example.COM", "HTTPS://WWW.EXAMPLE.COM/a", True),
    ],
)
def test_the_port_rule_of_the_domain_matcher(domain: str, url: str, owned: bool) -> None:
    assert domain_owns(domain, url) is owned


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/a",
        "http://127.0.0.1:9090/a",
        "http://127.0.0.1/a",
        "http://sub.local.example:8080/a",
        "http://local.example/a",
    ],
)
def test_an_outlet_and_a_spiders_allowed_domains_scope_a_url_alike(url: str) -> None:
    domains = ("127.0.0.1:8080", "local.example:8080")
    outlet_spider = SimpleNamespace(outlet=Outlet(key="l", name="L", domains=domains))
    plain_spider = SimpleNamespace(outlet=None, allowed_domains=list(domains))
    by_outlet, by_allowed = scope_of(outlet_spider), scope_of(plain_spider)
    assert by_outlet is not None and by_allowed is not None
    assert by_outlet.owns(url) == by_allowed.owns(url) == any(domain_owns(d, url) for d in domains)
