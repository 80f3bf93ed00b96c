"""The date a page prints with its headline: the byline or dateline block readers see.

A CMS's structured timestamps can be a draft's creation, a re-index or plain UTC; the date
printed next to the headline (``Von A. Autor | 3. Mai 2022``, ``<time>`` in the byline) is
the one the page shows its readers. Only short stamps count: a date inside a sentence of
the article is a mention, not a dateline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from itertools import islice

from lxml.etree import XPath, _ElementUnicodeResult
from lxml.html import HtmlElement

from crawler.extract.fields.dates.parse import normalize_date
from crawler.extract.fields.dates.printed import (
    MIN_PROSE_WORDS,
    STAMP_AFTER,
    PrintedDay,
    find_printed_days,
)

_INVISIBLE = frozenset({"script", "style", "noscript", "template"})
_INLINE = frozenset(
    {"a", "abbr", "b", "em", "font", "i", "mark", "small", "span", "strong", "sub", "sup", "u"}
)
#: How far (characters of visible text) after the headline its byline block may reach.
AFTER_HEADLINE_CHARS = 600
#: How far before the headline a kicker line with a date may stand.
BEFORE_HEADLINE_CHARS = 150
#: A date above the headline belongs to its block when both sit in the headline's
#: grandparent (the usual header wrapper); further up it is a site bar or a teaser list.
BEFORE_MAX_LEVELS = 2
#: Elements above a date (below its common block with the headline) searched for date marks.
MARK_LEVELS = 5
#: Characters before a date searched for a label such as "Updated:".
LABEL_CHARS = 30
#: An unmarked date is a stamp when its text piece ends within this many words after it (or
#: a time or a separator follows); further inside a sentence it is a mention.
MAX_WORDS_AFTER_STAMP = 3
#: Words closing a sentence after a date ("... am 5. Mai 2022 statt."): prose, not a stamp.
_SENTENCE_END = re.compile(r"[^\W\d]{2,}[.!?]\s*$")
#: A page is not published before the web's news sites existed (same bound as normalize).
EARLIEST_DAY = date(1990, 1, 1)
_MAX_HEADLINES = 20
_DATE_MARK = re.compile(r"date|time|datum|zeit|fecha|publi|posted|byline|dateline|meta", re.I)
_PUBLISHED_MARK = re.compile(r"publish|entry-date|created|posted|pubdate", re.I)
_UPDATED_MARK = re.compile(r"updated|modified|lastmod", re.I)
#: Words that label a date as the publication date ("Veröffentlicht am 16.08.2019").
PUBLISHED_LABELS = (
    "published",
    "posted",
    "veröffentlicht",
    "veroeffentlicht",
    "publiziert",
    "erschienen",
    "erstellt",
    "publié",
    "publicado",
    "pubblicato",
    "gepubliceerd",
)
_PUBLISHED_LABEL = re.compile(rf"(?<!\w)(?:{'|'.join(PUBLISHED_LABELS)})", re.I)
#: Parts of those words that find their text pieces fast (XPath 1.0 has no case folding).
LABEL_STEMS = ("ubli", "ubbli", "osted", "ffentlicht", "rschienen", "rstellt")
_LABEL_PIECES = XPath(
    "//body//text()["
    + " or ".join(f"contains(., '{stem}')" for stem in LABEL_STEMS)
    + "][not(ancestor::script or ancestor::style)]"
)
#: The text piece after a label that is an element's own text, and after one that is a tail.
_NEXT_AFTER_TEXT = XPath(
    "(descendant::text()[normalize-space()] | following::text()[normalize-space()])[2]"
)
_NEXT_AFTER_TAIL = XPath("following::text()[normalize-space()][1]")
_UPDATED_LABEL = re.compile(
    r"updated|aktualisiert|ge(?:ä|ae)ndert|mis (?:à|a) jour|modifi(?:é|e)|actualizado|"
    r"aggiornato|bijgewerkt",
    re.I,
)
#: schema.org's publication property on an element outside any item (extruct skips those).
_PUBLISHED_ELEMENTS = XPath("//body//*[@itemprop='datePublished']")
#: What may stand between a label and its date: "am", "on", "le", "el", a colon.
_LABEL_GAP = re.compile(r"\W*(?:(?:am|on|le|el|den|the)\b\W*)?", re.I)
#: Labels of other events a header or a forum post's profile box dates (never publication).
_OTHER_EVENT_LABEL = re.compile(
    r"regist|joined|join date|member since|mitglied seit|dabei seit|geboren|born|inscrit", re.I
)
PUBLISHED, UPDATED_MARK, UPDATED_LABEL = "published", "updated-mark", "updated-label"
OTHER_EVENT = "other-event"


@dataclass(frozen=True)
class ShownDate:
    """A date printed in the headline's block, with what the markup says about it."""

    day: date
    #: The other reading of an ambiguous numeric date (``03/05/2022``), else None.
    other_reading: date | None
    #: PUBLISHED, UPDATED_MARK (a class), UPDATED_LABEL (printed "Updated"), OTHER_EVENT
    #: ("Registered:") or "".
    role: str
    #: True when a ``<time>`` or a date class marks the element (not only a short text).
    marked: bool
    #: The ``datetime`` of the ``<time>`` printing it, when that names the same day.
    timestamp: str | None = None

    def matches(self, day: date) -> bool:
        """Return True when ``day`` is this date in either reading."""
        return day in (self.day, self.other_reading)


def _fold(text: str) -> str:
    """Return ``text`` with whitespace collapsed and case folded."""
    return " ".join(text.split()).casefold()


def headline_of(tree: HtmlElement, title: str | None) -> HtmlElement | None:
    """Return the heading that is the title (an ``<h1>``, else an ``<h2>``), else the ``<h1>``
    holding or held in the title, else the first ``<h1>`` with text; None without one."""
    wanted = _fold(title or "")
    h1s = [(h, _fold(h.text_content())) for h in _first(tree.iter("h1"))]
    h2s = [(h, _fold(h.text_content())) for h in _first(tree.iter("h2"))] if wanted else []
    for heading, text in (*h1s, *h2s):
        if wanted and text == wanted:
            return heading
    for heading, text in h1s:
        if wanted and text and (text in wanted or wanted in text):
            return heading
    return next((heading for heading, text in h1s if text), None)


def _first(headings: Iterator[HtmlElement]) -> list[HtmlElement]:
    """Return the first headings of a page (later ones are teasers and footers)."""
    return list(islice(headings, _MAX_HEADLINES))


def _walk(root: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """Yield the visible text pieces of ``root`` and its tail, in document order, each with
    the element it stands in (scripts, styles and comments left out; no recursion, as
    broken pages nest thousands deep)."""
    stack: list[tuple[HtmlElement, bool]] = [(root, False)]
    while stack:
        element, closed = stack.pop()
        if closed:
            parent = element.getparent()
            if element.tail and element.tail.strip() and parent is not None:
                yield " ".join(element.tail.split()), parent
            continue
        stack.append((element, True))
        if isinstance(element.tag, str) and element.tag not in _INVISIBLE:
            if element.text and element.text.strip():
                yield " ".join(element.text.split()), element
            stack.extend((child, False) for child in reversed(element))


def _following(headline: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """Yield the visible text pieces after ``headline`` to the end of the page."""
    node, parent = headline, headline.getparent()
    if headline.tail and headline.tail.strip() and parent is not None:
        yield " ".join(headline.tail.split()), parent
    while parent is not None:
        for sibling in node.itersiblings():
            yield from _walk(sibling)
        node, parent = parent, parent.getparent()
        if node.tail and node.tail.strip() and parent is not None:
            yield " ".join(node.tail.split()), parent


def _preceding(headline: HtmlElement, block: HtmlElement) -> list[tuple[str, HtmlElement]]:
    """Return the visible text pieces of ``block`` before ``headline``, in document order."""
    pieces = []
    for child in block:
        if child is headline or headline in child.iterdescendants():
            pieces.extend(_before_in(child, headline))
            break
        pieces.extend(_walk(child))
    return pieces


def _before_in(element: HtmlElement, headline: HtmlElement) -> list[tuple[str, HtmlElement]]:
    """Return the text pieces inside ``element`` that come before ``headline`` in it."""
    if element is headline:
        return []
    pieces = [(" ".join(element.text.split()), element)] if (element.text or "").strip() else []
    for child in element:
        if child is headline or headline in child.iterdescendants():
            return pieces + _before_in(child, headline)
        pieces.extend(_walk(child))
    return pieces


def _zone(headline: HtmlElement) -> list[tuple[str, HtmlElement, str]]:
    """Return the text pieces after the headline, then those above it in its block (nearest
    first), each with the piece before it."""
    zone, reach, previous = [], 0, ""
    for text, container in _following(headline):
        if reach > AFTER_HEADLINE_CHARS:
            break
        zone.append((text, container, previous))
        previous = text
        if container.tag != "a":  # link lists (a "latest news" rail) do not use up the reach
            reach += len(text) + 1
    block = headline
    for _ in range(BEFORE_MAX_LEVELS):
        block = block.getparent() if block.getparent() is not None else block
    before = _preceding(headline, block) if block is not headline else []
    reach = 0
    for i in range(len(before) - 1, -1, -1):
        if reach > BEFORE_HEADLINE_CHARS:
            break
        zone.append((*before[i], before[i - 1][0] if i else ""))
        reach += len(before[i][0]) + 1
    return zone


def _marks(container: HtmlElement, shared: set[HtmlElement]) -> list[HtmlElement]:
    """Return the elements from ``container`` up to (not into) the headline's ancestors
    (``shared``): the markup that belongs to this piece alone."""
    chain = []
    for element in (container, *container.iterancestors()):
        if element in shared or len(chain) >= MARK_LEVELS:
            break
        chain.append(element)
    return chain


def _names(element: HtmlElement) -> str:
    """Return the class, id and itemprop of ``element``: where markup says what it holds."""
    return f"{element.get('class', '')} {element.get('id', '')} {element.get('itemprop', '')}"


def _role(chain: list[HtmlElement], label: str) -> str:
    """Return what the label before a date and the markup around it say it is."""
    if _UPDATED_LABEL.search(label):
        return UPDATED_LABEL
    if _OTHER_EVENT_LABEL.search(label):
        return OTHER_EVENT
    if _PUBLISHED_LABEL.search(label):
        return PUBLISHED
    for element in chain:  # the nearest mark decides: <time class=updated> in a posted-on box
        names = _names(element)
        if _PUBLISHED_MARK.search(names):
            return PUBLISHED
        if _UPDATED_MARK.search(names):
            return UPDATED_MARK
    return ""


def _timestamp(chain: list[HtmlElement], day: date) -> str | None:
    """Return the ``datetime`` of a ``<time>`` in ``chain`` when it names ``day``."""
    for element in chain:
        value = element.get("datetime") if element.tag == "time" else None
        if value and value.strip()[:10] == day.isoformat():
            return value.strip()
    return None


def _text_after(container: HtmlElement) -> str:
    """Return the text that follows an inline element holding a piece (``<b>5. Mai 2022</b>
    statt.``): the rest of a sentence the piece may be part of."""
    element = container
    while element.tag in _INLINE and element.getparent() is not None:
        if element.tail and element.tail.strip():
            return element.tail
        element = element.getparent()
    return ""


def _is_stamp(text: str, container: HtmlElement, printed: PrintedDay) -> bool:
    """Return True when a time or separator follows the date, or at most a few words end its
    piece without closing a sentence, nor does the text after an inline element holding it
    (``am <b>5. Mai 2022</b> statt.``): a dateline, not a mention."""
    after = text[printed.end :]
    if STAMP_AFTER.match(after):
        return True
    if len(after.split()) > MAX_WORDS_AFTER_STAMP or _SENTENCE_END.search(after):
        return False
    return not _SENTENCE_END.search(_text_after(container))


def _candidates(
    zone: list[tuple[str, HtmlElement, str]], headline: HtmlElement, dayfirst: bool
) -> list[ShownDate]:
    """Return the stamps in ``zone``: dates in marked elements or in short text pieces."""
    latest = datetime.now(timezone.utc).date()
    # The elements themselves, not their id(): lxml makes a new proxy object for a node each
    # time one is asked for, and a freed proxy's id is reused by another node's.
    shared = set(headline.iterancestors())
    found = []
    for text, container, before in zone:
        chain = _marks(container, shared)
        marked = any(e.tag == "time" or _DATE_MARK.search(_names(e)) for e in chain)
        if not marked and len(text.split()) >= MIN_PROSE_WORDS:
            continue
        for printed in find_printed_days(text, dayfirst=dayfirst):
            if not EARLIEST_DAY <= printed.day <= latest:
                continue
            if not marked and not _is_stamp(text, container, printed):
                continue
            label = f"{before} {text[: printed.start]}"[-LABEL_CHARS:]
            role = _role(chain, label)
            stamp = _timestamp(chain, printed.day)
            found.append(ShownDate(printed.day, printed.other_reading, role, marked, stamp))
    return found


def _with_next(piece: _ElementUnicodeResult) -> str:
    """Return a text piece of the page (an lxml text result, which knows its element) joined
    with the next one: a label's date may follow in its own element."""
    parent = piece.getparent()
    following = (_NEXT_AFTER_TAIL if piece.is_tail else _NEXT_AFTER_TEXT)(parent)
    return " ".join(f"{piece} {following[0] if following else ''}".split())


def _labelled(tree: HtmlElement, dayfirst: bool) -> ShownDate | None:
    """Return the first date anywhere on the page printed right after a publication label
    (``Veröffentlicht am 16.08.2019``, ``Published: May 3, 2022``) in a short text piece."""
    for piece in _LABEL_PIECES(tree):
        text = " ".join(piece.split())
        if len(text.split()) >= MIN_PROSE_WORDS or not _PUBLISHED_LABEL.search(text):
            continue
        joined = _with_next(piece)
        for label in _PUBLISHED_LABEL.finditer(joined):
            rest = joined[label.end() :]
            gap = _LABEL_GAP.match(rest)
            printed = find_printed_days(rest[: gap.end() + LABEL_CHARS], dayfirst=dayfirst)
            if printed and printed[0].start == gap.end() and printed[0].day >= EARLIEST_DAY:
                return ShownDate(printed[0].day, printed[0].other_reading, PUBLISHED, False)
    return None


def _marked_published(tree: HtmlElement, dayfirst: bool) -> ShownDate | None:
    """Return the first date an ``itemprop="datePublished"`` element gives anywhere in the page
    (``<time pubdate>`` and ``class="published"`` also date comments, so they do not count)."""
    for element in _PUBLISHED_ELEMENTS(tree):
        value = element.get("datetime") or element.get("content") or ""
        found = normalize_date(value.strip()) if value.strip() else None
        if found is not None:
            day = date.fromisoformat(found.local_iso[:10])
            return ShownDate(day, None, PUBLISHED, True, value.strip())
        text = " ".join(element.text_content().split())
        printed = find_printed_days(text, dayfirst=dayfirst)
        if printed:
            return ShownDate(printed[0].day, printed[0].other_reading, PUBLISHED, True)
    return None


def header_dates(tree: HtmlElement, title: str | None, dayfirst: bool) -> list[ShownDate]:
    """Return the dates printed in the headline's block: after it first, then above it."""
    headline = headline_of(tree, title)
    return _candidates(_zone(headline), headline, dayfirst) if headline is not None else []


def shown_date(tree: HtmlElement | None, title: str | None, dayfirst: bool) -> ShownDate | None:
    """Return the publication date the page shows, or None.

    In the headline's block a date marked or labelled as the publication wins, then the
    first plain one, then one only a class calls "updated" (hAtom puts that class on every
    entry date); one printed as "Updated ..." never counts. Without any, a date labelled as
    the publication anywhere on the page, else an ``itemprop="datePublished"`` element.
    """
    if tree is None:
        return None
    candidates = header_dates(tree, title, dayfirst)
    for role in (PUBLISHED, "", UPDATED_MARK):
        for candidate in candidates:
            if candidate.role == role:
                return candidate
    return _labelled(tree, dayfirst) or _marked_published(tree, dayfirst)
