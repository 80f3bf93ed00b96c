"""What each hostile page must come to in a crawl of the test story: stored, or a reason.

A fate is ``"stored"`` or the rejection reason recorded for the page's URL (or for the
redirect target that names the page). Several fates are allowed where more than one outcome is
correct (a page in UTF-16 labelled UTF-8 cannot be read; rejecting it is as right as storing
mojibake). Listings (feeds, sitemaps, link pages) are checked by their own tests.
"""

from __future__ import annotations

from tests.hostile.build_pages import all_pages

STORED = frozenset({"stored"})
NOT_ARTICLE = frozenset({"not-article"})
OUT_OF_WINDOW = frozenset({"out-of-window"})
TOO_LARGE = frozenset({"too-large"})
FETCH_ERROR = frozenset({"fetch-error"})
OFFSITE = frozenset({"offsite"})
PRIVATE = frozenset({"private-address"})
LOOP = frozenset({"redirect-loop"})
EITHER = frozenset({"stored", "not-article"})
DATED_EITHER = frozenset({"stored", "out-of-window"})

#: Static pages (``pages/<name>``) that are not stored: their fate. Every other one is stored.
STATIC_FATES: dict[str, frozenset[str]] = {
    "utf16le-without-bom-declared-utf8.html": EITHER,
    "html-comment-never-closed.html": EITHER,
    # An implausible date is dropped (stored undated) or judged (out-of-window); either way no
    # absurd date reaches the archive (checked separately).
    "date-far-future-year-9999.html": DATED_EITHER,
    "date-year-10000-overflow.html": DATED_EITHER,
    "date-before-1990-in-1970.html": DATED_EITHER,
    "date-year-0001.html": DATED_EITHER,
    "date-february-30.html": DATED_EITHER,
    "date-offset-out-of-range.html": DATED_EITHER,
    "date-negative-epoch-number.html": DATED_EITHER,
    "no-article-only-navigation.html": NOT_ARTICLE,
    "empty-file.html": NOT_ARTICLE,
    "frameset-instead-of-body.html": NOT_ARTICLE,
    "javascript-and-data-urls-only.html": NOT_ARTICLE,
    "binary-png-served-as-html.html": NOT_ARTICLE,
    "meta-refresh-to-other-domain.html": OFFSITE,
    "meta-refresh-to-link-local-address.html": OFFSITE | PRIVATE,
}

#: Pages whose correct fate (stored) is blocked by a known defect elsewhere: owner and cause.
KNOWN_DEFECTS: dict[str, str] = {}

#: Content-Type headers that lie about a static page (default ``text/html``, no charset).
STATIC_CONTENT_TYPES = {
    "mislabeled-latin1-bytes-declared-utf8.html": "text/html; charset=utf-8",
    "utf16le-without-bom-declared-utf8.html": "text/html; charset=utf-8",
    "overlong-and-invalid-utf8-sequences.html": "text/html; charset=utf-8",
    "binary-png-served-as-html.html": "text/html; charset=utf-8",
}

#: Transport-level pages (``tests.hostile.generated.transport_pages``) and their fates.
TRANSPORT_FATES: dict[str, frozenset[str]] = {
    "gzip-bomb": TOO_LARGE,
    "deflate-bomb": TOO_LARGE,
    "body-50mb-with-content-length": TOO_LARGE,
    "body-50mb-without-content-length": TOO_LARGE,
    "redirect-loop-two-steps": LOOP,
    "redirect-to-itself": LOOP,
    "redirect-chain-endless/1": FETCH_ERROR,
    "redirect-to-other-domain": OFFSITE,
    "redirect-to-loopback-canary": PRIVATE,
    "redirect-to-link-local-metadata": PRIVATE,
    "redirect-to-ipv6-loopback": PRIVATE,
    "redirect-to-file-scheme": OFFSITE,
    "redirect-to-decimal-ip-loopback": OFFSITE,
    "redirect-to-private-10-network": PRIVATE,
    "headers-never-finish": FETCH_ERROR,
    "body-never-finishes": FETCH_ERROR,
    "garbage-instead-of-http": FETCH_ERROR,
    "header-line-100kb": FETCH_ERROR,
    "conflicting-content-length-headers": FETCH_ERROR | STORED,
    "octet-stream-content-type": EITHER,  # Scrapy sniffs the HTML body
    "status-204-no-content": NOT_ARTICLE,
    "divs-nested-100000-deep": EITHER,
    "article-with-100000-links": STORED,
    "inline-base64-image-8mb": EITHER,
}

#: Pages that time out while the reactor is blocked (not strict: timing-dependent). Cause: the
#: pipeline records each rejection in its own transaction on the reactor thread (~5 ms each on
#: a loaded SQLite), so the 10k-entry feed's 10k out-of-window rejections stall downloads in
#: flight for tens of seconds. Fix: record rejections in batches (or off the reactor thread).
STALLED_BY_REJECTION_WRITES = {
    name: "reactor blocked by 10k one-transaction rejection writes; download timed out"
    for name in ("listing-100000-links",)
} | {
    # Passed in 1 of 3 runs after the batched rejection writes (2026-11-28); the others
    # timed out at 12 s on a loaded 2-core machine. Extraction of each takes < 1 s.
    name: "download timed out under load (timing-dependent; not the rejection writes alone)"
    for name in (
        "article-with-100000-links",
        "body-50mb-without-content-length",
        "inline-base64-image-8mb",
    )
}

#: Listings configured on the hostile outlet and what is recorded for them.
LISTING_FATES: dict[str, frozenset[str]] = {
    "listing-100000-links": frozenset({"too-many-links"}),
    "sitemap-billion-laughs.xml": frozenset({"malformed-listing", "empty-listing", "offsite"}),
    "sitemap-external-entities.xml": frozenset({"malformed-listing", "empty-listing"}),
}


def static_fates() -> dict[str, frozenset[str]]:
    """Return every static page's allowed fates."""
    return {name: STATIC_FATES.get(name, STORED) for name in sorted(all_pages())}


def all_fates() -> dict[str, frozenset[str]]:
    """Return the allowed fates of every hostile page, by name (listings included)."""
    return {**static_fates(), **TRANSPORT_FATES, **LISTING_FATES}
