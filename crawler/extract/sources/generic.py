"""The generic layer: trafilatura main text and metadata heuristics, htmldate for dates."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timezone
from functools import cached_property
from typing import Any, TypeVar

from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.metadata import extract_author, extract_title
from trafilatura.settings import Document as TrafilaturaDocument
from trafilatura.xml import xmltotxt

from crawler.extract.document import Document, guarded
from crawler.extract.fields.body.boilerplate import drop_prompts
from crawler.extract.fields.dates.printed import printed_outside
from crawler.extract.normalize.text import clean_text
from crawler.extract.problems import TOO_MANY_ELEMENTS
from crawler.extract.sources.headings import heading_text, is_site_banner

#: trafilatura's extraction knobs, kept in one place.
TRAFILATURA_OPTIONS = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "with_metadata": False,
}
#: Trees above this many elements use trafilatura's fast mode (no fallback extractors).
LARGE_TREE_ELEMENTS = 8_000
#: Trees above this many elements get plain paragraph extraction: the heuristics'
#: time grows faster than linearly and a 10 MB page would take minutes.
HUGE_TREE_ELEMENTS = 25_000
HTMLDATE_OPTIONS = {"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%d"}
T = TypeVar("T")
_VISIBLE_TEXT = XPath("//body//text()[not(ancestor::script or ancestor::style)]")
_TEXTS_WITH = XPath(
    "//body//text()[contains(., $a) or contains(., $b) or contains(., $c) or contains(., $d)]"
    "[not(ancestor::script or ancestor::style)]"
)
for _noisy in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_noisy).setLevel(logging.CRITICAL)


def paragraphs_text(tree: HtmlElement | None) -> str | None:
    """Return the text of every ``<p>`` in the page, one paragraph each (the cheap fallback)."""
    if tree is None:
        return None
    texts = (" ".join(p.text_content().split()) for p in tree.iter("p"))
    return "\n\n".join(t for t in texts if t) or None


class GenericLayer:
    """Generic extraction over the shared tree; every value computed on first use."""

    layer = "generic"

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        #: A date read from the page's text only (not printed as a date outside the article).
        self.guessed_date: str | None = None
        self._dates: dict[bool, str | None] = {}

    def _guard(self, what: str, func: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Return ``func(...)``, or None with a "generic ..." problem noted when it raises."""
        return guarded(self.doc, f"generic {what}", func, *args, **kwargs)

    @property
    def huge(self) -> bool:
        """Return True when the tree is too big for the full heuristics (time grows fast)."""
        return self.doc.element_count > HUGE_TREE_ELEMENTS

    @cached_property
    def _extraction(self) -> TrafilaturaDocument | None:
        """Return trafilatura's extraction with our options (precision first)."""
        return self._extract(favor_precision=True)

    @cached_property
    def _recall_extraction(self) -> TrafilaturaDocument | None:
        """Return trafilatura's extraction without favouring precision."""
        return self._extract(favor_precision=False)

    def _extract(self, *, favor_precision: bool) -> TrafilaturaDocument | None:
        """Return trafilatura's extraction of the shared tree, or None when it fails."""
        fast = self.doc.element_count > LARGE_TREE_ELEMENTS
        options = {**TRAFILATURA_OPTIONS, "favor_precision": favor_precision}
        return self._guard(
            "body", bare_extraction, self.doc.tree, url=self.doc.url, fast=fast, **options
        )

    def body(self, *, recall: bool = False) -> str | None:
        """Return trafilatura's main text with one paragraph per block, or None.

        ``recall`` asks for the extraction that does not favour precision: for an article page
        whose text the precise one threw away (broken markup can nest it in the site header).
        """
        if self.huge:
            self.doc.note(
                TOO_MANY_ELEMENTS,
                f"too-large: {self.doc.element_count} elements; plain paragraph extraction",
            )
            return paragraphs_text(self.doc.tree)
        result = self._recall_extraction if recall else self._extraction
        if result is None or result.body is None:
            return None
        text = xmltotxt(result.body, False) or ""
        return drop_prompts(clean_text(text.replace("\n", "\n\n")))

    def title(self) -> str | None:
        """Return trafilatura's title guess (a single ``<h1>``, title meta, ``<title>``)."""
        return self._guard("title", extract_title, self.doc.tree)

    def authors(self) -> list[str]:
        """Return trafilatura's author guess (bylines are read in ``fields.authors``)."""
        if self.huge:
            return []
        author = self._guard("author", extract_author, self.doc.tree)
        return [author] if author else []

    def date_published(self) -> str | None:
        """Return the page's date from its markup, or one printed outside the article text.

        htmldate's text scan also turns a year or month named in the article into a date; such
        a guess is kept in ``guessed_date``, never returned: a wrong date is worse than none.
        """
        found = self.find_date(extensive=False)
        if found:
            return found
        guess = self.find_date(extensive=True)
        if guess and printed_outside(self.visible_text(), self.body() or "", guess):
            return guess
        self.guessed_date = guess
        return None

    def visible_text(self) -> str:
        """Return the text of the page's body, scripts and styles left out."""
        return " ".join(self.visible_texts)

    def texts_with(self, word: str) -> list[str]:
        """Return the body's text nodes that hold ``word`` as given, capitalised, in upper or
        in lower case, scripts and styles left out (libxml2 does the substring tests)."""
        if self.doc.tree is None or not word:
            return []
        forms = dict(a=word, b=word.capitalize(), c=word.upper(), d=word.lower())
        return [str(text) for text in _TEXTS_WITH(self.doc.tree, **forms)]

    @cached_property
    def visible_texts(self) -> list[str]:
        """Return the text nodes of the page's body, scripts and styles left out."""
        if self.doc.tree is None:
            return []
        return [str(text) for text in _VISIBLE_TEXT(self.doc.tree)]

    def find_date(self, *, extensive: bool) -> str | None:
        """Return htmldate's reading of the page's date; ``extensive`` adds the slow text scan."""
        if self.huge:
            return None
        if extensive not in self._dates:
            self._dates[extensive] = self._find_date(extensive)
        return self._dates[extensive]

    def _find_date(self, extensive: bool) -> str | None:
        """Return htmldate's reading of the page's date (uncached)."""
        # max_date bounds htmldate's search; without it some pages take seconds.
        today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
        options = {**HTMLDATE_OPTIONS, "extensive_search": extensive, "max_date": today}
        return self._guard("date", find_date, self.doc.tree, url=self.doc.url, **options)

    def h1_texts(self) -> list[str]:
        """Return the texts of the page's ``<h1>`` elements, site banners left out."""
        return list(self._headings[("h1", False)])

    def h2_texts(self) -> list[str]:
        """Return the texts of the page's ``<h2>`` elements, site banners left out."""
        return list(self._headings[("h2", False)])

    def banner_texts(self) -> list[str]:
        """Return the texts of ``<h1>``/``<h2>`` headings that show the site's name."""
        return self._headings[("h1", True)] + self._headings[("h2", True)]

    @cached_property
    def _headings(self) -> dict[tuple[str, bool], list[str]]:
        """Return the non-empty ``<h1>``/``<h2>`` texts by (tag, is a site banner)."""
        found: dict[tuple[str, bool], list[str]] = {
            (tag, banner): [] for tag in ("h1", "h2") for banner in (False, True)
        }
        if self.doc.tree is None:
            return found
        title = self.title_element()
        for heading in self.doc.tree.iter("h1", "h2"):
            text = heading_text(heading)
            if text:
                found[(heading.tag, is_site_banner(heading, title))].append(text)
        return found

    def title_element(self) -> str | None:
        """Return the text of ``<head><title>``."""
        node = self.doc.tree.find(".//title") if self.doc.tree is not None else None
        text = " ".join(node.text_content().split()) if node is not None else ""
        return text or None
