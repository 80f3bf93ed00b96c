"""A story's travelling quotes: one row per quote with its forms, first appearance and carriers.

Every version of every article is read (the current body and the earlier versions), so a quote
that an outlet edited or dropped in an update shows how it changed. "First" follows the archive's
rule for who was first (:attr:`StoryArticle.seniority`: published, first seen standing in for a
missing date; ties by first seen, then id).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from archive.research.corpus import StoryArticle, StoryCorpus, story_terms
from archive.research.names import OutletNames
from archive.research.quotes.align import align
from archive.research.quotes.extract import find_quotes, quote_words
from archive.research.quotes.speakers import surname_key
from archive.schema import utc_iso


@dataclass
class Occurrence:
    """One quote in one version of one article."""

    article_id: int
    version: int
    text: str
    speaker: str | None
    form: int  # index of the distinct folded form


@dataclass
class QuoteGroup:
    """One quote: its forms as written, its speaker, where it appeared."""

    id: str
    text: str
    speaker: str | None
    forms: list[str]
    first: StoryArticle
    articles: list[StoryArticle]
    outlets: list[str]
    changes: list[dict[str, Any]] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)


@dataclass
class QuoteIndex:
    """The quote groups of a story and which groups each article carries now."""

    groups: list[QuoteGroup]
    by_article: dict[int, set[str]]


def form_key(text: str) -> tuple[str, ...]:
    """Return the folded words of a quote (ellipses dropped): what alignment compares."""
    return tuple(quote_words(text))


def _versions(article: StoryArticle) -> list[tuple[int, str | None]]:
    """Return (version number, body) of every version of an article, oldest first."""
    latest = max([article.version_count, *article.versions, 1])
    earlier = [(n, body) for n, body in sorted(article.versions.items()) if n < latest]
    return [*earlier, (latest, article.body)]


def _occurrences(
    corpus: StoryCorpus, is_outlet: Callable[[str], bool]
) -> tuple[list[Occurrence], list[tuple[str, ...]]]:
    """Return every quote occurrence and the distinct folded forms they use."""
    terms = story_terms(corpus.rules)
    forms: dict[tuple[str, ...], int] = {}
    found: list[Occurrence] = []
    for article in corpus.articles:
        for number, body in _versions(article):
            for quote in find_quotes(body, terms, is_outlet):
                key = form_key(quote.text)
                index = forms.setdefault(key, len(forms))
                found.append(Occurrence(article.id, number, quote.text, quote.speaker, index))
    return found, list(forms)


def build_quotes(corpus: StoryCorpus, names: OutletNames | None = None) -> QuoteIndex:
    """Return the story's quote groups, the most widely carried first."""
    names = names or OutletNames.from_corpus(corpus)
    found, forms = _occurrences(corpus, names.is_outlet)
    group_of_form = align(forms)
    members: dict[int, list[Occurrence]] = defaultdict(list)
    for occurrence in found:
        members[group_of_form[occurrence.form]].append(occurrence)
    groups = [
        _group(corpus, _group_id(forms[number]), occurrences)
        for number, occurrences in members.items()
    ]
    groups.sort(key=lambda g: (-len(g.outlets), -len(g.articles), g.first.seniority, g.text))
    by_article: dict[int, set[str]] = defaultdict(set)
    for group_number, occurrences in members.items():
        group_id = _group_id(forms[group_number])
        for occurrence in occurrences:
            article = corpus.by_id[occurrence.article_id]
            if occurrence.version == max(article.version_count, 1):
                by_article[occurrence.article_id].add(group_id)
    return QuoteIndex(groups, dict(by_article))


def _group_id(tokens: tuple[str, ...]) -> str:
    """Return a stable id of a quote group (from its first form's words)."""
    return hashlib.sha1(" ".join(tokens).encode()).hexdigest()[:12]


def _group(corpus: StoryCorpus, group_id: str, occurrences: list[Occurrence]) -> QuoteGroup:
    """Return the quote group of a set of occurrences."""
    rank = corpus.rank
    ordered = sorted(occurrences, key=lambda o: (rank[o.article_id], o.version))
    form_text: dict[int, str] = {}
    form_articles: dict[int, set[int]] = defaultdict(set)
    for occurrence in ordered:
        form_text.setdefault(occurrence.form, occurrence.text)
        form_articles[occurrence.form].add(occurrence.article_id)
    order = {form: n for n, form in enumerate(form_text)}
    main = max(form_text, key=lambda f: (len(form_articles[f]), -order[f]))
    article_ids = sorted({o.article_id for o in occurrences}, key=rank.__getitem__)
    articles = [corpus.by_id[i] for i in article_ids]
    outlets = list(dict.fromkeys(a.outlet or "?" for a in articles))
    speaker, speakers = _speaker([o.speaker for o in ordered if o.speaker])
    return QuoteGroup(
        id=group_id,
        text=form_text[main],
        speaker=speaker,
        forms=list(form_text.values()),
        first=articles[0],
        articles=articles,
        outlets=outlets,
        changes=_changes(corpus, ordered, form_text),
        speakers=speakers,
    )


def _speaker(named: list[str]) -> tuple[str | None, list[str]]:
    """Return the quote's speaker (the most named person, in their fullest form) and all names."""
    if not named:
        return None, []
    counts = Counter(surname_key(n) for n in named)
    top = max(counts, key=lambda k: (counts[k], -[surname_key(n) for n in named].index(k)))
    fullest = max((n for n in named if surname_key(n) == top), key=lambda n: len(n.split()))
    return fullest, list(dict.fromkeys(named))


def _changes(
    corpus: StoryCorpus, ordered: list[Occurrence], form_text: dict[int, str]
) -> list[dict[str, Any]]:
    """Return how the quote changed between consecutive versions of one article.

    A change is a new form, the quote added (``from`` null) or dropped (``to`` null).
    """
    by_article: dict[int, dict[int, int]] = defaultdict(dict)
    for occurrence in ordered:
        by_article[occurrence.article_id].setdefault(occurrence.version, occurrence.form)
    changes = []
    for article_id, forms in by_article.items():
        article = corpus.by_id[article_id]
        if article.version_count <= 1:
            continue
        numbers = [number for number, _body in _versions(article)]
        for old, new in zip(numbers, numbers[1:], strict=False):
            before, after = forms.get(old), forms.get(new)
            if before != after:
                changes.append(
                    {
                        "article_id": article_id,
                        "from_version": old,
                        "to_version": new,
                        "from": form_text[before] if before is not None else None,
                        "to": form_text[after] if after is not None else None,
                    }
                )
    return changes


def quote_json(group: QuoteGroup) -> dict[str, Any]:
    """Return a quote group as the JSON object of design.md (plus id, speakers, changes)."""
    return {
        "id": group.id,
        "text": group.text,
        "speaker": group.speaker,
        "forms": group.forms,
        "first": {
            "article_id": group.first.id,
            "outlet": group.first.outlet,
            "published_at": utc_iso(group.first.published_at),
        },
        "articles": [a.id for a in group.articles],
        "outlets": group.outlets,
        "speakers": group.speakers,
        "changes": group.changes,
    }
