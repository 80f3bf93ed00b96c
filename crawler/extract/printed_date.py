"""Whether a date guessed from a page's text is printed there as a full date, outside the body.

htmldate's text scan also reads dates out of a year or a month named in the article ("in June
2018" -> 2018-06-01, "© 2022" -> 2022-01-01). A research archive must not file such a guess as
the publication date: a text-derived date counts only when the page prints that day, month
and year together somewhere other than the article text (a dateline near the headline).
"""

from __future__ import annotations

import re
from datetime import date

#: Month names (English, German, French, Spanish, Italian, Dutch, Portuguese) by number;
#: their first three letters (and "sept") count too.
MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "januar", "jänner", "janvier", "enero", "gennaio", "januari", "janeiro"),
    2: ("february", "februar", "février", "febrero", "febbraio", "februari", "fevereiro"),
    3: ("march", "märz", "mars", "marzo", "maart", "março", "mrz"),
    4: ("april", "avril", "abril", "aprile"),
    5: ("may", "mai", "mayo", "maggio", "mei", "maio"),
    6: ("june", "juni", "juin", "junio", "giugno", "junho"),
    7: ("july", "juli", "juillet", "julio", "luglio", "julho"),
    8: ("august", "août", "agosto", "augustus"),
    9: ("september", "septembre", "septiembre", "settembre", "setembro", "sept"),
    10: ("october", "oktober", "octobre", "octubre", "ottobre", "outubro"),
    11: ("november", "novembre", "noviembre", "novembro"),
    12: ("december", "dezember", "décembre", "diciembre", "dicembre", "dezembro"),
}
#: Cyrillic month stems (Russian, Ukrainian genitive forms vary in their endings).
MONTH_STEMS: dict[int, tuple[str, ...]] = {
    1: ("январ", "січ"),
    2: ("феврал", "лют"),
    3: ("март", "берез"),
    4: ("апрел", "квіт"),
    5: ("ма[йя]", "трав"),
    6: ("июн", "черв"),
    7: ("июл", "лип"),
    8: ("август", "серп"),
    9: ("сентябр", "верес"),
    10: ("октябр", "жовт"),
    11: ("ноябр", "листопад"),
    12: ("декабр", "груд"),
}
#: A date followed by a time or a separator is a stamp (dateline), not a mention in prose.
_STAMP_AFTER = re.compile(
    r"^\s*(?:,?\s*(?:um\s+|at\s+|à\s+)?\d{1,2}[:.h]\d\d|[-\u2013\u2014|\u201e\u201c\"/])"
)
#: How many characters around the year the day and month must sit in.
WINDOW_CHARS = 24
#: Body paragraphs from this many words are article prose; shorter ones may be datelines.
MIN_PROSE_WORDS = 15
_SPACES = re.compile(r"\s+")


def _month_pattern(month: int) -> re.Pattern[str]:
    """Return the regex of a month as a number or a name."""
    full = MONTH_NAMES[month]
    names = sorted({*full, *(n[:3] for n in full)}, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names)
    stems = "|".join(MONTH_STEMS[month])
    return re.compile(
        rf"(?<![\d\w])(?:0?{month}(?!\d)|(?:{alternatives})(?!\w)|(?:{stems})\w*)", re.I
    )


def _day_pattern(day: int) -> re.Pattern[str]:
    """Return the regex of a day of the month (``5``, ``05``, ``5th``, ``5.``)."""
    return re.compile(rf"(?<![\d.:])0?{day}(?:st|nd|rd|th|er|º)?(?![\d:])", re.I)


def _windows(text: str, year: int) -> list[tuple[str, str]]:
    """Return (around, after) stretches of ``text`` for each occurrence of ``year``."""
    found = []
    for match in re.finditer(rf"(?<![\d:]){year}(?![\d:])", text):
        start = max(0, match.start() - WINDOW_CHARS)
        after = text[match.end() : match.end() + 12]
        found.append((text[start : match.start()] + " # " + after, after))
    return found


def count_printed(text: str, day: date, *, skip_stamps: bool = False) -> int:
    """Return how often ``text`` prints ``day`` with its day, month and year together.

    ``skip_stamps`` leaves out dates followed by a time or a separator (datelines).
    """
    text = _SPACES.sub(" ", text)
    month, dom = _month_pattern(day.month), _day_pattern(day.day)
    count = 0
    for window, after in _windows(text, day.year):
        if skip_stamps and _STAMP_AFTER.match(after):
            continue
        months = [m.span() for m in month.finditer(window)]
        days = [d.span() for d in dom.finditer(window)]
        if any(m != d for m in months for d in days):
            count += 1
    return count


def article_prose(body_text: str) -> str:
    """Return the paragraphs of ``body_text`` long enough to be prose (not datelines)."""
    paragraphs = body_text.split("\n\n")
    return "\n\n".join(p for p in paragraphs if len(p.split()) >= MIN_PROSE_WORDS)


def printed_outside(page_text: str, body_text: str, iso_day: str) -> bool:
    """Return True when the page prints ``iso_day`` more often than its article prose mentions
    it (datelines inside the text do not count as mentions)."""
    try:
        day = date.fromisoformat(iso_day[:10])
    except ValueError:
        return False
    prose = count_printed(article_prose(body_text), day, skip_stamps=True)
    return count_printed(page_text, day) > prose
