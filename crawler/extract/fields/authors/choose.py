"""The author judgement: declared authors, the printed byline, then weaker guesses.

Trust order: what the page declares for the article (the outlet's page object, schema.org
``author``, ``article:author``, article meta tags) comes first. A declared value that is only
initials, an organisation or a login slug gives way to the printed byline's person name; with
nothing declared, the printed byline (byline markup, then a "Von X" lead-in) beats the
page-level ``<meta name="author">`` (often the site owner or web agency), and trafilatura's
guess comes last. Only when none of them names a person does the page's own organisation or
newsroom byline count (``collective_authors``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from itertools import chain
from typing import TYPE_CHECKING, Any, TypeVar

from crawler.extract.document import guarded
from crawler.extract.fields.authors.byline import (
    find_bylines,
    find_dated_bylines,
    find_text_bylines,
)
from crawler.extract.fields.authors.credits import (
    dateline_agencies,
    headline_agencies,
    signed_off,
)
from crawler.extract.fields.authors.fullnames import (
    co_author_follows,
    expanded_initials,
    first_word,
    fuller_name,
    may_spell_out,
    name_in_bio,
    spelled_out,
)
from crawler.extract.fields.authors.names import (
    clean_authors,
    is_initials,
    is_weak_author,
    name_tokens,
)
from crawler.extract.fields.title.site_names import host_names, is_site_name

if TYPE_CHECKING:
    from crawler.extract.layers import Layers

#: Provenance of names read from the visible page (byline markup, lead-ins, trafilatura).
PRINTED_LAYER = "generic"
T = TypeVar("T")
Clean = Callable[[Any], list[str]]


def site_filter(layers: Layers) -> Clean:
    """Return a converter that cleans bylines and drops the site's own name."""
    sites = [*layers.site_names(structured=False), *host_names(layers.doc.url)]
    return lambda v: [a for a in clean_authors(v) if not is_site_name(a, sites, prefix=False)]


def _guarded(layers: Layers, what: str, find: Callable[..., list[T]], *args: Any) -> list[T]:
    """Return ``find(tree, *args)`` on the page, or [] with a problem noted when it raises."""
    if layers.generic.huge:
        return []
    return guarded(layers.doc, f"authors {what}", find, layers.doc.tree, *args) or []


def _declared(layers: Layers, clean: Clean) -> Iterator[tuple[list[str], str]]:
    """Yield (names, layer) for every layer that declares the article's authors, in trust
    order (the page object, JSON-LD, microdata, OpenGraph, article meta tags)."""
    for layer, getter in layers.lazy("authors"):
        if layer == "generic":
            continue
        names = clean(getter())
        if names:
            yield names, layer


def _bios(layers: Layers, layer: str, names: list[str]) -> Iterator[tuple[list[str], str]]:
    """Yield a lone declared first name spelled out by the start of the author's own bio
    (schema.org ``description``: "Jane Roe ist freie Autorin ...")."""
    bios = layers.structured.get(layer, {}).get("author_bios") or []
    if len(names) == 1 and (full := fuller_name(names[0], filter(None, map(name_in_bio, bios)))):
        yield [full], layer


def _spelled_out(layers: Layers, names: list[str]) -> Iterator[tuple[list[str], str]]:
    """Yield the one full name the page prints for a lone first name, login slug or initials
    ("Todd" and "... Todd Bates ...", "DT" and "<p>Donald Townsend</p>")."""
    if len(names) != 1 or layers.generic.huge:
        return
    if full := guarded(layers.doc, "authors spelled out", _spell_out, layers, names[0]):
        yield [full], PRINTED_LAYER


def _spell_out(layers: Layers, name: str) -> str | None:
    """Return the full name behind ``name`` (see ``_spelled_out``), or None."""
    if is_initials(name):
        return expanded_initials(name, layers.generic.visible_texts)
    if may_spell_out(name, layers.doc.html):
        return spelled_out(name, layers.generic.texts_with(first_word(name)))
    return None


def _printed(layers: Layers, clean: Clean) -> Iterator[tuple[list[str], str]]:
    """Yield (names, layer) read from the visible page: byline markup, a lead-in, then a
    dated byline under the headline."""
    yield clean(_guarded(layers, "byline", find_bylines, clean)), PRINTED_LAYER
    yield clean(_guarded(layers, "text byline", find_text_bylines, clean)), PRINTED_LAYER
    yield clean(_guarded(layers, "dated byline", find_dated_bylines, clean)), PRINTED_LAYER


def _with_co_authors(
    layers: Layers, clean: Clean, names: list[str], layer: str
) -> tuple[list[str], str]:
    """Return the names of a printed byline that names the declared authors and more
    people: schema.org data often names only the first of several authors ("von Jane Roe,
    John Doe" declared as Jane Roe)."""
    follows = (partial(co_author_follows, n, layers.doc.html) for n in names)
    if not any(guarded(layers.doc, "authors co-authors", test) for test in follows):
        return names, layer
    declared = {tuple(name_tokens(n)) for n in names}
    for text in _guarded(layers, "byline", find_bylines, clean):
        printed = clean([text])
        keys = {tuple(name_tokens(n)) for n in printed}
        extra = [n for n in printed if tuple(name_tokens(n)) not in declared]
        if extra and declared <= keys and all(" " in n and not is_weak_author(n) for n in extra):
            return printed, PRINTED_LAYER
    return names, layer


def _improved(
    names: list[str], others: Iterator[tuple[list[str], str]]
) -> tuple[list[str], str] | None:
    """Return a better form of a declared author from the other sources, or None.

    A lone first name or login slug ("Todd", "jane_roe") takes the full name that starts the
    same way ("Todd Bates", "Jane Roe"); initials or an organisation ("LN", "Nature
    Editorial") give way to the first list of person names.
    """
    weak = all(is_weak_author(n) for n in names)
    for other, layer in others:
        if len(names) == 1 and (full := fuller_name(names[0], other)):
            return [full], layer
        if weak and other and not any(is_weak_author(n) or " " not in n for n in other):
            return other, layer
    return None


def _clean_collectives(value: Any) -> list[str]:
    """Return the names in ``value``, newsroom bylines ("Redaktion", "Staff Writer") included."""
    return clean_authors(value, collectives=True)


def collective_authors(layers: Layers) -> tuple[list[str], str | None]:
    """Return the organisation, agency or newsroom the page declares or prints as its author.

    Asked only when no person is named: schema.org allows an Organization as ``author``, and
    an agency or newsroom byline ("dpa", "Redaktion", "Staff Writer") tells a researcher the
    copy has no individual author. The site's own name counts where the page marks it as the
    author (``author`` property, byline markup); the page-level ``<meta name="author">``
    (often the web agency) and trafilatura's guess do not. Last comes the agency credit of a
    dateline that opens the article text ("Hamburg (dpa/lno) – ...").
    """
    declared = next(_declared(layers, _clean_collectives), None)
    if declared is not None:
        return declared
    for find in (find_bylines, find_text_bylines):
        names = _clean_collectives(_guarded(layers, "collective byline", find, _clean_collectives))
        if names:
            return names, PRINTED_LAYER
    agencies = dateline_agencies(layers.generic.body()) or _guarded(
        layers, "agency credit", headline_agencies
    )
    return (agencies, PRINTED_LAYER) if agencies else ([], None)


def choose_authors(layers: Layers) -> tuple[list[str], str | None]:
    """Return the article's author names and the layer they came from."""
    clean = site_filter(layers)
    declared = _declared(layers, clean)
    first = next(declared, None)
    if first is not None:
        names, layer = first
        if (len(names) > 1 and not all(is_weak_author(n) for n in names)) or (
            " " in names[0] and not is_weak_author(names[0])
        ):
            return _with_co_authors(layers, clean, names, layer)
        others = chain(
            _bios(layers, layer, names),
            declared,
            _printed(layers, clean),
            _spelled_out(layers, names),
        )
        return _improved(names, others) or (names, layer)
    for names, layer in _printed(layers, clean):
        if names:
            return next(_spelled_out(layers, names), (names, layer))
    names, layer = _undeclared(layers, clean)
    return next(_spelled_out(layers, names), (names, layer))


def _undeclared(layers: Layers, clean: Clean) -> tuple[list[str], str | None]:
    """Return the weakest guesses: the page-level meta author, trafilatura's guess, and the
    page's organisation or newsroom byline, which beats an organisation among the first two
    (a page-level meta author that is an organisation is often the web agency)."""
    page_author = clean(layers.structured.get("meta", {}).get("page_author"))
    guess = clean(layers.generic.authors())
    weak: list[tuple[list[str], str]] = []
    for names, layer in ((page_author, "meta"), (guess, PRINTED_LAYER)):
        if names and not all(is_weak_author(n) for n in names):
            return names, layer
        weak += [(names, layer)] if names else []
    signature = clean(guarded(layers.doc, "authors sign-off", signed_off, layers.generic.body()))
    if len(signature) == 1 and not is_weak_author(signature[0]):
        return signature, PRINTED_LAYER
    collective = collective_authors(layers)
    return collective if collective[0] or not weak else weak[0]
