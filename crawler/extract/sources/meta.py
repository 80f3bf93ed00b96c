"""OpenGraph and other ``<meta>`` / ``<link>`` tags -> raw field values of two layers."""

from __future__ import annotations

import json
import re
from typing import Any

from lxml.etree import XPath
from lxml.html import HtmlElement

_META = XPath("//meta[@content]")
_CANONICAL = XPath("//link[@rel][@href]")
_HTML_LANG = XPath(
    "/html/@lang | /html/@xml:lang | //meta[@http-equiv='content-language']/@content"
)

_OG_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title"),
    "description": ("og:description", "twitter:description"),
    "authors": ("article:author", "og:article:author", "book:author"),
    "date_published": (
        "article:published_time",
        "og:article:published_time",
        "og:published_time",
        "article:published",
    ),
    "date_modified": ("article:modified_time", "og:article:modified_time", "og:updated_time"),
    "section": ("article:section", "og:article:section"),
    "tags": ("article:tag", "og:article:tag"),
    "image_url": ("og:image", "og:image:url", "og:image:secure_url", "twitter:image"),
    "canonical_url": ("og:url",),
    "language": ("og:locale",),
    "site_name": ("og:site_name", "twitter:site", "al:ios:app_name", "application-name"),
}
_META_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("parsely-title", "sailthru.title", "dc.title", "dcterms.title", "title", "headline"),
    "description": ("description", "dc.description", "dcterms.description", "sailthru.description"),
    "authors": (
        "parsely-author",
        "sailthru.author",
        "dc.creator",
        "dcterms.creator",
        "byl",
        "article.author",
        "citation_author",
        "cxenseparse:author",
        "authors",
    ),
    "date_published": (
        "parsely-pub-date",
        "sailthru.date",
        "dc.date.issued",
        "dcterms.issued",
        "dc.date",
        "dcterms.date",
        "dcterms.created",
        "dc.date.created",
        "pubdate",
        "publishdate",
        "publish-date",
        "date",
        "article.published",
        "datepublished",
        "citation_publication_date",
        "cxenseparse:recs:publishtime",
        "og:pubdate",
        "published_time",
        "sailthru.published_time",
    ),
    "date_modified": (
        "dcterms.modified",
        "dc.date.modified",
        "lastmod",
        "last-modified",
        "datemodified",
        "article.updated",
    ),
    #: ``<meta name="author">`` names the page's author: often the site or its web agency.
    "page_author": ("author",),
    "section": ("parsely-section", "sailthru.section", "section", "article.section"),
    "tags": ("news_keywords", "parsely-tags", "sailthru.tags", "keywords"),
    "language": ("dc.language", "dcterms.language", "language"),
    "image_url": ("parsely-image-url", "sailthru.image.full", "thumbnail"),
}
_MULTI = ("authors", "tags")


def collect_meta(tree: HtmlElement) -> dict[str, list[str]]:
    """Return meta values by lower-cased ``property``/``name``/``itemprop``, in page order."""
    metas: dict[str, list[str]] = {}
    for node in _META(tree):
        content = (node.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = (node.get(attr) or "").strip().lower()
            if key:
                metas.setdefault(key, []).append(content)
    return metas


def _parsely(metas: dict[str, list[str]]) -> dict[str, Any]:
    """Return fields from a ``parsely-page`` JSON meta tag, if present."""
    raw = metas.get("parsely-page")
    if not raw:
        return {}
    try:
        data = json.loads(raw[0])
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    authors = data.get("authors") or data.get("author")
    return {
        "title": data.get("title"),
        "date_published": data.get("pub_date"),
        "section": data.get("section"),
        "tags": data.get("tags"),
        "authors": authors if isinstance(authors, list) else [authors] if authors else [],
    }


def _fields(metas: dict[str, list[str]], table: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    """Return the first value per field (all values for list fields) from ``table`` keys."""
    fields: dict[str, Any] = {}
    for name, keys in table.items():
        found = [v for key in keys for v in metas.get(key, [])]
        if found:
            fields[name] = list(dict.fromkeys(found)) if name in _MULTI else found[0]
    return fields


def opengraph_fields(metas: dict[str, list[str]]) -> dict[str, Any]:
    """Return raw field values from OpenGraph / article:* / twitter:* tags."""
    fields = _fields(metas, _OG_FIELDS)
    if "article" in (v.lower() for v in metas.get("og:type", [])):
        fields["is_article"] = True
    return fields


#: Yoast's ``twitter:label1``/``twitter:data1`` pair names the author under these labels.
_WRITTEN_BY = re.compile(
    r"^\s*(?:written by|verfasst von|geschrieben von|(?:é|e)crit par|escrito por|scritto da|"
    r"geschreven door|autor|author)\s*$",
    re.I,
)


def _yoast_author(metas: dict[str, list[str]]) -> list[str]:
    """Return the author Yoast's Twitter label/data meta pair gives."""
    for i in (1, 2, 3):
        labels = metas.get(f"twitter:label{i}", [])
        if labels and _WRITTEN_BY.match(labels[0]):
            return metas.get(f"twitter:data{i}", [])[:1]
    return []


def meta_fields(tree: HtmlElement, metas: dict[str, list[str]]) -> dict[str, Any]:
    """Return raw field values from other meta tags, ``rel=canonical`` and ``<html lang>``."""
    fields = {k: v for k, v in _parsely(metas).items() if v}
    for key, value in _fields(metas, _META_FIELDS).items():
        fields.setdefault(key, value)
    if "authors" not in fields and (yoast := _yoast_author(metas)):
        fields["authors"] = yoast
    for link in _CANONICAL(tree):
        if "canonical" in (link.get("rel") or "").lower().split():
            fields["canonical_url"] = link.get("href")
            break
    langs = [v for v in _HTML_LANG(tree) if str(v).strip()]
    if langs:
        fields["language"] = str(langs[0]).strip()
    return fields
