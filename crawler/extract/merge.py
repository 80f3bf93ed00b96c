"""Field order and provenance: each field takes its value from the judgement that owns it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crawler.extract.article import ExtractedArticle
from crawler.extract.fields.authors.choose import choose_authors
from crawler.extract.fields.body.choose import choose_body
from crawler.extract.fields.dates.choose import choose_dates
from crawler.extract.fields.plain import plain, tags
from crawler.extract.fields.title.choose import choose_title
from crawler.extract.layers import Layers
from crawler.extract.normalize.language import normalize_language
from crawler.extract.normalize.urls import resolve_url


def merge_fields(layers: Layers, out: ExtractedArticle) -> None:
    """Fill in ``out``'s page fields and their provenance, chosen layer by layer."""
    provenance: dict[str, str] = {}
    url = layers.doc.url

    def take(field: str, convert: Callable[[Any], Any]) -> Any:
        value, layer = layers.first(field, convert)
        if layer:
            provenance[field] = layer
        return value

    out.canonical_url = take("canonical_url", lambda v: resolve_url(v, url))
    out.title, provenance["title"] = choose_title(layers)
    out.description = take("description", plain)
    out.authors, provenance["authors"] = choose_authors(layers)
    dates = choose_dates(layers, provenance, out.title)
    published, modified = dates.published, dates.modified
    out.date_published = published.local_iso if published else None
    out.date_guessed = dates.guessed
    out.published_at = published.utc_iso if published else None
    out.date_modified = modified.local_iso if modified else None
    out.modified_at = modified.utc_iso if modified else None
    out.section = take("section", plain)
    out.tags = take("tags", tags) or []
    out.language = take("language", normalize_language)
    out.image_url = take("image_url", lambda v: resolve_url(v, url))
    out.body, provenance["body"] = choose_body(layers)
    for utc_field, local_field in (
        ("published_at", "date_published"),
        ("modified_at", "date_modified"),
    ):
        if local_field in provenance:
            provenance[utc_field] = provenance[local_field]
    out.provenance = {k: v for k, v in provenance.items() if v}
