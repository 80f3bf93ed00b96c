"""Bad input never raises: the result says what was found and lists the problems."""

from __future__ import annotations

import json
import time

import pytest

from archive.schema import PAGE_FIELDS
from crawler.extract import ExtractedArticle, extract_article, extract_page
from crawler.extract.article import EXTRA_KEYS, FIELD_NAMES
from crawler.extract.problems import (
    CODES,
    ENCODING_FALLBACK,
    INTERNAL_ERROR,
    NO_BODY_ELEMENT,
    NOT_HTML,
)

TEXT = "Ein schöner Café-Abend: naïve Grüße und 20 € für alle Gäste an diesem Tag. " * 8
PAGE = (
    "<html><head><meta charset='{cs}'><title>Café Grüße</title></head>"
    "<body><p>{t}</p></body></html>"
)


def codes(result: dict) -> list[str]:
    """Return the codes of the result's problems."""
    return [p["code"] for p in result["problems"]]


def check_shape(result: dict) -> None:
    """Assert the result has every page field plus problems and is_article."""
    assert set(PAGE_FIELDS) <= set(result)
    assert isinstance(result["problems"], list) and isinstance(result["is_article"], bool)
    assert all(set(p) == {"code", "message"} and p["code"] in CODES for p in result["problems"])
    assert isinstance(result["authors"], list) and isinstance(result["tags"], list)


@pytest.mark.parametrize("html", [b"", "", b"   \n", None])
def test_empty_input(html: object) -> None:
    result = extract_article(html, "https://x.test/a")  # type: ignore[arg-type]
    check_shape(result)
    assert result["body"] is None and not result["is_article"] and result["problems"]


def test_non_html_body() -> None:
    result = extract_article(b'{"status": "ok", "items": [1, 2, 3]}', "https://x.test/api")
    check_shape(result)
    assert NOT_HTML in codes(result)
    assert result["is_article"] is False


def test_windows_1252_served_as_utf8() -> None:
    raw = PAGE.format(cs="utf-8", t=TEXT).encode("cp1252")
    result = extract_article(raw)
    check_shape(result)
    assert "schöner Café-Abend" in result["body"] and "20 €" in result["body"]
    assert ENCODING_FALLBACK in codes(result)


def test_utf8_declared_as_windows_1252() -> None:
    raw = PAGE.format(cs="windows-1252", t=TEXT).encode("utf-8")
    result = extract_article(raw)
    assert "schöner Café-Abend" in result["body"] and "Ã" not in result["body"]


def test_mojibake_string_is_repaired() -> None:
    damaged = PAGE.format(cs="utf-8", t=TEXT).encode("utf-8").decode("cp1252", "replace")
    result = extract_article(damaged)
    assert "schöner Café-Abend" in result["body"]


def test_markup_without_body() -> None:
    result = extract_article("<html><head><title>Only a title</title></head></html>")
    check_shape(result)
    assert result["title"] == "Only a title" and result["body"] is None
    assert NO_BODY_ELEMENT in codes(result)


def test_truncated_and_garbage_markup() -> None:
    result = extract_article(b"<html><body><p>Unclosed <div><b>\x00\xff\xfe <script>var")
    check_shape(result)


@pytest.mark.slow
def test_ten_megabyte_page_finishes() -> None:
    filler = "<div class='x'><p>filler text block for a huge page</p></div>\n" * 170_000
    html = f"<html><head><title>Huge</title></head><body><h1>Huge</h1>{filler}</body></html>"
    assert len(html) > 10_000_000
    start = time.perf_counter()
    result = extract_article(html, "https://x.test/huge")
    check_shape(result)
    assert time.perf_counter() - start < 60


@pytest.mark.parametrize("url", ["not a url", "http://[bad", "ftp://x.test/a", "", "people.com"])
def test_odd_urls(url: str) -> None:
    html = PAGE.format(cs="utf-8", t=TEXT).replace(
        "<title>", '<link rel="canonical" href="//[x"><title>'
    )
    result = extract_article(html, url)
    check_shape(result)
    assert INTERNAL_ERROR not in codes(result)


def test_the_typed_result_and_its_json_form() -> None:
    html = PAGE.format(cs="utf-8", t=TEXT).encode("cp1252")
    article = extract_page(html, "https://x.test/a")
    assert isinstance(article, ExtractedArticle) and article.body
    assert article.problem_codes() == [ENCODING_FALLBACK]
    data = article.to_dict()
    # the Article JSON's page fields in their contract order, then the extractor's own keys
    assert list(data) == [*PAGE_FIELDS, *EXTRA_KEYS]
    assert set(FIELD_NAMES) == set(data)
    assert data == extract_article(html, "https://x.test/a")
    assert json.loads(json.dumps(data)) == data
    data["authors"].append("Someone Else")
    assert "Someone Else" not in article.authors
