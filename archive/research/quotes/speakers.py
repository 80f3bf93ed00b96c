"""Who said a quote: the speaker the sentence around it names ("said McGahn", "Kushner writes").

Only names are speakers: a pronoun ("she said") or a description ("the memoir says") gives no
speaker (None), and a name that is an outlet ("according to People") is a credit, not a speaker.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: Verbs of saying that attribute a quote.
SAY_VERBS = (
    "said|says|say|writes|wrote|write|told|tells|added|adds|recalled|recalls|explained|explains|"
    "claimed|claims|insisted|insists|stated|states|tweeted|tweets|posted|posts|noted|notes|"
    "asked|asks|replied|replies|continued|continues|declared|declares|argued|argues|"
    "remembered|remembers|joked|jokes|admitted|admits|warned|warns|exclaimed|shared|shares|"
    "revealed|reveals|recounted|recounts|quipped|responded|responds|wondered|texted|emailed"
)
_NAME_WORD = r"[A-Z][\w'’\-]*\.?"
_PARTICLE = r"(?:de|van|von|der|den|da|di|du|la|le|bin|al|dos|del)"
NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{0,3}}"
#: ``"...," said McGahn`` (the verb first, right after the quote).
_VERB_NAME_AFTER = re.compile(rf"^[\s,;:—–-]*(?:{SAY_VERBS})\s+(?P<name>{NAME})")
#: ``"...," McGahn said`` / ``"...", Johnson told People``.
_NAME_VERB_AFTER = re.compile(rf"^[\s,;:—–-]*(?P<name>{NAME})\s+(?:{SAY_VERBS})\b")
#: ``Kushner writes in the memoir: "..."`` (up to four lower-case words between verb and quote).
_NAME_VERB_BEFORE = re.compile(
    rf"(?P<name>{NAME})\s+(?:{SAY_VERBS})(?:\s+(?:[a-z][\w'’\-]*|{NAME})){{0,4}}?[\s,:]*$"
)
#: ``according to Alice Johnson, "..."`` anywhere in the sentence (the last name of the phrase:
#: "according to White House counsel Don McGahn").
_ACCORDING_TO = re.compile(r"\b(?i:according to)\s+(?P<phrase>[^,;:“\"«„‚‹]+)")
_NAME_RUN = re.compile(NAME)
#: Capitalised words that open a sentence or a title, not a name.
_LEADING_NOISE_WORDS = (
    "but and then when as so yet still however the a an in on at after before while later now "
    "also former late president vice senator sen rep representative gov governor mr mrs ms dr "
    "judge justice counsel attorney general secretary prince princess sir lady lord mayor "
    "reverend rev pastor chief lawyer adviser advisor aide spokesman spokeswoman spokesperson "
    "star singer actor actress rapper host reality white house"
)
LEADING_NOISE = frozenset(_LEADING_NOISE_WORDS.split())
#: Names that are no speakers: pronouns and generic subjects.
_NOT_SPEAKER_WORDS = (
    "he she they i we it you his her their this that these those who one someone everyone "
    "reports report sources source officials aides critics fans"
)
NOT_SPEAKERS = frozenset(_NOT_SPEAKER_WORDS.split())


def _clean(name: str) -> str | None:
    """Return a name without leading titles and noise words; None when nothing is left."""
    words = name.replace("’", "'").split()
    while words and words[0].rstrip(".").casefold() in LEADING_NOISE:
        words.pop(0)
    if words and words[-1].endswith("'s"):
        return None
    cleaned = " ".join(words).rstrip(".,")
    if not cleaned or cleaned.casefold() in NOT_SPEAKERS:
        return None
    return cleaned


def find_speaker(
    before: str, after: str, is_outlet: Callable[[str], bool] = lambda _name: False
) -> str | None:
    """Return the speaker named in the sentence around a quote (its text before and after).

    ``is_outlet`` tells names of outlets (credits, not speakers) apart.
    """
    candidates = []
    for pattern, text in ((_VERB_NAME_AFTER, after), (_NAME_VERB_AFTER, after)):
        match = pattern.search(text)
        if match:
            candidates.append(match.group("name"))
    match = _NAME_VERB_BEFORE.search(before)
    if match:
        candidates.append(match.group("name"))
    for match in _ACCORDING_TO.finditer(before + " " + after):
        names = _NAME_RUN.findall(match.group("phrase"))
        if names:
            candidates.append(names[-1])
    for candidate in candidates:
        name = _clean(candidate)
        if name and not is_outlet(name):
            return name
    return None


def surname_key(name: str) -> str:
    """Return the key that groups forms of one person's name (the folded last word)."""
    return name.split()[-1].casefold().strip(".,'")
