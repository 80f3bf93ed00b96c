"""The spider loader (one spider per outlet) and the canonical-URL request fingerprinter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.settings import Settings

from crawler.config import load_outlets
from crawler.fingerprint import CanonicalUrlFingerprinter
from crawler.spiderloader import OutletSpiderLoader
from crawler.spiders import OutletSpider

ROOT = Path(__file__).resolve().parent.parent


def test_scrapy_list_shows_one_spider_per_outlet() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"], cwd=ROOT, capture_output=True, text=True,
        timeout=60, check=True,
    )  # fmt: skip
    assert result.stdout.split() == sorted(o.key for o in load_outlets())


def test_loader_builds_a_class_per_outlet_from_settings(tmp_path: Path) -> None:
    path = tmp_path / "o.toml"
    path.write_text('[[outlets]]\nkey = "my-paper"\ndomains = ["paper.example:8080"]\n')
    loader = OutletSpiderLoader.from_settings(Settings({"NEWSARCHIVE_OUTLETS": str(path)}))
    assert loader.list() == ["my-paper"]
    spider = loader.load("my-paper")
    assert issubclass(spider, OutletSpider) and spider.name == "my-paper"
    assert spider.allowed_domains == ["paper.example"] and spider.__name__ == "MyPaperSpider"
    assert loader.find_by_request(Request("http://paper.example:8080/a")) == ["my-paper"]
    with pytest.raises(KeyError):
        loader.load("other")


def test_fingerprint_folds_url_variants() -> None:
    fingerprint = CanonicalUrlFingerprinter().fingerprint
    base = fingerprint(Request("https://www.paper.example/news/story-one"))
    for variant in (
        "https://paper.example/news/story-one/",
        "https://paper.example/news/story-one/amp?utm_source=x",
        "http://m.paper.example/news/story-one#comments",
    ):
        assert fingerprint(Request(variant)) == base
    assert fingerprint(Request("https://paper.example/news/story-two")) != base
    assert fingerprint(Request("https://paper.example/search?q=a&page=2")) != fingerprint(
        Request("https://paper.example/search?q=a&page=3")
    )
    post = Request("https://paper.example/news/story-one", method="POST", body=b"x")
    assert fingerprint(post) != base
