"""Aligning quote forms across articles: exact matches and near forms become one quote.

Forms are compared on their folded words (case, quote styles, punctuation and whitespace folded;
ellipses removed). Two forms are one quote when the word runs they share (runs of at least two
words, found by difflib) cover :data:`NEAR_SHARE` of the shorter form and at least
:data:`NEAR_MIN_WORDS` words: a word changed, a trimmed start or end, an ellipsis inside.

Scale: forms are never compared all against all. Each form is indexed under its 3-word
shingles (:func:`archive.dedup.minhash.token_shingles`, the dedup's shingling) and compared only
with the forms that share a shingle; shingles carried by more than :data:`MAX_BUCKET` forms
(stock phrases) are skipped as evidence. MinHash banding, which the dedup uses for whole texts,
estimates Jaccard similarity and would miss a trimmed quote inside a long one (high containment,
low Jaccard), so the exact shingle index is used instead; on quotes it is small.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from archive.dedup.minhash import token_shingles

#: Words per shingle of the candidate index.
SHINGLE_WORDS = 3
#: Share of the shorter form that the shared word runs must cover.
NEAR_SHARE = 0.8
#: Shared words needed at least (a four-word quote with one word changed stays apart).
NEAR_MIN_WORDS = 4
#: Shortest word run that counts as shared (single common words do not).
MIN_RUN_WORDS = 2
#: A shingle shared by more forms than this is a stock phrase: no evidence on its own.
MAX_BUCKET = 400


class UnionFind:
    """Disjoint sets over 0..n-1 (path halving, union by size)."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.size = [1] * size

    def find(self, item: int) -> int:
        """Return the representative of ``item``'s set."""
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        """Merge the sets of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]


def shared_words(a: Sequence[str], b: Sequence[str]) -> int:
    """Return how many words of ``a`` and ``b`` lie in common runs of MIN_RUN_WORDS or more."""
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks if block.size >= MIN_RUN_WORDS)


def is_near(a: Sequence[str], b: Sequence[str]) -> bool:
    """Return True when two folded forms are one quote (see the module docstring)."""
    shorter = min(len(a), len(b))
    if shorter < NEAR_MIN_WORDS:
        return False
    matched = shared_words(a, b)
    return matched >= NEAR_MIN_WORDS and matched >= NEAR_SHARE * shorter


def align(forms: Sequence[Sequence[str]]) -> list[int]:
    """Return a group number per form: forms in one group are one quote.

    ``forms`` are distinct folded word lists; group numbers are the index of the group's first
    form, so they are stable for a given input order.
    """
    sets = UnionFind(len(forms))
    index: dict[str, list[int]] = {}
    for number, tokens in enumerate(forms):
        if len(tokens) < NEAR_MIN_WORDS:
            continue  # single terms and very short quotes only match exactly
        candidates: set[int] = set()
        for shingle in token_shingles(list(tokens), SHINGLE_WORDS):
            bucket = index.setdefault(shingle, [])
            if len(bucket) <= MAX_BUCKET:
                candidates.update(bucket)
            bucket.append(number)
        for other in sorted(candidates):
            if sets.find(other) != sets.find(number) and is_near(tokens, forms[other]):
                sets.union(number, other)
    roots: dict[int, int] = {}
    return [roots.setdefault(sets.find(n), n) for n in range(len(forms))]
