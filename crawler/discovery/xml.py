"""Tolerant XML parsing shared by the feed and sitemap readers."""

from __future__ import annotations

import zlib

from lxml import etree

#: Largest decompressed listing we accept (bytes); the rest of a bigger one is dropped.
MAX_LISTING_BYTES = 50 * 1024 * 1024
_STRICT = etree.XMLParser(
    remove_comments=True, resolve_entities=False, no_network=True, huge_tree=True
)
_RECOVER = etree.XMLParser(
    recover=True, remove_comments=True, resolve_entities=False, no_network=True, huge_tree=True
)


def gunzip_if_needed(body: bytes) -> bytes:
    """Return ``body`` decompressed when it is a gzip file (``sitemap.xml.gz``), else unchanged."""
    if body[:2] != b"\x1f\x8b":
        return body
    try:
        return zlib.decompressobj(wbits=31).decompress(body, MAX_LISTING_BYTES)
    except zlib.error:
        return b""


def parse_xml(body: bytes) -> tuple[etree._Element | None, bool]:
    """Return (root element or None, whether the document was malformed and only recovered)."""
    body = gunzip_if_needed(body).lstrip()
    if not body:
        return None, True
    try:
        return etree.fromstring(body, parser=_STRICT), False
    except etree.XMLSyntaxError:
        pass
    try:
        return etree.fromstring(body, parser=_RECOVER), True
    except etree.XMLSyntaxError:
        return None, True


def local(tag: object) -> str:
    """Return an element tag without its namespace (``{ns}loc`` -> ``loc``)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def child_text(element: etree._Element, *names: str) -> str | None:
    """Return the stripped text of the first descendant named one of ``names``, or None."""
    for node in element.iter():
        if local(node.tag) in names and node.text and node.text.strip():
            return node.text.strip()
    return None
