"""Site names: the names a site goes by (declared, from its host) and titles without them
("Headline | Fox News" -> "Headline")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from archive.text import fold_text
from archive.web import site_label
from crawler.extract.normalize.urls import host_without_www

_SEPARATORS = re.compile(
    r"\s+(?:\||-|\u2013|\u2014|::|:|\u00b7|\u2022|\u00bb|\u203a|/|\\|~)\s+|(?<=\w):\s+"
    r"|(?<=\S)\|(?=\S)"
)
_SPACES = re.compile(r"\s+")
#: A trailing title segment that is a host name ("Headline | EXAMPLE.NET") names the site.
_HOST_NAME = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.I)
_MAX_SITE_WORDS = 6


def _site_keys(site_names: Iterable[str | None]) -> set[str]:
    """Return folded site names plus their compact (space-free) forms."""
    keys: set[str] = set()
    for name in site_names:
        folded = fold_text(name)
        if folded:
            keys.update({folded, folded.replace(" ", "")})
            keys.add(re.sub(r"^(?:www )?(.+?)(?: (?:com|org|net|de|co uk|fr|uk))?$", r"\1", folded))
    return keys


def _is_site(segment: str, keys: set[str], *, prefix: bool = True) -> bool:
    """Return True when a title segment names the site."""
    folded = fold_text(segment)
    if not folded:
        return True
    compact = folded.replace(" ", "")
    if len(folded.split()) > _MAX_SITE_WORDS:
        return False
    if folded in keys or compact in keys:
        return True
    if not prefix:
        return False
    return any(len(k) >= 4 and (compact.startswith(k) or k.startswith(compact)) for k in keys)


def _names_site(segment: str, keys: set[str], *, trailing: bool = False) -> bool:
    """Return True when a title segment is one of the site names (or, ``trailing``, a host)."""
    if trailing and _HOST_NAME.match(segment.strip()):
        return True
    return bool(keys) and _is_site(segment, keys)


def strip_site_name(title: str | None, site_names: Iterable[str | None] = ()) -> str | None:
    """Return ``title`` without a leading or trailing segment that names the site."""
    if not title:
        return None
    title = _SPACES.sub(" ", title).strip()
    keys = _site_keys(site_names)
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    seps = _SEPARATORS.findall(title)
    start, end = 0, len(parts)
    while end - start > 1 and _names_site(parts[end - 1], keys, trailing=True):
        end -= 1
    while end - start > 1 and _names_site(parts[start], keys):
        start += 1
    if (start, end) == (0, len(parts)):
        return title
    rebuilt = parts[start]
    for i in range(start + 1, end):
        rebuilt += seps[i - 1] + parts[i]
    return rebuilt.strip()


def split_title_segments(title: str | None) -> list[str]:
    """Return the separator-delimited segments of a ``<title>``."""
    if not title:
        return []
    return [p.strip() for p in _SEPARATORS.split(_SPACES.sub(" ", title)) if p.strip()]


def common_suffix_removed(title: str, other: str) -> str:
    """Return ``title`` without the trailing segments it shares with ``other`` (a site tail)."""
    mine, theirs = split_title_segments(title), split_title_segments(other)
    if len(mine) < 2 or len(theirs) < 2 or fold_text(mine[-1]) != fold_text(theirs[-1]):
        return title
    if fold_text(other).endswith(" " + fold_text(title)):
        return title  # "Blog name: Post title: its subtitle" names the site in front
    tail = mine[-1]
    if len(tail.split()) > _MAX_SITE_WORDS:
        return title
    return strip_site_name(title, [tail]) or title


def is_site_name(
    text: str | None, site_names: Iterable[str | None], *, prefix: bool = True
) -> bool:
    """Return True when ``text`` is one of the site names (or starts like one, ``prefix``)."""
    keys = _site_keys(site_names)
    return bool(keys) and bool(text) and _is_site(text or "", keys, prefix=prefix)


def host_names(url: str | None) -> list[str]:
    """Return site names guessed from the host (``www.foxnews.com`` -> foxnews.com, foxnews)."""
    host = host_without_www(url)
    if not host:
        return []
    return [host, site_label(host)] if "." in host else [host]
