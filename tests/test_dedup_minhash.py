"""MinHash shingles, Jaccard and LSH band hashes (pure functions, no database)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from archive.dedup import settings
from archive.dedup.minhash import band_hashes, jaccard, key_hash, shingles, signature, text_bands

FORTY_WORDS = " ".join(f"word{i}" for i in range(40))


def test_shingles_fold_case_and_punctuation() -> None:
    assert shingles("One, TWO three \u201cfour\u201d five six.") == {
        "one two three four five",
        "two three four five six",
    }
    assert shingles("too short") == {"too short"}
    assert shingles("") == set()


def test_jaccard() -> None:
    assert jaccard({"a", "b"}, {"b", "c"}) == pytest.approx(1 / 3)
    assert jaccard(set(), {"a"}) == 0.0


def test_band_hashes_are_stable_across_processes_and_releases() -> None:
    # Stored band rows are looked up by later runs: a change here silently breaks dedup.
    assert text_bands(FORTY_WORDS)[:3] == [
        (0, 619832732522931819),
        (1, 4748893417809025287),
        (2, -408368373284607482),
    ]
    code = "from archive.dedup.minhash import text_bands as t; import sys; print(t(sys.argv[1]))"
    other = subprocess.run(
        [sys.executable, "-c", code, FORTY_WORDS],
        capture_output=True,
        text=True,
        check=True,
        cwd=".",
    )
    assert other.stdout.strip() == str(text_bands(FORTY_WORDS))


def test_bands_shape_and_range() -> None:
    bands = text_bands(FORTY_WORDS)
    assert [b for b, _ in bands] == list(range(settings.BANDS))
    assert all(-(2**63) <= h < 2**63 for _, h in bands)
    assert text_bands("only a few words here") == []


def test_similar_texts_share_bands_different_do_not() -> None:
    base = " ".join(f"w{i}" for i in range(300))
    copy = base + " " + " ".join(f"new{i}" for i in range(30))
    other = " ".join(f"x{i}" for i in range(300))
    assert set(text_bands(base)) & set(text_bands(copy))
    assert not set(text_bands(base)) & set(text_bands(other))


def test_band_hashes_rejects_wrong_length() -> None:
    with pytest.raises(ValueError, match="bands\\*rows"):
        band_hashes(np.zeros(10, dtype=np.uint64))


def test_signature_estimates_jaccard() -> None:
    a = {f"s{i}" for i in range(400)}
    b = {f"s{i}" for i in range(100, 500)}  # Jaccard 0.6
    sig_a, sig_b = signature(a, num_perm=256), signature(b, num_perm=256)
    assert float(np.mean(sig_a == sig_b)) == pytest.approx(0.6, abs=0.1)


def test_key_hash_is_signed_int64_of_url_key() -> None:
    assert key_hash("ff" * 32) == -1
    assert key_hash("00" * 31 + "01") == 0
