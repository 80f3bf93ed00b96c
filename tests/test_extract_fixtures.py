"""Synthetic saved pages with expected output side by side (tests/fixtures/extract/*/)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from archive.text import content_hash
from crawler.config import default_outlets, resolve_outlet
from crawler.extract import extract_article
from crawler.extract.sources.pages import GENERIC_ONLY, PAGES

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
CASES = sorted(p for p in FIXTURES.iterdir() if (p / "expected.json").is_file())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture(case: Path) -> None:
    spec = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    captured = spec.get("captured_at")
    result = extract_article(
        (case / "page.html").read_bytes(),
        spec["url"],
        spec.get("outlet"),
        captured_at=date.fromisoformat(captured) if captured else None,
    )
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


def _fixture_outlets() -> dict[str, list[str]]:
    """Return outlet key -> the fixture folders whose page is that outlet's."""
    found: dict[str, list[str]] = {}
    for case in CASES:
        spec = json.loads((case / "expected.json").read_text(encoding="utf-8"))
        owner = resolve_outlet(spec.get("outlet"), spec["url"])
        if owner is not None:
            found.setdefault(owner.key, []).append(case.name)
    return found


@pytest.mark.parametrize("outlet", [o.key for o in default_outlets()])
def test_every_outlet_has_a_page_object_and_a_fixture(outlet: str) -> None:
    assert (outlet in PAGES) != (outlet in GENERIC_ONLY), "a page object, or GENERIC_ONLY"
    assert _fixture_outlets().get(outlet), f"no fixture folder for {outlet!r}"


def test_every_page_object_belongs_to_an_outlet_of_the_registry() -> None:
    keys = {o.key for o in default_outlets()}
    assert set(PAGES) | GENERIC_ONLY <= keys
