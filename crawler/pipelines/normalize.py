"""An extracted page item becomes the shared ``archive.schema.Article``."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from archive.schema import Article
from crawler.discovery.entries import parse_date
from crawler.spiders.items import PageItem

#: Characters no archive field may hold (PostgreSQL rejects NUL, UTF-8 rejects lone
#: surrogates): C0 controls but tab/newline/CR, DEL, C1 controls, lone surrogates.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def storable(value: Any) -> Any:
    """Return ``value`` with unstorable characters removed from every string inside it."""
    if isinstance(value, str):
        return _UNSTORABLE.sub("", value)
    if isinstance(value, list):
        return [storable(v) for v in value]
    if isinstance(value, dict):
        return {k: storable(v) for k, v in value.items()}
    return value


def to_article(item: PageItem) -> Article:
    """Return the Article for a page item: extracted fields plus outlet, story and fetch facts."""
    article = Article.from_dict(storable(item.fields))
    article.url = item.url
    article.outlet = item.outlet
    article.story = item.story
    article.channel = item.channel
    article.http_status = item.http_status
    article.etag = item.etag
    article.last_modified = item.last_modified
    article.capture_file = item.capture_file
    article.capture_record_id = item.capture_record_id
    article.fetched_at = parse_date(item.fetched_at)
    return article


def local_published(article: Article) -> datetime | None:
    """Return the publication time in the page's own offset (for the window), else UTC."""
    if article.date_published:
        moment = _parse_iso(article.date_published)
        if moment is not None:
            return moment
    return article.published_at


def _parse_iso(value: Any) -> datetime | None:
    """Return an aware datetime from an ISO string, or None."""
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
