"""Links on HTML listing pages (search results, seed pages): article candidates, next page."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
from lxml import etree

from crawler.discovery.entries import HTML_PAGE, Entry, Listing

#: A path segment that is an article slug: at least three hyphen-separated words.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){2,}", re.IGNORECASE)
#: A numeric article id in a path (Daily Mail ``article-11133261``, Fox ``/1234567``).
_NUMERIC_ID = re.compile(r"\d{5,}")
#: Path parts that mark section, tag, author, search and paging pages rather than articles.
_NOT_ARTICLE_PATH = re.compile(
    r"/(?:search|tag|tags|topic|topics|author|authors|category|categories|page|video|videos|"
    r"gallery|galleries|newsletters?|subscribe|login|account|about|contact|privacy|terms)(?:/|$)",
    re.IGNORECASE,
)
#: Anchor texts that lead to the next page of results.
_NEXT_TEXT = re.compile(r"^\s*(?:next|more results|older|load more|›|»|→)", re.IGNORECASE)


def looks_like_article(url: str) -> bool:
    """Return True when a URL's path has the shape of an article (a long slug or a numeric id)."""
    path = urlsplit(url).path
    if not path or path == "/" or _NOT_ARTICLE_PATH.search(path):
        return False
    last = [s for s in path.split("/") if s]
    return bool(last) and (
        any(_SLUG.fullmatch(_strip_ext(s)) for s in last) or bool(_NUMERIC_ID.search(path))
    )


def _strip_ext(segment: str) -> str:
    """Return a path segment without its ``.html``/``.htm``/``.php`` extension."""
    return re.sub(r"\.(?:html?|php|shtml)$", "", segment, flags=re.IGNORECASE)


def parse_links(body: bytes, base_url: str, owns: Callable[[str], bool]) -> Listing:
    """Return article-like links on the outlet's domains and the page's next-page link."""
    try:
        root = lxml.html.fromstring(body)
    except (etree.ParserError, ValueError):
        return Listing(problem="malformed")
    seen: set[str] = set()
    listing = Listing(kind=HTML_PAGE)
    for anchor in root.iter("a"):
        href = anchor.get("href")
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = urldefrag(urljoin(base_url, href.strip()))[0]
        if listing.next_page is None and _is_next(anchor):
            listing.next_page = url
            continue
        if url in seen or not owns(url) or not looks_like_article(url):
            continue
        seen.add(url)
        listing.entries.append(Entry(url=url, title=anchor.text_content().strip() or None))
    if listing.next_page is None:
        link = root.find(".//link[@rel='next']")
        if link is not None and link.get("href"):
            listing.next_page = urljoin(base_url, link.get("href"))
    if not listing.entries:
        listing.problem = "empty"
    return listing


def _is_next(anchor: lxml.html.HtmlElement) -> bool:
    """Return True when an anchor points to the next page of a listing."""
    rel = (anchor.get("rel") or "").lower().split()
    if "next" in rel:
        return True
    label = anchor.get("aria-label") or anchor.text_content() or ""
    return bool(_NEXT_TEXT.match(label))
