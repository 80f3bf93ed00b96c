"""The lead: the article's opening paragraph, set apart between the headline and the text.

Main-text extractors favouring precision drop it: it sits in the article ``<header>`` or in an
element classed ``teaser``/``intro``, like the teasers of other articles. What tells them apart
is the markup convention: a page's lead is one element with its own class (``lead``,
``article__intro``, ``teaser-text``, ``chapo``, an excerpt), not one of a list of linked
teasers, and it comes after the headline and before the article text. A summary set apart
from the text (a "dek", "standfirst" or "summary", not named a lead) is not the text's
opening: the description field carries it.
"""

from __future__ import annotations

import re

from lxml.etree import XPath
from lxml.html import HtmlElement

from archive.text import fold_text

#: Class or id naming a lead: the article's opening paragraph, set apart (German "Teaser",
#: French "chapô", WordPress' excerpt).
LEAD_MARK = re.compile(r"lead(?!er|ing)|intro|teaser|excerpt|chapo|preface", re.I)
#: Class or id naming the lead media (image, video, their captions), not a lead text.
NOT_LEAD_MARK = re.compile(
    r"media|image|img|photo|picture|video|asset|slide|gallery|caption|credit|breadcrumb", re.I
)
#: A lead has at least this many words (shorter marked texts are labels or kickers) ...
MIN_LEAD_WORDS = 8
#: ... and at most this many (a longer marked element is a whole text, not a lead).
MAX_LEAD_WORDS = 160
#: Share of a lead's text that may be link text (teasers of other articles are links).
MAX_LINK_SHARE = 0.3
#: Elements (the candidate or an ancestor) whose content is never a lead.
_OUTSIDE = frozenset(["a", "nav", "aside", "footer", "form", "button", "figcaption", "li"])
#: An element that is or holds media, embed code or headings: no lead but a page header.
_MEDIA_OR_HEADING = XPath(
    "boolean(self::figure or self::img or self::picture or self::video or self::iframe"
    " or self::header or self::h1 or .//figure or .//img or .//picture or .//video"
    " or .//iframe or .//textarea or .//h1)"
)
_SKIPPED = frozenset(["script", "style", "noscript", "template", "svg"])
_BLOCKS = frozenset(["p", "div", "br", "li", "h2", "h3", "h4", "section", "blockquote"])
#: Characters of the body's first paragraph used to find it in the page.
_PROBE_CHARS = 40
#: Elements with a class or id before ``self`` in document order (ancestors left out).
_MARKED_BEFORE = XPath("preceding::*[@class or @id]")
_TEXT_CONTAINING = XPath(
    "//body//text()[contains(normalize-space(.), $probe)][not(ancestor::script or ancestor::style)]"
)
_AFTER_HEADLINE = XPath("boolean(preceding::h1)")
_CLASS_COUNT = XPath("count(//*[@class = $cls])")


def _marks(node: HtmlElement) -> str:
    """Return an element's class and id, space-separated."""
    return f"{node.get('class') or ''} {node.get('id') or ''}".strip()


def shown_text(node: HtmlElement) -> str:
    """Return an element's text on one line, blocks kept apart by spaces."""
    out: list[str] = []

    def walk(element: HtmlElement) -> None:
        out.append(element.text or "")
        for child in element:
            if isinstance(child.tag, str) and child.tag not in _SKIPPED:
                block = " " if child.tag in _BLOCKS else ""
                out.append(block)
                walk(child)
                out.append(block)
            out.append(child.tail or "")

    walk(node)
    return " ".join("".join(out).split())


def _link_share(node: HtmlElement, text: str) -> float:
    """Return the share of ``node``'s text that is link text."""
    linked = sum(len(" ".join(a.text_content().split())) for a in node.iter("a"))
    return linked / max(len(text), 1)


def _is_placed(node: HtmlElement) -> bool:
    """Return True when neither the element nor an ancestor is a link, navigation or sidebar."""
    return not any(
        isinstance(n.tag, str) and n.tag in _OUTSIDE for n in (node, *node.iterancestors())
    )


def _body_start(tree: HtmlElement, body: str) -> HtmlElement | None:
    """Return the element holding the body's first words, or None."""
    probe = " ".join(body.split())[:_PROBE_CHARS]
    for found in _TEXT_CONTAINING(tree, probe=probe[:20]):
        node = found.getparent()
        for holder in (node, node.getparent() if node is not None else None):
            if holder is not None and probe in shown_text(holder):
                return holder
    return None


def _lead_text(node: HtmlElement) -> str | None:
    """Return the text of ``node`` when its markup and size make it a lead, else None."""
    if NOT_LEAD_MARK.search(_marks(node)) or _MEDIA_OR_HEADING(node) or not _is_placed(node):
        return None
    if node.get("class") and _CLASS_COUNT(node, cls=node.get("class")) > 1:
        return None
    text = shown_text(node)
    if not MIN_LEAD_WORDS <= len(text.split()) <= MAX_LEAD_WORDS:
        return None
    return text if _link_share(node, text) <= MAX_LINK_SHARE else None


def lead_paragraph(tree: HtmlElement | None, body: str) -> str | None:
    """Return the page's lead paragraph when ``body`` lacks it, else None.

    The lead is looked for after the first ``<h1>`` (when the page has one) and before the
    element where the body's text starts.
    """
    if tree is None or not body:
        return None
    start = _body_start(tree, body)
    if start is None:
        return None
    marked = [n for n in _MARKED_BEFORE(start) if LEAD_MARK.search(_marks(n))]
    headline = tree.find(".//h1") if marked else None
    for node in marked:
        if headline is not None and not _AFTER_HEADLINE(node):
            continue
        text = _lead_text(node)
        if text:
            return None if fold_text(text) in fold_text(body) else text
    return None
