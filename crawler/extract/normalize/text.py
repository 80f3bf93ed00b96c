"""Body HTML or raw text -> clean text with paragraph breaks; word counts."""

from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup, NavigableString, Tag

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "pre",
        "figure",
        "figcaption",
        "header",
        "footer",
        "aside",
        "main",
        "address",
        "hr",
    ]
)
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "button", "form")
_INLINE_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_MANY_BREAKS = re.compile(r"\n\s*\n+")
_TAG_HINT = re.compile(r"<\s*(?:p|br|div|span|a|em|strong|b|i|h\d|li|ul|figure|img)\b", re.I)
_WORD = re.compile(r"\w+", re.UNICODE)
_BREAK = "\x00P\x00"


def clean_text(text: str | None) -> str:
    """Return text with whitespace runs collapsed and paragraphs separated by one blank line."""
    if not text:
        return ""
    text = _ZERO_WIDTH.sub("", html.unescape(text)) if "&" in text else _ZERO_WIDTH.sub("", text)
    paragraphs = []
    for block in _MANY_BREAKS.split(text.replace("\r\n", "\n")):
        lines = [_INLINE_SPACES.sub(" ", line).strip() for line in block.split("\n")]
        joined = "\n".join(line for line in lines if line)
        if joined:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs)


def _walk(node: Tag, out: list[str]) -> None:
    """Append the text of ``node`` to ``out`` with paragraph markers around blocks."""
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:
                out.append(str(child).replace("\n", " "))
            continue
        if not isinstance(child, Tag) or child.name in _DROP_TAGS:
            continue
        if child.name == "br":
            out.append("\n")
            continue
        block = child.name in _BLOCK_TAGS
        if block:
            out.append(_BREAK)
        _walk(child, out)
        if block:
            out.append(_BREAK)


def html_to_text(fragment: str | None) -> str:
    """Return clean paragraph text from an HTML fragment (e.g. an articleBody with markup)."""
    if not fragment:
        return ""
    if not _TAG_HINT.search(fragment):
        return clean_text(fragment)
    soup = BeautifulSoup(fragment, "html.parser")
    out: list[str] = []
    _walk(soup, out)
    text = "".join(out).replace(_BREAK, "\n\n")
    return clean_text(text)


def looks_like_html(text: str) -> bool:
    """Return True when ``text`` carries HTML tags that need converting."""
    return bool(_TAG_HINT.search(text or ""))


def body_text(value: str | None) -> str:
    """Return clean paragraph text from a body given as text, HTML or escaped HTML."""
    if not value:
        return ""
    if "&lt;" in value and _TAG_HINT.search(html.unescape(value[:5000])):
        value = html.unescape(value)
    return html_to_text(value)


def word_count(text: str | None) -> int:
    """Return the number of words in ``text``."""
    return len(_WORD.findall(text or ""))
