"""What two articles can share as evidence of a rewrite: quoted passages and long sentences.

Quotes come from the quote index (aligned forms, so a quote with a word changed still counts).
Long sentences are the body's sentences of at least :data:`LONG_SENTENCE_WORDS` words outside
quotation marks, compared folded; a sentence that recurs across most of one outlet's articles
is that outlet's furniture ("Sign up for our newsletter ...") and no evidence.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from archive.research.corpus import StoryCorpus
from archive.research.quotes.build import QuoteIndex
from archive.research.quotes.extract import paragraphs, quote_spans
from archive.text import words

#: A sentence this long (in words, outside quotes) shared by two articles is evidence.
LONG_SENTENCE_WORDS = 12
#: A sentence in at least this many of one outlet's articles, and ...
FURNITURE_MIN_ARTICLES = 3
#: ... in at least this share of them, is furniture.
FURNITURE_SHARE = 0.5
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[\"“„«»‘‚‹›']?[A-Z0-9])")


@dataclass
class SharedItems:
    """Evidence items per article and the display text of each item."""

    by_article: dict[int, list[str]] = field(default_factory=dict)
    label: dict[str, tuple[str, str]] = field(default_factory=dict)  # item -> (kind, text)


def long_sentences(body: str | None) -> dict[str, str]:
    """Return {hash: sentence} of the body's long sentences (quoted passages blanked out)."""
    found: dict[str, str] = {}
    for paragraph in paragraphs(body):
        unquoted = list(paragraph)
        for start, end, _, _ in quote_spans(paragraph):
            unquoted[start:end] = " " * (end - start)
        for sentence in _SENTENCE_SPLIT.split("".join(unquoted)):
            tokens = words(sentence)
            if len(tokens) >= LONG_SENTENCE_WORDS:
                digest = hashlib.sha1(" ".join(tokens).encode()).hexdigest()[:16]
                found.setdefault(f"s:{digest}", " ".join(sentence.split()))
    return found


def _furniture(corpus: StoryCorpus, sentences: dict[int, dict[str, str]]) -> set[str]:
    """Return the sentences that are one outlet's furniture."""
    per_outlet = Counter(a.outlet for a in corpus.articles)
    carriers: dict[tuple[str | None, str], int] = defaultdict(int)
    for article in corpus.articles:
        for item in sentences.get(article.id, {}):
            carriers[(article.outlet, item)] += 1
    return {
        item
        for (outlet, item), count in carriers.items()
        if count >= FURNITURE_MIN_ARTICLES and count >= FURNITURE_SHARE * per_outlet[outlet]
    }


def shared_items(corpus: StoryCorpus, quotes: QuoteIndex) -> SharedItems:
    """Return each article's evidence items (quote groups and long sentences)."""
    items = SharedItems()
    for group in quotes.groups:
        items.label[f"q:{group.id}"] = ("quote", group.text)
    sentences = {a.id: long_sentences(a.body) for a in corpus.articles}
    furniture = _furniture(corpus, sentences)
    for article in corpus.articles:
        own = [f"q:{g}" for g in sorted(quotes.by_article.get(article.id, ()))]
        for item, text in sentences[article.id].items():
            if item not in furniture:
                own.append(item)
                items.label.setdefault(item, ("sentence", text))
        items.by_article[article.id] = own
    return items
