"""Each extraction layer on tricky shapes, through ``extract_article`` and the layer modules."""

from __future__ import annotations

import json

import pytest
from trafilatura.utils import load_html

from crawler.config import resolve_outlet
from crawler.extract import Problem, extract_article
from crawler.extract.problems import JSONLD_INVALID
from crawler.extract.sources.meta import collect_meta, meta_fields, opengraph_fields
from crawler.extract.sources.schemaorg import fields_of
from crawler.extract.sources.structured import find_article, id_index, jsonld_nodes

BODY = "".join(
    f"<p>Paragraph {i} of a synthetic story about a memoir, written only for this test.</p>"
    for i in range(12)
)


def page(head: str = "", body: str = BODY, lang: str = "en") -> str:
    """Return a small synthetic article page."""
    return f'<html lang="{lang}"><head>{head}</head><body><article>{body}</article></body></html>'


def ld(data: object) -> str:
    """Return a JSON-LD script tag."""
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def jsonld_fields(html: str, url: str | None = None) -> dict:
    """Return the fields the JSON-LD layer finds in ``html``."""
    problems: list[Problem] = []
    nodes = jsonld_nodes(load_html(html), problems)
    article = find_article(nodes, url)
    return fields_of(article, id_index(nodes)) if article else {}


@pytest.mark.parametrize(
    "type_",
    ["NewsArticle", ["NewsArticle"], "ReportageNewsArticle", "BlogPosting", ["WebPage", "Article"]],
)
def test_jsonld_article_types_as_string_or_list(type_: object) -> None:
    fields = jsonld_fields(
        page(ld({"@type": type_, "headline": "H", "datePublished": "2022-08-02"}))
    )
    assert fields["title"] == "H" and fields["date_published"] == "2022-08-02"


def test_jsonld_graph_with_author_reference_is_resolved() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "#site", "name": "Blog"},
            {"@type": "Article", "headline": "Post", "author": {"@id": "#me"}},
            {"@type": "Person", "@id": "#me", "name": "Erika Beispiel"},
        ],
    }
    assert jsonld_fields(page(ld(graph)))["authors"] == ["Erika Beispiel"]


@pytest.mark.parametrize(
    ("author", "names"),
    [
        ("Jane Doe", ["Jane Doe"]),
        ({"@type": "Person", "name": "Jane Doe"}, ["Jane Doe"]),
        ([{"@type": "Person", "name": "Jane Doe"}, "John Roe"], ["Jane Doe", "John Roe"]),
        (
            [{"@type": "Organization", "name": "Wire"}, {"@type": "Person", "name": "Jane Doe"}],
            ["Jane Doe"],
        ),
    ],
)
def test_jsonld_author_shapes(author: object, names: list[str]) -> None:
    assert jsonld_fields(page(ld({"@type": "NewsArticle", "author": author})))["authors"] == names


def test_several_blocks_pick_the_article_matching_the_url() -> None:
    html = page(
        ld({"@type": "BreadcrumbList"})
        + ld(
            [
                {"@type": "NewsArticle", "headline": "Other", "url": "https://x.test/other"},
                {"@type": "NewsArticle", "headline": "Mine", "url": "https://x.test/mine"},
            ]
        )
    )
    assert jsonld_fields(html, "https://x.test/mine")["title"] == "Mine"


def test_invalid_jsonld_block_is_skipped_with_a_problem() -> None:
    html = page(
        '<script type="application/ld+json">{"@type": "NewsArticle", oops}</script>'
        + ld({"@type": "NewsArticle", "headline": "Valid block"})
    )
    result = extract_article(html, "https://x.test/a")
    assert result["title"] == "Valid block"
    assert [p["code"] for p in result["problems"]] == [JSONLD_INVALID]


def test_article_body_in_jsonld_is_used_when_generic_text_misses_most_of_it() -> None:
    long_body = " ".join(f"Sentence {i} of the structured body text." for i in range(200))
    html = page(
        ld({"@type": "NewsArticle", "headline": "H", "articleBody": long_body}),
        body="<p>Teaser only, subscribe to read.</p>",
    )
    result = extract_article(html, "https://x.test/a")
    assert result["provenance"]["body"] == "jsonld"
    assert result["word_count"] > 1000


def test_opengraph_and_meta_layers() -> None:
    head = (
        '<meta property="og:title" content="OG title"><meta property="og:site_name" content="Site">'
        '<meta property="article:published_time" content="2022-08-02T17:39:00-04:00">'
        '<meta property="article:tag" content="a"><meta property="article:tag" content="b">'
        '<meta name="parsely-author" content="Jane Doe"><meta name="sailthru.date" content="x">'
        '<meta name="dc.creator" content="Dc Person"><meta name="news_keywords" content="k1, k2">'
        '<link rel="canonical" href="/canon">'
    )
    tree = load_html(page(head, lang="en-GB"))
    metas = collect_meta(tree)
    og, meta = opengraph_fields(metas), meta_fields(tree, metas)
    assert og["title"] == "OG title" and og["tags"] == ["a", "b"] and og["site_name"] == "Site"
    assert meta["authors"] == ["Jane Doe", "Dc Person"]
    assert meta["canonical_url"] == "/canon" and meta["language"] == "en-GB"
    assert meta["tags"] == ["k1, k2"]


def test_provenance_follows_layer_order() -> None:
    head = (
        ld({"@type": "NewsArticle", "headline": "From JSON-LD", "author": "Jane Doe"})
        + '<meta property="og:title" content="From OG">'
        + '<meta name="author" content="Meta Person">'
        + '<meta property="article:published_time" content="2022-08-02T10:00:00Z">'
        + '<link rel="canonical" href="/a">'
    )
    result = extract_article(page(head), "https://x.test/a?utm=1")
    assert result["title"] == "From JSON-LD" and result["provenance"]["title"] == "jsonld"
    assert result["authors"] == ["Jane Doe"] and result["provenance"]["authors"] == "jsonld"
    assert result["provenance"]["published_at"] == "opengraph"
    assert result["canonical_url"] == "https://x.test/a"
    assert result["provenance"]["body"] == "generic"


def test_microdata_layer() -> None:
    body = (
        '<div itemscope itemtype="http://schema.org/NewsArticle">'
        '<h1 itemprop="headline">Microdata headline</h1>'
        '<span itemprop="author" itemscope itemtype="http://schema.org/Person">'
        '<span itemprop="name">Jane Doe</span></span>'
        '<meta itemprop="datePublished" content="2022-08-02T17:39:00-04:00">'
        f'<div itemprop="articleBody">{BODY}</div></div>'
    )
    result = extract_article(page(body=body), "https://x.test/a")
    assert result["authors"] == ["Jane Doe"] and result["provenance"]["authors"] == "microdata"
    assert result["date_published"] == "2022-08-02T17:39:00-04:00"
    assert result["title"] == "Microdata headline"


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://people.com/x", "people"),
        ("https://www.foxnews.com/x", "foxnews"),
        ("https://us.hola.com/x", "hola"),
        ("https://www.insider.com/x", "insider"),
        ("https://www.businessinsider.com/x", "insider"),
        ("https://www.the-independent.com/x", "independent"),
        ("https://www.dailymail.co.uk/x", "dailymail"),
        ("https://pagesix.com/x", "pagesix"),
        ("https://notpeople.com/x", None),
        ("https://example.com/people.com", None),
        (None, None),
    ],
)
def test_outlet_registry_matches_hosts_and_subdomains(url: str | None, outlet: str | None) -> None:
    found = resolve_outlet(None, url)
    assert (found.key if found else None) == outlet
    assert extract_article(page(), url)["outlet"] == outlet


def test_site_suffix_and_h1_spelling() -> None:
    head = "<title>Star’s Memoir – Explained | The Example Times</title>"
    result = extract_article(page(head, body="<h1>Star’s Memoir – Explained</h1>" + BODY))
    assert result["title"] == "Star’s Memoir – Explained"
