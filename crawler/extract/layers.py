"""The layers of one page: every source's raw values, asked for in trust order.

JSON-LD, microdata, OpenGraph and other meta tags (read once, up front), the outlet's page
object and the generic layer (computed on first use). The field judgements in
``crawler.extract.fields`` ask a ``Layers`` for values; they never read the sources directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from crawler.extract.document import Document
from crawler.extract.sources.generic import GenericLayer
from crawler.extract.sources.meta import collect_meta, meta_fields, opengraph_fields
from crawler.extract.sources.pages.base import PageObject
from crawler.extract.sources.schemaorg import fields_of
from crawler.extract.sources.structured import (
    ARTICLE_TYPES,
    find_article,
    id_index,
    jsonld_nodes,
    microdata_nodes,
    type_names,
)
from crawler.extract.sources.structured import site_name as structured_site_names

#: Structured layers, in the order they are trusted.
STRUCTURED_ORDER = ("jsonld", "microdata", "opengraph", "meta")


def _structured_layer(nodes: list[dict[str, Any]], url: str | None) -> dict[str, Any]:
    """Return the raw fields of the article node among ``nodes`` (site name always)."""
    article = find_article(nodes, url)
    fields = fields_of(article, id_index(nodes)) if article else {}
    if article is not None and not type_names(article) & ARTICLE_TYPES:
        fields.pop("is_article", None)
    names = structured_site_names(nodes)
    if names and "site_name" not in fields:
        fields["site_name"] = names[0]
    return fields


def structured_layers(doc: Document) -> dict[str, dict[str, Any]]:
    """Return the raw field values of the JSON-LD, microdata, OpenGraph and meta layers."""
    if doc.tree is None:
        return {}
    metas = collect_meta(doc.tree)
    return {
        "jsonld": _structured_layer(jsonld_nodes(doc.tree, doc.problems), doc.url),
        "microdata": _structured_layer(microdata_nodes(doc.tree, doc.url, doc.problems), doc.url),
        "opengraph": opengraph_fields(metas),
        "meta": meta_fields(doc.tree, metas),
    }


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

    def declares_article(self) -> bool:
        """Return True when a structured layer types the page as an article."""
        return any(layer.get("is_article") for layer in self.structured.values())
