"""The lead paragraph: kept when the main-text extraction drops it, teasers and deks left out."""

from __future__ import annotations

import lxml.html

from crawler.extract import extract_article
from crawler.extract.fields.body.lead import lead_paragraph

STORY = [
    f"Paragraph {i}: the council met on Tuesday to discuss a long list of local planning issues."
    for i in range(8)
]
BODY = "".join(f"<p>{p}</p>" for p in STORY)
LEAD = (
    "The city council has approved the new park plan after a long debate, and the first trees "
    "will be planted in the spring."
)


def page(header: str, after: str = "", before: str = "") -> str:
    """Return an article page: ``before`` the headline, ``header`` under it, ``after`` the text."""
    return (
        "<html><head><title>Council approves park plan</title></head><body>"
        f"{before}<article><header><h1>Council approves park plan</h1>{header}</header>"
        f'<div class="article-body">{BODY}</div>{after}</article></body></html>'
    )


def test_lead_in_the_article_header_opens_the_body() -> None:
    result = extract_article(page(f'<p class="article__lead">{LEAD}</p>'), "https://c.example/a")
    assert result["body"].startswith(LEAD + "\n\n" + STORY[0])


def test_teaser_text_lead_is_kept_once() -> None:
    html = page(f'<div class="teaser-text"><p>{LEAD}</p></div>')
    body = extract_article(html, "https://c.example/a")["body"]
    assert body.count(LEAD) == 1 and body.startswith(LEAD)


def test_summary_dek_and_standfirst_are_not_the_texts_opening() -> None:
    for mark in ("article-summary", "c-entry-summary p-dek", "standfirst"):
        html = page(f'<p class="{mark}">{LEAD}</p>')
        assert LEAD not in extract_article(html, "https://c.example/a")["body"]


def test_teasers_of_other_articles_are_not_a_lead() -> None:
    teasers = "".join(
        f'<div class="teaser"><h3><a href="/other-{i}">Another story {i}</a></h3>'
        f'<p class="teaser-text">Summary {i} of another story about the town hall and its long '
        "list of planning issues.</p></div>"
        for i in range(3)
    )
    body = extract_article(page(teasers), "https://c.example/a")["body"]
    assert "another story" not in body


def test_lead_media_and_its_caption_are_not_a_lead() -> None:
    caption = "The council chamber on Tuesday evening, shortly before the vote on the plan (Photo)"
    html = page(f'<div class="lead-media"><figure><img src="x.jpg"><p>{caption}</p></figure></div>')
    assert caption not in extract_article(html, "https://c.example/a")["body"]


def test_a_linked_teaser_is_not_a_lead() -> None:
    html = page(f'<p class="intro"><a href="/elsewhere">{LEAD}</a></p>')
    assert LEAD not in extract_article(html, "https://c.example/a")["body"]


def test_lead_is_looked_for_only_between_headline_and_text() -> None:
    tree = lxml.html.fromstring(
        f'<html><body><p class="intro">{LEAD}</p><h1>Headline</h1>{BODY}</body></html>'
    )
    assert lead_paragraph(tree, "\n\n".join(STORY)) is None
    tree = lxml.html.fromstring(
        f'<html><body><h1>Headline</h1><p class="intro">{LEAD}</p>{BODY}</body></html>'
    )
    assert lead_paragraph(tree, "\n\n".join(STORY)) == LEAD
    assert lead_paragraph(tree, LEAD + "\n\n" + "\n\n".join(STORY)) is None
