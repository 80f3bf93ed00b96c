"""``extract_article``: parse once, run the layers, merge, normalize; never raises."""

from __future__ import annotations

from typing import Any

from archive.schema import PAGE_FIELDS
from archive.text import content_hash
from crawler.extract.document import Document, load_document
from crawler.extract.fields.kind import is_article
from crawler.extract.layers import Layers, structured_layers
from crawler.extract.merge import merge_fields
from crawler.extract.normalize.text import word_count
from crawler.extract.sources.pages import page_class_for

_LIST_FIELDS = ("authors", "tags")


def _empty_result(url: str | None) -> dict[str, Any]:
    """Return the result skeleton: every page field present, lists empty."""
    result: dict[str, Any] = dict.fromkeys(PAGE_FIELDS)
    result.update({k: [] for k in _LIST_FIELDS}, url=url, provenance={}, date_guessed=None)
    return result


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
    result["is_article"] = is_article(
        doc, structured, title=result["title"], body=result["body"], words=result["word_count"]
    )
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
