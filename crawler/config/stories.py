"""Story files: the story's key, date window and relevance rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from crawler.config.errors import ConfigError
from crawler.config.validate import Checker, read_toml

STORIES_DIR = Path(__file__).resolve().parent.parent / "stories"
DEFAULT_STORY_KEY = "kushner-memoir-kardashian"
STORY_KEYS = {
    "key", "title", "published_after", "published_before", "relevance", "query", "start_urls",
}  # fmt: skip
RELEVANCE_KEYS = {"all", "any", "none"}


@dataclass(frozen=True)
class Story:
    """A story: its key, title, inclusive date window and relevance terms."""

    key: str
    title: str
    published_after: date | None = None
    published_before: date | None = None
    all_terms: tuple[str, ...] = ()
    any_terms: tuple[str, ...] = ()
    none_terms: tuple[str, ...] = ()
    query: str | None = None
    #: Topic pages or articles of this story; each seeds the outlet whose domains own it.
    start_urls: tuple[str, ...] = ()
    path: Path | None = field(default=None, compare=False)

    @property
    def search_query(self) -> str:
        """Return the query sent to outlet search pages (``query`` or the leading terms)."""
        if self.query:
            return self.query
        return " ".join(self.all_terms + self.any_terms[:1]) or self.title

    def rules(self) -> dict[str, list[str]]:
        """Return the relevance rules as the plain dict the archive stores."""
        return {
            "all": list(self.all_terms),
            "any": list(self.any_terms),
            "none": list(self.none_terms),
        }


def load_story(path: str | Path) -> Story:
    """Return the validated story in the TOML file at ``path``."""
    return parse_story(read_toml(Path(path)), path)


def parse_story(table: dict[str, Any], path: str | Path) -> Story:
    """Return the validated story of a parsed story table (``path`` names it in errors)."""
    path = Path(path)
    check = Checker(path, table, "story")
    check.unknown(STORY_KEYS)
    rules = Checker(path, check.subtable("relevance"), "story [relevance]")
    rules.unknown(RELEVANCE_KEYS)
    story = Story(
        key=check.ident("key"),
        title=check.text("title", required=True) or "",
        published_after=check.day("published_after"),
        published_before=check.day("published_before"),
        all_terms=rules.strings("all"),
        any_terms=rules.strings("any"),
        none_terms=rules.strings("none"),
        query=check.text("query"),
        start_urls=check.urls("start_urls"),
        path=path,
    )
    after, before = story.published_after, story.published_before
    if after and before and after > before:
        raise check.fail("published_before", "a date on or after published_after")
    if not story.all_terms and not story.any_terms:
        raise rules.fail("all", "at least one term in 'all' or 'any'")
    return story


def resolve_story(spec: str | Path | None = None, stories_dir: Path = STORIES_DIR) -> Story:
    """Return the story named by a file path or a key looked up in ``stories_dir``."""
    spec = str(spec) if spec else DEFAULT_STORY_KEY
    candidate = Path(spec)
    if candidate.suffix == ".toml" or candidate.is_file():
        return load_story(candidate)
    direct = stories_dir / f"{spec}.toml"
    if direct.is_file():
        return load_story(direct)
    for path in sorted(stories_dir.glob("*.toml")):
        story = load_story(path)
        if story.key == spec:
            return story
    known = sorted(p.stem for p in stories_dir.glob("*.toml"))
    raise ConfigError(
        stories_dir, f"no story file or key {spec!r} (known: {', '.join(known) or 'none'})"
    )
