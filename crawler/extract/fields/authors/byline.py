"""Bylines in the markup (rel=author, hCard names, author and byline containers) and in the
text ("Von Jane Roe", "Written by: Jane Roe", "11.12.2019 - Jane Roe")."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import chain, islice
from typing import cast

from lxml.etree import XPath, _ElementUnicodeResult
from lxml.html import HtmlElement

from crawler.extract.fields.authors.names import clean_authors

#: Bylines are not in comments, related-story lists, footers, menus or photo credits
#: (an element classed both photo and author, "photo-author", credits the photographer).
_NOT_IN_COMMENTS = (
    "[not(contains(@class, 'photo'))]"
    "[not(ancestor-or-self::*[contains(@class, 'comment') or contains(@id, 'comment')"
    " or contains(@class, 'related') or self::footer or self::nav or self::figure"
    " or self::figcaption])]"
    "[not(ancestor-or-self::*[position() <= 3]"
    "[contains(@class, 'caption') or contains(@class, 'credit')])]"
)
#: Byline locations, most specific first. Each starts with a cheap substring test on
#: ``@class`` so the exact tests run on few elements.
BYLINE_XPATHS = tuple(
    XPath(x + _NOT_IN_COMMENTS)
    for x in (
        "//*[@rel='author' or @itemprop='author' or @data-testid='author-name']",
        "//*[contains(@class, 'fn')][contains(concat(' ', normalize-space(@class), ' '), ' fn ')]"
        "[ancestor::*[contains(@class, 'author') or contains(@class, 'vcard')]]",
        "//*[contains(@class, 'byline') or contains(@class, 'aut')]"
        "[contains(@class, 'byline') or contains(@class, 'author-name')"
        " or contains(@class, 'authorName') or contains(@class, 'entry-author')"
        " or contains(@class, 'post-author') or contains(@class, 'article-author')"
        " or contains(@class, 'autor')]",
        "//*[contains(@class, 'author')]"
        "[contains(concat(' ', normalize-space(@class), ' '), ' author ')"
        " or contains(concat(normalize-space(@class), ' '), '_author ')"
        " or contains(concat(normalize-space(@class), ' '), '-author ')"
        " or contains(concat(' ', normalize-space(@class)), ' author_')"
        " or contains(concat(' ', normalize-space(@class)), ' author-')]",
        "//a[contains(@href, '/author/') or contains(@href, '/autor/')]",
    )
)
#: A byline text is at most this long (characters).
MAX_BYLINE_CHARS = 100
#: A longer author block (name, date and headline) is read through its first link.
MAX_BYLINE_BLOCK_CHARS = 300
#: Byline matches whose common ancestor is further up than this belong to different articles.
MAX_BYLINE_SPREAD = 3
#: A byline location gives at most this many texts (co-authors).
MAX_BYLINE_TEXTS = 5
#: A byline names at most this many people ("Jane Roe, John Doe and Ann Other") ...
MAX_BYLINE_NAMES = 3
#: ... of at most this many words each ...
MAX_NAME_WORDS = 4
#: ... and full names (this many words) where only "by"/"von" stands before them, or where
#: a dated byline or a lone label's next element gives them.
MIN_FULL_NAME_WORDS = 2
#: Characters at the start of a short text searched for a byline word (past separators), and
#: how many of its letters the cheap test in libxml2 compares.
START_PROBE_CHARS, START_LETTERS = 14, 2
#: Text pieces tested as text bylines at most (a huge page has millions).
MAX_TEXT_BYLINE_PIECES = 20_000
#: Elements after a lone author label ("<h4>Autor</h4>") searched for the names.
LABEL_FOLLOW_ELEMENTS = 3
#: A name cleaner: byline texts -> the person names it accepts.
Clean = Callable[[list[str]], list[str]]
#: A text node found by XPath: a string that knows its element (``getparent``, ``is_tail``).
TextPiece = _ElementUnicodeResult
#: Short texts that begin like a byline ("von Klaus Stanjek", "Written by: Jane Roe",
#: "Posted on May 2, 2020 by Jane Roe", "Autor: Jane Roe", "Par Jane Roe").
_TEXT_BYLINE = XPath(
    f"//body//text()[string-length(normalize-space()) < {MAX_BYLINE_CHARS}]"
    "[contains($starts, concat('|', substring(translate(substring(normalize-space(), 1, "
    f"{START_PROBE_CHARS}), $upper_and_separators, $lower), 1, {START_LETTERS}), '|'))]"
    "[not(ancestor::script or ancestor::style or ancestor::a or ancestor::footer"
    " or ancestor::nav or ancestor::*[contains(@class, 'comment')])]"
)
#: The first two letters of every ``_BYLINE_START`` word: a cheap filter run inside libxml2
#: (separators, spaces and colons dropped, upper case lowered) before the regular expression.
_TEXT_BYLINE_VARIABLES = {
    "starts": "|by|vo|pa|po|do|di|wr|pu|te|ge|ve|er|ei|be|ar|au|re|ga|bl|in|"
    "责任|作者|编辑|记者|記者|",
    "upper_and_separators": "ABCDEFGHIJKLMNOPQRSTUVWXYZ-|:\u2013\u2014\u2022\u00b7\u00a0 ",
    "lower": "abcdefghijklmnopqrstuvwxyz",
}
_BYLINE_START = re.compile(
    r"^\s*(?:[-\u2013\u2014|\u2022\u00b7]+\s*)?"
    r"(?:(?:written|posted|published|text|geschrieben|verfasst|erstellt|"
    r"(?:ein )?(?:(?:gast|blog)[- ]?)?(?:beitrag|artikel))"
    r"(?:\s+(?:on|am)\s+[^|]{4,30}?)?\s+(?:by|von)|by|von|par|por|door|di|"
    r"autor(?:in|[/*_]in)?\s*:|autoren|authors?\s*:|auteure?s?\s*:|autore\s*:|text\s*:|redaktion\s*:|"
    r"interview\s*:)\s*:?(?:\s|$)"
    r"|^\s*(?:责任编辑|作者|编辑|记者|記者)(?:\s*[:\uff1a]\s*|\s+)",
    re.I,
)
#: An author label with no colon, standing alone above the names ("<h4>Autor</h4>").
_LABEL_ONLY = re.compile(
    r"^\s*(autor(?:in|en)?|authors?|auteure?s?|autore|interview|"
    r"(?:article|story|post|written|posted)\s+by)\s*:?\s*$",
    re.I,
)
#: Where a byline's names end: a date, a time, a separator or a preposition.
_BYLINE_TAIL = re.compile(
    r"\s+(?:am|on|at|um|le|el|il|op|vom|den|fotos?|photos?|bilder|bild|illustratione?n?|grafik|"
    r"[|\u2022\u00b7\u2013\u2014-])(?::|\s|$)|\s*[|/(\u2022\u00b7]|,\s|\d",
    re.I,
)
#: A bare "by"/"von" (no label) needs full names: "von Säure" is prose, not a byline.
_BARE_PREPOSITION = re.compile(
    r"^\s*(?:[-\u2013\u2014|\u2022\u00b7]+\s*)?(?:by|von|par|por|door|di|autoren)\s*$", re.I
)
_BYLINE_JOIN = re.compile(r"\s+(?:and|und|et|y|e|en|&)\s+", re.I)
#: A person's name as bylines print it: capitalised words and name particles, or a Chinese
#: name.
NAME = re.compile(
    r"^(?:[A-Z\u00c0-\u00de][\w'\u2019.-]*\.?)(?:\s+(?:[A-Z\u00c0-\u00de][\w'\u2019.-]*\.?|"
    r"de|da|di|van|von|der|den|la|le|del|dos))*$"
    r"|^[\u4e00-\u9fff]{2,4}$"  # a Chinese name: two to four characters
)


def _elements(xpath: XPath, tree: HtmlElement) -> list[HtmlElement]:
    """Return the elements an element-selecting XPath finds in ``tree``."""
    return cast("list[HtmlElement]", xpath(tree))


def _element_of(piece: TextPiece) -> HtmlElement | None:
    """Return the element a text piece stands in (or follows, for a tail)."""
    return cast("HtmlElement | None", piece.getparent())


def _within(anchor: HtmlElement, levels: int) -> set[HtmlElement]:
    """Return ``anchor`` and its ancestors up to ``levels`` levels above it."""
    near = {anchor}
    for ancestor in anchor.iterancestors():
        if len(near) > levels:
            break
        near.add(ancestor)
    return near


def _innermost(found: list[tuple[HtmlElement, str]], clean: Clean) -> list[str]:
    """Return the distinct texts of the found nodes that name someone and hold no other such
    node: a byline wrapper's text adds labels and dates to the name element inside it."""
    named = [(node, text) for node, text in found if clean([text])]
    nodes = {node for node, _ in named}
    inner = [text for node, text in named if nodes.isdisjoint(node.iterdescendants())]
    return list(dict.fromkeys(inner))


def element_text(node: HtmlElement) -> str:
    """Return the text of ``node`` with its elements' texts kept apart: ``text_content``
    runs "<a>Jane Roe</a><time>Hace 2 horas</time>" together as "Jane RoeHace 2 horas"."""
    return " ".join(" ".join(node.itertext()).split())


def _byline_candidates(node: HtmlElement) -> list[tuple[HtmlElement, str]]:
    """Return (element, text) pairs to read names from: a short byline element itself, or
    the first link of an author block too long to be a byline ("<div class=author><a>Jane
    Roe</a>, 21. Jan. 2015 <h2>The headline ...</h2></div>")."""
    text = element_text(node)
    if not text or len(text) > MAX_BYLINE_BLOCK_CHARS:
        return []
    if len(text) <= MAX_BYLINE_CHARS:
        return [(node, text)]
    link = next(node.iter("a"), None)
    if link is None:
        return []
    link_text = element_text(link)
    return [(link, link_text)] if link_text and len(link_text) <= MAX_BYLINE_CHARS else []


def find_bylines(tree: HtmlElement | None, clean: Clean = clean_authors) -> list[str]:
    """Return the short byline texts of the first byline location that has any.

    The first text ``clean`` accepts is the article's byline; later matches count only when
    they sit next to it (co-authors), not in teaser cards or related-story lists.
    """
    if tree is None:
        return []
    for xpath in BYLINE_XPATHS:
        found: list[tuple[HtmlElement, str]] = []
        near: set[HtmlElement] = set()
        for match in _elements(xpath, tree):
            if match.tag in ("meta", "link", "script", "style"):
                continue
            for node, text in _byline_candidates(match):
                if not near:
                    if not clean([text]):
                        continue
                    near = _within(node, MAX_BYLINE_SPREAD)
                elif node not in near and near.isdisjoint(node.iterancestors()):
                    continue
                found.append((node, text))
        if found:
            return _innermost(found, clean)[:MAX_BYLINE_TEXTS]
    return []


def _name_after_marker(text: str, clean: Clean) -> str | None:
    """Return the name in a byline-like text ("von Jane Roe am 2.5.2020" -> Jane Roe)."""
    marker = _BYLINE_START.match(text)
    bare = marker is not None and _BARE_PREPOSITION.match(marker.group(0)) is not None
    rest = _BYLINE_START.sub("", text, count=1)
    rest = _BYLINE_TAIL.split(rest, maxsplit=1)[0].strip(" :,;-")
    parts = [p.strip() for p in _BYLINE_JOIN.split(rest) if p.strip()]
    if not parts or len(parts) > MAX_BYLINE_NAMES or not all(NAME.match(p) for p in parts):
        return None
    if any(_too_long_or_short(p, bare) for p in parts):
        return None
    names = clean(parts)
    return "; ".join(names) if len(names) == len(parts) else None


def _too_long_or_short(name: str, bare: bool) -> bool:
    """Return True when a byline part has too many words for a name, or (after a ``bare``
    preposition) too few for a full name."""
    words = len(name.split())
    return words > MAX_NAME_WORDS or (bare and words < MIN_FULL_NAME_WORDS)


def _byline_text(node: TextPiece) -> str:
    """Return the short text a byline word starts: its element's text, or when the element
    holds the label alone ("<b>Autor:</b> Jane Roe"), the label and the text that follows."""
    parent = _element_of(node)
    if parent is None or node.is_tail:
        return " ".join(node.split())
    text = " ".join(parent.text_content().split())
    if _BYLINE_START.sub("", text, count=1).strip():
        return text
    follow = parent.tail or ""
    if not follow.strip() and (sibling := parent.getnext()) is not None:
        follow = sibling.text_content()
    return " ".join(f"{text} {follow[:MAX_BYLINE_CHARS]}".split())


def _labelled_text(node: TextPiece, label: str) -> str:
    """Return "label: name" for a label standing alone in its element ("<h4>Autor</h4>
    <p><a>Jane Roe</a></p>"), or "" when the element holds more than the label or the next
    element fewer than two words."""
    parent = _element_of(node)
    if parent is None or node.is_tail or len(parent):
        return ""
    siblings = islice(parent.itersiblings(), LABEL_FOLLOW_ELEMENTS)
    texts = (" ".join(s.text_content().split()) for s in siblings)
    follow = next((t for t in texts if t), "")  # past a <br> or an image
    if len(follow.split()) < MIN_FULL_NAME_WORDS:
        return ""  # a lone word under a widget's "Autor" heading is a link ("Über mich")
    marker = "by" if label.casefold().endswith(" by") else f"{label}:"  # "Article by" -> by
    return f"{marker} {follow[:MAX_BYLINE_CHARS]}"


def find_text_bylines(tree: HtmlElement | None, clean: Clean = clean_authors) -> list[str]:
    """Return the names of the first short byline-like text of the page body ("von Jane Roe")
    whose names ``clean`` accepts."""
    if tree is None:
        return []
    pieces = cast("list[TextPiece]", _TEXT_BYLINE(tree, **_TEXT_BYLINE_VARIABLES))
    for count, node in enumerate(pieces):
        if count > MAX_TEXT_BYLINE_PIECES:
            break
        if _BYLINE_START.match(node):
            text = _byline_text(node)
        elif label := _LABEL_ONLY.match(node):
            text = _labelled_text(node, label.group(1))
        else:
            continue
        if len(text) > MAX_BYLINE_CHARS or not _BYLINE_START.match(text):
            continue
        name = _name_after_marker(text, clean)
        if name:
            return [name]
    return []


#: A printed date: "11.12.2019", "12. März 2020", "March 12, 2020", "2020-03-12", "3/12/2020".
PRINTED_DATE = (
    r"(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{1,2}\.?\s+[^\W\d_]{3,10}\.?\s+\d{4}"
    r"|[^\W\d_]{3,10}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
)
#: A dated byline under a headline: the date, a separator, then the name ("11.12.2019 - Jane
#: Roe", "12. März 2020 | von Jane Roe"); an optional time may follow the date.
_DATED_BYLINE = re.compile(
    rf"^\s*{PRINTED_DATE}(?:(?:,|\s*[|\u2022\u00b7])?\s+\d{{1,2}}[:.]\d{{2}}(?:\s*(?:Uhr|h))?)?"
    r"\s*[-\u2013\u2014|\u2022\u00b7]\s*(?:(?:von|by)\s+)?(?P<name>[^|\u2022\u00b7]{3,60}?)\s*$",
    re.I,
)
#: How many elements after the headline a dated byline may follow it, and before it stand.
_DATED_BYLINE_SIBLINGS, _DATED_BYLINE_ABOVE = 3, 1


def find_dated_bylines(tree: HtmlElement | None, clean: Clean = clean_authors) -> list[str]:
    """Return the full names of a dated byline printed just after the first ``<h1>`` or
    right above it ("<h1>...</h1><p>11.12.2019 - Jane Roe</p>" -> ["Jane Roe"]), or []."""
    heading = next(iter(tree.iter("h1")), None) if tree is not None else None
    if heading is None:
        return []
    near = chain(
        islice(heading.itersiblings(), _DATED_BYLINE_SIBLINGS),
        islice(heading.itersiblings(preceding=True), _DATED_BYLINE_ABOVE),
    )
    for node in near:
        match = _DATED_BYLINE.match(" ".join(node.text_content().split()))
        parts = _BYLINE_JOIN.split(match.group("name")) if match else []
        if parts and all(NAME.match(p) and len(p.split()) >= MIN_FULL_NAME_WORDS for p in parts):
            names = clean(parts)
            return names if len(names) == len(parts) else []
    return []
