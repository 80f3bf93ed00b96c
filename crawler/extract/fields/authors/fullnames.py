"""The full name behind a short author value, read from the page's own texts.

Pages declare "Todd", "christian.stadtfeld" or "DT" where they print "Todd Bates",
"Christian P. Stadtfeld" or "Donald Townsend" elsewhere. A short value is spelled out only when
the page spells it out in exactly one way; two Todds leave it as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from crawler.extract.fields.authors.names import (
    fix_case,
    has_byline_label,
    is_initials,
    is_weak_author,
    name_tokens,
    names_agency,
    split_authors,
)

_CAPITALISED = r"[A-Z\u00c0-\u00de][\w'\u2019-]*[^\W\d_]"
_UPPER_WORD = r"[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de'\u2019-]*[A-Z\u00c0-\u00de]"
_NAME_WORD = rf"(?:{_CAPITALISED}|{_UPPER_WORD})"
#: Up to two middle initials or names between a first name and a surname ("Jane P. Roe").
_MIDDLE = rf"(?:\s+(?:[A-Z]\.|{_NAME_WORD})){{0,2}}"
#: Academic titles before a name standing alone ("Dr. Jane Roe").
_TITLES = r"(?:(?:Dr|Prof|PD)\.\s*)*"
#: A name standing alone as an element's whole text ("<p>Dr. Jane P. Roe</p>").
_STANDALONE_NAME = re.compile(
    rf"^\s*{_TITLES}({_NAME_WORD}(?:\s+(?:[A-Z]\.|{_NAME_WORD})){{1,2}})[\s.,:]*$"
)
#: A labelled text that may spell out a first name ("Mehr von Jane Roe") is this short.
MAX_LABELLED_CHARS = 80
#: A text longer than this is no name standing alone.
MAX_STANDALONE_CHARS = 60


class _OneName:
    """The distinct full names found so far; more than one means the page is ambiguous."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, ...], str] = {}

    def add(self, name: str | None) -> None:
        """Count ``name`` (None counts nothing)."""
        if name:
            self.found.setdefault(tuple(name_tokens(name)), name)

    @property
    def ambiguous(self) -> bool:
        return len(self.found) > 1

    def result(self) -> str | None:
        """Return the one name found when it reads as one person's name, else None."""
        if len(self.found) != 1:
            return None
        name = next(iter(self.found.values()))
        return name if split_authors(name) == [name] else None


def _spelling_pattern(short: str, words: list[str]) -> re.Pattern[str]:
    """Return the pattern of the full names ``short`` may stand for.

    A login slug ("christian.stadtfeld") is looked for anywhere, its words in order; a lone
    first name only as the whole text of an element ("<p>Todd Bates</p>"): in running text
    the next capitalised word is as often a German noun or a sentence's start ("Tine Hi").
    """
    if len(words) > 1:
        inner = _MIDDLE if len(words) == 2 else ""
        rest = "".join(rf"\s+(?i:{re.escape(w)})" for w in words[1:])
        return re.compile(rf"(?<![\w.-])(?i:{re.escape(words[0])}){inner}{rest}(?![\w-])")
    first = re.escape(short)
    forms = f"(?:{first[:1].upper()}{first[1:]}|{first.upper()})"
    return re.compile(rf"^\s*{_TITLES}({forms}{_MIDDLE}\s+{_NAME_WORD})[\s.,:]*$")


def _labelled_full_name(first: str, text: str) -> str | None:
    """Return the one full name of a short labelled text ("Mehr von JANE ROE", "Autor: Jane
    Roe") when it starts with ``first`` (a folded first name), else None."""
    if len(text) > MAX_LABELLED_CHARS or first not in text.casefold():
        return None
    if not has_byline_label(text):
        return None
    names = split_authors(text)
    tokens = name_tokens(names[0]) if len(names) == 1 else []
    return names[0] if len(tokens) > 1 and tokens[0] == first else None


def _in_order(short: list[str], full: list[str]) -> bool:
    """Return True when every word of ``short`` occurs in ``full``, in the same order."""
    remaining = iter(full)
    return all(word in remaining for word in short)


def fuller_name(short: str, candidates: Iterable[str]) -> str | None:
    """Return the candidate that spells out a one-word name or login slug in full
    ("Todd" -> "Todd Bates", "jane_roe" -> "Jane Roe"), or None."""
    if " " in short.strip():
        return None
    words = name_tokens(short)
    for candidate in candidates:
        if " " not in candidate.strip():
            continue
        full = name_tokens(candidate)
        if "".join(full) == "".join(words):
            return candidate
        if words and len(full) > len(words) and full[0] == words[0] and _in_order(words, full):
            return candidate
    return None


#: The name a bio starts with ("Jane Roe ist freie Autorin ...", "Jane P. Roe - Reporter").
_BIO_NAME = re.compile(
    r"^\s*([A-Z\u00c0-\u00de][\w'\u2019-]+(?:\s+[A-Z]\.)?\s+[A-Z\u00c0-\u00de][\w'\u2019-]+)\b"
)


def name_in_bio(bio: str) -> str | None:
    """Return the full name an author's bio starts with, or None."""
    found = _BIO_NAME.match(bio)
    return found.group(1) if found else None


def spelled_out(short: str, texts: Iterable[str]) -> str | None:
    """Return the one full name in the page's ``texts`` that a lone first name or login slug
    stands for ("Todd" -> "Todd Bates", "christian.stadtfeld" -> "Christian P. Stadtfeld"),
    or None when the page spells it out nowhere or in more than one way (two Todds)."""
    short = short.strip()
    words = name_tokens(short)
    if not words or not all(w.isalpha() for w in words) or " " in short:
        return None
    if len(words) == 1 and (short.isupper() or is_weak_author(short)):
        return None  # an acronym or an agency ("AFP", "Agencies"), not a first name
    pattern = _spelling_pattern(short, words)
    one = _OneName()
    for text in texts:
        if len(words) > 1:
            for match in pattern.finditer(text):
                one.add(fix_case(" ".join(match.group(0).split())))
        else:
            match = pattern.match(text)
            one.add(fix_case(" ".join(match.group(1).split())) if match else None)
            one.add(_labelled_full_name(words[0], text))
        if one.ambiguous:
            return None
    return one.result()


def expanded_initials(initials: str, texts: Iterable[str]) -> str | None:
    """Return the one name printed alone in the page's ``texts`` whose initials are
    ``initials`` ("DT" -> "Donald Townsend"), or None."""
    letters = initials.strip().casefold()
    if not is_initials(initials) or len(letters) < 2 or not letters.isalpha():
        return None
    if names_agency(initials):
        return None  # an agency's acronym ("AFP") is its usual name
    one = _OneName()
    for text in texts:
        match = _STANDALONE_NAME.match(text) if len(text) < MAX_STANDALONE_CHARS else None
        if match and "".join(t[0] for t in name_tokens(match.group(1))) == letters:
            one.add(fix_case(" ".join(match.group(1).split())))
            if one.ambiguous:
                return None
    return one.result()


#: What may join a name to the next one in a byline, markup and spaces between.
_JOIN_AFTER = re.compile(
    r"(?:\s|<[^<>]{0,200}>)*(?:,|&amp;|&|and\b|und\b|et\b|y\b|e\b)"
    r"(?:\s|<[^<>]{0,200}>)*[A-Z\u00c0-\u00de]",
    re.I,
)
#: How far after a name in the markup its co-author may start.
_JOIN_REACH = 600
_CAPITAL_AFTER = re.compile(r"\s+[A-Z\u00c0-\u00de]")
#: Runs of letters: the words of a name or login slug ("o'sullivan" -> o, sullivan).
_LETTERS = re.compile(r"[^\W\d_]+")


def _occurrences(word: str, html: str) -> Iterator[int]:
    """Yield the end offsets of ``word`` in the markup, written capitalised or in upper case
    (a name's two usual spellings; cheaper than lower-casing the whole page)."""
    for form in {word[:1].upper() + word[1:], word.upper()}:
        start = html.find(form)
        while start >= 0:
            yield start + len(form)
            start = html.find(form, start + 1)


def co_author_follows(name: str, html: str) -> bool:
    """Return True when the page's markup has the last word of ``name`` followed by a joiner
    and a capitalised word ("Jane Roe</a>, <a>John"): a cheap test before looking for
    co-authors."""
    words = _LETTERS.findall(name)
    last = words[-1] if words else ""  # "O'Sullivan" -> "Sullivan": markup may spell "&#39;"
    return bool(last) and any(
        _JOIN_AFTER.match(html, end, end + _JOIN_REACH) for end in _occurrences(last, html)
    )


def first_word(name: str) -> str:
    """Return the first run of letters of a name or slug ("christian.stadtfeld" -> christian)."""
    words = _LETTERS.findall(name)
    return words[0] if words else ""


def may_spell_out(short: str, html: str) -> bool:
    """Return True when the page's markup may spell out a first name or login slug: a cheap
    test before ``spelled_out`` reads the page's texts."""
    words = _LETTERS.findall(short)
    if len(words) > 1:
        return all(next(_occurrences(w, html), None) is not None for w in words)
    return any(_CAPITAL_AFTER.match(html, end) for end in _occurrences(short.strip(), html))
