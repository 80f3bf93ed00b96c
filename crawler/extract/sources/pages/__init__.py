"""Per-outlet page objects, registered by outlet key, and the choice of an outlet's design.

An outlet is defined once, in the outlets registry (``crawler/outlets.toml``: key, domains,
sister domains); extraction gets the outlet from the spider, or resolves it from the page's
URL, and builds the page object registered under its key. Every outlet of the registry has a
page object here or is listed in ``GENERIC_ONLY`` (the tests hold them to it).

An outlet that changed design has one page object per design (Fundus's ``VALID_UNTIL``): a
capture of known date (a live fetch, a WARC record, an archived copy) gets the design served
that day; a saved page of unknown date gets every design's selectors at once.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from crawler.extract.document import Document
from crawler.extract.sources.pages.base import SELECTOR_ATTRIBUTES, GenericPage, PageObject
from crawler.extract.sources.pages.outlets import OUTLET_PAGES

if TYPE_CHECKING:
    from crawler.config import Outlet

#: Outlets of the registry whose pages the generic layers read well: no page object, on
#: purpose (an outlet missing from both this and ``PAGES`` fails the tests).
GENERIC_ONLY: frozenset[str] = frozenset()


def designs_by_outlet(
    classes: tuple[type[PageObject], ...],
) -> dict[str, tuple[type[PageObject], ...]]:
    """Return outlet key -> its page objects, oldest design first, the current one last.

    Raises ValueError when an outlet has no current design, or two designs end the same day.
    """
    by_key: dict[str, list[type[PageObject]]] = {}
    for cls in classes:
        by_key.setdefault(cls.key, []).append(cls)
    found = {}
    for key, versions in by_key.items():
        ends = [v.valid_until for v in versions]
        if ends.count(None) != 1 or len(set(ends)) != len(ends):
            raise ValueError(f"page objects of {key!r}: one current design, distinct end days")
        found[key] = tuple(sorted(versions, key=lambda v: v.valid_until or date.max))
    return found


#: Outlet key -> its page objects, one per design, oldest first.
PAGES: dict[str, tuple[type[PageObject], ...]] = designs_by_outlet(OUTLET_PAGES)


@cache
def any_date(versions: tuple[type[PageObject], ...]) -> type[PageObject]:
    """Return the page object for a page of unknown date: the current design with every
    design's selectors (and overrides) at once."""
    current = versions[-1]
    if len(versions) == 1:
        return current
    newest_first = versions[::-1]
    attributes: dict[str, object] = {
        name: ", ".join(dict.fromkeys(s for v in newest_first if (s := getattr(v, name)))) or None
        for name in SELECTOR_ATTRIBUTES
    }
    attributes["overrides"] = frozenset().union(*(v.overrides for v in versions))
    attributes["__doc__"] = f"{current.__name__} at any date: the selectors of all its designs."
    return type(f"{current.__name__}AnyDate", (current,), attributes)


def page_class_for(key: str | None, captured: date | None = None) -> type[PageObject]:
    """Return the page object of outlet ``key`` for a page captured on ``captured`` (the
    design served that day; every design when None), else GenericPage."""
    versions = PAGES.get(key or "")
    if not versions:
        return GenericPage
    if captured is None:
        return any_date(versions)
    return next(v for v in versions if v.valid_until is None or captured <= v.valid_until)


def page_for(doc: Document, outlet: Outlet | None, captured: date | None = None) -> PageObject:
    """Return the page object reading ``doc`` for ``outlet`` (GenericPage without one)."""
    cls = page_class_for(outlet.key if outlet is not None else None, captured)
    return cls(doc, outlet)


__all__ = [
    "GENERIC_ONLY",
    "PAGES",
    "GenericPage",
    "PageObject",
    "any_date",
    "designs_by_outlet",
    "page_class_for",
    "page_for",
]
