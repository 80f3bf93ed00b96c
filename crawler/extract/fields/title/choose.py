"""The title judgement: structured titles, the ``<title>`` and the visible headings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archive.text import fold_text
from crawler.extract.fields.title.site_names import (
    common_suffix_removed,
    host_names,
    is_site_name,
    split_title_segments,
    strip_site_name,
)
from crawler.extract.normalize.text import html_to_text

if TYPE_CHECKING:
    from crawler.extract.layers import Layers

_MAX_TITLE_CHARS = 400
_MAX_HEADINGS = 5
#: Share of a heading's words a title must contain to confirm it as the headline.
HEADING_MIN_SHARE = 0.75
#: An <h2> must also cover this share of the title's words (h2s are often teasers).
H2_MIN_COVER = 0.6
#: A structured title must have this many words to count as the heading minus a kicker.
KICKER_MIN_WORDS = 3
#: An unconfirmed single <h1> is taken as the headline from this many words.
SINGLE_H1_MIN_WORDS = 2
#: A site-banner heading (logo, home link) this short names the site.
MAX_BANNER_WORDS = 6


def _candidates(layers: Layers, sites: list[str], page_title: str | None) -> list[tuple]:
    """Return (layer, title) pairs from the structured layers, site names stripped."""
    pairs = []
    for layer, getter in layers.lazy("title"):
        raw = getter() if layer != "generic" else None
        if not isinstance(raw, str) or not raw.strip():
            continue
        title = strip_site_name(" ".join(html_to_text(raw).split())[:_MAX_TITLE_CHARS], sites)
        if title and page_title and title != page_title:
            title = common_suffix_removed(title, page_title)
        if title:
            pairs.append((layer, title))
    return pairs


def choose_title(layers: Layers) -> tuple[str | None, str | None]:
    """Return the headline with site names stripped, and the layer it came from.

    An outlet page object that knows where the displayed headline is comes first. Else the
    page's visible ``<h1>`` (or a post's ``<h2>``) wins when the structured titles or the
    ``<title>`` confirm it: it is the page's own spelling, without kickers or site names.
    Headings that show the site's name (a logo, a home link) are site names, not headlines.
    """
    page_title = layers.generic.title_element()
    sites = _site_names(layers, page_title)
    if "title" in layers.page.overrides and (shown := layers.page.title()):
        return strip_site_name(shown, sites) or shown, layers.page.layer
    candidates = _candidates(layers, sites, page_title)
    references = [t for _, t in candidates] + ([page_title] if page_title else [])
    min_words = SINGLE_H1_MIN_WORDS if candidates else 1  # beats a guess from the <title>
    heading = confirmed_heading(layers, references, sites) or _single_h1(layers, sites, min_words)
    if heading:
        heading = strip_site_name(heading, sites) or heading
        shown = [("generic", strip_site_name(page_title, sites) or "")] if page_title else []
        return _without_kicker(heading, [*candidates, *shown])
    if candidates:
        return candidates[0][1], candidates[0][0]
    if page_title:
        return best_segment(page_title, sites), "generic"
    return None, None


def _site_names(layers: Layers, page_title: str | None) -> list[str]:
    """Return the site's names: declared, from the host, and short site-banner headings.

    A declared site name that is the page's whole ``<title>`` is a misconfigured field, not
    the site's name.
    """
    banners = [b for b in layers.generic.banner_texts() if len(b.split()) <= MAX_BANNER_WORDS]
    title = fold_text(page_title or "")
    declared = [n for n in layers.site_names() if fold_text(n) != title]
    return [*declared, *host_names(layers.doc.url), *banners]


def _without_kicker(heading: str, candidates: list[tuple[str, str]]) -> tuple[str, str]:
    """Return the heading and its layer; a title (structured or ``<title>``) it ends with
    drops a kicker."""
    folded = fold_text(heading)
    for layer, title in candidates:
        if title == heading:
            return heading, layer
        tail = fold_text(title)
        if tail and folded.endswith(" " + tail) and len(tail.split()) >= KICKER_MIN_WORDS:
            return title, layer
    return heading, "generic"


def _single_h1(layers: Layers, sites: list[str], min_words: int) -> str | None:
    """Return the page's only ``<h1>`` when it has ``min_words`` and is not the site name."""
    h1s = layers.generic.h1_texts()
    if len(h1s) != 1 or is_site_name(h1s[0], sites):
        return None
    words = len(h1s[0].split())
    return h1s[0] if words >= min_words and len(h1s[0]) <= _MAX_TITLE_CHARS else None


def _tokens(text: str) -> list[str]:
    """Return the folded word tokens of ``text``."""
    return fold_text(text).split()


def confirmed_heading(layers: Layers, references: list[str], sites: list[str]) -> str | None:
    """Return the ``<h1>``/``<h2>`` that best covers a title's words, or None.

    A heading counts when most of its words are in a reference title; of those, the one
    covering most of a reference wins (a blog's site-name ``<h1>`` covers little of
    "Post title | Blog name").
    """
    ref_tokens = [set(_tokens(r)) for r in references if _tokens(r)]
    best, best_cover = None, 0.0
    for level, texts in (("h1", layers.generic.h1_texts()), ("h2", layers.generic.h2_texts())):
        for text in texts[:_MAX_HEADINGS]:
            words = _tokens(text)
            if not words or len(text) > _MAX_TITLE_CHARS or is_site_name(text, sites):
                continue
            for ref in ref_tokens:
                share = sum(w in ref for w in words) / len(words)
                cover = len(set(words) & ref) / len(ref)
                floor = H2_MIN_COVER if level == "h2" else 0.0
                if share >= HEADING_MIN_SHARE and cover >= floor and cover > best_cover:
                    best, best_cover = text, cover
    return best


def best_segment(title: str, sites: list[str]) -> str:
    """Return a ``<title>`` without site names; of several segments, the longest."""
    stripped = strip_site_name(title, sites) or title
    segments = split_title_segments(stripped)
    return max(segments, key=len) if len(segments) > 1 else stripped
