"""Layer order and provenance: each field takes the first trustworthy value."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from crawler.extract.authors import choose_authors
from crawler.extract.choose import choose_body
from crawler.extract.date_choice import choose_published, page_dayfirst
from crawler.extract.document import Document
from crawler.extract.generic import GenericLayer
from crawler.extract.normalize.dates import PageDate, normalize_date
from crawler.extract.normalize.language import normalize_language
from crawler.extract.normalize.text import html_to_text
from crawler.extract.normalize.urls import resolve_url
from crawler.extract.pages import PageObject
from crawler.extract.title import choose_title

#: Structured layers, in the order they are trusted.
STRUCTURED_ORDER = ("jsonld", "microdata", "opengraph", "meta")
_MAX_TAGS = 30


class Layers:
    """The raw values every layer offers for one page, asked for in trust order."""

    def __init__(
        self, doc: Document, structured: dict[str, dict[str, Any]], page: PageObject
    ) -> None:
        self.doc = doc
        self.structured = structured
        self.page = page
        self.generic = GenericLayer(doc)

    def site_names(self, *, structured: bool = True) -> list[str]:
        """Return the names the page gives for its site (JSON-LD publishers if ``structured``)."""
        layers = STRUCTURED_ORDER if structured else ("opengraph", "meta")
        names = [self.structured.get(layer, {}).get("site_name") for layer in layers]
        return [n for n in (*names, *self.page.site_names) if isinstance(n, str) and n]

    def lazy(self, field: str) -> Iterator[tuple[str, Callable[[], Any]]]:
        """Yield (layer, getter) pairs for ``field`` in trust order."""
        page_first = field in self.page.overrides
        page_get = getattr(self.page, field, None)
        if page_first and page_get:
            yield self.page.layer, page_get
        for layer in STRUCTURED_ORDER:
            yield layer, lambda layer=layer: self.structured.get(layer, {}).get(field)
        if page_get and not page_first:
            yield self.page.layer, page_get
        generic_get = getattr(self.generic, field, None)
        if generic_get:
            yield "generic", generic_get

    def first(self, field: str, convert: Callable[[Any], Any]) -> tuple[Any, str | None]:
        """Return the first value ``convert`` accepts for ``field`` and its layer."""
        for layer, getter in self.lazy(field):
            value = convert(getter())
            if value:
                return value, layer
        return None, None


def _date(layers: Layers) -> Callable[[Any], PageDate | None]:
    """Return a converter that reads dates with the page's locale and the outlet's zone."""
    dayfirst, zone = page_dayfirst(layers), layers.page.timezone
    return lambda v: normalize_date(v, dayfirst=dayfirst, default_tz=zone)


def _tags(value: Any) -> list[str]:
    """Return a clean, de-duplicated tag list from a string or list."""
    values = [value] if isinstance(value, str) else value or []
    parts = (p for v in values if isinstance(v, (str, int)) for p in str(v).split(","))
    tags = [" ".join(p.split()) for p in parts]
    return list(dict.fromkeys(t for t in tags if t))[:_MAX_TAGS]


def _plain(value: Any) -> str | None:
    """Return a one-line string with markup and entities removed, or None."""
    if not isinstance(value, str):
        return None
    return " ".join(html_to_text(value).split()) or None


def _note_unusable(layers: Layers, field: str, chosen: str | None) -> None:
    """Note structured values of ``field`` before the ``chosen`` layer that were dropped."""
    for layer in STRUCTURED_ORDER:
        if layer == chosen:
            return
        raw = layers.structured.get(layer, {}).get(field)
        if raw not in (None, "", [], {}):
            layers.doc.problems.append(f"date: unusable {layer} {field} {str(raw)[:60]!r} dropped")


def _note_date_trouble(layers: Layers) -> str | None:
    """Return the text-derived date guess of an undated page; note why it has no date."""
    guess = layers.generic.guessed_date
    if guess:
        layers.doc.problems.append(
            f"date: none in the markup; text mentions suggest {guess} (kept as date_guessed)"
        )
    return guess


def merge_fields(layers: Layers) -> dict[str, Any]:
    """Return the page fields and their provenance, chosen layer by layer."""
    out: dict[str, Any] = {}
    provenance: dict[str, str] = {}
    url = layers.doc.url

    def take(field: str, convert: Callable[[Any], Any], source: str | None = None) -> Any:
        value, layer = layers.first(source or field, convert)
        if layer:
            provenance[field] = layer
        return value

    out["canonical_url"] = take("canonical_url", lambda v: resolve_url(v, url))
    out["title"], provenance["title"] = choose_title(layers)
    out["description"] = take("description", _plain)
    out["authors"], provenance["authors"] = choose_authors(layers)
    published = take("date_published", _date(layers))
    modified = take("date_modified", _date(layers))
    for field in ("date_published", "date_modified"):
        _note_unusable(layers, field, provenance.get(field))
    published = choose_published(layers, published, provenance, out["title"])
    out["date_published"] = published.local_iso if published else None
    out["date_guessed"] = None if published else _note_date_trouble(layers)
    out["published_at"] = published.utc_iso if published else None
    out["date_modified"] = modified.local_iso if modified else None
    out["modified_at"] = modified.utc_iso if modified else None
    out["section"] = take("section", _plain)
    out["tags"] = take("tags", _tags) or []
    out["language"] = take("language", normalize_language)
    out["image_url"] = take("image_url", lambda v: resolve_url(v, url))
    out["body"], provenance["body"] = choose_body(layers)
    for utc_field, local_field in (
        ("published_at", "date_published"),
        ("modified_at", "date_modified"),
    ):
        if local_field in provenance:
            provenance[utc_field] = provenance[local_field]
    out["provenance"] = {k: v for k, v in provenance.items() if v}
    return out
