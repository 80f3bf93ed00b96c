"""Defects other parts of the project found in extraction, each pinned by a synthetic page."""

from __future__ import annotations

import json

import pytest

from crawler.extract import extract_article
from crawler.extract.problems import DATE_GUESSED, DATE_UNUSABLE, INTERNAL_ERROR

URL = "https://celebs.example.com/2022/kim-kardashian-kushner-book/"
STORY = (
    "Jared Kushner writes in his memoir that Kim Kardashian called him about the case of Alice "
    "Johnson, who had spent more than two decades in federal prison.",
    "The book describes a meeting in the West Wing at which Kardashian brought a binder of "
    "letters from prison staff, and Kushner says the visit changed the tone of the talks.",
    "Readers online argued about the passage for days, some praising the reform effort and "
    "others asking why a celebrity had such easy access to the president's family.",
)


def codes(result: dict) -> list[str]:
    """Return the codes of the result's problems."""
    return [p["code"] for p in result["problems"]]


def page(
    *,
    head: str = "",
    jsonld: str | None = None,
    paragraphs: tuple[str, ...] = STORY,
    before_body: str = "",
    after_body: str = "",
    article_tag: str = "article",
    footer: str = "<p>&copy; 2022 Celebs Example. All rights reserved.</p>",
) -> str:
    """Return a WordPress-like article page about the test story."""
    script = f'<script type="application/ld+json">{jsonld}</script>' if jsonld else ""
    body = "".join(f'<p class="mntl-sc-block-html">{p}</p>' for p in paragraphs)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Fans react to Kardashian in Kushner memoir - Celebs</title>{head}{script}"
        "</head><body><nav><a href='/'>Home</a> <a href='/news/'>News</a></nav>"
        f"<{article_tag} class='post'><h1 class='entry-title'>Fans react to Kardashian in "
        f"Kushner memoir</h1>{before_body}<div class='entry-content'>{body}{after_body}</div>"
        f"</{article_tag}><footer>{footer}</footer></body></html>"
    )


# -- a. an undated page gets no publication date ---------------------------------------------


UNDATED_TEXT = (
    "The sentence commutation for Alice Johnson was announced in June 2018, and she left "
    "prison days later, Kushner writes in the chapter about the case.",
    *STORY,
    "Johnson received a full pardon in 2020; the memoir describes both decisions at length.",
)


def test_a_page_without_a_date_in_its_markup_has_no_publication_date() -> None:
    result = extract_article(page(paragraphs=UNDATED_TEXT), URL.replace("/2022", ""))
    assert result["is_article"]
    assert result["date_published"] is None
    assert result["published_at"] is None
    assert "date_published" not in result["provenance"]


def test_a_date_guessed_from_text_mentions_is_kept_apart_with_a_problem() -> None:
    result = extract_article(page(paragraphs=UNDATED_TEXT), URL.replace("/2022", ""))
    assert result["date_guessed"]
    assert result["date_guessed"] != result["date_published"]
    assert DATE_GUESSED in codes(result)


def test_a_full_date_mentioned_only_in_the_article_text_is_not_the_publication_date() -> None:
    text = ("On June 1, 2018, the White House announced the commutation.", *STORY)
    result = extract_article(page(paragraphs=text), URL.replace("/2022", ""))
    assert result["date_published"] is None


@pytest.mark.parametrize(
    "dateline",
    [
        "Posted on 20. August 2022 by the desk",
        "Published: 2022-08-20 10:15 | News desk",
        "20.08.2022 - News",
    ],
)
def test_a_dateline_printed_outside_the_article_text_is_kept(dateline: str) -> None:
    result = extract_article(page(before_body=f"<p>{dateline}</p>"), URL.replace("/2022", ""))
    assert result["date_published"] == "2022-08-20"
    assert result["date_guessed"] is None


def test_a_dated_page_keeps_its_structured_date() -> None:
    head = '<meta property="article:published_time" content="2022-08-20T10:00:00-04:00">'
    result = extract_article(page(head=head, paragraphs=UNDATED_TEXT), URL)
    assert result["date_published"] == "2022-08-20T10:00:00-04:00"
    assert result["published_at"] == "2022-08-20T14:00:00+00:00"


# -- b. newsletter prompts inside the body ----------------------------------------------------


@pytest.mark.parametrize(
    "prompt",
    [
        "Never miss a story \u2014 sign up for CELEBS's free daily newsletter to stay up-to-date "
        "on the best of what CELEBS has to offer.",
        "Want more stories like this? Get our free newsletter delivered to your inbox.",
        "Love royal news? Subscribe to the Royals newsletter for the latest updates.",
        "Jetzt den kostenlosen Newsletter abonnieren und nichts mehr verpassen.",
    ],
)
def test_newsletter_prompts_between_body_paragraphs_are_dropped(prompt: str) -> None:
    paragraphs = (STORY[0], prompt, *STORY[1:])
    result = extract_article(page(paragraphs=paragraphs), URL)
    assert prompt not in result["body"]
    assert STORY[0] in result["body"] and STORY[2] in result["body"]


def test_article_sentences_about_newsletters_are_kept() -> None:
    sentence = "Kardashian told the newsletter that she had been moved by Johnson's letters."
    result = extract_article(page(paragraphs=(*STORY, sentence)), URL)
    assert sentence in result["body"]


# -- c. broken structured data does not make an article a non-article -------------------------

BROKEN_JSONLD = {
    "not-json": "{this is not json at all",
    "nested-arrays": "[" * 5000 + '{"@type": "NewsArticle"}' + "]" * 5000,
    "nested-objects": '{"@type": "NewsArticle", "isPartOf": ' * 3000 + "{}" + "}" * 3000,
    "wrong-types": json.dumps({"@type": 42, "headline": ["a"], "author": 7, "articleBody": False}),
    "bad-escape": '{"@type": "NewsArticle", "headline": "bad \\uZZZZ escape"}',
}


@pytest.mark.parametrize("jsonld", BROKEN_JSONLD.values(), ids=BROKEN_JSONLD.keys())
def test_a_short_article_with_broken_jsonld_is_still_an_article(jsonld: str) -> None:
    result = extract_article(page(jsonld=jsonld), URL)
    assert result["is_article"] is True
    assert STORY[1] in result["body"]
    assert result["title"] == "Fans react to Kardashian in Kushner memoir"


def test_a_short_page_without_article_markup_is_not_an_article() -> None:
    result = extract_article(page(article_tag="div"), URL)
    assert result["word_count"] < 150
    assert result["is_article"] is False


def test_a_short_listing_with_several_article_elements_is_not_an_article() -> None:
    teasers = "".join(
        f"<article><h2><a href='/s{i}'>Story {i}</a></h2><p>{STORY[i % 3][:90]}</p></article>"
        for i in range(3)
    )
    html = f"<html><head><title>News</title></head><body><h1>News</h1>{teasers}</body></html>"
    assert extract_article(html, "https://celebs.example.com/news/")["is_article"] is False


# -- d. an out-of-range zone offset -----------------------------------------------------------


@pytest.mark.parametrize("value", ["2022-08-20T10:00:00+25:00", "2022-08-20T10:00:00-2400"])
def test_an_impossible_offset_drops_the_date_and_keeps_the_article(value: str) -> None:
    jsonld = json.dumps({"@type": "NewsArticle", "headline": "Fans react", "datePublished": value})
    result = extract_article(page(jsonld=jsonld, footer=""), URL.replace("/2022", ""))
    assert result["is_article"] is True
    # htmldate may still read the day out of the markup; the broken time and offset are gone.
    assert result["date_published"] in (None, "2022-08-20")
    unusable = [p["message"] for p in result["problems"] if p["code"] == DATE_UNUSABLE]
    assert unusable == [f"date: unusable jsonld date_published {value!r} dropped"]
    assert INTERNAL_ERROR not in codes(result)
