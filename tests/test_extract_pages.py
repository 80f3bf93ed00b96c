"""Page objects come from the outlet (defined once, in the outlets registry), one per design."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.config import Outlet
from crawler.extract import extract_article
from crawler.extract.sources.pages import PAGES, any_date, designs_by_outlet, page_class_for
from crawler.extract.sources.pages.base import PageObject
from crawler.extract.sources.pages.outlets import ClassicNYPost, ClassicPageSix, NYPost, PageSix
from crawler.middlewares.warc import META_FETCHED
from crawler.spiders import OutletSpider
from crawler.spiders.items import PageItem

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
CLASSIC = FIXTURES / "pagesix_classic_entry_content"
TEXT = " ".join(["The council met on the harbour plan and voted for the ferry."] * 12)


def classic_page() -> tuple[bytes, str]:
    """Return the Page Six page in its classic design and its URL."""
    spec = json.loads((CLASSIC / "expected.json").read_text(encoding="utf-8"))
    return (CLASSIC / "page.html").read_bytes(), spec["url"]


@pytest.mark.parametrize(
    ("key", "captured", "design"),
    [
        ("nypost", date(2019, 11, 18), ClassicNYPost),
        ("nypost", date(2020, 12, 31), ClassicNYPost),  # the last day counts
        ("nypost", date(2021, 1, 1), NYPost),
        ("nypost", datetime(2024, 5, 6, tzinfo=timezone.utc).date(), NYPost),
        ("pagesix", date(2020, 2, 24), ClassicPageSix),
        ("pagesix", date(2022, 8, 31), PageSix),
    ],
)
def test_the_design_served_on_the_capture_day_is_chosen(
    key: str, captured: date, design: type[PageObject]
) -> None:
    assert page_class_for(key, captured) is design


def test_a_page_of_unknown_date_gets_every_designs_selectors() -> None:
    undated = page_class_for("nypost")
    assert issubclass(undated, NYPost) and undated is any_date(PAGES["nypost"])
    assert undated.body_selector == ".single__content, .entry-content"
    assert undated.byline_selector == ".byline__author, .meta--byline a, .byline a"
    assert undated.boilerplate_selector == NYPost.boilerplate_selector
    assert page_class_for("foxnews") is PAGES["foxnews"][-1]  # one design: itself


def test_an_old_capture_is_read_with_the_design_of_its_day() -> None:
    html, url = classic_page()
    then = extract_article(html, url, captured_at=date(2020, 2, 19))
    today = extract_article(html, url, captured_at=datetime(2024, 5, 6, tzinfo=timezone.utc))
    undated = extract_article(html, url)
    assert then["provenance"]["body"] == undated["provenance"]["body"] == "page:pagesix"
    assert then["body"] == undated["body"]
    # today's templates have no .entry-content: the page object has no body for this markup
    assert today["provenance"]["body"] == "generic"


def test_the_outlet_given_beats_the_url() -> None:
    html, _ = classic_page()
    result = extract_article(html, "http://127.0.0.9:8080/2020/02/18/concert/", "pagesix")
    assert result["outlet"] == "pagesix" and result["provenance"]["body"] == "page:pagesix"
    unknown = extract_article(html, "http://127.0.0.9:8080/2020/02/18/concert/")
    assert unknown["outlet"] is None and unknown["provenance"]["body"] == "generic"


def test_an_outlet_without_a_page_object_is_read_by_the_generic_layers() -> None:
    html, url = classic_page()
    own = Outlet(key="pagesix-mirror", name="Mirror", domains=("mirror.example",))
    result = extract_article(html, url, own)
    assert result["outlet"] == "pagesix-mirror" and result["provenance"]["body"] == "generic"
    assert extract_article(html, url, "not-in-the-registry")["outlet"] == "not-in-the-registry"


@pytest.mark.parametrize(("locale", "day"), [("en_GB", "2022-08-03"), (None, "2022-03-08")])
def test_the_outlets_locale_says_which_numeric_dates_are_day_first(
    locale: str | None, day: str
) -> None:
    html = (
        "<html><head><title>Harbour plan</title>"
        '<meta name="date" content="03/08/2022 08:20"></head>'
        f"<body><article><h1>Harbour plan</h1><p>{TEXT}</p></article></body></html>"
    )
    outlet = Outlet(key="paper", name="Paper", domains=("paper.example",), locale=locale)
    result = extract_article(html, "https://paper.example/a", outlet)
    assert result["date_published"][:10] == day


def test_an_outlet_has_one_current_design_and_distinct_end_days() -> None:
    class Current(PageObject):
        key = "paper"

    class Older(Current):
        valid_until = date(2020, 1, 1)

    class AlsoCurrent(Current):
        pass

    assert designs_by_outlet((Current, Older))["paper"] == (Older, Current)
    with pytest.raises(ValueError, match="one current design"):
        designs_by_outlet((Current, AlsoCurrent))
    with pytest.raises(ValueError, match="distinct end days"):
        designs_by_outlet((Current, Older, type("Same", (Older,), {})))


@pytest.mark.parametrize(
    ("fetched_at", "layer"),
    [("2020-02-19T10:00:00Z", "page:pagesix"), ("2024-05-06T10:00:00+00:00", "generic")],
)
def test_the_spider_reads_a_page_with_its_outlet_and_the_design_of_its_fetch_day(
    fetched_at: str, layer: str
) -> None:
    # The outlet is served from a local address: only the spider's outlet says it is Page Six.
    outlet = Outlet(key="pagesix", name="Page Six", domains=("127.0.0.9",))
    spider_class = type("PageSixSpider", (OutletSpider,), {"name": "pagesix", "outlet": outlet})
    spider = spider_class.from_crawler(get_crawler(spider_class))
    html, _ = classic_page()
    url = "http://127.0.0.9:8080/2020/02/18/charity-concert-in-the-park-breaks-record/"
    request = Request(url, meta={"channel": "feed", META_FETCHED: fetched_at})
    (item,) = spider.parse_article(HtmlResponse(url, body=html, request=request))
    assert isinstance(item, PageItem) and item.fields["outlet"] == "pagesix"
    assert item.fields["provenance"]["body"] == layer
