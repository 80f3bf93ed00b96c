"""Judge each extracted page against the story: its score and matched terms, or why it is out.

The first item pipeline (``ITEM_PIPELINES``): a relevant page goes on as a
:class:`JudgedArticle` (the normalized Article with its relevance and matched terms); an
irrelevant one becomes a :class:`~crawler.spiders.items.Rejected` with the reason
(``off-topic``, ``out-of-window``), which the store pipeline records.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from archive.schema import Article
from crawler.pipelines.normalize import local_published, to_article
from crawler.reasons import STORE_ERROR
from crawler.relevance import NO_DATE, OUT_OF_WINDOW
from crawler.spiders.items import PageItem, Rejected

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

    from crawler.relevance import Judgement
    from crawler.spiders.outlet import OutletSpider

logger = logging.getLogger(__name__)


@dataclass
class JudgedArticle:
    """A page judged relevant to the story: the Article to store, and the page it came from."""

    article: Article
    page: PageItem

    @property
    def channel(self) -> str:
        """Return the channel the page was found through (feed, sitemap, search...)."""
        return self.page.channel


class RelevancePipeline:
    """Turns each PageItem into a JudgedArticle or a Rejected; other items pass unchanged."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Return the pipeline for ``crawler``."""
        return cls(crawler)

    @property
    def spider(self) -> OutletSpider:
        """Return the crawler's spider (its ``relevance`` holds the story's rules)."""
        return self.crawler.spider  # type: ignore[return-value]

    def process_item(self, item: Any) -> Any:
        """Return the judged page; a page that cannot be judged is rejected as an error."""
        if not isinstance(item, PageItem):
            return item
        try:
            return self.judge(item)
        except Exception as exc:  # one broken page never stops the crawl
            logger.exception("could not judge %s", item.url)
            self.stats.inc_value("newsarchive/errors")
            return _rejected(item, STORE_ERROR, f"{type(exc).__name__}: {exc}")

    def judge(self, item: PageItem) -> JudgedArticle | Rejected:
        """Return the relevant page's Article with its score, or the rejection saying why not."""
        article = to_article(item)
        judgement = self.spider.relevance.judge(
            article.title, article.description, article.body, local_published(article)
        )
        if NO_DATE in judgement.flags:
            self.stats.inc_value("newsarchive/flags/no-date")
        article.relevance = judgement.score
        article.matched_terms = judgement.matched_terms
        if not judgement.relevant:
            return _rejected(item, judgement.reason or "", _detail(judgement, article))
        return JudgedArticle(article, item)


def _detail(judgement: Judgement, article: Article) -> str:
    """Return what a rejection records: the terms matched, or the date out of the window."""
    if judgement.reason == OUT_OF_WINDOW:
        return f"published {article.date_published or article.published_at}"
    return f"matched: {', '.join(judgement.matched_terms) or 'nothing'}"


def _rejected(item: PageItem, reason: str, detail: str) -> Rejected:
    """Return the rejection of a page item."""
    return Rejected(
        url=item.url, outlet=item.outlet, story=item.story, reason=reason, detail=detail,
        channel=item.channel,
    )  # fmt: skip
