"""WARC record and replay middleware, on saved responses (no reactor, no network)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from crawler.middlewares.warc import META_FILE, META_RECORD, NotInCapture, WarcMiddleware

PAGE = b"<html><body><article><p>Synthetic page.</p></article></body></html>"
URL = "https://paper.example/news/kushner-memoir-story"


def middleware(**settings: str) -> WarcMiddleware:
    return WarcMiddleware.from_crawler(get_crawler(settings_dict=settings))


def record_pages(path: Path) -> dict[str, str]:
    """Record two responses (one gzip-encoded) and return URL -> record id."""
    recorder = middleware(NEWSARCHIVE_WARC_RECORD=str(path))
    ids = {}
    plain = Request(URL, headers={"Accept": "text/html"})
    recorder.process_response(plain, HtmlResponse(URL, body=PAGE, headers={"ETag": "x1"}))
    ids[URL] = plain.meta[META_RECORD]
    zipped_url = URL + "-two"
    zipped = Request(zipped_url)
    headers = {"Content-Encoding": "gzip", "Content-Type": "text/html"}
    recorder.process_response(
        zipped, HtmlResponse(zipped_url, body=gzip.compress(PAGE), headers=headers)
    )
    ids[zipped_url] = zipped.meta[META_RECORD]
    assert plain.meta[META_FILE] == str(path)
    recorder.spider_closed()
    return ids


def test_records_request_and_response_pairs(tmp_path: Path) -> None:
    path = tmp_path / "c.warc.gz"
    ids = record_pages(path)
    with path.open("rb") as handle:
        records = [
            (r.rec_type, r.rec_headers.get_header("WARC-Target-URI"),
             r.rec_headers.get_header("WARC-Record-ID"),
             r.rec_headers.get_header("WARC-Concurrent-To"),
             r.http_headers.get_header("ETag") if r.http_headers else None)
            for r in ArchiveIterator(handle)
        ]  # fmt: skip
    assert [r[0] for r in records] == ["warcinfo", "response", "request", "response", "request"]
    response, request = records[1], records[2]
    assert request[1] == response[1] == URL
    assert response[2] == ids[URL] and request[3] == ids[URL]
    assert response[4] == "x1"


def test_replay_serves_captured_responses_decoded(tmp_path: Path) -> None:
    path = tmp_path / "c.warc.gz"
    ids = record_pages(path)
    replayer = middleware(NEWSARCHIVE_WARC_REPLAY=str(path))
    for url in (URL, URL + "-two"):
        request = Request(url)
        response = replayer.process_request(request)
        assert response.status == 200 and response.body == PAGE
        assert b"Content-Encoding" not in response.headers
        assert request.meta[META_RECORD] == ids[url] and request.meta[META_FILE] == str(path)
    variant = replayer.process_request(Request(URL + "?utm_source=feed"))
    assert variant.body == PAGE  # a URL variant finds the canonical capture


def test_replay_fails_cleanly_for_missing_pages(tmp_path: Path) -> None:
    path = tmp_path / "c.warc.gz"
    record_pages(path)
    replayer = middleware(NEWSARCHIVE_WARC_REPLAY=str(path))
    with pytest.raises(NotInCapture, match="not in capture"):
        replayer.process_request(Request("https://paper.example/news/never-captured-page"))
    robots = replayer.process_request(Request("https://paper.example/robots.txt"))
    assert robots.status == 404  # missing robots.txt: allow all


def test_disabled_without_record_or_replay() -> None:
    from scrapy.exceptions import NotConfigured

    with pytest.raises(NotConfigured):
        middleware()
