"""Which author an article gets: declared authors, the printed byline, then weaker guesses."""

from __future__ import annotations

import json

import pytest
from lxml.html import fromstring

from crawler.extract import extract_article
from crawler.extract.fields.authors.byline import find_bylines, find_text_bylines
from crawler.extract.fields.authors.credits import dateline_agencies
from crawler.extract.problems import HEURISTIC_FAILED

PROSE = " ".join(
    ["The council met on Tuesday to discuss the harbour plan and the new ferry timetable."] * 12
)
URL = "https://www.harbour-times.example/2024/05/plan"


def article(head: str = "", top: str = "", aside: str = "") -> str:
    """Return an article page with extra ``head`` markup, a ``top`` byline and an aside."""
    return (
        f"<html><head><title>Harbour plan approved</title>{head}</head><body><main><article>"
        f"<header><h1>Harbour plan approved</h1>{top}</header><p>{PROSE}</p><p>{PROSE}</p>"
        f"</article><aside>{aside}</aside></main></body></html>"
    )


def jsonld(author: object) -> str:
    """Return a JSON-LD NewsArticle block naming ``author``."""
    data = {"@type": "NewsArticle", "headline": "Harbour plan approved", "author": author}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def authors(html: str) -> tuple[list[str], str | None]:
    """Return the extracted authors and their provenance."""
    result = extract_article(html, URL)
    return result["authors"], result["provenance"].get("authors")


def bylines(fragment: str) -> list[str]:
    """Return the byline texts ``find_bylines`` finds in a body fragment."""
    return find_bylines(fromstring(f"<html><body>{fragment}</body></html>"))


TEASERS = "".join(
    f'<div class="card"><h3><a href="/s{i}">Story {i}</a></h3>'
    f'<div class="card-body"><span class="byline">By {name}</span></div></div>'
    for i, name in enumerate(["Tom Other", "Ann Else", "Bo Third"])
)


def test_teaser_bylines_of_other_stories_are_not_the_articles_authors() -> None:
    top = '<div class="meta"><span class="byline">By Jane Roe</span></div>'
    assert authors(article(top=top, aside=TEASERS)) == (["Jane Roe"], "generic")


def test_co_authors_in_one_byline_are_all_kept() -> None:
    top = (
        '<p class="byline">By <a rel="author" href="/a/jr">Jane Roe</a> and '
        '<a rel="author" href="/a/jd">John Doe</a></p>'
    )
    assert authors(article(top=top, aside=TEASERS))[0] == ["Jane Roe", "John Doe"]


def test_the_name_element_inside_a_byline_wrapper_is_the_byline() -> None:
    fragment = (
        '<div class="byline">Updated 12 May 2024 <span class="byline-name">Jane Roe</span>'
        " 3 min read</div>"
    )
    assert bylines(fragment) == ["Jane Roe"]


@pytest.mark.parametrize(
    "fragment",
    [
        '<div class="c-intro__author">von Jane Roe</div>',
        '<div class="node__author"><span>Jane Roe</span></div>',
        '<span class="meta-author">Jane Roe</span>',
    ],
)
def test_bem_and_prefixed_author_classes_hold_bylines(fragment: str) -> None:
    assert bylines(fragment) != []


@pytest.mark.parametrize(
    "fragment",
    [
        '<figure><img src="a.jpg"><figcaption class="author">Max Muster</figcaption></figure>',
        '<div class="image-credits"><div class="image-author">© Max Muster</div></div>',
        '<div class="gallery"><p class="photo-author">por Max Muster</p></div>',
    ],
)
def test_photo_credits_are_not_bylines(fragment: str) -> None:
    assert bylines(fragment) == []


def test_a_byline_naming_the_site_gives_way_to_the_next_one() -> None:
    html = fromstring(
        "<html><body><p>By Harbour Times</p><p><em>Written by: <a href='/j'>Jane Roe</a></em>"
        "</p></body></html>"
    )

    def not_the_site(texts: list[str]) -> list[str]:
        return [t for t in texts if "Harbour" not in t]

    assert find_text_bylines(html, not_the_site) == ["Jane Roe"]


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p><strong><em>---- by Kenneth Beispiel</em></strong></p>", ["Kenneth Beispiel"]),
        ("<div><span>- Redaktion: Eberhard Muster (Sprecher)</span></div>", ["Eberhard Muster"]),
        ("<p>Autoren Jelko Beispiel und Jutta Muster</p>", ["Jelko Beispiel; Jutta Muster"]),
        ("<p><em>Text von Chris Beispiel Illustration von Max Muster</em></p>", ["Chris Beispiel"]),
    ],
)
def test_lead_ins_after_separators_plural_labels_and_illustration_credits(
    fragment: str, expected: list[str]
) -> None:
    assert find_text_bylines(fromstring(f"<html><body>{fragment}</body></html>")) == expected


def test_the_printed_byline_beats_a_page_level_meta_author() -> None:
    head = '<meta name="author" content="Example Web Agentur GmbH">'
    assert authors(article(head=head, top="<p>Von Jane Roe</p>")) == (["Jane Roe"], "generic")


def test_a_page_level_meta_author_is_used_when_nothing_is_printed() -> None:
    head = '<meta name="author" content="Jane Roe">'
    assert authors(article(head=head)) == (["Jane Roe"], "meta")


def test_article_meta_tags_stay_ahead_of_the_printed_byline() -> None:
    head = '<meta name="parsely-author" content="Jane Roe">'
    assert authors(article(head=head, top="<p>Von Tom Other</p>")) == (["Jane Roe"], "meta")


@pytest.mark.parametrize(
    ("declared", "head", "top", "expected"),
    [
        ("LN", "", "<p>Von Cosima Beispiel</p>", ["Cosima Beispiel"]),
        ("Example Editorial", '<meta name="dc.creator" content="Jane Roe">', "", ["Jane Roe"]),
        ("jane_roe", "", '<p class="byline">Jane Röe</p>', ["Jane Röe"]),
        ("Todd", "", '<p class="byline">By Todd Bates</p>', ["Todd Bates"]),
    ],
)
def test_initials_collectives_and_logins_give_way_to_a_person(
    declared: str, head: str, top: str, expected: list[str]
) -> None:
    html = article(head=jsonld({"@type": "Person", "name": declared}) + head, top=top)
    assert authors(html)[0] == expected


@pytest.mark.parametrize("declared", ["LN", "Example Editorial"])
def test_a_weak_declared_author_is_kept_when_nothing_better_is_printed(declared: str) -> None:
    html = article(head=jsonld({"@type": "Person", "name": declared}))
    assert authors(html) == ([declared], "jsonld")


def test_a_declared_person_is_not_replaced_by_another_printed_name() -> None:
    html = article(head=jsonld({"@type": "Person", "name": "Jane Roe"}), top="<p>Von Tom Other</p>")
    assert authors(html) == (["Jane Roe"], "jsonld")


def test_a_facebook_page_as_article_author_names_no_one() -> None:
    head = '<meta property="article:author" content="https://www.facebook.com/harbour.times.news">'
    assert authors(article(head=head)) == ([], None)


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ({"name": "Nils", "description": "Nils Beispiel ist freier Autor."}, ["Nils Beispiel"]),
        ({"name": "Nils", "description": "Alle Beiträge von Nils."}, ["Nils"]),
        ({"name": "Example-Team", "description": "Alle Blogbeiträge des Teams."}, ["Example-Team"]),
    ],
)
def test_a_declared_first_name_is_spelled_out_by_the_authors_own_bio(
    person: dict[str, str], expected: list[str]
) -> None:
    html = article(head=jsonld({"@type": "Person", **person}))
    assert authors(html) == (expected, "jsonld")


SITE = '<meta property="og:site_name" content="Harbour Times">'


@pytest.mark.parametrize(
    ("head", "top", "expected"),
    [
        (
            jsonld({"@type": "Organization", "name": "Harbour Times"}),
            "",
            (["Harbour Times"], "jsonld"),
        ),
        (jsonld({"@type": "Person", "name": "Redaktion"}), "", (["Redaktion"], "jsonld")),
        ("", '<p class="byline">By Staff Writer</p>', (["Staff Writer"], "generic")),
        (
            "",
            '<span class="author">Von Redaktion Hafenstadt -</span>',
            (["Redaktion Hafenstadt"], "generic"),
        ),
        ("", "<p>Von Harbour Times 4. 2. 2022</p>", (["Harbour Times"], "generic")),
        ("", '<a rel="author" href="/team">dpa</a>', (["dpa"], "generic")),
    ],
)
def test_with_no_person_named_the_declared_or_printed_organisation_is_the_author(
    head: str, top: str, expected: tuple[list[str], str]
) -> None:
    assert authors(article(head=SITE + head, top=top)) == expected


@pytest.mark.parametrize(
    ("head", "top", "expected"),
    [
        (jsonld({"@type": "Person", "name": "Redaktion"}), "<p>Von Jane Roe</p>", "generic"),
        (
            jsonld({"@type": "Organization", "name": "Hafen Verlag GmbH"}),
            '<p class="byline">Jane Roe</p>',
            "generic",
        ),
        ('<meta name="author" content="Jane Roe">' + jsonld("Redaktion"), "", "meta"),
    ],
)
def test_a_persons_name_beats_an_organisation_or_newsroom_byline(
    head: str, top: str, expected: str
) -> None:
    assert authors(article(head=head, top=top)) == (["Jane Roe"], expected)


def test_a_declared_organisation_beats_an_organisation_as_page_level_meta_author() -> None:
    head = '<meta name="author" content="Example Web Agentur GmbH">'
    declared = jsonld({"@type": "Organization", "name": "Harbour Times"})
    assert authors(article(head=head + declared)) == (["Harbour Times"], "jsonld")
    assert authors(article(head=head)) == (["Example Web Agentur GmbH"], "meta")


@pytest.mark.parametrize(
    ("head", "top"),
    [
        ("<title>Harbour plan approved | Harbour Times</title>", ""),
        (jsonld({"@type": "Person", "name": "No Author"}), ""),
        (jsonld({"@type": "Person", "name": "Unknown"}), ""),
        (jsonld({"@type": "Person", "name": "wordpressadmin"}), ""),
        ("", '<span class="author">Gesponserte Inhalte</span>'),
        ("", '<p class="byline">Foto: dpa</p>'),
        ("", '<nav><a href="/author/redaktion/">Redaktion</a></nav>'),
    ],
)
def test_site_names_placeholders_sponsor_labels_and_credits_are_no_author(
    head: str, top: str
) -> None:
    assert authors(article(head=SITE + head, top=top)) == ([], None)


def wire_article(lead: str, top: str = "") -> str:
    """Return an article page whose text opens with ``lead``."""
    return (
        "<html><head><title>Harbour plan approved</title></head><body><main><article>"
        f"<header><h1>Harbour plan approved</h1>{top}</header><p>{lead} {PROSE}</p>"
        f"<p>{PROSE}</p></article></main></body></html>"
    )


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Hafenstadt (dpa/lno) \u2013", ["dpa/lno"]),
        ("HAFENSTADT (AFP) -", ["AFP"]),
        ("(APA/AP) \u2013", ["APA/AP"]),
        ("New Harbour (Reuters):", ["Reuters"]),
        ("Hafenstadt (Nordland) \u2013", []),
        ("Der Rat (dpa) hat \u2013", []),
        ("Der Rat tagte am Dienstag in Hafenstadt (dpa) -", []),
    ],
)
def test_an_agency_dateline_opening_the_text_credits_the_agency(
    lead: str, expected: list[str]
) -> None:
    assert dateline_agencies(f"{lead} Der Rat hat beschlossen.") == expected
    assert authors(wire_article(lead))[0] == expected


def test_a_printed_person_beats_an_agency_dateline() -> None:
    html = wire_article("Hafenstadt (dpa) \u2013", top='<p class="byline">Von Jane Roe</p>')
    assert authors(html) == (["Jane Roe"], "generic")


@pytest.mark.parametrize(
    ("under_headline", "expected"),
    [
        ('<p class="text-muted">11.12.2019 - Jane Roe</p>', ["Jane Roe"]),
        ('<div class="field"><span>12. März 2020 | von Jane Roe</span></div>', ["Jane Roe"]),
        ("<p>March 3, 2020 \u2013 Jane Roe and John Doe</p>", ["Jane Roe", "John Doe"]),
        ("<p>12. März 2020 | Politik</p>", []),
        ("<small>04.02.2022 | 13:10 Uhr | Jane Roe</small>", ["Jane Roe"]),
        ("<p>06.11.2023 13:30 von Jane</p>", []),
    ],
)
def test_a_dated_byline_under_the_headline_names_the_author(
    under_headline: str, expected: list[str]
) -> None:
    html = (
        "<html><head><title>Harbour plan approved</title></head><body><main><article>"
        f"<h1>Harbour plan approved</h1>{under_headline}<p>{PROSE}</p><p>{PROSE}</p>"
        "</article></main></body></html>"
    )
    assert authors(html)[0] == expected


def test_a_dated_text_far_below_the_headline_is_no_byline() -> None:
    html = (
        "<html><body><main><article><h1>Harbour plan approved</h1>"
        f"<p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p><p>11.12.2019 - Jane Roe</p>"
        "</article></main></body></html>"
    )
    assert authors(html)[0] == []


def test_a_long_author_block_is_read_through_its_first_link() -> None:
    top = (
        '<div class="author"><a href="/people/jr">Jane Roe</a>, 21. Jan. 2015 '
        "<h2>Eine realistische Interpretation der Hafenpolitik und ihrer langen Geschichte "
        "in der Stadt am Fluss</h2></div>"
    )
    assert authors(article(top=top)) == (["Jane Roe"], "generic")


def test_a_time_element_after_the_names_is_not_read_into_the_last_name() -> None:
    top = (
        '<div class="byline"><a href="/autor/a"><small>Isabel Caro</small></a>'
        '<span>, </span><a href="/autor/b"><small>José Wilson</small></a>'
        '<time title="Hace 13 horas"><b>Hace 13 horas</b></time></div>'
    )
    assert authors(article(top=top))[0] == ["Isabel Caro", "José Wilson"]


def test_a_printed_byline_adds_the_co_authors_json_ld_left_out() -> None:
    top = '<div class="meta-item author"><span class="fn">von Jane Roe, John Doe</span></div>'
    assert authors(article(head=jsonld({"@type": "Person", "name": "Jane Roe"}), top=top)) == (
        ["Jane Roe", "John Doe"],
        "generic",
    )


def test_a_printed_byline_naming_someone_else_does_not_replace_the_declared_author() -> None:
    top = '<div class="author"><span class="fn">von Tom Other, John Doe</span></div>'
    assert authors(article(head=jsonld({"@type": "Person", "name": "Jane Roe"}), top=top)) == (
        ["Jane Roe"],
        "jsonld",
    )


def test_a_declared_first_name_takes_the_full_name_the_page_prints_alone() -> None:
    aside = '<div class="contact"><p class="full-name">Todd Bates</p><p>Press office</p></div>'
    page = article(head=jsonld({"@type": "Person", "name": "Todd"}), aside=aside)
    assert authors(page)[0] == ["Todd Bates"]


def test_a_declared_first_name_stays_when_the_page_names_two_people_so() -> None:
    aside = "<p>Todd Bates</p><p>Todd Miller</p>"
    page = article(head=jsonld({"@type": "Person", "name": "Todd"}), aside=aside)
    assert authors(page)[0] == ["Todd"]


def test_declared_initials_are_an_author() -> None:
    assert authors(article(head='<meta name="author" content="mh">'))[0] == ["mh"]


def test_a_dated_byline_right_above_the_headline_names_the_author() -> None:
    html = (
        "<html><body><main><div><small>04.02.2022 | 13:10 Uhr | Jane Roe</small>"
        f"<h1>Harbour plan approved</h1><p>{PROSE}</p><p>{PROSE}</p></div></main></body></html>"
    )
    assert authors(html)[0] == ["Jane Roe"]


@pytest.mark.parametrize(
    "label",
    [
        "Auteur : Jane Roe",
        "Autore: Jane Roe",
        "Autor/in: Jane Roe",
        "Autor*in: Jane Roe",
        "Blog Beitrag von Jane Roe",
        "Gastbeitrag von Jane Roe",
    ],
)
def test_author_labels_in_several_languages(label: str) -> None:
    html = (
        "<html><body><main><article><h1>Harbour plan approved</h1>"
        f"<p>{PROSE}</p><p>{PROSE}</p><p>{label}</p></article></main></body></html>"
    )
    assert authors(html)[0] == ["Jane Roe"]


def test_a_newsroom_credit_is_kept_whole_when_no_person_is_named() -> None:
    top = '<div class="byline">By <a class="author-name">Staff and news service reports</a></div>'
    assert authors(article(top=top))[0] == ["Staff and news service reports"]


def test_declared_initials_take_the_one_name_printed_alone_with_those_initials() -> None:
    aside = '<div class="widget"><a rel="cc:attributionURL">Donald Townsend</a></div>'
    page = article(head='<meta property="article:author" content="DT">', aside=aside)
    assert authors(page)[0] == ["Donald Townsend"]


@pytest.mark.parametrize(
    ("ending", "expected"),
    [
        ("<p><b><i>Jane Roe</i></b></p>", ["Jane Roe"]),
        ("<p>Euer Hans</p>", ["Hans"]),
        ("<p>Hans<br>10. September 2017</p>", ["Hans"]),
        ("<p>Hans</p>", []),
        ("<p><strong>Pressekontakt</strong></p><p>Jane Roe</p>", []),
        ("<p>The council will meet again next week.</p>", []),
    ],
)
def test_a_name_alone_at_the_end_of_the_text_signs_it_off(ending: str, expected: list[str]) -> None:
    html = (
        "<html><body><main><article><h1>Harbour plan approved</h1>"
        f"<p>{PROSE}</p><p>{PROSE}</p>{ending}</article></main></body></html>"
    )
    assert authors(html)[0] == expected


def test_a_sign_off_does_not_beat_a_printed_byline() -> None:
    top = '<p class="byline">By Jane Roe</p>'
    page = article(top=top).replace("</article>", "<p>John Doe</p></article>")
    assert authors(page)[0] == ["Jane Roe"]


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        (
            '<h4 class="meta-title">Autor</h4><p class="meta-text"><a>Jane Roe</a>, </p>',
            ["Jane Roe"],
        ),
        ('<div class="label">Interview</div><div class="text">JANE ROE</div>', ["Jane Roe"]),
        ("<li><div>Autor</div><div>Jane Roe</div></li>", ["Jane Roe"]),
        (
            '<span class="article_author_single">Article by</span><br>'
            '<span class="author_single">Jane Roe </span>',
            ["Jane Roe"],
        ),
        ('<h2 class="widgettitle">Autor</h2><ul><li><a href="/about">Über-Ich</a></li></ul>', []),
        ("<p>Interview mit Jane Roe</p>", []),
    ],
)
def test_an_author_label_standing_alone_names_the_next_element(
    meta: str, expected: list[str]
) -> None:
    assert authors(article(top=meta))[0] == expected


def test_an_office_under_a_closing_name_signs_the_text_off() -> None:
    html = (
        "<html><body><main><article><h1>Harbour plan approved</h1>"
        f"<p>{PROSE}</p><p>{PROSE}</p><p>Jane Roe<br>Bundesvorsitzende</p>"
        "</article></main></body></html>"
    )
    assert authors(html)[0] == ["Jane Roe"]


def test_a_person_object_naming_several_people_gives_them_all() -> None:
    person = {"@type": "Person", "name": ["Jane Roe", '<a href="/e/john-doe">John Doe</a>']}
    assert authors(article(head=jsonld(person))) == (["Jane Roe", "John Doe"], "jsonld")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ('<hgroup><h1>Masks stolen</h1></hgroup><p class="credit">JIJI</p>', ["JIJI"]),
        ("<h1>Masks stolen</h1><p>Reuters/AFP</p>", ["Reuters/AFP"]),
        ("<h1>Masks stolen</h1><p>Apps</p>", []),
    ],
)
def test_a_wire_agency_credited_under_the_headline_is_the_author(
    header: str, expected: list[str]
) -> None:
    html = (
        f"<html><body><main><article><header>{header}</header>"
        f"<p>{PROSE}</p><p>{PROSE}</p></article></main></body></html>"
    )
    assert authors(html)[0] == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("责任编辑： 焦鹏", ["焦鹏"]), ("作者：张三", ["张三"]), ("记者 李四 北京报道", [])],
)
def test_chinese_author_and_editor_labels(line: str, expected: list[str]) -> None:
    html = (
        "<html><body><main><article><h1>港口计划获批</h1>"
        f"<p>{PROSE}</p><p>{PROSE}</p><p><span>来源</span> {line}</p>"
        "</article></main></body></html>"
    )
    assert authors(html)[0] == expected


def test_a_failing_name_heuristic_costs_only_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("crawler.extract.fields.authors.choose.spelled_out", broken)
    monkeypatch.setattr("crawler.extract.fields.authors.choose.signed_off", broken)
    page = article(head=jsonld({"@type": "Person", "name": "Todd"}), aside="<p>Todd Bates</p>")
    result = extract_article(page, URL)
    assert result["authors"] == ["Todd"]
    assert result["title"] == "Harbour plan approved"
    failed = {"code": HEURISTIC_FAILED, "message": "authors spelled out: RuntimeError: boom"}
    assert failed in result["problems"]
