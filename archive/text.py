"""Text folding shared by extraction, story relevance and dedup: one spelling per character.

``fold_chars`` gives every quote, apostrophe and dash one style and folds case (NFKC first), so
a story term and a page match whatever typography either uses; ``fold_text`` also drops
punctuation and collapses spaces (the exact-duplicate hash, title and heading comparisons).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

#: Typographic quotes, apostrophes, primes, guillemets and dashes -> one ASCII form each.
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)
_NON_WORD = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


def fold_chars(text: str | None) -> str:
    """Return text NFKC-normalized, with one quote and dash style, case folded; punctuation
    and spacing are kept (story terms are matched in this form)."""
    if not text:
        return ""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()


def fold_text(text: str | None) -> str:
    """Return text with case, quote styles, punctuation and whitespace runs folded."""
    if not text:
        return ""
    return _SPACES.sub(" ", _NON_WORD.sub(" ", fold_chars(text))).strip()


def words(text: str | None) -> list[str]:
    """Return the folded word tokens of ``text`` (the words of :func:`fold_text`'s result).

    Quote folding and punctuation removal only turn separators into other separators, so the
    tokens are read straight from the normalized, case-folded text (2.5x faster).
    """
    if not text:
        return []
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def content_hash(text: str | None) -> str | None:
    """Return the sha256 hex digest of the folded body text, or None for an empty body."""
    folded = fold_text(text)
    if not folded:
        return None
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
