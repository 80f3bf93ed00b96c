"""How much a match in each field counts, the same on both back-ends (title > standfirst > body)."""

from __future__ import annotations

TITLE_WEIGHT = 10.0
DESCRIPTION_WEIGHT = 4.0
BODY_WEIGHT = 1.0


def tsvector_weights() -> str:
    """Return the ``ts_rank`` weights array ``{D, C, B, A}`` for body C, description B, title A.

    PostgreSQL weights are at most 1, so they are the same ratios scaled to the title's weight
    (D, unused, gets the body's).
    """
    body, description = BODY_WEIGHT / TITLE_WEIGHT, DESCRIPTION_WEIGHT / TITLE_WEIGHT
    return "{" + ", ".join(f"{w:g}" for w in (body, body, description, 1.0)) + "}"
