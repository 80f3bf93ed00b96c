"""Dated endpoint templates: ``{year}``, ``{yyyy-mm}``, ``{query}``... in config URLs, expanded.

One outlets file serves every story: a yearly sitemap is written once as
``https://paper.example/sitemap-{year}.xml`` and each crawl expands it over its story's window
(plus the listing slack), one URL per distinct value. The syntax is checked when the file is
loaded (:func:`unknown_placeholders`), so a typo is a config error naming file, outlet and key.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

#: How each date placeholder is written for one day of the window.
DATE_PLACEHOLDERS: dict[str, Callable[[date], str]] = {
    "year": lambda d: f"{d:%Y}",
    "month": lambda d: f"{d:%m}",
    "day": lambda d: f"{d:%d}",
    "yyyymm": lambda d: f"{d:%Y%m}",
    "yyyy-mm": lambda d: f"{d:%Y-%m}",
    "month_name": lambda d: calendar.month_name[d.month].lower(),
    "quarter": lambda d: str((d.month - 1) // 3 + 1),
}
#: The story's search query (URL-encoded); not a date.
QUERY = "query"
PLACEHOLDERS: tuple[str, ...] = (*DATE_PLACEHOLDERS, QUERY)
#: A placeholder: ``{name}`` where name is letters, digits, ``_`` or ``-``.
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
#: A story without an end date runs until today; without a start date, this long before its end.
OPEN_WINDOW_DAYS = 31


@dataclass(frozen=True)
class Expansion:
    """The URLs one template entry stands for in a crawl (``dropped`` past the cap)."""

    template: str
    urls: tuple[str, ...]
    dropped: tuple[str, ...] = ()

    @property
    def templated(self) -> bool:
        """Return True when the entry holds a placeholder (False: a plain URL)."""
        return has_placeholders(self.template)


def placeholders(url: str) -> list[str]:
    """Return the placeholder names in ``url``, in order of appearance."""
    return _PLACEHOLDER.findall(url)


def has_placeholders(url: str) -> bool:
    """Return True when ``url`` holds at least one ``{...}`` placeholder."""
    return bool(_PLACEHOLDER.search(url))


def unknown_placeholders(url: str) -> list[str]:
    """Return what in ``url`` is not a known placeholder (names, or stray braces), else []."""
    unknown = [f"{{{name}}}" for name in placeholders(url) if name not in PLACEHOLDERS]
    rest = _PLACEHOLDER.sub("", url)
    if "{" in rest or "}" in rest:
        unknown.append("an unbalanced brace")
    return unknown


def window_days(
    after: date | None, before: date | None, slack: timedelta, today: date
) -> Iterator[date]:
    """Yield every day of the window ``[after - slack, before + slack]`` that has begun.

    An open end is filled (no end: today; no start: :data:`OPEN_WINDOW_DAYS` before the end),
    and the window stops at today (plus the slack): a listing for a day that has not come yet
    does not exist, so a story still running asks for nothing in the future.
    """
    last = min(before or today, today)
    end = last + slack
    start = (after or last - timedelta(days=OPEN_WINDOW_DAYS)) - slack
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def expand(
    template: str,
    days: list[date],
    query: str = "",
    *,
    limit: int | None = None,
) -> Expansion:
    """Return the distinct URLs of ``template`` over ``days`` (chronological), capped at ``limit``.

    ``query`` is the URL-encoded search query put in for ``{query}``. A template without date
    placeholders is one URL; a plain URL is itself.
    """
    names = [n for n in placeholders(template) if n in DATE_PLACEHOLDERS]
    base = template.replace("{query}", query)
    if not names:
        return Expansion(template, (base,))
    urls: dict[str, None] = {}
    for day in days:
        url = base
        for name in names:
            url = url.replace(f"{{{name}}}", DATE_PLACEHOLDERS[name](day))
        urls.setdefault(url)
    found = tuple(urls)
    if limit is not None and len(found) > limit:
        return Expansion(template, found[:limit], found[limit:])
    return Expansion(template, found)
