"""Author normalization: bylines, URLs, handles and labels -> clean person names."""

from __future__ import annotations

import pytest

from crawler.extract.fields.authors.fullnames import (
    co_author_follows,
    expanded_initials,
    fuller_name,
    may_spell_out,
    name_in_bio,
    spelled_out,
)
from crawler.extract.fields.authors.names import (
    author_from_url,
    clean_authors,
    is_weak_author,
)


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


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("von lupa am 26/10/13, 03:48 pm", ["lupa"]),
        ("12. Mai 2020 · von wolf1984 · in Allgemein · Kommentar schreiben", ["wolf1984"]),
        ("By Jane Roe 8 January 2020, 3:51 pm 11 comments", ["Jane Roe"]),
        ("erstellt von Dominik — veröffentlicht 3. Mai", ["Dominik"]),
        ("Interview: Jens Beispiel Foto: Max Muster", ["Jens Beispiel"]),
        ("Text und Fotos: Ivo Beispiel", ["Ivo Beispiel"]),
        ("Gastautor Jane Roe", ["Jane Roe"]),
        ("Von Magazin-Experte Robin Beispiel", ["Robin Beispiel"]),
        (
            "Letzte Aktualisierung: 28.01.2022 Autor*in Brit Muster (Redakteurin, M.A",
            ["Brit Muster"],
        ),
        ("Jane Roe - http://roe.example", ["Jane Roe"]),
        ("Web Agentur GmbH www.agentur.example", ["Web Agentur GmbH"]),
        ("Publicado por Alberto Ejemplo", ["Alberto Ejemplo"]),
        ("byJane Roe", ["Jane Roe"]),
        ("Byron Smith", ["Byron Smith"]),
        ("Richard Beispiel im Gespräch mit Karin Muster", ["Richard Beispiel", "Karin Muster"]),
        ("责任编辑：王小明", ["王小明"]),
    ],
)
def test_dates_credits_roles_and_labels_around_names_are_cut(
    value: str, expected: list[str]
) -> None:
    assert clean_authors(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "Gesponserte Inhalte",
        "Sponsored",
        "stephan said:",
        "Jane Roe sagt:",
        "wordpressadmin",
        "Afficher mon profil complet",
        "View author publications",
        "Foto: Max Muster",
        "Foto Max Muster",
        "© Getty Images / Max Muster",
        "Stand 12:30 Uhr",
        "Veröffentlicht am 19.10.19 um 14:34 Uhr",
        "Letzte Aktualisierung:",
        "On August 3",
        "RSS",
        "jane[at]example.net",
        "Eine realistische Interpretation des Multiplikators",
    ],
)
def test_labels_comment_headers_credits_and_phrases_are_not_names(value: str) -> None:
    assert clean_authors(value) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("AFP", ["AFP"]),
        ("det/dpa", ["det", "dpa"]),
        ("Jane Roe, dpa", ["Jane Roe"]),
        ("delta201", ["delta201"]),
        ("uriebe", ["uriebe"]),
        ("JANE ROE", ["Jane Roe"]),
        ("Juan de la Cruz", ["Juan de la Cruz"]),
    ],
)
def test_handles_acronyms_and_agency_credits_keep_their_form(
    value: str, expected: list[str]
) -> None:
    assert clean_authors(value) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://www.facebook.com/jane.roe.page/",
        "https://twitter.com/janeroe_news",
        "https://news.example/author/no-author/",
    ],
)
def test_social_profiles_and_placeholder_author_pages_name_no_one(url: str) -> None:
    assert clean_authors(url) == []


@pytest.mark.parametrize(
    ("name", "weak"),
    [
        ("LN", True),
        ("jf", True),
        ("Example Editorial", True),
        ("Beispiel-Stiftung e.V.", True),
        ("Web Agentur GmbH", True),
        ("Redaktion Beispielstadt", True),
        ("Ela", False),
        ("Jane Roe", False),
        ("Kim Se-ri", False),
    ],
)
def test_initials_organisations_and_collectives_are_weak_authors(name: str, weak: bool) -> None:
    assert is_weak_author(name) is weak


@pytest.mark.parametrize(
    ("short", "candidates", "expected"),
    [
        ("Todd", ["Todd Bates"], "Todd Bates"),
        ("gabor_munier", ["Gàbor Muniér"], "Gàbor Muniér"),
        ("christian.stadt", ["Christian P. Stadt"], "Christian P. Stadt"),
        ("arianschlich", ["Arian Schlich"], "Arian Schlich"),
        ("Todd", ["Anna Bates", "Todd"], None),
        ("Todd Bates", ["Todd Bates Jr"], None),
    ],
)
def test_a_fuller_name_spells_out_a_first_name_or_login(
    short: str, candidates: list[str], expected: str | None
) -> None:
    assert fuller_name(short, candidates) == expected


@pytest.mark.parametrize(
    ("bio", "name"),
    [
        ("Nils Beispiel ist freier Autor und Journalist.", "Nils Beispiel"),
        ("Jane P. Roe - reporter, runner, reader.", "Jane P. Roe"),
        ("Lynn ist Coach und Autorin.", None),
        ("writes about food.", None),
    ],
)
def test_the_name_a_bio_starts_with(bio: str, name: str | None) -> None:
    assert name_in_bio(bio) == name


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Redaktion", ["Redaktion"]),
        ("Von Redaktion -", ["Redaktion"]),
        ("By Staff Writer", ["Staff Writer"]),
        ("Redaktion Beispielstadt am 12.05.2021", ["Redaktion Beispielstadt"]),
        ("Newsroom", ["Newsroom"]),
    ],
)
def test_newsroom_bylines_are_names_only_when_collectives_are_asked_for(
    value: str, expected: list[str]
) -> None:
    assert clean_authors(value) == []
    assert clean_authors(value, collectives=True) == expected


@pytest.mark.parametrize(
    "value",
    [
        "No Author",
        "Unknown",
        "admin",
        "wordpressadmin",
        "Gesponserte Inhalte",
        "Anzeige",
        "Foto: dpa",
        "© Getty Images",
        "Alle Artikel",
        "Editor",
    ],
)
def test_placeholders_labels_and_credits_are_no_collective_byline(value: str) -> None:
    assert clean_authors(value, collectives=True) == []


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("mh", ["mh"]),
        ("oz", ["oz"]),
        ("by", []),
        ("am", []),
        ("de", []),
        ("Jane Roe Jane Roe", ["Jane Roe"]),
        (
            "Isabel Caro, Rocío Latorre y José Wilson Hace 13 horas",
            ["Isabel Caro", "Rocío Latorre", "José Wilson"],
        ),
        ("Jane Roe vor 2 Stunden", ["Jane Roe"]),
        ("Jane Roe folgen", ["Jane Roe"]),
        ("Folgen", []),
        ("Article by", []),
        ("Unbenannt", []),
        ("So Artikel Empfehlen", []),
        ("张三", ["张三"]),
        ("a", []),
        ('<a href="/pl/eksperci/jane-roe" hreflang="pl">Jane Roe</a>', ["Jane Roe"]),
        ("Staff and news service reports", []),
        ("Auteur", []),
        ("Jan Fleischhauer, Kolumnist", ["Jan Fleischhauer"]),
    ],
)
def test_initials_repeats_and_relative_times(raw: str, names: list[str]) -> None:
    assert clean_authors(raw) == names


@pytest.mark.parametrize(
    ("short", "texts", "full"),
    [
        ("Todd", ["Media contact", " Todd Bates ", "Todd said the robot works"], "Todd Bates"),
        ("Alexander", ["Dr. Alexander Klier"], "Alexander Klier"),
        ("Henry", ["HENRY STEINHAU"], "Henry Steinhau"),
        ("Jane", ["Jane P. Roe"], "Jane P. Roe"),
        # a first name in running text: the next capitalised word may be a noun or a greeting
        ("Tine", ["Tine Hi, heute geht es um Berlin"], None),
        ("Todd", ["Todd Bates", "Todd Roe"], None),
        ("Todd", ["nothing here"], None),
        ("AFP", ["AFP Whether"], None),
        (
            "christian.stadtfeld",
            ["Chefredakteur Christian P. Stadtfeld bewertet"],
            "Christian P. Stadtfeld",
        ),
        ("jane_roe", ["a column by JANE ROE today"], "Jane Roe"),
        ("jane_roe", ["Jane Roe", "jane roe"], "Jane Roe"),
        ("jane_roe", ["Janet Roeder"], None),
        ("Henry", ["Ausschnitt: Henry Steinhau.", " MEHR VON HENRY STEINHAU"], "Henry Steinhau"),
        ("Henry", ["Mehr von Henry Steinhau", "Autor: Henry Miller"], None),
    ],
)
def test_a_first_name_or_slug_spelled_out_by_the_page(
    short: str, texts: list[str], full: str | None
) -> None:
    assert spelled_out(short, texts) == full


def test_a_credit_made_only_of_collectives_is_one_collective_byline() -> None:
    assert clean_authors("Staff and news service reports", collectives=True) == [
        "Staff and news service reports"
    ]
    assert clean_authors("Jane Roe and Staff", collectives=True) == ["Jane Roe", "Staff"]


@pytest.mark.parametrize(
    ("initials", "texts", "full"),
    [
        ("DT", ["Home", "Donald Townsend", "Kontakt"], "Donald Townsend"),
        ("kj", ["Dr. Konrad Jeker", "Archiv"], "Konrad Jeker"),
        ("DT", ["Donald Townsend", "Die Themen"], None),
        ("DT", ["Donald Townsend wrote this"], None),
        ("AFP", ["Agence France Presse"], None),
        ("Jane", ["Jane Roe"], None),
    ],
)
def test_initials_spelled_out_by_a_name_printed_alone(
    initials: str, texts: list[str], full: str | None
) -> None:
    assert expanded_initials(initials, texts) == full


@pytest.mark.parametrize(
    ("name", "markup", "follows"),
    [
        ("Sadhbh O'Sullivan", "By <a>SADHBH O&#39;SULLIVAN</a>, <a>ELISABETH", True),
        ("Jane Roe", "Jane&nbsp;Roe</a> <span>and</span> <a>John", True),
        ("Jane Roe", "von Jane Roe &amp; John Doe", True),
        ("Jane Roe", "Jane Roe</a> <span>12 May</span>", False),
        ("Jane Roe", "Jane Roe, 12 May", False),
    ],
)
def test_the_cheap_co_author_test_before_reading_bylines(
    name: str, markup: str, follows: bool
) -> None:
    assert co_author_follows(name, markup) is follows


@pytest.mark.parametrize(
    ("short", "markup", "maybe"),
    [
        ("Todd", "<p>Todd Bates</p>", True),
        ("Todd", "<p>TODD BATES</p>", True),
        ("Todd", "<p>Todd said</p>", False),
        ("christian.stadtfeld", "(Christian P. Stadtfeld)", True),
        ("christian.stadtfeld", "Christian P.", False),
    ],
)
def test_the_cheap_test_before_spelling_out_a_name(short: str, markup: str, maybe: bool) -> None:
    assert may_spell_out(short, markup) is maybe
