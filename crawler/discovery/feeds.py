"""RSS and Atom feeds: item links with the titles and dates they advertise."""

from __future__ import annotations

from urllib.parse import urljoin

from lxml import etree

from crawler.discovery.entries import FEED_LISTING, Entry, Listing, parse_date
from crawler.discovery.xml import child_text, local, parse_xml

_ITEM_TAGS = {"item", "entry"}
_DATE_TAGS = ("pubdate", "published", "date", "issued", "updated", "modified")


def parse_feed(body: bytes, base_url: str) -> Listing:
    """Return the entries of an RSS 1.0/2.0 or Atom feed; ``problem`` says why none were found."""
    root, malformed = parse_xml(body)
    if root is None or local(root.tag) not in {"rss", "feed", "rdf", "channel"}:
        return Listing(problem="malformed")
    entries = [e for e in (_entry(item, base_url) for item in _items(root)) if e is not None]
    problem = "malformed" if malformed else None if entries else "empty"
    return Listing(entries=entries, problem=problem, kind=FEED_LISTING)


def _items(root: etree._Element) -> list[etree._Element]:
    """Return the item/entry elements of a feed."""
    return [node for node in root.iter() if local(node.tag) in _ITEM_TAGS]


def _entry(item: etree._Element, base_url: str) -> Entry | None:
    """Return one feed item as an Entry, or None when it has no usable link."""
    link = _link(item)
    if not link:
        return None
    published = None
    for tag in _DATE_TAGS:
        published = parse_date(child_text(item, tag))
        if published is not None:
            break
    return Entry(url=urljoin(base_url, link), title=child_text(item, "title"), published=published)


def _link(item: etree._Element) -> str | None:
    """Return an item's article link: RSS ``<link>`` text or Atom ``<link rel=alternate href>``."""
    for node in item:
        if local(node.tag) != "link":
            continue
        href = node.get("href")
        if href and node.get("rel", "alternate") == "alternate":
            return href.strip()
        if node.text and node.text.strip():
            return node.text.strip()
    guid = next((n for n in item if local(n.tag) == "guid"), None)
    if guid is not None and guid.get("isPermaLink", "true") != "false" and guid.text:
        return guid.text.strip()
    return None
