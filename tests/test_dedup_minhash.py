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


SIGNATURE_TEXTS = [
    FORTY_WORDS,
    "The memoir describes meetings between the reality star and the adviser about a clemency "
    "request for a grandmother serving a life sentence, according to the excerpt published "
    "on Tuesday by the magazine, which said the book goes on sale next week.",
    "Ünïcödé “quotes” — dashes, café crème, naïve façade, straße, ΕΛΛΗΝΙΚΆ, 日本語 テキスト, "
    "emoji 🙂 and numbers 1,234.5 in one sentence that is long enough to shingle well.",
    "one two three",
    " ".join(f"token{i % 97} filler{i % 13}" for i in range(2000)),
]


@pytest.mark.parametrize("text", SIGNATURE_TEXTS)
@pytest.mark.parametrize("num_perm", [settings.NUM_PERM, 256])
def test_signature_is_bit_identical_to_datasketch(text: str, num_perm: int) -> None:
    # Stored band hashes were computed with datasketch's MinHash: ours must equal it bit for bit.
    from datasketch import MinHash

    shingle_set = shingles(text)
    reference = MinHash(num_perm=num_perm, seed=settings.SEED)
    reference.update_batch([s.encode("utf-8") for s in shingle_set])
    ours = signature(shingle_set, num_perm=num_perm)
    assert ours.dtype == np.uint64
    assert np.array_equal(ours, reference.hashvalues)


def test_signature_of_nothing_matches_datasketch_empty_minhash() -> None:
    from datasketch import MinHash

    assert np.array_equal(signature(set()), MinHash(num_perm=settings.NUM_PERM).hashvalues)


def test_signature_reduces_large_products_modulo_the_mersenne_prime() -> None:
    # Shingles whose 32-bit hash times a permutation factor wraps past 2**64 exercise the fold.
    from datasketch import MinHash

    shingle_set = {f"wrap test {i}" for i in range(5000)}
    reference = MinHash(num_perm=settings.NUM_PERM, seed=settings.SEED)
    reference.update_batch([s.encode("utf-8") for s in shingle_set])
    assert np.array_equal(signature(shingle_set), reference.hashvalues)


def test_mersenne_reduction_equals_numpy_modulo_at_the_edges() -> None:
    from archive.dedup.minhash import _mod_mersenne

    prime = (1 << 61) - 1
    edges = [0, 1, prime - 1, prime, prime + 1, prime + 7, 2 * prime, 2**61, 2**63, 2**64 - 1]
    edges += [hi * 2**61 + lo for hi in range(8) for lo in (prime - hi, prime - 1, 0)]
    values = np.array(edges, dtype=np.uint64)
    expected = values % np.uint64(prime)
    assert np.array_equal(_mod_mersenne(values.copy()), expected)


def test_signatures_do_not_import_datasketch() -> None:
    # Importing datasketch (and scipy with it) cost ~0.4 s of CPU in every crawl process.
    code = (
        "import sys; from archive.dedup.minhash import text_bands; text_bands(sys.argv[1]); "
        "print(sorted(m for m in ('datasketch', 'scipy') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, FORTY_WORDS], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "text",
    [
        "It\u2019s \u201cquoted\u201d \u2014 and\u2013dashed, ex-president's "
        "\u00abguillemets\u00bb.",
        "STRASSE Stra\u00dfe \ufb01ne \u2460 \uff21\uff22\uff23 caf\u00e9 cafe\u0301 \u0130stanbul",
        "tabs\tnew\nlines\u00a0nbsp\u2003em\u2028sep under_score 3.14 1,000 #tag @user",
        "\u65e5\u672c\u8a9e\u30c6\u30ad\u30b9\u30c8 "
        "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 \U0001f642 emoji",
        "",
    ],
)
def test_words_are_the_tokens_of_the_folded_text(text: str) -> None:
    from archive.text import fold_text, words

    assert words(text) == fold_text(text).split()
