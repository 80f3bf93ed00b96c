"""Credits in running text: "obtained by PEOPLE", "told People", "(Reuters) -".

The wordings live in ``archive/research/data/credits.toml`` (see the comments there); each
becomes one compiled regex whose phrase words match in any case and whose ``{outlet}`` slot
takes a capitalised name, a domain or a known lower-case agency name (dpa).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from archive.research.names import Credited, OutletNames, credit_data
from archive.research.quotes.extract import paragraphs

_NAME_WORD = r"[A-Z][\w&'’\-]*(?:\.\w+)*"
_JOINER = r"(?:of|and|&|the|de|du|la|le)"
#: What the {outlet} slot takes: up to five capitalised words (joiners between), a domain, or dpa.
OUTLET_SLOT = (
    rf"(?P<outlet>(?:[Tt]he\s+)?{_NAME_WORD}(?:\s+(?:{_JOINER}\s+)?{_NAME_WORD}){{0,4}}"
    r"|[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.[a-z]{2,}|dpa)"
)
#: Characters of context kept on each side of a credit as evidence.
EVIDENCE_CHARS = 90


@dataclass(frozen=True)
class CreditPhrase:
    """One wording of a credit and its rule for names the archive does not know.

    ``needle`` is the phrase's longest word, lower-cased: a paragraph without it is not
    searched (most paragraphs credit nobody, and the regexes start at every capital).
    """

    pattern: str
    unknown: str
    regex: re.Pattern[str]
    needle: str


@dataclass(frozen=True)
class FoundCredit:
    """A credit found in a text: the outlet it names, the words that name it, their context."""

    credited: Credited
    phrase: str
    context: str


def _compile(pattern: str) -> re.Pattern[str]:
    """Return the regex of a phrase: words in any case, spaces flexible, dashes of any kind."""
    before, _, after = pattern.partition("{outlet}")

    def words(part: str) -> str:
        escaped = re.escape(part.strip())
        escaped = escaped.replace(r"\ ", r"\s+").replace(r"\-", "[-–—]")
        return f"(?i:{escaped})" if escaped else ""

    head = words(before)
    tail = words(after)
    sep_head = r"\s*" if before.endswith("(") or not head else r"\s+"
    sep_tail = r"\s*" if after.startswith((")", " -", ")")) or not tail else r"\s+"
    left = rf"(?<![\w]){head}{sep_head}" if head else r"(?<![\w])"
    right = rf"{sep_tail}{tail}" if tail else r"(?![\w])"
    return re.compile(f"{left}{OUTLET_SLOT}{right}")


@lru_cache(maxsize=1)
def credit_phrases() -> tuple[CreditPhrase, ...]:
    """Return the credit phrases of credits.toml, compiled once."""
    return tuple(
        CreditPhrase(p["pattern"], p.get("unknown", "no"), _compile(p["pattern"]),
                     _needle(p["pattern"]))
        for p in credit_data()["phrases"]
    )  # fmt: skip


def _needle(pattern: str) -> str:
    """Return the longest literal word of a phrase, lower-cased."""
    words = pattern.replace("{outlet}", " ").replace("(", " ( ").split()
    return max(words, key=len).casefold()


def _context(paragraph: str, start: int, end: int) -> str:
    """Return the text around a match, on one line, cut at word boundaries."""
    left = paragraph[max(0, start - EVIDENCE_CHARS) : start]
    right = paragraph[end : end + EVIDENCE_CHARS]
    left = left.split(" ", 1)[-1] if start > EVIDENCE_CHARS and " " in left else left
    right = right.rsplit(" ", 1)[0] if len(paragraph) - end > EVIDENCE_CHARS else right
    return " ".join(f"{left}{paragraph[start:end]}{right}".split())


def find_credits(text: str | None, names: OutletNames) -> list[FoundCredit]:
    """Return the credits of a text, one per credited outlet (the first wording found)."""
    found: dict[tuple[str | None, str], FoundCredit] = {}
    for paragraph in paragraphs(text):
        lowered = paragraph.casefold()
        for phrase in credit_phrases():
            if phrase.needle not in lowered:
                continue
            for match in phrase.regex.finditer(paragraph):
                credited = names.resolve(match.group("outlet"), phrase.unknown)
                if credited is None:
                    continue
                key = (credited.key, credited.name if credited.key is None else "")
                if key not in found:
                    context = _context(paragraph, match.start(), match.end())
                    found[key] = FoundCredit(credited, " ".join(match.group(0).split()), context)
    return list(found.values())
