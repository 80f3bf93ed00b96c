"""The synthetic articles of every outlet, as ArticleSpecs built from ``articles.toml``.

The file holds headlines, bylines, dates and ledes written for the demo (all invented); bodies
come from ``text.py``. Dates carry the offset the outlet's own pages print (New York -04:00,
London +01:00, Los Angeles -07:00, UTC).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from crawler.demo.sites.model import ArticleSpec
from crawler.demo.sites.text import earlier_paragraphs, offtopic_paragraphs, story_paragraphs

#: outlet -> its section used for story coverage
_SECTION = {
    "people": "Politics",
    "insider": "Entertainment",
    "gbnews": "US",
    "hola": "Celebrities",
    "toofab": "News",
    "thelist": "Celebrity",
    "perezhilton": "Celebrities",
    "sheknows": "Entertainment",
    "nymag": "Intelligencer",
    "pagesix": "Celebrity News",
    "nypost": "US News",
    "foxnews": "Entertainment",
    "dailymail": "TV&Showbiz",
    "independent": "Culture",
    "newsweek": "Culture",
}

ARTICLES_FILE = Path(__file__).with_name("articles.toml")


@cache
def _rows() -> dict[str, list[dict]]:
    """Return the parsed articles file: ``story`` and ``offtopic`` rows."""
    with open(ARTICLES_FILE, "rb") as handle:
        return tomllib.load(handle)


def _story_spec(row: dict) -> ArticleSpec:
    """Return the ArticleSpec of one story row (relevant, robots, old or undated)."""
    outlet, kind, slug, lede = row["outlet"], row["kind"], row["slug"], row["lede"]
    return ArticleSpec(
        outlet=outlet,
        kind=kind,
        slug=slug,
        title=row["title"],
        description=row["description"],
        authors=tuple(row["authors"]),
        published=row.get("published"),
        section=_SECTION[outlet],
        paragraphs=(
            earlier_paragraphs(f"{outlet}/{slug}", lede)
            if kind == "old"
            else story_paragraphs(f"{outlet}/{slug}", lede, count=5)
        ),
        article_id=row["id"],
        tags=("Jared Kushner", "Kim Kardashian", "Books"),
        listed_in=tuple(row.get("listed_in", ())),
    )


def _offtopic_spec(row: dict) -> ArticleSpec:
    """Return the ArticleSpec of one off-topic row."""
    outlet, slug, topic, lede = row["outlet"], row["slug"], row["topic"], row["lede"]
    return ArticleSpec(
        outlet=outlet,
        kind="offtopic",
        slug=slug,
        title=row["title"],
        description=lede,
        authors=tuple(row["authors"]),
        published=row["published"],
        section="Lifestyle",
        paragraphs=offtopic_paragraphs(f"{outlet}/{slug}", topic, lede),
        article_id=row["id"],
        tags=(topic.title(),),
        listed_in=tuple(row.get("listed_in", ())),
    )


def syndicated_copy(original: ArticleSpec, outlet: str, slug: str, published: str) -> ArticleSpec:
    """Return ``original`` republished by ``outlet``: same words, credited at the end."""
    return ArticleSpec(
        outlet=outlet,
        kind="syndicated",
        slug=slug,
        title=original.title,
        description=original.description,
        authors=original.authors,
        published=published,
        section=_SECTION[outlet],
        paragraphs=(*original.paragraphs, "This story originally appeared on Page Six."),
        tags=original.tags,
    )


def outlet_articles(outlet: str) -> list[ArticleSpec]:
    """Return the outlet's own articles (story and off-topic), in catalog order."""
    rows = _rows()
    specs = [_story_spec(row) for row in rows["story"] if row["outlet"] == outlet]
    specs += [_offtopic_spec(row) for row in rows["offtopic"] if row["outlet"] == outlet]
    return specs


def outlets() -> tuple[str, ...]:
    """Return every outlet that has synthetic articles, in file order."""
    return tuple(dict.fromkeys(row["outlet"] for row in _rows()["story"]))
