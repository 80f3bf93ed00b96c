"""MinHash signatures over word shingles and the LSH band hashes stored in the database."""

from __future__ import annotations

import hashlib
from collections.abc import Set as AbstractSet
from functools import lru_cache

import numpy as np

from archive.dedup import settings
from archive.dedup.textnorm import words


def shingles(text: str | None, size: int = settings.SHINGLE_WORDS) -> set[str]:
    """Return the set of ``size``-word shingles of the folded text (one for shorter texts)."""
    return token_shingles(words(text), size)


def token_shingles(tokens: list[str], size: int = settings.SHINGLE_WORDS) -> set[str]:
    """Return the set of ``size``-word shingles of a token list (one for shorter lists)."""
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def jaccard(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    """Return the Jaccard similarity of two shingle sets (0.0 when both are empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int) -> np.ndarray:
    """Return datasketch's permutation parameters, computed once per process."""
    from datasketch import MinHash  # imports scipy: deferred so the CLI starts fast

    return MinHash(num_perm=num_perm, seed=seed).permutations


def signature(shingle_set: AbstractSet[str], num_perm: int = settings.NUM_PERM) -> np.ndarray:
    """Return the MinHash signature (uint64 array of ``num_perm`` 32-bit values)."""
    from datasketch import MinHash

    minhash = MinHash(
        num_perm=num_perm, seed=settings.SEED, permutations=_permutations(num_perm, settings.SEED)
    )
    minhash.update_batch([s.encode("utf-8") for s in shingle_set])
    return minhash.hashvalues


def to_int64(digest: bytes) -> int:
    """Return the first 8 bytes of ``digest`` as a signed 64-bit integer (fits a BIGINT)."""
    return int.from_bytes(digest[:8], "big", signed=True)


def band_hashes(
    sig: np.ndarray, bands: int = settings.BANDS, rows: int = settings.ROWS
) -> list[tuple[int, int]]:
    """Return ``(band, hash)`` pairs: each band's ``rows`` values hashed to a signed int64."""
    if len(sig) != bands * rows:
        raise ValueError(f"signature has {len(sig)} values, expected bands*rows={bands * rows}")
    values = np.asarray(sig, dtype="<u4")
    return [
        (
            band,
            to_int64(
                hashlib.blake2b(
                    values[band * rows : (band + 1) * rows].tobytes(), digest_size=8
                ).digest()
            ),
        )
        for band in range(bands)
    ]


def key_hash(url_key: str) -> int:
    """Return a url_key (sha256 hex) as the signed int64 stored in the URL link band."""
    return to_int64(bytes.fromhex(url_key))


def text_bands(text: str | None) -> list[tuple[int, int]]:
    """Return the LSH ``(band, hash)`` pairs of a body, or [] when it is too short to match."""
    tokens = words(text)
    if len(tokens) < settings.MIN_WORDS_NEAR:
        return []
    return band_hashes(signature(token_shingles(tokens)))
