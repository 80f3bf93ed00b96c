"""Value types of the synthetic site model: a served response and a synthetic article."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

#: What an article is for in the model (decides where it is listed and what is expected).
ARTICLE_KINDS: tuple[str, ...] = (
    "relevant",  # on the story, in the window: must be archived
    "robots",  # on the story, but its path is disallowed by robots.txt
    "offtopic",  # in the window, not about the story
    "old",  # on the story, published before the window
    "undated",  # on the story, no date anywhere on the page
    "syndicated",  # another outlet's relevant article republished here
)


@dataclass(frozen=True)
class Response:
    """One HTTP response of a synthetic site."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

    @property
    def content_type(self) -> str:
        """Return the Content-Type header value ('' when absent)."""
        return next((v for k, v in self.headers if k.lower() == "content-type"), "")


@dataclass(frozen=True)
class ArticleSpec:
    """A synthetic article: its words and dates, before any outlet's markup is applied."""

    outlet: str
    kind: str
    slug: str
    title: str
    description: str
    authors: tuple[str, ...]
    published: str | None  # ISO 8601 with the outlet's local offset, e.g. 2022-08-02T14:31:09-04:00
    section: str
    paragraphs: tuple[str, ...]
    article_id: str = ""  # numeric id some outlets put in the URL
    modified: str | None = None
    tags: tuple[str, ...] = ()
    #: The only listings showing the article ("feed", "news", "sitemap", "home_feed");
    #: empty: every listing whose reach covers its date.
    listed_in: tuple[str, ...] = ()

    @property
    def published_dt(self) -> datetime | None:
        """Return the publication time as an aware datetime (None when undated)."""
        return datetime.fromisoformat(self.published) if self.published else None

    @property
    def modified_dt(self) -> datetime | None:
        """Return the modification time as an aware datetime (falls back to published)."""
        return datetime.fromisoformat(self.modified) if self.modified else self.published_dt

    @property
    def published_utc(self) -> str | None:
        """Return the publication time as ISO 8601 UTC (``...+00:00``), or None."""
        dt = self.published_dt
        return dt.astimezone(timezone.utc).isoformat() if dt else None


def iso_z(dt: datetime, *, millis: bool = False) -> str:
    """Return ``dt`` in UTC as ISO 8601 with a ``Z`` suffix (optionally with milliseconds)."""
    utc = dt.astimezone(timezone.utc)
    text = utc.strftime("%Y-%m-%dT%H:%M:%S")
    return text + (".000Z" if millis else "Z")


def iso_compact_offset(dt: datetime) -> str:
    """Return ``dt`` as ISO 8601 with a colon-less offset (``2022-08-02T14:27:44+0100``)."""
    return dt.strftime("%Y-%m-%dT%H:%M:%S%z")


def iso_millis(dt: datetime) -> str:
    """Return ``dt`` as ISO 8601 with milliseconds and its own offset."""
    return dt.isoformat(timespec="milliseconds")


def rfc822(dt: datetime) -> str:
    """Return ``dt`` in RFC 822 form for RSS ``pubDate`` (keeps its own offset)."""
    return dt.strftime("%a, %d %b %Y %H:%M:%S %z")
