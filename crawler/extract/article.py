"""The extractor's result: what one page says about its article, typed; ``to_dict`` gives the
Article JSON form that ``newsarchive extract`` prints (design.md, "Article JSON")."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from archive.schema import PAGE_FIELDS
from crawler.extract.problems import Problem

#: Keys the JSON form adds after the Article JSON's page fields.
EXTRA_KEYS = ("date_guessed", "is_article", "problems")


@dataclass
class ExtractedArticle:
    """The page fields of one article with their provenance (field -> layer), whether the page
    is one article, and the problems met. Timestamps are ISO 8601 strings: ``*_at`` in UTC,
    ``date_*`` in the page's own offset."""

    url: str | None
    canonical_url: str | None = None
    outlet: str | None = None
    title: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: str | None = None
    modified_at: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    body: str | None = None
    word_count: int | None = None
    image_url: str | None = None
    content_hash: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)
    date_published: str | None = None
    date_modified: str | None = None
    #: Headline variants and the body's outbound links (Article JSON, "Research views"): the
    #: extractor does not read them yet, so they stay null.
    headlines: dict[str, str] | None = None
    links: list[str] | None = None
    #: A date only the page's text suggests (never reported as the publication date).
    date_guessed: str | None = None
    is_article: bool = False
    problems: list[Problem] = field(default_factory=list)

    def problem_codes(self) -> list[str]:
        """Return the codes of the problems met, in order."""
        return [p.code for p in self.problems]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form: the page fields in Article JSON order, then ``date_guessed``,
        ``is_article`` and ``problems`` (``{"code", "message"}`` objects)."""
        data: dict[str, Any] = {name: _copy(getattr(self, name)) for name in PAGE_FIELDS}
        data["date_guessed"] = self.date_guessed
        data["is_article"] = self.is_article
        data["problems"] = [p.to_dict() for p in self.problems]
        return data


def _copy(value: Any) -> Any:
    """Return a list or dict value copied (the JSON form shares nothing with the object)."""
    return type(value)(value) if isinstance(value, (list, dict)) else value


#: The dataclass's fields, which ``to_dict`` must cover exactly (checked by the tests).
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(ExtractedArticle))
