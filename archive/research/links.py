"""Which archived articles an article links to: its stored outbound links and URLs in its text.

The extractor stores a body's outbound links in ``links`` (per version); bodies are plain text,
so a URL written out in the text counts too. Links are compared by the archive's canonical URL
key, so tracking parameters and ``www.``/AMP variants find the same article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Protocol

from archive.dedup.urls import canonicalize_url, url_key

_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'“”‘’()\[\]{}]+", re.IGNORECASE)
_TRAILING = ".,;:!?…"


def urls_in_text(text: str | None) -> list[str]:
    """Return the http(s) URLs written out in a text (trailing punctuation dropped)."""
    return [m.group(0).rstrip(_TRAILING) for m in _URL_IN_TEXT.finditer(text or "")]


def _key(url: str) -> str | None:
    """Return the archive's key of a URL, or None when it is no usable URL."""
    try:
        return url_key(canonicalize_url(url))
    except (ValueError, TypeError):
        return None


class LinkingArticle(Protocol):
    """What ``article_links`` reads of an article (``corpus.StoryArticle`` has it; a protocol,
    so the corpus, which looks links up, can import this module without a cycle)."""

    @property
    def url_key(self) -> str: ...
    @property
    def body(self) -> str | None: ...
    @property
    def versions(self) -> Mapping[int, str | None]: ...
    @property
    def links(self) -> Sequence[str]: ...
    @property
    def version_links(self) -> Sequence[str]: ...


def article_links(article: LinkingArticle) -> Iterator[tuple[str, str]]:
    """Yield (url, url_key) of every distinct link of an article (all versions), in order."""
    seen: set[str] = {article.url_key}
    texts = [article.body, *article.versions.values()]
    candidates = [*article.links, *article.version_links]
    candidates += [url for text in texts for url in urls_in_text(text)]
    for url in candidates:
        key = _key(url)
        if key and key not in seen:
            seen.add(key)
            yield url, key
