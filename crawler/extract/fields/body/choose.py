"""The body judgement: outlet container, structured articleBody or generic main text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archive.text import fold_text
from crawler.extract.fields.body.lead import lead_paragraph
from crawler.extract.normalize.text import body_text, word_count

if TYPE_CHECKING:
    from crawler.extract.layers import Layers

#: A structured articleBody replaces the generic text when it has this many times its words
#: (the generic extractor then missed part of the article); trafilatura is more precise.
STRUCTURED_BODY_MIN_RATIO = 2.0
#: An outlet container body is used when it has at least this share of the generic words.
PAGE_BODY_MIN_RATIO = 0.5
MAX_HEADLINE_CHARS = 300
#: A complete articleBody (this share of the generic words) vets the generic paragraphs.
CONFIRM_MIN_RATIO = 0.8
#: A generic paragraph is kept when this share of its word trigrams is in the articleBody.
CONFIRM_MIN_SHARE = 0.3


def _structured_body(layers: Layers) -> tuple[str | None, str | None]:
    """Return the articleBody text of the JSON-LD or microdata layer and the layer."""
    for layer in ("jsonld", "microdata"):
        raw = layers.structured.get(layer, {}).get("body")
        if isinstance(raw, str) and raw.strip():
            text = body_text(raw)
            if text:
                return text, layer
    return None, None


def choose_body(layers: Layers) -> tuple[str | None, str | None]:
    """Return the article text and its layer: outlet container, articleBody or trafilatura."""
    generic = layers.generic.body()
    if not generic and any(layer.get("is_article") for layer in layers.structured.values()):
        generic = layers.generic.body(recall=True)  # a declared article: its text is somewhere
    generic_words = word_count(generic)
    page_body = layers.page.body()
    if page_body:
        page_words = word_count(page_body)
        if "body" in layers.page.overrides or page_words >= PAGE_BODY_MIN_RATIO * generic_words:
            return page_body, layers.page.layer
    structured, layer = _structured_body(layers)
    if structured and word_count(structured) >= STRUCTURED_BODY_MIN_RATIO * generic_words:
        return with_lead(structured, layers), layer
    if generic:
        generic = without_title(generic, layers)
        if structured and word_count(structured) >= CONFIRM_MIN_RATIO * generic_words:
            generic = confirmed_paragraphs(generic, structured)
        return with_lead(generic, layers), "generic"
    return (page_body, layers.page.layer) if page_body else (None, None)


def with_lead(body: str, layers: Layers) -> str:
    """Return ``body`` led by the page's lead paragraph when the extraction dropped it."""
    lead = lead_paragraph(layers.doc.tree, body)
    return f"{lead}\n\n{body}" if lead else body


def without_title(body: str, layers: Layers) -> str:
    """Return ``body`` without a first paragraph that repeats the page's headline."""
    first, _, rest = body.partition("\n\n")
    if not rest or len(first) > MAX_HEADLINE_CHARS:
        return body
    folded = fold_text(first)
    headings = [*layers.generic.h1_texts()[:3], layers.generic.title_element() or ""]
    if any(fold_text(h) == folded for h in headings if h):
        return rest
    return body


def _trigrams(words: list[str]) -> set[tuple[str, ...]]:
    """Return the word trigrams of ``words`` (the words themselves when fewer than three)."""
    if len(words) < 3:
        return {(w,) for w in words}
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def confirmed_paragraphs(generic: str, structured: str) -> str:
    """Return the generic paragraphs the structured articleBody confirms (drops captions etc.)."""
    reference_words = fold_text(structured).split()
    reference = _trigrams(reference_words) | {(w,) for w in reference_words}
    kept = []
    for paragraph in generic.split("\n\n"):
        grams = _trigrams(fold_text(paragraph).split())
        if not grams or len(grams & reference) >= CONFIRM_MIN_SHARE * len(grams):
            kept.append(paragraph)
    return "\n\n".join(kept) or generic
