"""Author strings as pages give them -> a clean list of person names."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

_URL = re.compile(r"^(?:https?:)?//\S+$|^www\.\S+$", re.I)
_BY_PREFIX = re.compile(
    r"^\s*(?:(?:post\s+)?author(?:ed)?\s*:?\s*|autor(?:in)?\s*:?\s*|verfasst\s+|"
    r"geschrieben\s+|ver(?:ö|oe)ffentlicht\s+|interview\s*:\s*|written\s+|"
    r"(?:ein\s+)?(?:artikel|beitrag|pressemitteilung|text|fotos?)\s+||reported\s+|posted\s+|published\s+|story\s+|words\s+)?"
    r"(?:by|von|vom|par|por|di|door|af|av)\s*[:\-]?\s+"
    r"|^\s*(?:(?:post\s+)?author|autor(?:in)?|verfasser(?:in)?|interview|text|auteur|"
    r"redakteur(?:in)?)\s*:\s*|^\s*(?:auteur|autor(?:in)?)\s+(?=[A-Z\u00c0-\u00de])"
    r"|^\s*erstellt\s+von\s+"
    r"|^\s*(?:zeige\s+|view\s+|show\s+|see\s+)?(?:alle\s+|all\s+)?"
    r"(?:beitr(?:ä|ae)ge|artikel|posts|articles|stories)\s+(?:von|by|of)\s+"
    r"|^\s*(?:mehr|alles|more|zum\s+profil)\s+(?:von|from|by)\s+",
    re.I,
)
_SPLIT = re.compile(r"\s*(?:,|;|&|\n|/)\s*|\s+(?:and|und|et|y)\s+", re.I)
_PIPE_TAIL = re.compile(r"\s+[|\u2022\u00b7]\s+.*$")
_DASH_TAIL = re.compile(r"\s+[\-\u2013\u2014]\s+.*$")
_FOR_TAIL = re.compile(r"\s+(?:for|f(?:ü|ue)r)\s+(?:the\s+)?[\w.\-]+(?:\s+[\w.\-]+){0,3}\s*$", re.I)
_HANDLE = re.compile(r"\(?@\w{1,30}\)?")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = re.compile(r"^[\s\W_]+|[\s\W_]+$")
_DIGITS = re.compile(r"\d")
_NOT_NAMES = re.compile(
    r"^(?:email|e-mail|follow|contact|twitter|facebook|instagram|linkedin|more from|see all|"
    r"view all|read more|updated|published|posted|share|print|author|authors|by|admin|"
    r"administrator|staff|editor|name|your name|no author|guest|anonymous|unknown|null|none|"
    r"redaktion|newsroom|alle artikel|all articles|all posts|alle beitr(?:ä|ae)ge)\b.*$"
    r"|^(?:the )?author$|^(?:show|see|view) all\b|^zeige alle\b",
    re.I,
)
_ROLE_WORDS = re.compile(
    r"\b(?:editor|reporter|correspondent|writer|contributor|columnist|producer|"
    r"journalist|editorial|associated press|reuters|afp|dpa|for dailymail\.com|"
    r"for mailonline|senior|deputy|chief|news|digital|entertainment|staff writer|"
    r"ph\.?d|m\.?d|rd|mph|msc|mba|llm)\b",
    re.I,
)
_MAX_NAME_WORDS = 5


def author_from_url(url: str) -> str | None:
    """Return a name guessed from an author page URL (``/author/jane-doe/`` -> Jane Doe)."""
    path = urlsplit(url if "//" in url else "//" + url).path.rstrip("/")
    slug = unquote(path.rsplit("/", 1)[-1]) if path else ""
    slug = re.sub(r"\.\w+$|[-_]?\d+$", "", slug)
    parts = [p for p in re.split(r"[-_+.]", slug) if p and not p.isdigit()]
    if not 2 <= len(parts) <= 4:
        return None
    return " ".join(p.capitalize() for p in parts)


def _fix_case(name: str) -> str:
    """Return ``name`` title-cased when it was written all upper or all lower case."""
    if name.isupper() or name.islower():
        return " ".join(w[:1].upper() + w[1:].lower() if len(w) > 1 else w for w in name.split())
    return name


#: Words left behind a name by dates and counters ("Fr", "Stand", "vor", "Shares").
_TRAILING_JUNK = re.compile(
    r"(?:\s+(?:mo|di|mi|do|fr|sa|so|stand|vor|am|um|on|at|shares?|updated|published|"
    r"contact(?:ar|er)?|kontakt|alle artikel|all articles|alle beitr(?:ä|ae)ge))+$",
    re.I,
)


def _clean_one(part: str) -> str | None:
    """Return one cleaned name, or None when the part is not a person's name."""
    part = _HANDLE.sub(" ", _EMAIL.sub(" ", _PARENS.sub(" ", part)))
    part = _BY_PREFIX.sub("", part)
    part = _EDGE_PUNCT.sub("", _SPACES.sub(" ", part))
    part = _TRAILING_JUNK.sub("", part) if " " in part else part
    if not part or _DIGITS.search(part) or _NOT_NAMES.match(part):
        return None
    if len(part.split()) > _MAX_NAME_WORDS or (len(part) <= 2 and not part.isupper()):
        return None
    return _fix_case(part)


def split_authors(value: str) -> list[str]:
    """Return the names in one byline string ("By A and B | People" -> [A, B])."""
    value = (html.unescape(value) if "&" in value else value).strip()
    if not value:
        return []
    if _URL.match(value):
        name = author_from_url(value)
        return [name] if name else []
    value = _BY_PREFIX.sub("", _SPACES.sub(" ", value))
    value = _FOR_TAIL.sub("", _PIPE_TAIL.sub("", value))
    value = _DASH_TAIL.sub("", value) if len(value.split()) > 3 else value
    names = []
    for part in _SPLIT.split(value):
        if part and _ROLE_WORDS.search(part) and names:
            continue
        name = _clean_one(_ROLE_TAIL.sub("", part)) if part else None
        if name:
            names.append(name)
    return names


_ROLE_TAIL = re.compile(r",?\s+(?:is|was)\s+(?:a|an|the)\s+.*$", re.I)


def clean_authors(values: Iterable[str] | str | None) -> list[str]:
    """Return a de-duplicated list of person names from byline strings, URLs or lists."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    names: list[str] = []
    seen: set[str] = set()
    for value in values:
        if not isinstance(value, str):
            continue
        for name in split_authors(value):
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                names.append(name)
    return names
