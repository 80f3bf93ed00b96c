"""Recognising outlets by name in running text: the archive's outlets plus known agencies.

Names are matched folded (case, a leading "the", a possessive, a generic suffix such as
"magazine" ignored) against each configured outlet's name, key and domains (and a domain's first
label: "nypost" for nypost.com), and the agencies of ``data/credits.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from archive.research.corpus import OutletInfo, StoryCorpus

_POSSESSIVE = re.compile(r"['’]s$")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_DOMAIN = re.compile(r"^[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.[a-z]{2,}$", re.IGNORECASE)


@lru_cache(maxsize=1)
def credit_data() -> dict[str, Any]:
    """Return the phrase lists and name lists of ``data/credits.toml`` (parsed once)."""
    text = resources.files("archive.research").joinpath("data/credits.toml").read_text("utf-8")
    return tomllib.loads(text)


def fold_name(name: str) -> str:
    """Return a name folded for lookup: case, "the", possessive, dots, spaces."""
    folded = _POSSESSIVE.sub("", name.strip().strip(".,;:")).casefold()
    folded = " ".join(folded.replace("’", "'").split())
    if folded.startswith("the "):
        folded = folded[4:]
    suffixes = credit_data()["names"]["suffix_words"]
    parts = folded.split()
    while len(parts) > 1 and parts[-1] in suffixes:
        parts.pop()
    return " ".join(parts)


@dataclass(frozen=True)
class Credited:
    """An outlet a text names: its archive key (None for an agency or unknown outlet), its name."""

    key: str | None
    name: str
    known: bool = True


@dataclass
class OutletNames:
    """Folded outlet and agency names -> who they are."""

    names: dict[str, Credited] = field(default_factory=dict)

    @classmethod
    def from_outlets(cls, outlets: dict[str, OutletInfo]) -> OutletNames:
        """Return the names of these outlets plus the known agencies (outlets win)."""
        table: dict[str, Credited] = {}
        for agency in credit_data()["agencies"]:
            for alias in [agency["name"], *agency.get("aliases", [])]:
                table[fold_name(alias)] = Credited(None, agency["name"])
        for outlet in outlets.values():
            credited = Credited(outlet.key, outlet.name)
            spellings = [outlet.name, outlet.key, *outlet.domains]
            spellings += [d.split(".")[0] for d in outlet.domains if "." in d]
            for spelling in spellings:
                if spelling:
                    table[fold_name(spelling.removeprefix("www."))] = credited
        return cls(table)

    @classmethod
    def from_corpus(cls, corpus: StoryCorpus) -> OutletNames:
        """Return the names of the corpus's outlets plus the known agencies."""
        return cls.from_outlets(corpus.outlets)

    def lookup(self, name: str) -> Credited | None:
        """Return the outlet or agency ``name`` spells, or None."""
        folded = fold_name(name)
        if not folded or folded in credit_data()["names"]["not_outlets"]:
            return None
        return self.names.get(folded)

    def is_outlet(self, name: str) -> bool:
        """Return True when ``name`` is an archived outlet or a known agency."""
        return self.lookup(name) is not None

    def resolve(self, name: str, unknown: str) -> Credited | None:
        """Return the outlet a credit names: known names first, the longest run of words.

        ``unknown`` is the phrase's rule for names the archive does not know (see credits.toml).
        """
        words = name.split()
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                found = self.lookup(" ".join(words[start : start + size]))
                if found is not None:
                    return found
        return self._unknown(name, unknown)

    def _unknown(self, name: str, rule: str) -> Credited | None:
        """Return an unknown outlet when the phrase's rule accepts the name, else None."""
        cleaned = " ".join(_POSSESSIVE.sub("", name.strip(" .,;:")).split())
        folded = fold_name(cleaned)
        data = credit_data()["names"]
        if rule == "no" or not folded or folded in data["not_outlets"]:
            return None
        looks_like = (
            any(word in data["outlet_words"] for word in folded.split())
            or bool(_ACRONYM.match(cleaned))
            or bool(_DOMAIN.match(cleaned))
        )
        if rule == "marked" and not looks_like:
            return None
        return Credited(None, cleaned, known=False)
