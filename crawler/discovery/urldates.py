"""Dates written into URLs: which span of days a child sitemap or an article URL stands for.

A crawl skips a child sitemap named ``sitemap-2019-08.xml`` or an article at
``/2019/08/02/slug/`` without fetching it when that span lies outside the story's window. A
wrong reading loses articles, so the readers are conservative:

- a date is a *span*: a year covers the whole year, a month the month, a quarter its three
  months, a day the day; the caller adds the listing slack (an article URL's day is the
  publication day in the outlet's time zone);
- a number is a year only between :data:`MIN_YEAR` and :data:`MAX_YEAR`, months and days must
  exist (``20221345`` is no date), and digits glued to other digits never count
  (``article-11133261`` is an id);
- article URLs need at least a year and a month (``/elections/2022/slug`` may be older);
- :func:`sitemap_spans` drops the bare-year reading of a series of sibling sitemaps whose number
  at that place is not always a year (``sitemap_1.xml`` ... ``sitemap_2000.xml`` is a counter).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import parse_qsl, urlsplit

MIN_YEAR, MAX_YEAR = 1900, 2100
#: Compact ``YYYYMMDD`` dates in article URLs must be at least this recent (older: an id).
MIN_COMPACT_YEAR = 1990
DAY, MONTH, QUARTER, YEAR = "day", "month", "quarter", "year"

_Y = r"(?P<y>(?:19|20|21)\d\d)"
_NOT_DIGIT_BEFORE, _NOT_DIGIT_AFTER = r"(?<!\d)", r"(?!\d)"
#: A full date with one separator throughout: 2022-08-02, 2022/08/02, 2022_08_02, 2022.08.02.
_SEP_DAY = re.compile(
    _NOT_DIGIT_BEFORE + _Y + r"(?P<s>[-/_.~])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})" + _NOT_DIGIT_AFTER
)
#: A compact date: 20220802.
_COMPACT_DAY = re.compile(_NOT_DIGIT_BEFORE + _Y + r"(?P<m>\d\d)(?P<d>\d\d)" + _NOT_DIGIT_AFTER)
#: A quarter: 2022-q3, 2022_Q3, 2022q3.
_QUARTER = re.compile(_NOT_DIGIT_BEFORE + _Y + r"[-_]?[qQ](?P<q>[1-4])" + _NOT_DIGIT_AFTER)
#: A month with a separator (2022-08, 2022/08, 2022_08) or compact (202208); two-digit months
#: only (``sitemap-2022-1.xml`` may be page 1 of 2022).
_SEP_MONTH = re.compile(_NOT_DIGIT_BEFORE + _Y + r"[-/_.~](?P<m>\d\d)" + _NOT_DIGIT_AFTER)
_COMPACT_MONTH = re.compile(_NOT_DIGIT_BEFORE + _Y + r"(?P<m>\d\d)" + _NOT_DIGIT_AFTER)
#: A year standing alone: year~2021, sitemap-2022.xml, /2022/.
_BARE_YEAR = re.compile(_NOT_DIGIT_BEFORE + _Y + _NOT_DIGIT_AFTER)
#: Article paths: /2022/08/02/ (or /2022/8/2/), /2022/08/ segments.
_PATH_DAY = re.compile(r"/" + _Y + r"/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/|$)")
_PATH_MONTH = re.compile(r"/" + _Y + r"/(?P<m>\d{1,2})(?:/|$)")
#: A slug ending in year and month (Insider: /kim-kardashian-memoir-2022-8).
_SLUG_MONTH = re.compile(r"-" + _Y + r"-(?P<m>\d{1,2})(?:/|\.html?)?$")
#: Query keys that name a year, a month or a day (``sitemap-2022.xml?mm=08&dd=02``).
_QUERY_KEYS = {
    "year": YEAR, "yyyy": YEAR, "yy": YEAR, "y": YEAR,
    "month": MONTH, "mm": MONTH, "m": MONTH,
    "day": DAY, "dd": DAY, "d": DAY,
}  # fmt: skip
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class DateSpan:
    """The days a URL's date stands for (inclusive), its precision and the text it rests on."""

    start: date
    end: date
    precision: str  # day | month | quarter | year
    evidence: str

    def outside(self, first: date | None, last: date | None, slack: timedelta) -> bool:
        """Return True when no day of the span lies in ``[first - slack, last + slack]``."""
        return bool(
            (first is not None and self.end < first - slack)
            or (last is not None and self.start > last + slack)
        )

    def describe(self) -> str:
        """Return the span as a researcher reads it: 2022, 2022-08, 2022-Q3 or 2022-08-02."""
        if self.precision == YEAR:
            return f"{self.start:%Y}"
        if self.precision == QUARTER:
            return f"{self.start:%Y}-Q{(self.start.month - 1) // 3 + 1}"
        if self.precision == MONTH:
            return f"{self.start:%Y-%m}"
        return self.start.isoformat()


def _year_ok(year: int, minimum: int = MIN_YEAR) -> bool:
    """Return True when ``year`` is a plausible publication year."""
    return minimum <= year <= MAX_YEAR


def day_span(year: int, month: int, day: int, evidence: str) -> DateSpan | None:
    """Return the one-day span of a date, or None when the date does not exist."""
    try:
        moment = date(year, month, day)
    except ValueError:
        return None
    return DateSpan(moment, moment, DAY, evidence) if _year_ok(year) else None


def month_span(year: int, month: int, evidence: str) -> DateSpan | None:
    """Return the span of a month, or None when it is no month."""
    if not (1 <= month <= 12 and _year_ok(year)):
        return None
    last = calendar.monthrange(year, month)[1]
    return DateSpan(date(year, month, 1), date(year, month, last), MONTH, evidence)


def quarter_span(year: int, quarter: int, evidence: str) -> DateSpan | None:
    """Return the span of a quarter (1-4) of a year."""
    if not (1 <= quarter <= 4 and _year_ok(year)):
        return None
    first = date(year, 3 * quarter - 2, 1)
    end_month = 3 * quarter
    last = date(year, end_month, calendar.monthrange(year, end_month)[1])
    return DateSpan(first, last, QUARTER, evidence)


def year_span(year: int, evidence: str) -> DateSpan | None:
    """Return the span of a year."""
    if not _year_ok(year):
        return None
    return DateSpan(date(year, 1, 1), date(year, 12, 31), YEAR, evidence)


def _first(pattern: re.Pattern[str], text: str, build: object) -> DateSpan | None:
    """Return the span of the first match of ``pattern`` that ``build`` accepts."""
    for match in pattern.finditer(text):
        span = build(match)  # type: ignore[operator]
        if span is not None:
            return span
    return None


def _day(match: re.Match[str]) -> DateSpan | None:
    """Return the day span of a year/month/day match."""
    return day_span(int(match["y"]), int(match["m"]), int(match["d"]), match.group(0))


def _month(match: re.Match[str]) -> DateSpan | None:
    """Return the month span of a year/month match."""
    return month_span(int(match["y"]), int(match["m"]), match.group(0))


def _quarter(match: re.Match[str]) -> DateSpan | None:
    """Return the quarter span of a year/quarter match."""
    return quarter_span(int(match["y"]), int(match["q"]), match.group(0))


def _year(match: re.Match[str]) -> DateSpan | None:
    """Return the year span of a year match."""
    return year_span(int(match["y"]), match.group(0))


def _query_span(path: str, query: str) -> DateSpan | None:
    """Return the span named by date query parameters (the year may stand in the path)."""
    parts: dict[str, int] = {}
    for key, value in parse_qsl(query):
        kind = _QUERY_KEYS.get(key.lower())
        if kind and value.isdigit():
            parts.setdefault(kind, int(value))
    if MONTH not in parts:
        return None
    evidence = "&".join(f"{k}={v}" for k, v in parse_qsl(query) if k.lower() in _QUERY_KEYS)
    if YEAR not in parts:
        years = list(_BARE_YEAR.finditer(path))
        if len(years) != 1:
            return None
        parts[YEAR] = int(years[0]["y"])
        evidence = f"{years[0].group(0)} ?{evidence}"
    if DAY in parts:
        return day_span(parts[YEAR], parts[MONTH], parts[DAY], evidence)
    return month_span(parts[YEAR], parts[MONTH], evidence)


def sitemap_span(url: str) -> DateSpan | None:
    """Return the span a sitemap's URL is named for (most precise reading first), or None."""
    parts = urlsplit(url)
    path = parts.path
    return (
        _query_span(path, parts.query)
        or _first(_SEP_DAY, path, _day)
        or _first(_COMPACT_DAY, path, _day)
        or _first(_QUARTER, path, _quarter)
        or _first(_SEP_MONTH, path, _month)
        or _first(_COMPACT_MONTH, path, _month)
        or _first(_BARE_YEAR, path, _year)
    )


def sitemap_spans(urls: Sequence[str]) -> list[DateSpan | None]:
    """Return each sibling sitemap's span; a bare year in a numbered series does not count."""
    spans = [sitemap_span(url) for url in urls]
    counters = _counter_shapes(urls, spans)
    return [
        None if span and span.precision == YEAR and _shape(url) in counters else span
        for url, span in zip(urls, spans, strict=True)
    ]


def _shape(url: str) -> str:
    """Return ``url`` with every run of digits replaced by ``#`` (its series shape)."""
    return _DIGITS.sub("#", urlsplit(url).path)


def _counter_shapes(urls: Sequence[str], spans: Sequence[DateSpan | None]) -> set[str]:
    """Return the shapes of series whose year-position number is, somewhere, not a year."""
    positions: dict[str, set[int]] = {}
    for url, span in zip(urls, spans, strict=True):
        if span and span.precision == YEAR:
            runs = _DIGITS.findall(urlsplit(url).path)
            positions.setdefault(_shape(url), set()).add(runs.index(span.evidence[-4:]))
    counters = set()
    for url in urls:
        shape = _shape(url)
        runs = _DIGITS.findall(urlsplit(url).path)
        for index in positions.get(shape, ()):
            if not (len(runs[index]) == 4 and _year_ok(int(runs[index]))):
                counters.add(shape)
    return counters


def article_span(url: str) -> DateSpan | None:
    """Return the publication day or month an article URL's path carries, or None."""
    path = urlsplit(url).path
    return (
        _first(_PATH_DAY, path, _day)
        or _first(_SEP_DAY, path, _day)
        or _first(_COMPACT_DAY, path, _compact_article_day)
        or _first(_PATH_MONTH, path, _month)
        or _first(_SLUG_MONTH, path, _month)
    )


def _compact_article_day(match: re.Match[str]) -> DateSpan | None:
    """Return a compact date in an article path, when its year is recent enough to trust."""
    if not _year_ok(int(match["y"]), MIN_COMPACT_YEAR):
        return None
    return _day(match)
