"""Recording headline variants when an article is stored: one state per distinct set of variants.

Called by :mod:`archive.store` in the storing transaction. The body's versions stay as they are
(``content_fingerprint`` decides those); headline variants have their own history, so an edit of
only the og:title is recorded as a new state of the article without a new body version.

Two rules keep the history honest:

* an empty set of variants (an extractor that does not report them, a failed parse) is "not
  seen", never "all headlines removed": the previous state stays current;
* ``listing`` comes from the feed or sitemap entry that found the page, not from the page, so a
  re-check (which reads no listing) keeps the listing title seen before.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from datetime import datetime

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from archive import models
from archive.research.models import HeadlineState
from archive.schema import Article, clean_headlines

#: Variants that come from how the page was found rather than from the page itself.
LISTING_KINDS = ("listing",)
_LATEST_STATE = (
    select(HeadlineState.headlines, HeadlineState.fingerprint)
    .where(HeadlineState.article_id == bindparam("article_id"))
    .order_by(HeadlineState.id.desc())
    .limit(1)
)
_INSERT_STATE = insert(HeadlineState.__table__)


def headline_fingerprint(headlines: dict[str, str]) -> str:
    """Return the hash that decides whether two sets of variants differ (NFKC, whitespace)."""
    payload = {
        kind: " ".join(unicodedata.normalize("NFKC", text).split())
        for kind, text in sorted(headlines.items())
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def merged_headlines(incoming: dict[str, str], previous: dict[str, str] | None) -> dict[str, str]:
    """Return the variants to store: the incoming ones, the previous listing title kept."""
    incoming = clean_headlines(incoming)
    if not incoming:
        return dict(previous or {})
    merged = dict(incoming)
    for kind in LISTING_KINDS:
        if kind not in merged and previous and previous.get(kind):
            merged[kind] = previous[kind]
    return clean_headlines(merged)


def record_headlines(
    session: Session,
    row: models.Article,
    article: Article,
    *,
    version: int,
    run_id: int | None,
    now: datetime,
    is_new: bool = False,
) -> tuple[dict[str, str], bool]:
    """Record the article's variants when they differ from its latest state.

    Returns the variants now current (what the version row stores) and whether a new state was
    written.
    """
    latest = None if is_new else session.execute(_LATEST_STATE, {"article_id": row.id}).first()
    previous = dict(latest.headlines) if latest is not None else dict(row.headlines or {})
    current = merged_headlines(article.headlines, previous)
    if not current:
        return current, False
    fingerprint = headline_fingerprint(current)
    if latest is not None and latest.fingerprint == fingerprint:
        return current, False
    session.execute(
        _INSERT_STATE,
        {
            "article_id": row.id,
            "version": version,
            "observed_at": article.fetched_at or now,
            "headlines": current,
            "fingerprint": fingerprint,
            "run_id": run_id,
        },
    )
    row.headlines = current
    return current, True
