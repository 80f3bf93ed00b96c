"""A schema.org article node -> the raw field values one layer offers."""

from __future__ import annotations

from typing import Any

from crawler.extract.sources.structured import type_names

_ORG_TYPES = {"Organization", "NewsMediaOrganization", "Corporation", "WebSite"}


def _text(value: Any) -> str | None:
    """Return a string value (first of a list, ``name``/``@value`` of an object), or None."""
    if isinstance(value, list):
        return next((t for t in map(_text, value) if t), None)
    if isinstance(value, dict):
        return _text(value.get("@value") or value.get("name"))
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None


def _resolve(value: Any, index: dict[str, dict[str, Any]]) -> Any:
    """Return ``value`` with a bare ``{"@id": ...}`` reference replaced by the node it names."""
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
        return index.get(value["@id"], value)
    return value


def authors_of(node: dict[str, Any], index: dict[str, dict[str, Any]]) -> list[str]:
    """Return author names (strings, Person objects, references or lists of them)."""
    raw = node.get("author") or node.get("creator")
    values = raw if isinstance(raw, list) else [raw]
    people, orgs = [], []
    for value in values:
        value = _resolve(value, index)
        if isinstance(value, str) and value.strip():
            people.append(value)
        elif isinstance(value, dict):
            raw_name = value.get("name")
            if isinstance(raw_name, list):  # one Person object holding several names
                names = [n for n in map(_text, raw_name) if n]
            else:
                names = [n] if (n := _text(raw_name) or _text(value.get("url"))) else []
            (orgs if type_names(value) & _ORG_TYPES else people).extend(names)
    return people or orgs


def author_bios(node: dict[str, Any], index: dict[str, dict[str, Any]]) -> list[str]:
    """Return the ``description`` texts of the author objects (Yoast: the author's bio)."""
    raw = node.get("author") or node.get("creator")
    values = (_resolve(v, index) for v in (raw if isinstance(raw, list) else [raw]))
    bios = (_text(v.get("description")) for v in values if isinstance(v, dict))
    return [b for b in bios if b]


def _image(value: Any) -> str | None:
    """Return the first image URL of an ``image`` value."""
    if isinstance(value, list):
        return next((u for u in map(_image, value) if u), None)
    if isinstance(value, dict):
        return _image(value.get("url") or value.get("contentUrl") or value.get("@id"))
    return value.strip() if isinstance(value, str) and value.strip() else None


def _keywords(value: Any) -> list[str]:
    """Return keywords from a comma-separated string or a list."""
    if isinstance(value, str):
        return [k.strip() for k in value.split(",") if k.strip()]
    if isinstance(value, list):
        return [t for t in (_text(v) for v in value) if t]
    return []


def _own_url(node: dict[str, Any]) -> str | None:
    """Return the article's own URL (``url`` or ``mainEntityOfPage``)."""
    for key in ("url", "mainEntityOfPage"):
        value = node.get(key)
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str) and value.startswith("http"):
            return value
    return None


def fields_of(node: dict[str, Any], index: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Return the raw field values a schema.org article node carries."""
    publisher = _resolve(node.get("publisher"), index)
    fields = {
        "title": _text(node.get("headline")) or _text(node.get("name")),
        "description": _text(node.get("description")),
        "authors": authors_of(node, index),
        "author_bios": author_bios(node, index),
        "date_published": _text(node.get("datePublished")) or _text(node.get("dateCreated")),
        "date_modified": _text(node.get("dateModified")),
        "section": _text(node.get("articleSection")),
        "tags": _keywords(node.get("keywords")),
        "language": _text(node.get("inLanguage")),
        "body": _text(node.get("articleBody")) or _text(node.get("text")),
        "image_url": _image(node.get("image") or node.get("thumbnailUrl")),
        "canonical_url": _own_url(node),
        "site_name": _text(publisher.get("name")) if isinstance(publisher, dict) else None,
        "is_article": True,
    }
    return {k: v for k, v in fields.items() if v}
