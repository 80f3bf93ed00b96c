"""Synthetic articles for tests (invented text, no real coverage)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from archive.schema import Article

BASE_TIME = datetime(2022, 8, 2, 21, 39, tzinfo=UTC)

_STORY_WORDS = [
    "memoir",
    "excerpt",
    "describes",
    "meetings",
    "between",
    "the",
    "reality",
    "star",
    "and",
    "the",
    "adviser",
    "about",
    "a",
    "clemency",
    "request",
    "for",
    "a",
    "grandmother",
    "serving",
    "a",
    "life",
    "sentence",
]
#: An invented vocabulary large enough that unrelated articles share few 5-word shingles,
#: as real articles do (a tiny pool would make every article a near-duplicate candidate).
_VOCABULARY = [
    a + b
    for a in ("ka", "lo", "mi", "ne", "pu", "ra", "so", "ti", "ve", "zu", "ba", "de")
    for b in (
        "rin",
        "tal",
        "mon",
        "sep",
        "dor",
        "lix",
        "pan",
        "qua",
        "bel",
        "fyn",
        "gor",
        "hum",
        "jat",
        "kel",
        "mur",
        "nox",
        "pil",
        "ros",
        "sul",
        "tam",
        "ulo",
        "vin",
        "wex",
        "yor",
    )
] + _STORY_WORDS


def body_text(seed: int, paragraphs: int = 4, words: int = 60) -> str:
    """Return deterministic invented prose that differs per seed."""
    rng = random.Random(seed)
    out = []
    for p in range(paragraphs):
        tokens = [rng.choice(_VOCABULARY) for _ in range(words)]
        tokens.append(f"marker{seed}x{p}")
        out.append(" ".join(tokens).capitalize() + ".")
    return "\n\n".join(out)


def make_article(n: int = 1, **overrides) -> Article:  # noqa: ANN003
    """Return a synthetic normalized article number ``n``; keyword overrides win."""
    from archive.text import content_hash

    body = overrides.pop("body", body_text(n))
    values = dict(
        url=f"https://www.example-news.test/2022/08/02/story-{n}/",
        title=f"Synthetic headline number {n}",
        outlet="example",
        description=f"Synthetic description {n}",
        authors=["Jane Doe"],
        published_at=BASE_TIME + timedelta(hours=n),
        body=body,
        language="en",
        provenance={"title": "jsonld"},
        channel="feed",
        http_status=200,
    )
    values.update(overrides)
    values.setdefault("content_hash", content_hash(values["body"]))
    return Article(**values)
