"""``extract_article``: parse once, run the layers, merge, normalize; never raises."""

from __future__ import annotations

import re
from typing import Any

from lxml.etree import XPath

from archive.dedup.textnorm import content_hash
from archive.schema import PAGE_FIELDS
from crawler.extract.document import Document, load_document
from crawler.extract.merge import Layers, merge_fields
from crawler.extract.meta import collect_meta, meta_fields, opengraph_fields
from crawler.extract.normalize.text import word_count
from crawler.extract.pages import page_class_for
from crawler.extract.schemaorg import fields_of
from crawler.extract.structured import (
    ARTICLE_TYPES,
    find_article,
    id_index,
    jsonld_nodes,
    microdata_nodes,
    type_names,
)
from crawler.extract.structured import site_name as structured_site_names

#: A page without structured article markup counts as an article from this many words.
MIN_ARTICLE_WORDS = 150
#: A page the HTML marks as one article (broken or missing structured data) needs this many.
MIN_MARKED_ARTICLE_WORDS = 40
_LIST_FIELDS = ("authors", "tags")
_ONE_ARTICLE_ELEMENT = XPath(
    "(count(//article) = 1 and boolean(//article//h1)) or boolean(//*[@itemprop='articleBody'])"
)
_JSONLD_SCRIPTS = XPath("//script[@type='application/ld+json']/text()")
#: An article type named in a JSON-LD block, readable or not.
_JSONLD_ARTICLE_TYPE = re.compile(
    r'"@type"\s*:\s*\[?\s*"(?:https?://schema\.org/)?\w*(?:Article|Posting)"'
)


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


def _empty_result(url: str | None) -> dict[str, Any]:
    """Return the result skeleton: every page field present, lists empty."""
    result: dict[str, Any] = dict.fromkeys(PAGE_FIELDS)
    result.update({k: [] for k in _LIST_FIELDS}, url=url, provenance={}, date_guessed=None)
    return result


def marked_as_article(doc: Document) -> bool:
    """Return True when the HTML itself marks the page as one article.

    Marks: a lone ``<article>`` holding the headline, an ``itemprop=articleBody``, or an article
    type named in a JSON-LD block even when the block does not parse (broken structured data
    must not make an article a non-article).
    """
    if doc.tree is None:
        return False
    if _ONE_ARTICLE_ELEMENT(doc.tree):
        return True
    return any(_JSONLD_ARTICLE_TYPE.search(s[:20_000]) for s in _JSONLD_SCRIPTS(doc.tree))


def _is_article(
    doc: Document, structured: dict[str, dict[str, Any]], result: dict[str, Any]
) -> bool:
    """Return whether the page looks like one article rather than a listing or home page."""
    if any(layer.get("is_article") for layer in structured.values()):
        return bool(result["body"])
    words = result["word_count"] or 0
    if not result["title"] or words < MIN_MARKED_ARTICLE_WORDS:
        return False
    return words >= MIN_ARTICLE_WORDS or marked_as_article(doc)


def _run(doc: Document) -> dict[str, Any]:
    """Return the merged fields of a parsed page."""
    page = page_class_for(doc.url)(doc)
    structured = structured_layers(doc)
    result = _empty_result(doc.url)
    result["outlet"] = page.key or None
    if doc.tree is not None:
        result.update(merge_fields(Layers(doc, structured, page)))
    result["word_count"] = word_count(result["body"]) if result["body"] else 0
    result["content_hash"] = content_hash(result["body"])
    result["is_article"] = _is_article(doc, structured, result)
    if not result["body"]:
        doc.problems.append("no-body: no article text found")
    return result


def extract_article(html: str | bytes, url: str | None = None) -> dict[str, Any]:
    """Return the Article JSON fields one page can know, with ``problems`` and ``is_article``."""
    doc = load_document(b"", url)
    try:
        doc = load_document(html, url)
        result = _run(doc)
    except Exception as exc:  # noqa: BLE001 - the contract: never raise out of the extractor
        doc.problems.append(f"internal: {type(exc).__name__}: {exc}"[:300])
        result = _empty_result(url)
        result["is_article"] = False
    result["problems"] = doc.problems
    return result
