"""The item pipelines: relevance judges each page, the store stores it or records why not.

Each pipeline is driven through ``process_item`` as Scrapy drives it, with a real archive; the
crawl-level behaviour (stats names, what is stored) is covered by ``test_crawl_local.py``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import pytest
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler
from sqlalchemy import select

from archive import Archive, models
from crawler.config import load_story
from crawler.pipelines import RelevancePipeline, StorePipeline
from crawler.pipelines.base import BufferingPipeline, flush_pipelines
from crawler.pipelines.relevance import JudgedArticle
from crawler.relevance import Relevance
from crawler.spiders.items import PageItem, Rejected
from tests.fixtures.crawl import site

BODY = (
    "Jared Kushner's memoir recalls a call from Kim Kardashian about Alice Johnson. "
    "Aides remembered the evening for a long time afterwards."
)


@pytest.fixture
def story(tmp_path: Path):  # noqa: ANN201 - a Story
    """Return the test story (window 2022-07-20 to 2022-09-30)."""
    (tmp_path / "story.toml").write_text(site.STORY_TOML)
    return load_story(tmp_path / "story.toml")


def page(title: str, body: str, published: str | None = "2022-08-20T10:00:00Z") -> PageItem:
    """Return an extracted page item of the Test Paper."""
    url = "http://127.0.0.2/news/a"
    fields = {"url": url, "title": title, "body": body, "published_at": published}
    return PageItem(url=url, outlet="testpaper", story="test-story",
                    channel="feed", fields=fields)  # fmt: skip


def relevance_pipeline(story) -> RelevancePipeline:  # noqa: ANN001
    """Return the relevance pipeline of a crawl of ``story``."""
    crawler = get_crawler()
    crawler.spider = SimpleNamespace(relevance=Relevance(story), errors=[])
    return RelevancePipeline.from_crawler(crawler)


def test_relevance_runs_before_the_store() -> None:
    order = Settings()
    order.setmodule("crawler.settings")
    pipelines = order.getdict("ITEM_PIPELINES")
    relevance = pipelines["crawler.pipelines.RelevancePipeline"]
    assert relevance < pipelines["crawler.pipelines.StorePipeline"]


def test_a_relevant_page_is_judged_with_its_score_and_terms(story) -> None:  # noqa: ANN001
    judged = relevance_pipeline(story).process_item(page("Kushner memoir recalls a call", BODY))
    assert isinstance(judged, JudgedArticle) and judged.channel == "feed"
    assert judged.article.relevance > 0
    assert judged.article.matched_terms == ["kushner", "kardashian", "alice johnson"]


def test_irrelevant_pages_become_rejections_saying_why(story) -> None:  # noqa: ANN001
    pipeline = relevance_pipeline(story)
    off = pipeline.process_item(page("Bus timetable", "The council voted on buses."))
    assert isinstance(off, Rejected) and (off.reason, off.detail) == (
        "off-topic",
        "matched: nothing",
    )
    late = pipeline.process_item(page("Kushner memoir", BODY, "2023-01-05T08:00:00Z"))
    assert isinstance(late, Rejected) and late.reason == "out-of-window"
    assert late.detail.startswith("published 2023-01-05")


def test_a_page_without_a_date_is_judged_on_its_text_and_flagged(story) -> None:  # noqa: ANN001
    pipeline = relevance_pipeline(story)
    assert isinstance(pipeline.process_item(page("Kushner memoir", BODY, None)), JudgedArticle)
    assert pipeline.stats.get_value("newsarchive/flags/no-date") == 1


def test_other_items_pass_the_relevance_pipeline_unchanged(story) -> None:  # noqa: ANN001
    rejected = Rejected("http://127.0.0.2/x", "testpaper", "test-story", "robots")
    assert relevance_pipeline(story).process_item(rejected) is rejected


def store_pipeline(db_url: str, story) -> tuple[StorePipeline, int]:  # noqa: ANN001
    """Return a store pipeline writing into ``db_url`` under a fresh run, and the run id."""
    archive = Archive(db_url)
    run_id = archive.start_run("crawl", "test-story", ["testpaper"])
    crawler = get_crawler(settings_dict={"NEWSARCHIVE_DB": db_url, "NEWSARCHIVE_RUN_ID": run_id})
    crawler.spider = SimpleNamespace(errors=[], story=story)
    return StorePipeline.from_crawler(crawler), run_id


def rejection_reasons(db_url: str) -> list[str]:
    """Return the recorded rejections' reasons."""
    with Archive(db_url).session() as session:
        return list(session.scalars(select(models.Rejection.reason)))


def test_the_store_buffers_rejections_until_flush(sqlite_url: str, story) -> None:  # noqa: ANN001
    pipeline, _ = store_pipeline(sqlite_url, story)
    assert isinstance(pipeline, BufferingPipeline)
    pipeline.process_item(Rejected("http://127.0.0.2/x", "testpaper", "test-story", "off-topic"))
    assert rejection_reasons(sqlite_url) == []  # buffered
    assert flush_pipelines([object(), pipeline]) == 1
    assert rejection_reasons(sqlite_url) == ["off-topic"]
    assert pipeline.stats.get_value("newsarchive/rejected/off-topic") == 1


def test_the_store_counts_error_rejections_by_reason_with_their_url(
    sqlite_url: str,
    story,  # noqa: ANN001
) -> None:
    pipeline, _ = store_pipeline(sqlite_url, story)
    failed = Rejected("http://127.0.0.2/feed.xml", "testpaper", "test-story", "fetch-error",
                      "HTTP 503")  # fmt: skip
    pipeline.process_item(failed)
    pipeline.process_item(Rejected("http://127.0.0.2/y", "testpaper", "test-story", "robots"))
    assert pipeline.stats.get_value("newsarchive/errors/fetch-error") == 1
    assert pipeline.stats.get_value("newsarchive/errors/robots") is None  # a judgement
    assert pipeline.crawler.spider.errors == ["http://127.0.0.2/feed.xml: fetch-error: HTTP 503"]


def test_the_store_stores_a_judged_article_and_refuses_an_unjudged_page(
    sqlite_url: str,
    story,  # noqa: ANN001
) -> None:
    pipeline, run_id = store_pipeline(sqlite_url, story)
    judged = relevance_pipeline(story).process_item(page("Kushner memoir recalls a call", BODY))
    pipeline.process_item(judged)
    pipeline.process_item(page("Kushner memoir recalls a call", BODY))  # skipped the judge
    pipeline.flush()
    with Archive(sqlite_url).session() as session:
        stored = session.scalars(select(models.Article)).one()
    assert stored.matched_terms == ["kushner", "kardashian", "alice johnson"]
    assert pipeline.stats.get_value("newsarchive/stored/created") == 1
    assert rejection_reasons(sqlite_url) == ["store-error"]
    assert "without a relevance judgement" in pipeline.crawler.spider.errors[0]


def test_a_flush_that_raises_is_logged_and_the_others_still_flush(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class Broken:
        def flush(self) -> None:
            raise OSError("disk full")

    class Fine:
        flushed = False

        def flush(self) -> None:
            self.flushed = True

    fine = Fine()
    with caplog.at_level(logging.ERROR):
        assert flush_pipelines([Broken(), fine]) == 2
    assert fine.flushed and "could not write the buffered items of Broken" in caplog.text
