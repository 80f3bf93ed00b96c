"""Synthetic articles for tests (invented text, no real coverage)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from archive.schema import Article

BASE_TIME = datetime(2022, 8, 2, 21, 39, tzinfo=UTC)

_WORDS = [
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
    "the",
    "publisher",
    "released",
    "chapters",
    "on",
    "tuesday",
    "while",
    "aides",
    "recalled",
    "phone",
    "calls",
    "late",
    "into",
    "the",
    "evening",
]


def body_text(seed: int, paragraphs: int = 4, words: int = 60) -> str:
    """Return deterministic filler prose that differs per seed."""
    out = []
    for p in range(paragraphs):
        tokens = [
            _WORDS[(seed * 7 + p * 13 + i * (seed % 5 + 3)) % len(_WORDS)] for i in range(words)
        ]
        tokens.append(f"marker{seed}x{p}")
        out.append(" ".join(tokens).capitalize() + ".")
    return "\n\n".join(out)


def make_article(n: int = 1, **overrides) -> Article:  # noqa: ANN003
    """Return a synthetic normalized article number ``n``; keyword overrides win."""
    from archive.dedup.textnorm import content_hash

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
