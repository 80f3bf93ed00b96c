"""The page-object base class: per-outlet fixes, one method per field, none by default."""

from __future__ import annotations

import copy
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement, tostring

from crawler.extract.document import Document
from crawler.extract.fields.body.boilerplate import drop_prompts
from crawler.extract.fields.dates.parse import dayfirst_for
from crawler.extract.normalize.text import html_to_text

if TYPE_CHECKING:
    from crawler.config import Outlet

#: Boilerplate inside any outlet's body container.
COMMON_BOILERPLATE = (
    "script, style, noscript, iframe, form, button, svg, figure, figcaption, aside, "
    "[class*=newsletter], [class*=related], [class*=read-more], [class*=readmore], "
    "[class*=advert], [class*=ad-container], [class*=social], [class*=share-], "
    "[class*=promo], [class*=recirc], [class*=caption], [class*=credit]"
)


#: The class attributes holding a CSS selector (a design's markup).
SELECTOR_ATTRIBUTES = (
    "body_selector",
    "title_selector",
    "boilerplate_selector",
    "byline_selector",
    "date_selector",
)


def _compile(selector: str | None) -> CSSSelector | None:
    """Return a compiled CSS selector, or None."""
    return CSSSelector(selector) if selector else None


class PageObject:
    """Fields one outlet's markup gives better than the generic layers; None means no opinion.

    A class is registered under its outlet's ``key`` (the outlet itself, with its domains, is
    defined in the outlets registry). An outlet whose site changed design has one class per
    design: an older one sets ``valid_until``, the last day its selectors held.
    """

    key: ClassVar[str] = ""
    #: The last day (inclusive) this design was served; None for the outlet's current design.
    valid_until: ClassVar[date | None] = None
    site_names: ClassVar[tuple[str, ...]] = ()
    #: Dates printed without a zone are in this IANA zone.
    timezone: ClassVar[str | None] = None
    #: Fields whose page value beats the structured layers (JSON-LD, meta) on this outlet.
    overrides: ClassVar[frozenset[str]] = frozenset()
    body_selector: ClassVar[str | None] = None
    #: The displayed headline, where the outlet's structured titles are a shorter SEO line.
    title_selector: ClassVar[str | None] = None
    boilerplate_selector: ClassVar[str | None] = None
    byline_selector: ClassVar[str | None] = None
    date_selector: ClassVar[str | None] = None

    def __init__(self, doc: Document, outlet: Outlet | None = None) -> None:
        self.doc = doc
        self.outlet = outlet

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls._body_css = _compile(cls.body_selector)
        cls._drop_css = _compile(
            ", ".join(filter(None, (COMMON_BOILERPLATE, cls.boilerplate_selector)))
        )
        cls._byline_css = _compile(cls.byline_selector)
        cls._title_css = _compile(cls.title_selector)
        cls._date_css = _compile(cls.date_selector)

    @property
    def dayfirst(self) -> bool:
        """Return True when the outlet writes numeric dates day first (its ``locale``)."""
        return bool(self.outlet is not None and dayfirst_for(self.outlet.locale))

    @property
    def layer(self) -> str:
        """Return this page object's provenance name (``page:<outlet>``)."""
        return f"page:{self.key}"

    def select(self, selector: CSSSelector | None) -> list[HtmlElement]:
        """Return the elements ``selector`` matches in the page (none without a tree)."""
        if selector is None or self.doc.tree is None:
            return []
        return selector(self.doc.tree)

    def title(self) -> str | None:
        """Return the displayed headline found by ``title_selector``, or None."""
        texts = (" ".join(e.text_content().split()) for e in self.select(self._title_css))
        return next((t for t in texts if t), None)

    def authors(self) -> list[str]:
        """Return byline strings found by ``byline_selector``."""
        texts = [" ".join(e.text_content().split()) for e in self.select(self._byline_css)]
        return list(dict.fromkeys(t for t in texts if t))

    def date_published(self) -> str | None:
        """Return the publication timestamp string printed by the outlet, or None."""
        for element in self.select(self._date_css):
            value = element.get("datetime") or element.get("content") or element.text_content()
            if value and value.strip():
                return value.strip()
        return None

    @cached_property
    def _body(self) -> str | None:
        matched = self.select(self._body_css)
        inside = {d for c in matched for d in c.iterdescendants()}
        containers = [c for c in matched if c not in inside]
        if not containers:
            return None
        texts = [self.container_text(c) for c in containers[:3]]
        text = "\n\n".join(t for t in texts if t)
        return text or None

    def body(self) -> str | None:
        """Return the article text from the outlet's body container, boilerplate removed."""
        return self._body

    def container_text(self, container: HtmlElement) -> str:
        """Return the clean text of one body container."""
        clone = copy.deepcopy(container)
        clone.tail = None
        for element in self._drop_css(clone) if self._drop_css is not None else ():
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
        text = html_to_text(tostring(clone, encoding="unicode"))
        return drop_prompts(text, shouted=True) or ""


class GenericPage(PageObject):
    """The fallback page object: no outlet-specific knowledge."""
