"""Page headings: a heading's headline text, and the headings that show the site's name."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.etree import XPath
from lxml.html import HtmlElement

#: Heading parts that are not part of the headline (kickers, dates, labels, small print).
_HEADING_EXTRA = re.compile(
    r"kicker|dachzeile|topline|overline|eyebrow|label|rubric|date|time|flag|prefix|category|small",
    re.I,
)
#: Elements inside a heading that never show text (CSS-in-JS puts <style> there).
_SILENT_TAGS = frozenset(["style", "script", "noscript", "template", "button", "svg"])
_EDGE_SEPARATORS = re.compile(
    r"^[\s:|\-\u2013\u2014\u2022\u00b7/]+|[\s:|\-\u2013\u2014\u2022\u00b7/]+$"
)
#: The schema.org microdata headline inside a heading (the rest is a kicker or a date).
_MARKED_HEADLINE = XPath(".//*[@itemprop='headline']")
#: Class or id of a heading (or its container) that shows the site's name: WordPress'
#: ``site-title``, ``site-branding``, a logo or brand.
_BANNER_MARK = re.compile(r"(?:^|[\s_-])(?:site[-_]?(?:title|name|branding)|logo|brand)", re.I)
#: Paths of a site's home page.
_HOME_PATHS = frozenset(["", "/", "/index.html", "/index.htm", "/index.php"])


def _collect(node: HtmlElement, out: list[str], *, skip_extra: bool) -> None:
    """Append the shown text of ``node`` to ``out``; ``skip_extra`` leaves out kickers etc."""
    out.append(node.text or "")
    for child in node:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            out.append(" ")
        elif tag and tag not in _SILENT_TAGS:
            extra = skip_extra and _HEADING_EXTRA.search(f"{child.get('class', '')} {tag}")
            if not extra:
                _collect(child, out, skip_extra=skip_extra)
        out.append(child.tail or "")


def heading_text(heading: HtmlElement) -> str:
    """Return a heading's text without kicker, date, label or sub-headline parts."""
    marked = _MARKED_HEADLINE(heading)
    node = marked[0] if marked else heading
    parts: list[str] = []
    _collect(node, parts, skip_extra=True)
    text = _EDGE_SEPARATORS.sub("", " ".join("".join(parts).split()))
    if text:
        return text
    parts = []
    _collect(node, parts, skip_extra=False)
    return " ".join("".join(parts).split())


def _is_home_link(link: HtmlElement) -> bool:
    """Return True for a link to a site's home page (``rel=home`` or the root path)."""
    if "home" in (link.get("rel") or "").lower().split():
        return True
    href = (link.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return False
    parts = urlsplit(href)
    return parts.path in _HOME_PATHS and not parts.query and not parts.fragment


def is_site_banner(heading: HtmlElement, page_title: str | None = None) -> bool:
    """Return True for a heading that shows the site's name: a logo, brand or home link.

    A heading that repeats the page's ``<title>`` is the page's own (screen-reader) title,
    wherever it sits.
    """
    if heading.get("itemprop") == "headline":
        return False
    if page_title and " ".join(heading.text_content().split()) == page_title:
        return False
    parent = heading.getparent()
    marks = [heading.get("class"), heading.get("id")]
    if parent is not None:
        marks += [parent.get("class"), parent.get("id")]
    if _BANNER_MARK.search(" ".join(m for m in marks if m)):
        return True
    return any(_is_home_link(link) for link in heading.iter("a"))
