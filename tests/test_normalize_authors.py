"""Author normalization: bylines, URLs, handles and labels -> clean person names."""

from __future__ import annotations

import pytest

from crawler.extract.normalize.authors import author_from_url, clean_authors


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe | People", ["Jane Doe"]),
        ("By A. Smith, B. Jones & C. Brown", ["A. Smith", "B. Jones", "C. Brown"]),
        ("PEOPLE Staff", ["PEOPLE Staff"]),
        ("https://people.com/author/jane-doe/", ["Jane Doe"]),
        ("Email the author", []),
        ("@janedoe", []),
        ("Jane Doe (@janedoe)", ["Jane Doe"]),
        ("Sarah E. Needleman", ["Sarah E. Needleman"]),
        ("JANE DOE FOR DAILYMAIL.COM", ["Jane Doe"]),
        ("Jane Doe, Senior Reporter", ["Jane Doe"]),
        ("Post author By Helge Beispiel", ["Helge Beispiel"]),
        ("Von Max Muster und Erika Muster", ["Max Muster", "Erika Muster"]),
        ("Autor: Max Muster", ["Max Muster"]),
        ("Show all articles of Jane Doe", ["Jane Doe"]),
        ("SHOW ALL ARTICLES OFJane Doe", []),
        ("Zeige alle Beiträge von Cem Beispiel", ["Cem Beispiel"]),
        ("jane.doe@example.com", []),
    ],
)
def test_bylines(raw: str, names: list[str]) -> None:
    assert clean_authors(raw) == names


def test_lists_are_merged_without_duplicates() -> None:
    assert clean_authors(["Jane Doe", "JANE DOE", "By John Roe"]) == ["Jane Doe", "John Roe"]


def test_non_strings_are_ignored() -> None:
    assert clean_authors(None) == []
    assert clean_authors(["Jane Doe", None, 3]) == ["Jane Doe"]  # type: ignore[list-item]


def test_author_url_needs_a_name_shaped_slug() -> None:
    assert author_from_url("https://example.com/author/jane-doe-123/") == "Jane Doe"
    assert author_from_url("https://example.com/author/12345") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Redacci&oacute;n Diario Norte", ["Redacción Diario Norte"]),
        ("Interview: Julia Lind", ["Julia Lind"]),
        ("Auteur Anna Kubis", ["Anna Kubis"]),
        ("erstellt von Dominique", ["Dominique"]),
        ("Jil Schuh; Alle Artikel", ["Jil Schuh"]),
        ("Johanna Kropf Alle Artikel", ["Johanna Kropf"]),
    ],
)
def test_labels_entities_and_link_texts_around_names_are_removed(
    value: str, expected: list[str]
) -> None:
    assert clean_authors(value) == expected
