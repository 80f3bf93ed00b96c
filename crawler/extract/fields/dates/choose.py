"""The page's dates: publication as the page shows it, modification, and a text-derived guess.

Each date takes the first layer's value that parses (``parse``); the publication date is then
checked against the date the page prints with its headline (``headline``).

An outlet's page object is trusted as it is. A UTC timestamp first takes the page's own
offset when other markup gives the same moment with one. The printed date then replaces the
markup's when they disagree and

- the markup gives the moment in UTC (or without a zone) and the page prints the day before
  or after, as far as real zone offsets allow: that is the local day of the same moment;
- another markup source (a modified date, another layer, a ``<time datetime>``) gives the
  printed day: two sources agree against one;
- the printed date is marked up as a date (``<time>``, a date class, ``itemprop``) or the
  markup gives a bare day: the page shows its readers that date.

A plain printed stamp that agrees with nothing else does not overrule a timestamp. Without
markup dates the printed date wins over htmldate's reading, which may come from the URL or
any element of the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from lxml.etree import XPath

from crawler.extract.fields.dates.headline import ShownDate, shown_date
from crawler.extract.fields.dates.parse import PageDate, dayfirst_for, normalize_date
from crawler.extract.layers import STRUCTURED_ORDER
from crawler.extract.problems import DATE_GUESSED, DATE_UNUSABLE

if TYPE_CHECKING:
    from crawler.extract.layers import Layers

#: The first ``<time datetime>`` values, read as independent sources.
_TIME_DATETIMES = XPath("(//time/@datetime)[position() <= 20]")
#: A UTC moment can be the previous local day only before this hour (UTC-12 is the furthest
#: west) and the next local day only from this hour (UTC+14 is the furthest east).
PREVIOUS_DAY_BEFORE_UTC_HOUR = 12
NEXT_DAY_FROM_UTC_HOUR = 10
_DATE_FIELDS = ("date_published", "date_modified")


def page_dayfirst(layers: Layers) -> bool:
    """Return whether the page writes numeric dates day first (outlet locale or language)."""
    if layers.page.dayfirst:
        return True
    for layer in ("meta", "opengraph", "jsonld"):
        found = dayfirst_for(layers.structured.get(layer, {}).get("language"))
        if found is not None:
            return found
    return False


def _markup_dates(layers: Layers) -> list[PageDate]:
    """Return every timestamp the markup gives: structured dates and ``<time datetime>``."""
    raw: list[Any] = [
        layers.structured.get(layer, {}).get(field)
        for layer in ("jsonld", "microdata", "opengraph", "meta")
        for field in _DATE_FIELDS
    ]
    tree = layers.doc.tree
    raw.extend(_TIME_DATETIMES(tree) if tree is not None else [])
    dates = (normalize_date(v) for v in raw if isinstance(v, str))
    return [d for d in dates if d is not None]


def _with_page_offset(published: PageDate, markup: Callable[[], list[PageDate]]) -> PageDate:
    """Return a UTC ``published`` in the page's own offset when other markup gives that moment."""
    if not published.local_iso.endswith("+00:00"):
        return published
    for other in markup():
        if other.moment == published.moment and not other.local_day_uncertain:
            return other
    return published


def _day(value: PageDate) -> date:
    """Return the page-local day of ``value``."""
    return date.fromisoformat(value.local_iso[:10])


def _shown_as_page_date(shown: ShownDate, day: date) -> PageDate | None:
    """Return the printed ``day``, with its ``<time>`` timestamp when that names it."""
    if shown.timestamp:
        stamped = normalize_date(shown.timestamp)
        if stamped is not None and _day(stamped) == day:
            return stamped
    return normalize_date(day.isoformat())


def _local_day_of(published: PageDate, shown: ShownDate) -> date | None:
    """Return the printed day when it is the local day of a UTC or zoneless ``published``."""
    if not published.local_day_uncertain:
        return None
    moment = published.moment
    if moment.hour < PREVIOUS_DAY_BEFORE_UTC_HOUR and shown.matches(_day(published) - timedelta(1)):
        return _day(published) - timedelta(1)
    if moment.hour >= NEXT_DAY_FROM_UTC_HOUR and shown.matches(_day(published) + timedelta(1)):
        return _day(published) + timedelta(1)
    return None


def _same_moment(published: PageDate, shown: PageDate | None) -> PageDate:
    """Return the printed local day carrying the exact moment of ``published``."""
    if shown is not None and shown.moment == published.moment:
        return shown
    local = shown.local_iso if shown is not None else published.local_iso
    return PageDate(local, published.utc_iso, published.moment)


def _checked(
    published: PageDate, shown: ShownDate, markup: Callable[[], list[PageDate]]
) -> PageDate | None:
    """Return the printed date when it corrects the markup's ``published``, else None."""
    printed = _day(published)
    if shown.matches(printed):
        return None
    local = _local_day_of(published, shown)
    if local is not None:
        return _same_moment(published, _shown_as_page_date(shown, local))
    for other in markup():
        if shown.matches(_day(other)):
            return _shown_as_page_date(shown, _day(other))
    if shown.marked or len(published.local_iso) <= 10:
        return _shown_as_page_date(shown, shown.day)
    return None


def choose_published(
    layers: Layers, published: PageDate | None, provenance: dict[str, str], title: str | None
) -> PageDate | None:
    """Return the publication date as the page shows it; note "generic" when it is printed."""
    layer = provenance.get("date_published")
    if layer is not None and layer.startswith("page:"):
        return published
    markup = cache(partial(_markup_dates, layers))  # read at most once, only when needed
    if published is not None and layer != "generic":
        published = _with_page_offset(published, markup)
    shown = shown_date(layers.doc.tree, title, page_dayfirst(layers))
    if shown is None:
        return published
    if published is None or layer == "generic":
        if published is not None and shown.matches(_day(published)):
            return published
        provenance["date_published"] = "generic"
        return _shown_as_page_date(shown, shown.day)
    corrected = _checked(published, shown, markup)
    if corrected is None:
        return published
    provenance["date_published"] = "generic"
    return corrected


@dataclass(frozen=True)
class PageDates:
    """The dates chosen for one page; ``guessed`` is a date only the page's text suggests."""

    published: PageDate | None
    modified: PageDate | None
    guessed: str | None


def _converter(layers: Layers) -> Callable[[Any], PageDate | None]:
    """Return a converter that reads dates with the page's locale and the outlet's zone."""
    dayfirst, zone = page_dayfirst(layers), layers.page.timezone
    return lambda v: normalize_date(v, dayfirst=dayfirst, default_tz=zone)


def _first(
    layers: Layers, field: str, convert: Callable[[Any], Any], provenance: dict[str, str]
) -> PageDate | None:
    """Return the first date a layer gives for ``field``, noting the layer in ``provenance``."""
    value, layer = layers.first(field, convert)
    if layer:
        provenance[field] = layer
    return value


def _note_unusable(layers: Layers, field: str, chosen: str | None) -> None:
    """Note structured values of ``field`` before the ``chosen`` layer that were dropped."""
    for layer in STRUCTURED_ORDER:
        if layer == chosen:
            return
        raw = layers.structured.get(layer, {}).get(field)
        if raw not in (None, "", [], {}):
            message = f"date: unusable {layer} {field} {str(raw)[:60]!r} dropped"
            layers.doc.note(DATE_UNUSABLE, message)


def _note_date_trouble(layers: Layers) -> str | None:
    """Return the text-derived date guess of an undated page; note why it has no date."""
    guess = layers.generic.guessed_date
    if guess:
        layers.doc.note(
            DATE_GUESSED,
            f"date: none in the markup; text mentions suggest {guess} (kept as date_guessed)",
        )
    return guess


def choose_dates(layers: Layers, provenance: dict[str, str], title: str | None) -> PageDates:
    """Return the page's publication and modification dates, their layers in ``provenance``."""
    convert = _converter(layers)
    published = _first(layers, "date_published", convert, provenance)
    modified = _first(layers, "date_modified", convert, provenance)
    for field in _DATE_FIELDS:
        _note_unusable(layers, field, provenance.get(field))
    published = choose_published(layers, published, provenance, title)
    guessed = None if published else _note_date_trouble(layers)
    return PageDates(published, modified, guessed)
