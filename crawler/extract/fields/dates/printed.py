"""Whether a date guessed from a page's text is printed there as a full date, outside the body.

htmldate's text scan also reads dates out of a year or a month named in the article ("in June
2018" -> 2018-06-01, "© 2022" -> 2022-01-01). A research archive must not file such a guess as
the publication date: a text-derived date counts only when the page prints that day, month
and year together somewhere other than the article text (a dateline near the headline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
STAMP_AFTER = re.compile(
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
        if skip_stamps and STAMP_AFTER.match(after):
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


@dataclass(frozen=True)
class PrintedDay:
    """A full date printed in a text: the day, where it stands, and its other reading if any."""

    day: date
    start: int
    end: int
    #: The month-first reading of an ambiguous ``a/b/yyyy`` date read day-first (or vice versa).
    other_reading: date | None = None


def _month_numbers() -> dict[str, int]:
    """Return month names and their unambiguous three-letter abbreviations -> month number."""
    numbers = {name: month for month, names in MONTH_NAMES.items() for name in names}
    abbreviations: dict[str, set[int]] = {}
    for month, names in MONTH_NAMES.items():
        for name in names:
            abbreviations.setdefault(name[:3], set()).add(month)
    for short, months in abbreviations.items():
        if len(months) == 1:
            numbers.setdefault(short, months.pop())
    return numbers


MONTH_NUMBERS = _month_numbers()
_MONTH_WORD = "|".join(sorted(map(re.escape, MONTH_NUMBERS), key=len, reverse=True))
_STEM_WORD = "|".join(stem for stems in MONTH_STEMS.values() for stem in stems)
_MONTH = rf"(?P<name>{_MONTH_WORD})(?!\w)\.?|(?P<stem>(?:{_STEM_WORD})\w*)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_NUM_DAY, _NUM_MONTH = r"(?P<day>[0-3]?\d)", r"(?P<month>[01]?\d)"
ISO_DAY = re.compile(rf"(?<![\d.])(?P<year>(?:19|20)\d\d)-{_NUM_MONTH}-{_NUM_DAY}(?!\d)")
#: ``2019. 06. 24.`` (Korean, Hungarian) and ``2019.06.24``.
YEAR_FIRST_DOTTED = re.compile(
    rf"(?<![\d.])(?P<year>(?:19|20)\d\d)\. ?{_NUM_MONTH}\. ?{_NUM_DAY}(?!\d)"
)
#: ``24.06.2019``, ``24. 6. 19``: always day first.
DAY_FIRST_DOTTED = re.compile(
    rf"(?<![\d.]){_NUM_DAY}\. ?{_NUM_MONTH}\. ?(?P<year>(?:19|20)?\d\d)(?!\.?\d)"
)
#: ``03/05/2022``: day or month first by locale; ``a`` and ``b`` are the two parts.
SLASHED = re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)(?![\d/])")
DAY_MONTH_NAME = re.compile(
    rf"(?<![\w.]){_DAY}\s*(?:de\s+)?(?:{_MONTH}),?\s*(?:de\s+)?{_YEAR}", re.I
)
MONTH_NAME_DAY = re.compile(rf"(?<![\w.])(?:{_MONTH})\s*{_DAY},?\s*{_YEAR}", re.I)
#: ``2019年6月24日`` (Chinese, Japanese), ``2019년 6월 24일`` (Korean).
CJK_DATE = re.compile(rf"(?P<year>(?:19|20)\d\d)\s*[年년]\s*{_NUM_MONTH}\s*[月월]\s*{_NUM_DAY}")
PRINTED_DATE_FORMS = (
    ISO_DAY,
    YEAR_FIRST_DOTTED,
    DAY_FIRST_DOTTED,
    SLASHED,
    DAY_MONTH_NAME,
    MONTH_NAME_DAY,
    CJK_DATE,
)


def _stem_month(word: str) -> int | None:
    """Return the month a Cyrillic month word names."""
    for month, stems in MONTH_STEMS.items():
        if any(re.match(stem, word, re.I) for stem in stems):
            return month
    return None


def _read(match: re.Match[str], dayfirst: bool) -> tuple[date, date | None] | None:
    """Return the date a form match denotes and its other reading, None when impossible."""
    parts = match.groupdict()
    year = int(parts["year"])
    year += 2000 if year < 100 else 0
    try:
        if parts.get("a"):
            first, second = int(parts["a"]), int(parts["b"])
            if max(first, second) > 12:
                return date(year, min(first, second), max(first, second)), None
            day, month = (first, second) if dayfirst else (second, first)
            other = date(year, day, month)
            return date(year, month, day), other if other.day != other.month else None
        if parts.get("name"):
            month = MONTH_NUMBERS[parts["name"].lower()]
        elif parts.get("stem"):
            month = _stem_month(parts["stem"]) or 0
        else:
            month = int(parts["month"])
        return date(year, month, int(parts["day"])), None
    except (ValueError, KeyError):
        return None


def find_printed_days(text: str, *, dayfirst: bool) -> list[PrintedDay]:
    """Return the full dates ``text`` prints, in order; ``dayfirst`` reads ``a/b/yyyy``."""
    found: dict[int, PrintedDay] = {}
    for form in PRINTED_DATE_FORMS:
        for match in form.finditer(text):
            read = _read(match, dayfirst)
            if read and not any(p.start <= match.start() < p.end for p in found.values()):
                found[match.start()] = PrintedDay(read[0], match.start(), match.end(), read[1])
    return [found[start] for start in sorted(found)]
