"""Per-outlet page objects and the registry that maps a URL's host to one."""

from __future__ import annotations

from crawler.extract.normalize.urls import host_without_www
from crawler.extract.sources.pages.base import GenericPage, PageObject
from crawler.extract.sources.pages.outlets import OUTLET_PAGES

#: Registered domain -> page object class (subdomains match too).
REGISTRY: dict[str, type[PageObject]] = {d: cls for cls in OUTLET_PAGES for d in cls.domains}


def page_class_for(url: str | None) -> type[PageObject]:
    """Return the page object class whose domain matches the URL's host, else GenericPage."""
    host = host_without_www(url)
    while host:
        if host in REGISTRY:
            return REGISTRY[host]
        host = host.partition(".")[2] if "." in host else ""
    return GenericPage


def outlet_for(url: str | None) -> str | None:
    """Return the outlet key of the URL's host, or None."""
    return page_class_for(url).key or None


__all__ = ["REGISTRY", "GenericPage", "PageObject", "outlet_for", "page_class_for"]
