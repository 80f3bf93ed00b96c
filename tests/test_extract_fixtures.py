"""Synthetic saved pages with expected output side by side (tests/fixtures/extract/*/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.text import content_hash
from crawler.extract import extract_article

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
CASES = sorted(p for p in FIXTURES.iterdir() if (p / "expected.json").is_file())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture(case: Path) -> None:
    spec = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    result = extract_article((case / "page.html").read_bytes(), spec["url"])
    for field, value in spec.get("expected", {}).items():
        assert result[field] == value, field
    for field, layer in spec.get("provenance", {}).items():
        assert result["provenance"].get(field) == layer, field
    body = result["body"] or ""
    if "body_paragraphs" in spec:
        assert len(body.split("\n\n")) == spec["body_paragraphs"]
    assert body.startswith(spec.get("body_starts", ""))
    assert body.endswith(spec.get("body_ends", ""))
    for text in spec.get("body_excludes", []):
        assert text not in body, text
    codes = [p["code"] for p in result["problems"]]
    for code in spec.get("problem_codes", []):
        assert code in codes, code
    assert result["content_hash"] == content_hash(result["body"])
    if result["is_article"]:
        assert result["word_count"] >= 50 and result["content_hash"]


def test_cases_exist() -> None:
    assert len(CASES) >= 5
