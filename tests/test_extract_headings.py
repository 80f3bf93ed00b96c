"""Headings and the title judgement: kickers, site banners, site names in titles."""

from __future__ import annotations

import lxml.html
import pytest

from crawler.extract import extract_article
from crawler.extract.fields.title.site_names import host_names
from crawler.extract.sources.headings import heading_text, is_site_banner

STORY = "".join(
    f"<p>Paragraph {i}: the council met on Tuesday to discuss a long list of planning issues.</p>"
    for i in range(8)
)


def _heading(markup: str) -> lxml.html.HtmlElement:
    """Return the first heading of ``markup``."""
    return lxml.html.fromstring(f"<div>{markup}</div>").find(".//*[@data-x]")


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # a kicker in <small> above a line break (WordPress themes)
        (
            '<h1 data-x="1"><span itemprop="headline"><small>Training tip</small><br>'
            "Pyramid sets for swimmers</span></h1>",
            "Pyramid sets for swimmers",
        ),
        # date and categories in <small> after the headline
        (
            '<h1 data-x="1">Fans return to the stadium<br><small>02.02.2022 • Club, Press</small>'
            "</h1>",
            "Fans return to the stadium",
        ),
        # CSS-in-JS puts <style> elements inside the heading
        (
            '<h1 data-x="1"><style>.css-1{display:block}</style><span class="css-1">Press '
            "release</span>:Vaccination stays open until February</h1>",
            "Press release:Vaccination stays open until February",
        ),
        # microdata marks the headline inside a heading that also shows a kicker
        (
            '<h1 data-x="1"><span class="sub">Open Future</span><br/>'
            '<span itemprop="headline">Why shared thinking beats lone smarts</span></h1>',
            "Why shared thinking beats lone smarts",
        ),
    ],
)
def test_heading_text_leaves_out_small_print_styles_and_kickers(markup: str, expected: str) -> None:
    assert heading_text(_heading(markup)) == expected


@pytest.mark.parametrize(
    ("markup", "banner"),
    [
        ('<h1 data-x="1" class="site-title"><a href="/">River Blog</a></h1>', True),
        ('<h1 data-x="1"><a href="https://river.example/" rel="home">River</a></h1>', True),
        ('<div class="site-branding"><h1 data-x="1">River Blog</h1></div>', True),
        ('<h1 data-x="1" class="c-header__logo">River</h1>', True),
        ('<h1 data-x="1" class="entry-title">A walk by the river</h1>', False),
        ('<h1 data-x="1" itemprop="headline" class="logo">A walk by the river</h1>', False),
        ('<h1 data-x="1"><a href="/2024/05/walk">A walk by the river</a></h1>', False),
        ('<h1 data-x="1" class="post_title aungblogtitle">A walk by the river</h1>', False),
    ],
)
def test_site_banners_are_logo_brand_or_home_link_headings(markup: str, banner: bool) -> None:
    assert is_site_banner(_heading(markup)) is banner


def test_a_hidden_heading_repeating_the_page_title_is_not_a_banner() -> None:
    heading = _heading(
        '<div id="branding"><h1 data-x="1" class="visuallyhidden">Walk | River Blog</h1></div>'
    )
    assert is_site_banner(heading)
    assert not is_site_banner(heading, "Walk | River Blog")


def test_site_banner_heading_names_the_site_in_the_title() -> None:
    html = (
        "<html><head><title>Beef stew with apples | Love goes through the stomach</title>"
        "</head><body><h1><a href='http://stew.example/'>Love goes through the stomach</a></h1>"
        f"<article>{STORY}</article></body></html>"
    )
    result = extract_article(html, "http://stew.example/recipes/beef.htm")
    assert result["title"] == "Beef stew with apples"


def test_site_banner_heading_loses_to_the_post_heading() -> None:
    html = (
        "<html><head><title>Small sheep lore | Maescot the black sheep – a webcomic</title>"
        '</head><body><h1 class="site-title"><a href="/">Maescot the black sheep – a webcomic</a>'
        "</h1>"
        f"<h1>Small sheep lore</h1>{STORY}</body></html>"
    )
    assert extract_article(html, "https://sheep.example/lore/")["title"] == "Small sheep lore"


def test_site_suffix_in_the_visible_heading_is_stripped() -> None:
    html = (
        '<html><head><meta property="og:site_name" content="Federal Agency">'
        "<title>Taxonomy: gas is not green | Federal Agency</title></head><body>"
        f"<h1>Taxonomy: gas is not green | Federal Agency</h1>{STORY}</body></html>"
    )
    assert extract_article(html, "https://agency.example/x")["title"] == (
        "Taxonomy: gas is not green"
    )


def test_trailing_host_name_segment_is_a_site_name() -> None:
    html = (
        '<html><head><meta property="og:title" content="What we do not want to hear">'
        "</head><body><h1>What we do not want to hear | OTHERNAME.NET</h1>"
        f"{STORY}</body></html>"
    )
    result = extract_article(html, "https://www.example.io/politics/hear")
    assert result["title"] == "What we do not want to hear"


@pytest.mark.parametrize(
    ("url", "names"),
    [
        (
            "https://www.bundeskanzleramt.gv.at/a",
            ["bundeskanzleramt.gv.at", "bundeskanzleramt"],
        ),
        ("https://journals.univie.ac.at/a", ["journals.univie.ac.at", "univie"]),
        ("https://www.dailymail.co.uk/x", ["dailymail.co.uk", "dailymail"]),
        ("https://news.example.com/x", ["news.example.com", "example"]),
    ],
)
def test_host_names_skip_second_level_registry_labels(url: str, names: list[str]) -> None:
    assert host_names(url) == names


def test_heading_with_a_date_in_front_gives_way_to_the_site_stripped_og_title() -> None:
    headline = "Minister Raab: better childcare with the regions"
    html = (
        f'<html><head><meta property="og:title" content="{headline} - Bundeskanzleramt Österreich">'
        f"</head><body><h1>1. Februar 2022 {headline}</h1>{STORY}</body></html>"
    )
    result = extract_article(html, "https://www.bundeskanzleramt.gv.at/news/raab.html")
    assert result["title"] == headline


def test_a_site_name_that_is_the_whole_page_title_is_ignored() -> None:
    headline = "Women in the relief agency: past, present and future"
    html = (
        f'<html><head><meta property="og:site_name" content="{headline}">'
        f'<meta property="og:title" content="{headline}"><title>{headline}</title></head>'
        f"<body><h1>Navigation</h1><h1>{headline}</h1>{STORY}</body></html>"
    )
    assert extract_article(html, "https://relief.example/women")["title"] == headline


def test_blog_title_in_front_keeps_the_posts_own_subtitle() -> None:
    post = "(News) Fourth blog interview: this time with an author"
    html = (
        f"<html><head><title>A Shelf Full Of Sun: {post}</title>"
        f'<meta property="og:title" content="{post}"></head><body>{STORY}</body></html>'
    )
    assert extract_article(html, "https://shelf.example/2013/10/news.html")["title"] == post


def test_one_word_heading_beats_a_guess_from_the_title_element() -> None:
    html = (
        "<html><head><title>History - St. George Boys Choir Ulm</title></head><body>"
        f"<h1>Choirhistory</h1>{STORY}</body></html>"
    )
    assert (
        extract_article(html, "https://boyschoir-ulm.example/history.html")["title"]
        == "Choirhistory"
    )


def test_heading_ending_with_the_page_title_drops_its_kicker() -> None:
    headline = "Vaccination stays open everywhere until February"
    html = (
        f"<html><head><title>{headline}</title></head><body>"
        f"<h1><span>Press release of the health department</span>: {headline}</h1>"
        f"{STORY}</body></html>"
    )
    assert extract_article(html, "https://canton.example/news?id=1")["title"] == headline
