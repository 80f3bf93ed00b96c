"""The shared article schema: one definition used by the crawler's item and the archive.

Field names follow design.md's "Article JSON" contract; the schema.org NewsArticle property
each one corresponds to is kept in ``SCHEMA_ORG`` so the mapping is written down once.

Timestamps: every ``*_at`` field is a timezone-aware ``datetime`` in UTC. Naive datetimes are
rejected by :func:`ensure_utc` (we cannot guess the zone a naive value was meant in). The
``date_published`` / ``date_modified`` strings keep the page's own timestamp with its original
UTC offset, because researchers sometimes need the local time the outlet printed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from archive.text import content_hash

#: Article JSON fields, in the order ``extract`` and ``export --format jsonl`` write them.
ARTICLE_FIELDS: tuple[str, ...] = (
    "id",
    "url",
    "canonical_url",
    "outlet",
    "title",
    "description",
    "authors",
    "published_at",
    "modified_at",
    "section",
    "tags",
    "language",
    "body",
    "word_count",
    "image_url",
    "story",
    "relevance",
    "matched_terms",
    "content_hash",
    "cluster_id",
    "duplicate_of",
    "first_seen_at",
    "last_checked_at",
    "version_count",
    "status",
    "provenance",
    "date_published",
    "date_modified",
    "headlines",
    "links",
)

#: Fields only the archive or the crawl can know (identity, story judgement, clusters, history).
ARCHIVE_ONLY_FIELDS: frozenset[str] = frozenset({
    "id", "story", "relevance", "matched_terms", "cluster_id", "duplicate_of",
    "first_seen_at", "last_checked_at", "version_count", "status",
})  # fmt: skip
#: Fields an extractor can know from one page (what ``newsarchive extract`` prints).
PAGE_FIELDS: tuple[str, ...] = tuple(f for f in ARTICLE_FIELDS if f not in ARCHIVE_ONLY_FIELDS)

#: Our field -> the schema.org NewsArticle property it carries.
SCHEMA_ORG: dict[str, str] = {
    "title": "headline",
    "description": "description",
    "authors": "author",
    "published_at": "datePublished",
    "modified_at": "dateModified",
    "section": "articleSection",
    "tags": "keywords",
    "language": "inLanguage",
    "body": "articleBody",
    "word_count": "wordCount",
    "image_url": "image",
    "canonical_url": "mainEntityOfPage",
    "outlet": "publisher",
}

#: Values of ``provenance`` (field -> the layer that supplied it); an outlet page object
#: records ``page:<outlet key>``.
PROVENANCE_LAYERS: tuple[str, ...] = ("jsonld", "microdata", "opengraph", "meta", "generic")
#: The headline variants a page gives (design.md "Research views"): the visible headline, the
#: ``<title>`` without the site part, og:title, twitter:title, the JSON-LD headline and the title
#: of the feed or sitemap entry that found the page. ``title`` is ``display`` when there is one.
HEADLINE_KINDS: tuple[str, ...] = (
    "display", "document", "social", "twitter", "structured", "listing",
)  # fmt: skip
#: Article status values.
STATUSES: tuple[str, ...] = ("live", "gone", "redirected")
#: How a duplicate was recognised.
DUPLICATE_KINDS: tuple[str, ...] = ("url", "exact", "near")


def clean_headlines(value: dict[str, Any] | None) -> dict[str, str]:
    """Return the headline variants with unknown kinds, empty and non-text values dropped.

    Whitespace runs are collapsed; the order is HEADLINE_KINDS' order.
    """
    if not isinstance(value, dict):
        return {}
    cleaned = {}
    for kind in HEADLINE_KINDS:
        text = value.get(kind)
        if isinstance(text, str) and text.strip():
            cleaned[kind] = " ".join(text.split())
    return cleaned


class NaiveDatetimeError(ValueError):
    """A datetime without a time zone was given where UTC is required."""


def ensure_utc(value: datetime | None, *, field_name: str = "timestamp") -> datetime | None:
    """Return ``value`` converted to UTC; reject naive datetimes with a clear error."""
    if value is None:
        return None
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise NaiveDatetimeError(f"{field_name} must be timezone-aware, got naive {value!r}")
    return value.astimezone(UTC)


def utc_iso(value: datetime | None) -> str | None:
    """Return an aware datetime as ISO 8601 in UTC (``...+00:00``), or None."""
    value = ensure_utc(value)
    return value.isoformat() if value is not None else None


@dataclass
class Article:
    """A normalized article as the crawler hands it to the archive.

    Archive-managed fields (``id``, ``cluster_id``, ``duplicate_of``, ``first_seen_at``,
    ``version_count``...) are not here: the archive assigns them when storing.
    """

    url: str
    title: str | None = None
    canonical_url: str | None = None
    outlet: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    modified_at: datetime | None = None
    date_published: str | None = None
    date_modified: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    body: str | None = None
    word_count: int | None = None
    image_url: str | None = None
    content_hash: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)
    #: Headline variants by kind (keys of HEADLINE_KINDS; only the ones the page gives).
    headlines: dict[str, str] = field(default_factory=dict)
    #: Absolute URLs the article's body links to (outbound links; lineage reads them).
    links: list[str] = field(default_factory=list)
    # Story judgement (filled by the crawler's relevance step).
    story: str | None = None
    relevance: float | None = None
    matched_terms: list[str] = field(default_factory=list)
    # Fetch facts (filled by the crawler).
    channel: str | None = (
        None  # feed | sitemap | news-sitemap | search | start_url | link | recrawl
    )
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    capture_file: str | None = None
    capture_record_id: str | None = None
    fetched_at: datetime | None = None

    def __post_init__(self) -> None:
        self.published_at = ensure_utc(self.published_at, field_name="published_at")
        self.modified_at = ensure_utc(self.modified_at, field_name="modified_at")
        self.fetched_at = ensure_utc(self.fetched_at, field_name="fetched_at")
        if self.word_count is None and self.body:
            self.word_count = len(self.body.split())
        if self.content_hash is None:
            self.content_hash = content_hash(self.body)
        self.headlines = clean_headlines(self.headlines)
        self.links = [link for link in (self.links or []) if isinstance(link, str) and link]
        if self.title is None and self.headlines.get("display"):
            self.title = self.headlines["display"]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Build an Article from a dict (e.g. ``extract_article`` output); unknown keys are ignored.

        ISO strings for ``published_at``/``modified_at``/``fetched_at`` are parsed; they must
        carry an offset.
        """
        names = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in names}
        for key in ("published_at", "modified_at", "fetched_at"):
            if isinstance(kwargs.get(key), str):
                kwargs[key] = datetime.fromisoformat(kwargs[key].replace("Z", "+00:00"))
        return cls(**kwargs)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (timestamps as ISO 8601 UTC strings)."""
        data = dataclasses.asdict(self)
        for key in ("published_at", "modified_at", "fetched_at"):
            data[key] = utc_iso(data[key])
        return data
