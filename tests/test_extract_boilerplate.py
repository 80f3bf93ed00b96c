"""Boilerplate removal, the body choice and the title judgement on synthetic shapes."""

from __future__ import annotations

import pytest

from crawler.extract import extract_article
from crawler.extract.fields.body.boilerplate import drop_prompts, is_prompt
from crawler.extract.fields.body.choose import confirmed_paragraphs

STORY = [
    f"Paragraph {i}: the council met on Tuesday to discuss a long list of local planning issues."
    for i in range(8)
]


def test_prompts_and_edge_furniture_are_dropped_but_story_text_kept() -> None:
    text = "\n\n".join(
        [
            "Reading time: 3 minutes",
            *STORY[:4],
            "Read more: Another story entirely",
            "Long paragraph that starts with Related words but is really a sentence of the story, "
            "carrying on for more than thirty words so that it cannot be a prompt line at all, "
            "which is what the length guard is for in the first place.",
            *STORY[4:],
            "Follow Example News on Instagram, Facebook and Twitter.",
            "(Reporting by Jane Doe; editing by John Roe)",
        ]
    )
    kept = drop_prompts(text)
    assert kept is not None
    assert "Reading time" not in kept and "Read more" not in kept
    assert "Follow Example News" not in kept and "Reporting by" not in kept
    assert all(p in kept for p in STORY) and "length guard" in kept


def test_shouted_promos_only_dropped_when_asked() -> None:
    text = "THE FULL INTERVIEW AIRS ON EXAMPLE NEWS TONIGHT\n\n" + STORY[0]
    assert drop_prompts(text, shouted=True) == STORY[0]
    assert drop_prompts(text) == text


def test_article_body_vets_generic_paragraphs() -> None:
    generic = "\n\n".join([*STORY, "Photo caption: a tree in a park, credit Someone Else"])
    structured = " ".join(STORY)
    assert confirmed_paragraphs(generic, structured) == "\n\n".join(STORY)


def test_headline_is_not_repeated_as_first_body_paragraph() -> None:
    body = "".join(f"<p>{p}</p>" for p in STORY)
    html = (
        "<html><head><title>Council meets</title></head>"
        f"<body><article><h1>Council meets</h1>{body}</article></body></html>"
    )
    result = extract_article(html)
    assert result["body"].startswith("Paragraph 0") and result["title"] == "Council meets"


def test_kicker_in_heading_is_dropped_when_og_title_confirms() -> None:
    body = "".join(f"<p>{p}</p>" for p in STORY)
    html = (
        '<html><head><meta property="og:title" content="Council approves the new park plan">'
        "</head><body><h1>After long debate Council approves the new park plan</h1>"
        f"{body}</body></html>"
    )
    result = extract_article(html)
    assert result["title"] == "Council approves the new park plan"
    assert result["provenance"]["title"] == "opengraph"


def test_blog_site_name_heading_loses_to_post_heading() -> None:
    body = "".join(f"<p>{p}</p>" for p in STORY)
    html = (
        "<html><head><title>A walk by the river | Riverblog</title></head><body>"
        '<h1><a href="/">Riverblog</a></h1><h2>A walk by the river</h2>'
        f"{body}</body></html>"
    )
    assert extract_article(html, "https://riverblog.example/walk")["title"] == "A walk by the river"


def test_site_name_as_author_is_not_an_author() -> None:
    body = "".join(f"<p>{p}</p>" for p in STORY)
    html = (
        '<html><head><meta name="author" content="Examplenews.de">'
        '<meta property="og:site_name" content="Example News"></head>'
        f'<body><p class="byline">Von Erika Muster</p>{body}</body></html>'
    )
    result = extract_article(html, "https://www.examplenews.de/a")
    assert result["authors"] == ["Erika Muster"]


def test_marked_kicker_and_its_separator_are_dropped_from_heading() -> None:
    body = "".join(f"<p>{p}</p>" for p in STORY)
    html = (
        '<html><head><meta property="og:title" content="Parks: Council approves the plan">'
        '</head><body><h1><span class="kicker">Parks</span>: Council approves the plan</h1>'
        f"{body}</body></html>"
    )
    assert extract_article(html)["title"] == "Council approves the plan"


def test_single_h1_is_the_headline_even_when_meta_titles_differ() -> None:
    body = "".join(f"<p>{p}</p>" for p in STORY)
    html = (
        '<html><head><meta property="og:title" content="Park plan: what changes for residents">'
        "</head><body><h1>Council approves the new park plan</h1>"
        f"{body}</body></html>"
    )
    result = extract_article(html, "https://city.example/park")
    assert result["title"] == "Council approves the new park plan"
    assert result["provenance"]["title"] == "generic"


@pytest.mark.parametrize(
    "paragraph",
    [
        "Auch interessant: Zehn Tipps für den Garten",
        "Das könnte Sie auch interessieren:",
        "À lire aussi : la suite du feuilleton",
        "Lee también: el puerto abre de nuevo",
        "Czytaj też: Nowy port w mieście",
        "Credit: Example Images",
        "Titelbild: Agentur",
        "We want to hear what you think about this article.",
        "Lesen Sie hier: Der Bericht über den Stadtrat",
        "Schon gelesen?",
        "Zum Weiterlesen:",
        "Das Thema könnte dich auch interessieren:",
        "Le puede interesar: El puerto abre de nuevo",
        "LEA TAMBIÉN: El alcalde responde",
        "NOTAS RELACIONADAS",
        "Síguenos en Telegram, Instagram y Facebook",
        "Keine Kommentare (Kommentare erscheinen erst nach Freigabe)",
    ],
)
def test_related_links_and_credit_lines_in_several_languages_are_prompts(paragraph: str) -> None:
    assert is_prompt(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Anzeige, enthält Affiliate Links",
        "*Werbung. Dieser Beitrag enthält Werbung für eine Marke.",
        "This post contains references to products from one or more of our advertisers.",
        "For the latest stories download the Example News apps for iOS and Android.",
        "If you are seeing this message but you're already a subscriber, log in.",
        "Inhaltsverzeichnis",
        "Quellenangaben:",
        "Weitere Informationen:",
        "Kontakt: presse@example.org",
        "Letzte Änderung 14.02.2019",
        "Aktualisiert am 17.01.2021.",
    ],
)
def test_disclosures_app_prompts_and_furniture_labels_are_prompts(paragraph: str) -> None:
    assert is_prompt(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Credits are due to the team who rebuilt the harbour wall, the mayor said on Monday.",
        "The council's image credits policy was debated for an hour before the vote on Monday.",
        "Sources: two officials said the plan was dropped on Monday.",
        "Kontakt zur Polizei gab es nach Angaben des Sprechers bis zum Abend nicht.",
        "Werbung: Die Kampagne der Stadt kostet zwei Millionen Euro.",
        "Quellen zufolge wurde der Plan am Montag verworfen.",
    ],
)
def test_sentences_that_merely_contain_those_words_are_kept(paragraph: str) -> None:
    assert not is_prompt(paragraph)


def test_text_nested_in_a_broken_site_menu_is_still_found() -> None:
    # unclosed menu items make the parser nest the article inside <header><nav>, which a
    # precision-first extraction throws away whole; the page declares itself an article
    menu = "".join(
        f'<li class="menu-item"><div class="sub-menu"><a href="/s{i}">S{i}</a>' for i in range(5)
    )
    body = "".join(f"<p>{p}</p>" for p in STORY)
    html = (
        '<html><head><meta property="og:type" content="article"></head><body>'
        f'<header class="site"><nav><ul>{menu}</ul></nav></header><main>'
        f'<article class="post"><h1>Council meets</h1><div class="wysiwyg">{body}</div>'
        "</article></main></body></html>"
    )
    result = extract_article(html, "https://city.example/council")
    assert all(p in result["body"] for p in STORY)
