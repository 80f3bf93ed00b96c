"""``extract_article``: parse once, run the layers, merge, normalize; never raises."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from archive.text import content_hash
from crawler.config.outlets import Outlet, resolve_outlet
from crawler.extract.article import ExtractedArticle
from crawler.extract.document import Document, load_document
from crawler.extract.fields.kind import is_article
from crawler.extract.layers import Layers, structured_layers
from crawler.extract.merge import merge_fields
from crawler.extract.normalize.text import word_count
from crawler.extract.problems import INTERNAL_ERROR, NO_BODY
from crawler.extract.sources.pages import page_for


def _run(doc: Document, outlet: Outlet | str | None, captured: date | None) -> ExtractedArticle:
    """Return the merged fields of a parsed page."""
    owner = resolve_outlet(outlet, doc.url)
    page = page_for(doc, owner, captured)
    structured = structured_layers(doc)
    article = ExtractedArticle(url=doc.url, outlet=owner.key if owner is not None else None)
    if doc.tree is not None:
        merge_fields(Layers(doc, structured, page), article)
    article.word_count = word_count(article.body) if article.body else 0
    article.content_hash = content_hash(article.body)
    article.is_article = is_article(
        doc, structured, title=article.title, body=article.body, words=article.word_count
    )
    if not article.body:
        doc.note(NO_BODY, "no-body: no article text found")
    return article


def extract_page(
    html: str | bytes,
    url: str | None = None,
    outlet: Outlet | str | None = None,
    *,
    captured_at: date | None = None,
) -> ExtractedArticle:
    """Return what one page says about its article, with ``problems`` and ``is_article``.

    ``outlet`` (an Outlet or its key) says whose page it is; without it the outlet is the one
    of the default registry whose domains serve ``url``. ``captured_at`` is when the page was
    fetched (a ``datetime`` or a day): it picks the outlet's page design of that time; unknown,
    every design is tried.
    """
    captured = captured_at.date() if isinstance(captured_at, datetime) else captured_at
    doc = load_document(b"", url)
    try:
        doc = load_document(html, url)
        article = _run(doc, outlet, captured)
    except Exception as exc:  # noqa: BLE001 - the contract: never raise out of the extractor
        doc.note(INTERNAL_ERROR, f"internal: {type(exc).__name__}: {exc}"[:300])
        article = ExtractedArticle(url=url)
    article.problems = doc.problems
    return article


def extract_article(
    html: str | bytes,
    url: str | None = None,
    outlet: Outlet | str | None = None,
    *,
    captured_at: date | None = None,
) -> dict[str, Any]:
    """Return the Article JSON fields one page can know, with ``problems`` and ``is_article``
    (``extract_page(...).to_dict()``; the same arguments)."""
    return extract_page(html, url, outlet, captured_at=captured_at).to_dict()
