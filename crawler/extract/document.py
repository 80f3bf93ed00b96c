"""One page, decoded once and parsed once: the lxml tree every layer shares."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from lxml.html import HtmlElement
from trafilatura.utils import load_html

from crawler.extract.problems import (
    EMPTY,
    ENCODING_FALLBACK,
    ENCODING_REPAIRED,
    HEURISTIC_FAILED,
    NO_BODY_ELEMENT,
    NOT_HTML,
    PARSE_ERROR,
    TOO_LARGE,
    Problem,
)

#: Pages longer than this (characters) are cut before parsing.
MAX_HTML_CHARS = 12_000_000
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178]")
_HTML_HINT = re.compile(r"<\s*(?:!doctype|html|head|body|meta|div|p|article|title)\b", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
T = TypeVar("T")


@dataclass
class Document:
    """A decoded page, its parsed tree (None when unparseable) and the problems met so far."""

    html: str
    url: str | None
    tree: HtmlElement | None
    problems: list[Problem] = field(default_factory=list)
    element_count: int = 0

    def note(self, code: str, message: str) -> None:
        """Record a problem met on this page."""
        self.problems.append(Problem(code, message))


def _declared_charset(raw: bytes) -> str | None:
    """Return the charset a page declares in its first bytes, if Python knows it."""
    match = _CHARSET.search(raw[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode_html(raw: bytes, problems: list[Problem]) -> str:
    """Return the text of an HTML byte string: BOM, then UTF-8, then the declared charset."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(raw)
    if declared and declared not in ("utf-8", "utf_8"):
        return raw.decode(declared, "replace")
    message = f"encoding: not valid {declared or 'utf-8'}; decoded as windows-1252"
    problems.append(Problem(ENCODING_FALLBACK, message))
    return raw.decode("cp1252", "replace")


def repair_mojibake(text: str, problems: list[Problem]) -> str:
    """Return ``text`` with UTF-8-read-as-windows-1252 damage undone when that is what it is."""
    if len(_MOJIBAKE.findall(text[:200_000])) < 3:
        return text
    try:
        repaired = text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text
    problems.append(
        Problem(ENCODING_REPAIRED, "encoding: repaired utf-8 text decoded as windows-1252")
    )
    return repaired


def load_document(html: str | bytes | None, url: str | None = None) -> Document:
    """Return the decoded, parsed page; problems explain anything missing."""
    problems: list[Problem] = []
    if html is None:
        html = ""
    text = decode_html(html, problems) if isinstance(html, bytes) else html
    text = repair_mojibake(text, problems)
    if len(text) > MAX_HTML_CHARS:
        message = f"too-large: {len(text)} characters, cut to {MAX_HTML_CHARS}"
        problems.append(Problem(TOO_LARGE, message))
        text = text[:MAX_HTML_CHARS]
    if not text.strip():
        return Document("", url, None, [Problem(EMPTY, "empty: no content")])
    if not _HTML_HINT.search(text[:20_000]):
        not_html = Problem(NOT_HTML, "not-html: no HTML markup found")
        return Document(text, url, None, [*problems, not_html])
    tree = _parse(text, problems)
    if tree is not None and tree.find("body") is None:
        problems.append(Problem(NO_BODY_ELEMENT, "no-body: markup without a <body>"))
    count = sum(1 for _ in tree.iter()) if tree is not None else 0
    return Document(text, url, tree, problems, count)


def _parse(text: str, problems: list[Problem]) -> HtmlElement | None:
    """Return the lxml tree of ``text`` (trafilatura's parser settings), None on failure."""
    try:
        tree = load_html(text)
    except Exception as exc:  # noqa: BLE001 - lxml raises many types on broken input
        problems.append(Problem(PARSE_ERROR, f"parse-error: {type(exc).__name__}: {exc}"[:200]))
        return None
    if tree is None:
        problems.append(Problem(PARSE_ERROR, "parse-error: lxml produced no tree"))
    return tree


def guarded(
    doc: Document, what: str, func: Callable[..., T], *args: Any, **kwargs: Any
) -> T | None:
    """Return ``func(...)`` on a parsed page, or None with a problem noted when it raises.

    Heuristics (ours and third-party) meet broken markup; one of them failing must cost only
    its own field, never the page.
    """
    if doc.tree is None:
        return None
    try:
        return func(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - heuristics on broken pages
        doc.note(HEURISTIC_FAILED, f"{what}: {type(exc).__name__}: {exc}"[:200])
        return None
