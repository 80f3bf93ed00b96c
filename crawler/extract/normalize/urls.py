"""URLs found in pages -> absolute http(s) URLs resolved against the page URL."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from w3lib.url import safe_url_string


def resolve_url(href: object, page_url: str | None) -> str | None:
    """Return ``href`` made absolute against ``page_url``; None unless it is http(s)."""
    if not isinstance(href, str) or not href.strip():
        return None
    href = href.strip()
    try:
        absolute = urljoin(page_url, href) if page_url else href
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return safe_url_string(absolute)


def host_without_www(url: str | None) -> str | None:
    """Return the lower-case host of ``url`` without ``www.``, or None."""
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return None
    return host.removeprefix("www.") or None
