"""Bylines in the markup: rel=author, hCard names, author and byline containers."""

from __future__ import annotations

from lxml.etree import XPath
from lxml.html import HtmlElement

from crawler.extract.normalize.authors import clean_authors

_NOT_IN_COMMENTS = (
    "[not(ancestor-or-self::*[contains(@class, 'comment') or contains(@id, 'comment')"
    " or contains(@class, 'related') or self::footer or self::nav])]"
)
#: Byline locations, most specific first.
BYLINE_XPATHS = tuple(
    XPath(x + _NOT_IN_COMMENTS)
    for x in (
        "//*[@rel='author' or @itemprop='author' or @data-testid='author-name']",
        "//*[contains(@class, 'author') or contains(@class, 'vcard')]"
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')]",
        "//*[contains(@class, 'byline') or contains(@class, 'author-name')"
        " or contains(@class, 'authorName') or contains(@class, 'entry-author')"
        " or contains(@class, 'post-author') or contains(@class, 'article-author')"
        " or contains(@class, 'autor')]",
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' author ')]",
        "//a[contains(@href, '/author/') or contains(@href, '/autor/')]",
    )
)
MAX_BYLINE_CHARS = 100


def find_bylines(tree: HtmlElement | None) -> list[str]:
    """Return the short byline texts of the first byline location that has any."""
    if tree is None:
        return []
    for xpath in BYLINE_XPATHS:
        texts = []
        for node in xpath(tree):
            if node.tag in ("meta", "link", "script", "style"):
                continue
            text = " ".join(node.text_content().split())
            if text and len(text) <= MAX_BYLINE_CHARS:
                texts.append(text)
        if clean_authors(texts):
            return list(dict.fromkeys(texts))[:5]
    return []
