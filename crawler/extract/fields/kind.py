"""Whether a page is one article rather than a listing, a home page or an index."""

from __future__ import annotations

import re
from typing import Any

from lxml.etree import XPath

from crawler.extract.document import Document

#: A page without structured article markup counts as an article from this many words.
MIN_ARTICLE_WORDS = 150
#: A page the HTML marks as one article (broken or missing structured data) needs this many.
MIN_MARKED_ARTICLE_WORDS = 40
#: Characters of a JSON-LD block searched for an article type.
JSONLD_PROBE_CHARS = 20_000
_ONE_ARTICLE_ELEMENT = XPath(
    "(count(//article) = 1 and boolean(//article//h1)) or boolean(//*[@itemprop='articleBody'])"
)
_JSONLD_SCRIPTS = XPath("//script[@type='application/ld+json']/text()")
#: An article type named in a JSON-LD block, readable or not.
_JSONLD_ARTICLE_TYPE = re.compile(
    r'"@type"\s*:\s*\[?\s*"(?:https?://schema\.org/)?\w*(?:Article|Posting)"'
)


def marked_as_article(doc: Document) -> bool:
    """Return True when the HTML itself marks the page as one article.

    Marks: a lone ``<article>`` holding the headline, an ``itemprop=articleBody``, or an article
    type named in a JSON-LD block even when the block does not parse (broken structured data
    must not make an article a non-article).
    """
    if doc.tree is None:
        return False
    if _ONE_ARTICLE_ELEMENT(doc.tree):
        return True
    scripts = _JSONLD_SCRIPTS(doc.tree)
    return any(_JSONLD_ARTICLE_TYPE.search(s[:JSONLD_PROBE_CHARS]) for s in scripts)


def is_article(
    doc: Document,
    structured: dict[str, dict[str, Any]],
    *,
    title: str | None,
    body: str | None,
    words: int,
) -> bool:
    """Return whether the page looks like one article rather than a listing or home page."""
    if any(layer.get("is_article") for layer in structured.values()):
        return bool(body)
    if not title or words < MIN_MARKED_ARTICLE_WORDS:
        return False
    return words >= MIN_ARTICLE_WORDS or marked_as_article(doc)
