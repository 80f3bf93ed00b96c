"""MinHash signatures over word shingles and the LSH band hashes stored in the database."""

from __future__ import annotations

import hashlib
from collections.abc import Set as AbstractSet
from functools import lru_cache

import numpy as np

from archive.dedup import settings
from archive.text import words


def shingles(text: str | None, size: int = settings.SHINGLE_WORDS) -> set[str]:
    """Return the set of ``size``-word shingles of the folded text (one for shorter texts)."""
    return token_shingles(words(text), size)


def token_shingles(tokens: list[str], size: int = settings.SHINGLE_WORDS) -> set[str]:
    """Return the set of ``size``-word shingles of a token list (one for shorter lists)."""
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    windows = zip(*(tokens[i:] for i in range(size)), strict=False)  # stops at the shortest
    return set(map(" ".join, windows))


def jaccard(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    """Return the Jaccard similarity of two shingle sets (0.0 when both are empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


#: datasketch's permutation modulus (the Mersenne prime 2**61 - 1) and 32-bit hash mask.
_MERSENNE_PRIME = np.uint64((1 << 61) - 1)
_MERSENNE_SHIFT = np.uint64(61)
_MAX_HASH = np.uint64((1 << 32) - 1)
_SHA1_WORDS = hashlib.sha1().digest_size // 4


@lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Return datasketch's permutation parameters ``(a, b)``, computed once per process.

    The same draws as ``datasketch.MinHash._init_permutations`` (numpy's legacy RandomState,
    whose stream is frozen), without importing datasketch and scipy (~0.4 s of CPU) in every
    crawl process; tests/test_dedup_minhash.py checks them against datasketch's.
    """
    gen = np.random.RandomState(seed)
    pairs = [
        (
            gen.randint(1, _MERSENNE_PRIME, dtype=np.uint64),
            gen.randint(0, _MERSENNE_PRIME, dtype=np.uint64),
        )
        for _ in range(num_perm)
    ]
    a, b = np.array(pairs, dtype=np.uint64).T
    return a.copy(), b.copy()


def _shingle_hashes(shingle_set: AbstractSet[str]) -> np.ndarray:
    """Return datasketch's ``sha1_hash32`` of each shingle (first 4 SHA-1 bytes, little-endian)."""
    sha1 = hashlib.sha1
    digests = b"".join([sha1(s.encode("utf-8")).digest() for s in shingle_set])
    # 20-byte digests: every fifth little-endian 32-bit word is a digest's first four bytes.
    return np.frombuffer(digests, dtype="<u4")[::_SHA1_WORDS].astype(np.uint64)


def signature(shingle_set: AbstractSet[str], num_perm: int = settings.NUM_PERM) -> np.ndarray:
    """Return the MinHash signature (uint64 array of ``num_perm`` 32-bit values).

    Bit-identical to ``datasketch.MinHash(num_perm, seed=SEED).update_batch(...)``: every
    shingle hash ``h`` goes through ``((h * a + b) mod (2**61 - 1)) & (2**32 - 1)`` (the product
    wrapping at 64 bits, as in datasketch) and each permutation keeps its minimum. Stored band
    hashes depend on it, so it must never change.
    """
    a, b = _permutations(num_perm, settings.SEED)
    if not shingle_set:
        return np.full(num_perm, _MAX_HASH, dtype=np.uint64)
    phv = _shingle_hashes(shingle_set)[:, None] * a
    phv += b
    phv = _mod_mersenne(phv)
    phv &= _MAX_HASH
    return phv.min(axis=0)


def _mod_mersenne(values: np.ndarray) -> np.ndarray:
    """Return ``values % (2**61 - 1)`` for uint64 values, reduced in place (cheaper than ``%``).

    ``x = hi * 2**61 + lo`` is ``hi + lo`` modulo ``2**61 - 1``; that sum is below
    ``2 * (2**61 - 1)``, so one conditional subtraction finishes the reduction.
    """
    high = values >> _MERSENNE_SHIFT
    values &= _MERSENNE_PRIME
    values += high
    values[values >= _MERSENNE_PRIME] -= _MERSENNE_PRIME
    return values


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
