"""Canonical URLs: one spelling per article, shared by the crawler's fingerprint and ``url_key``.

The rules (issue 5): lower-case scheme and host, ``http`` folded into ``https``, default ports,
fragments and tracking parameters dropped, the remaining query sorted, AMP variants (``/amp/``
path segment, ``?amp``, ``?outputType=amp``, ``.amp`` suffix, ``amp.`` host) and ``www.``/``m.``
host variants collapsed, trailing slashes removed. A page's ``rel=canonical`` wins when it points
to the same outlet (or to a known sister domain of it); a canonical that points to a foreign
domain, or to the site's front page from an article, is ignored.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as _w3lib_canonicalize

from archive.web import DEFAULT_PORTS, is_public_suffix, registrable_domain

#: Query parameters that only track the reader and never select content (lower-case).
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gclsrc",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "ref_url",
        "referrer",
        "cmpid",
        "cmp",
        "ito",
        "taid",
        "ocid",
        "smid",
        "smtyp",
        "xtor",
        "at_medium",
        "at_campaign",
        "at_custom1",
        "at_custom2",
        "ns_mchannel",
        "ns_source",
        "ns_campaign",
        "ns_linkname",
        "ns_fee",
        "_ga",
        "_gl",
        "sr_share",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
        "__twitter_impression",
        "s_cid",
        "icid",
        "int_source",
        "int_medium",
        "int_campaign",
        "amp",
        "amp_js_v",
        "usqp",
    }
)
#: Query parameter name prefixes that only track the reader (lower-case).
TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "pk_", "mtm_", "hsa_", "vero_", "oly_")
#: Host prefixes that name a variant (desktop/mobile/AMP) of the same outlet.
VARIANT_HOST_PREFIXES: tuple[str, ...] = ("www.", "m.", "mobile.", "amp.")
#: Groups of registrable domains that belong to one outlet.
SISTER_DOMAINS: tuple[frozenset[str], ...] = (
    frozenset({"independent.co.uk", "the-independent.com"}),
    frozenset({"theguardian.com", "guardian.co.uk"}),
    frozenset({"dailymail.co.uk", "dailymail.com"}),
    frozenset({"bbc.co.uk", "bbc.com"}),
    frozenset({"telegraph.co.uk", "telegraph.com"}),
)
_AMP_SUFFIX = re.compile(r"\.amp(?=\.html?$|$)", re.IGNORECASE)
_SLASH_RUNS = re.compile(r"/{2,}")


def canonicalize_url(
    url: str,
    canonical_hint: str | None = None,
    sister_domains: Iterable[Iterable[str]] = SISTER_DOMAINS,
) -> str:
    """Return the canonical spelling of ``url``, or of its ``rel=canonical`` when that is trusted.

    ``canonical_hint`` may be relative (it is resolved against ``url``). Non-HTTP(S) URLs are
    returned stripped but otherwise unchanged.
    """
    own = _canonical_form(url)
    if not canonical_hint or own is None:
        return own if own is not None else url.strip()
    hint = _canonical_form(urljoin(url.strip(), canonical_hint.strip()))
    if hint is None or not _same_outlet(own, hint, sister_domains):
        return own
    if urlsplit(hint).path == "/" and urlsplit(own).path != "/":
        return own  # a front-page canonical on an article is a site-wide template mistake
    return hint


def url_key(url: str, canonical_hint: str | None = None) -> str:
    """Return the sha256 hex digest of the canonical URL (the archive's ``url_key``)."""
    return hashlib.sha256(canonicalize_url(url, canonical_hint).encode("utf-8")).hexdigest()


def outlet_host(url: str) -> str:
    """Return the host of ``url`` lower-cased, with ``www.``/``m.``/``amp.`` prefixes removed."""
    host = (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    return _strip_variant_prefixes(host)


@lru_cache(maxsize=4096)
def _canonical_form(url: str) -> str | None:
    """Return ``url`` canonicalized, or None when it is not an absolute HTTP(S) URL.

    Memoized: storing one article canonicalizes the same few URLs several times (its key, its
    declared canonical, its cross-domain link), and w3lib's canonicalization dominates that.
    """
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    parts = urlsplit(_w3lib_canonicalize(url, keep_fragments=False))
    host = _strip_variant_prefixes(parts.hostname.rstrip(".").lower())
    port = parts.port
    netloc = host if port is None or port in DEFAULT_PORTS.values() else f"{host}:{port}"
    return urlunsplit(("https", netloc, _clean_path(parts.path), _clean_query(parts.query), ""))


def _strip_variant_prefixes(host: str) -> str:
    """Return ``host`` without leading variant labels, keeping at least a registrable domain."""
    stripped = True
    while stripped:
        stripped = False
        for prefix in VARIANT_HOST_PREFIXES:
            rest = host[len(prefix) :]
            if host.startswith(prefix) and "." in rest and not is_public_suffix(rest):
                host, stripped = rest, True
    return host


def _clean_path(path: str) -> str:
    """Return ``path`` with AMP segments/suffixes, doubled and trailing slashes removed."""
    path = _SLASH_RUNS.sub("/", path or "/")
    segments = [s for s in path.split("/") if s.lower() != "amp"]
    path = "/".join(segments)
    path = _AMP_SUFFIX.sub("", path)
    path = path.rstrip("/")
    return path if path.startswith("/") else "/" + path


def _clean_query(query: str) -> str:
    """Return ``query`` without tracking and AMP parameters, in sorted order."""
    if not query:
        return ""
    kept = [pair for pair in query.split("&") if pair and not _is_tracking(pair)]
    return "&".join(sorted(kept))


def _is_tracking(pair: str) -> bool:
    """Return True when the ``name=value`` pair tracks the reader or selects an AMP rendering."""
    name, _, value = pair.partition("=")
    name = unquote(name).lower()
    if name == "outputtype" and unquote(value).lower() == "amp":
        return True
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def _same_outlet(a: str, b: str, sister_domains: Iterable[Iterable[str]]) -> bool:
    """Return True when canonical URLs ``a`` and ``b`` belong to the same outlet."""
    dom_a = registrable_domain(urlsplit(a).hostname or "")
    dom_b = registrable_domain(urlsplit(b).hostname or "")
    if dom_a == dom_b:
        return True
    return any(dom_a in group and dom_b in group for group in map(frozenset, sister_domains))
