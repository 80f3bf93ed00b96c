"""Re-crawl test content: synthetic article pages, served on a mock server whose pages change
by phase (``server.site().pages[path] = Response.html(...)`` between two re-crawls).

Pages are synthetic (invented text); they carry JSON-LD and meta tags the way outlets do.
"""

from __future__ import annotations

import json

from tests.mockserver import MockServer

ROBOTS_TXT = "User-agent: *\nDisallow: /private/\n"


def phase_server() -> MockServer:
    """Return a running mock server on 127.0.0.1 with no pages yet and ``/private/`` disallowed."""
    server = MockServer("127.0.0.1")
    server.site().robots(ROBOTS_TXT)
    return server


def article_html(
    headline: str,
    paragraphs: list[str],
    *,
    author: str = "Robin Example",
    published: str = "2022-08-02T17:39:00-04:00",
    modified: str | None = None,
    script: str = "",
) -> str:
    """Return a synthetic article page with JSON-LD, meta tags and the body paragraphs."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "author": [{"@type": "Person", "name": author}],
        "datePublished": published,
        "dateModified": modified or published,
        "articleBody": "\n\n".join(paragraphs),
    }
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{headline}</title><meta property='og:title' content='{headline}'>"
        f"<script type='application/ld+json'>{json.dumps(data)}</script>"
        f"<script>{script}</script></head><body><header>Site nav</header>"
        f"<article><h1>{headline}</h1>{body}</article><footer>Footer text</footer></body></html>"
    )
