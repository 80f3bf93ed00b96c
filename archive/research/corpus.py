"""A story's articles as the research views need them, read once through one session.

Quotes, lineage and the report all work from the same :class:`StoryCorpus`: the articles'
current text and metadata, the bodies of earlier versions (only for articles that have more
than one), the configured outlets and the story's rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive import models
from archive.query.filters import ArticleFilter
from archive.research.links import article_links
from archive.schema import ensure_utc


@dataclass
class StoryArticle:
    """One article of the story with what the research views read."""

    id: int
    outlet: str | None
    title: str | None
    url: str
    published_at: datetime | None
    first_seen_at: datetime
    cluster_id: int | None
    body: str | None
    duplicate_kind: str | None = None
    links: list[str] = field(default_factory=list)
    version_count: int = 1
    status: str = "live"
    url_key: str = ""
    #: Earlier bodies by version number (only filled for articles with several versions; the
    #: current body is ``body`` and belongs to the latest version).
    versions: dict[int, str | None] = field(default_factory=dict)
    #: Links of earlier versions (the lineage reads every version's links).
    version_links: list[str] = field(default_factory=list)

    @property
    def seniority(self) -> tuple[datetime, datetime, int]:
        """Return the sort key of "who was first": published (first seen stands in), first seen, id.

        The same rule as the dedup clusters' original: an undated article counts from when the
        archive first saw it; ties (a shared publication minute) go to the first seen, then the
        lower id.
        """
        return (self.published_at or self.first_seen_at, self.first_seen_at, self.id)


@dataclass
class OutletInfo:
    """A configured outlet: its key, display name and domains."""

    key: str
    name: str
    domains: list[str] = field(default_factory=list)


@dataclass
class StoryCorpus:
    """A story's articles (in seniority order), its outlets and its rules."""

    story: str | None
    articles: list[StoryArticle]
    outlets: dict[str, OutletInfo]
    rules: dict[str, Any] = field(default_factory=dict)
    #: Archived articles of other stories that this story's articles link to (nodes only).
    linked: dict[str, StoryArticle] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.articles.sort(key=lambda a: a.seniority)
        self.by_id = {a.id: a for a in self.articles}
        self.rank = {a.id: i for i, a in enumerate(self.articles)}

    def outlet_name(self, key: str | None) -> str:
        """Return an outlet's display name (its key when it is not configured)."""
        if key is None:
            return "?"
        info = self.outlets.get(key)
        return info.name if info else key


_ARTICLE_COLUMNS = (
    models.Article.id,
    models.Article.outlet,
    models.Article.title,
    models.Article.url,
    models.Article.published_at,
    models.Article.first_seen_at,
    models.Article.cluster_id,
    models.Article.body,
    models.Article.links,
    models.Article.version_count,
    models.Article.status,
    models.Article.url_key,
    models.Article.duplicate_kind,
)


def load_corpus(session: Session, story: str | None) -> StoryCorpus:
    """Return the corpus of a story (or of every article when ``story`` is None)."""
    flt = ArticleFilter(story=story)
    articles = [_article(row) for row in session.execute(flt.apply(select(*_ARTICLE_COLUMNS)))]
    by_id = {a.id: a for a in articles}
    _add_versions(session, flt, by_id)
    outlets = {
        key: OutletInfo(key, name, list(domains or []))
        for key, name, domains in session.execute(
            select(models.Outlet.key, models.Outlet.name, models.Outlet.domains)
        )
    }
    rules: dict[str, Any] = {}
    if story is not None:
        rules = session.scalar(select(models.Story.rules).where(models.Story.key == story)) or {}
    corpus = StoryCorpus(story, articles, outlets, dict(rules))
    corpus.linked = _linked_elsewhere(session, corpus)
    return corpus


#: Link targets looked up per query (bounded IN lists).
_LOOKUP_BATCH = 500


def _linked_elsewhere(session: Session, corpus: StoryCorpus) -> dict[str, StoryArticle]:
    """Return archived articles outside the corpus that its articles link to, by url_key."""
    inside = {a.url_key for a in corpus.articles}
    wanted = sorted({key for a in corpus.articles for _, key in article_links(a)} - inside)
    found: dict[str, StoryArticle] = {}
    for start in range(0, len(wanted), _LOOKUP_BATCH):
        batch = wanted[start : start + _LOOKUP_BATCH]
        stmt = select(*_ARTICLE_COLUMNS).where(models.Article.url_key.in_(batch))
        for row in session.execute(stmt):
            found[row.url_key] = _article(row)
    return found


def _article(row: Any) -> StoryArticle:
    """Return a StoryArticle from a selected row."""
    return StoryArticle(
        id=row.id,
        outlet=row.outlet,
        title=row.title,
        url=row.url,
        published_at=ensure_utc(row.published_at),
        first_seen_at=ensure_utc(row.first_seen_at),
        cluster_id=row.cluster_id,
        body=row.body,
        links=list(row.links or []),
        version_count=row.version_count or 1,
        status=row.status or "live",
        url_key=row.url_key,
        duplicate_kind=row.duplicate_kind,
    )


def _add_versions(session: Session, flt: ArticleFilter, by_id: dict[int, StoryArticle]) -> None:
    """Attach the earlier versions' bodies and links of articles that have several versions."""
    v, a = models.ArticleVersion, models.Article
    stmt = (
        select(v.article_id, v.version, v.body, v.links)
        .join(a, a.id == v.article_id)
        .where(a.version_count > 1, v.version < a.version_count)
    )
    for article_id, number, body, links in session.execute(flt.apply(stmt)):
        article = by_id.get(article_id)
        if article is not None:
            article.versions[number] = body
            article.version_links.extend(links or [])


def story_terms(rules: dict[str, Any]) -> set[str]:
    """Return the story's named terms (folded): ``all``, ``any`` and ``quote_terms`` rules."""
    terms: Iterable[Any] = [
        *rules.get("all", []),
        *rules.get("any", []),
        *rules.get("quote_terms", []),
    ]
    return {" ".join(str(t).casefold().split()) for t in terms if str(t).strip()}
