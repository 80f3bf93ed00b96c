"""Dates of every form seen on news pages -> aware datetimes, UTC ISO and page-local ISO."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as dateparser

_EPOCH = re.compile(r"^\d{9,13}(?:\.\d+)?$")
_OFFSET_NO_COLON = re.compile(r"([+-])(\d{2})(\d{2})$")
_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_NOISE_WORDS = re.compile(
    r"\b(?:published|updated|posted|on|at|last|modified|am|um|le|el)\b[:.]?", re.I
)
_ABBR_DOT = re.compile(r"\b([A-Za-z]{3,4})\.")
_ZONE_ABBR = re.compile(r"\b(E[DS]T|C[DS]T|M[DS]T|P[DS]T|BST|GMT|UTC|CET|CEST)\b")
_ZONE_OFFSETS_H: dict[str, int] = {
    "EDT": -4,
    "EST": -5,
    "CDT": -5,
    "CST": -6,
    "MDT": -6,
    "MST": -7,
    "PDT": -7,
    "PST": -8,
    "BST": 1,
    "GMT": 0,
    "UTC": 0,
    "CET": 1,
    "CEST": 2,
}
_TZINFOS = {k: v * 3600 for k, v in _ZONE_OFFSETS_H.items()}
#: ``20.08.2022``: a dotted numeric date is day-first wherever it is written.
_DOTTED_DAY_FIRST = re.compile(r"^(?:\w+\.?,?\s+)?\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b")
#: Locales writing the month first in numeric dates (``08/20/2022``); English without a
#: region counts as US English, other languages and English regions write the day first.
MONTH_FIRST_LOCALES = frozenset({"en", "en-us", "en-ph", "en-ca", "en-as", "en-gu", "en-pr"})
_LOCALE_TAG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}|\d{3}))?(?![A-Za-z])")
_MIN_YEAR, _MAX_YEAR = 1990, 2100
#: Real zone offsets lie within UTC-12 and UTC+14; anything beyond is a broken value.
MAX_OFFSET = timedelta(hours=14)
#: dateutil fills missing parts from this default; its year marks "no year given".
_NO_YEAR = datetime(1, 1, 1)


@dataclass(frozen=True)
class PageDate:
    """A timestamp as the page gave it (``local_iso``) and in UTC (``utc_iso``)."""

    local_iso: str
    utc_iso: str | None
    moment: datetime

    @property
    def local_day_uncertain(self) -> bool:
        """Return True for a time of day given in UTC or without a zone: which day it was
        where the page was published is not known from the value alone."""
        if len(self.local_iso) <= 10:
            return False
        try:
            offset = datetime.fromisoformat(self.local_iso).utcoffset()
        except ValueError:
            return False
        return not offset


def _zone(name: str | None) -> tzinfo | None:
    """Return the tzinfo named ``name`` (IANA), or None."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _from_epoch(value: float) -> datetime | None:
    """Return a UTC datetime from epoch seconds or milliseconds, None when implausible."""
    seconds = value / 1000 if value > 1e11 else value
    try:
        moment = datetime.fromtimestamp(seconds, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
    return moment if _MIN_YEAR <= moment.year <= _MAX_YEAR else None


def _clean(text: str) -> str:
    """Return a date string with labels and abbreviation dots removed."""
    text = text.strip()
    text = _OFFSET_NO_COLON.sub(r"\1\2:\3", text) if _ISO_LIKE.match(text) else text
    if _ISO_LIKE.match(text):
        return text.replace(" ", "T", 1) if re.match(r"^\S+ \d", text) else text
    text = _NOISE_WORDS.sub(" ", text) if not re.search(r"\d\s*(am|pm)\b", text, re.I) else text
    text = _ABBR_DOT.sub(r"\1", text)
    return " ".join(text.replace("|", " ").split())


def parse_date(
    value: object, *, dayfirst: bool = False, default_tz: str | None = None
) -> datetime | None:
    """Return the datetime a date value denotes (aware when the value or ``default_tz`` says)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, (int, float)):
        return _from_epoch(float(value))
    else:
        text = str(value).strip()
        if not text or len(text) > 80:
            return None
        if _EPOCH.match(text):
            return _from_epoch(float(text))
        moment = _parse_text(text, dayfirst)
        if moment is None:
            return None
    if not _MIN_YEAR <= moment.year <= _MAX_YEAR or not _plausible_offset(moment):
        return None
    if moment.tzinfo is None and (zone := _zone(default_tz)) is not None:
        moment = moment.replace(tzinfo=zone)
    return moment


def _plausible_offset(moment: datetime) -> bool:
    """Return whether ``moment`` has no zone or a zone offset some place on Earth uses."""
    try:
        offset = moment.utcoffset()
    except ValueError:  # tzinfo objects may refuse offsets of a day or more
        return False
    return offset is None or abs(offset) <= MAX_OFFSET


def _parse_text(text: str, dayfirst: bool) -> datetime | None:
    """Return the datetime parsed from free text, or None."""
    cleaned = _clean(text)
    dayfirst = dayfirst or bool(_DOTTED_DAY_FIRST.match(cleaned))
    try:
        return datetime.fromisoformat(cleaned.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", dateparser.UnknownTimezoneWarning)
            moment = dateparser.parse(
                cleaned, dayfirst=dayfirst, fuzzy=True, tzinfos=_TZINFOS, default=_NO_YEAR
            )
    except (ValueError, OverflowError, TypeError):
        return None
    return None if moment.year == _NO_YEAR.year else moment


def dayfirst_for(locale: object) -> bool | None:
    """Return whether numeric dates of a locale tag (``de-AT``, ``en_GB``) put the day first.

    None when the value is not a locale tag.
    """
    match = _LOCALE_TAG.match(locale) if isinstance(locale, str) else None
    if not match:
        return None
    language, region = match.group(1).lower(), (match.group(2) or "").lower()
    if language in ("und", "mul", "xx", "zxx"):
        return None
    if language != "en":
        return True
    return f"en-{region}" not in MONTH_FIRST_LOCALES if region else False


def _local_iso(moment: datetime, date_only: bool) -> str:
    """Return the page-local ISO string (date only when the source had no time)."""
    if date_only and moment.tzinfo is None:
        return moment.date().isoformat()
    if isinstance(moment.tzinfo, ZoneInfo):
        offset = moment.utcoffset() or timedelta(0)
        moment = moment.replace(tzinfo=timezone(offset))
    return moment.isoformat()


def normalize_date(
    value: object, *, dayfirst: bool = False, default_tz: str | None = None
) -> PageDate | None:
    """Return the page-local and UTC forms of a date value, or None when unparseable.

    A value without any zone (and no ``default_tz``) keeps its naive local form and is taken
    as UTC for ``utc_iso``: a date the page printed without a zone is still that page's date.
    """
    moment = parse_date(value, dayfirst=dayfirst, default_tz=default_tz)
    if moment is None:
        return None
    date_only = isinstance(value, str) and ":" not in value and not _EPOCH.match(value.strip())
    local = _local_iso(moment, date_only)
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
    return PageDate(local, aware.astimezone(timezone.utc).isoformat(), aware)
