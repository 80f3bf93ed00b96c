"""Story relevance: all/any/none terms over title, description and body, and the date window."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from archive.text import fold_text
from crawler.config import Story
from crawler.relevance import NO_DATE, OFF_TOPIC, OUT_OF_WINDOW, Relevance

STORY = Story(
    key="s",
    title="S",
    published_after=date(2022, 7, 20),
    published_before=date(2022, 9, 30),
    all_terms=("kushner",),
    any_terms=("kardashian", "alice johnson", "breaking history"),
    none_terms=("crossword",),
)
IN_WINDOW = datetime(2022, 8, 20, 10, tzinfo=timezone.utc)
judge = Relevance(STORY).judge


def test_relevant_page_scores_and_lists_matched_terms() -> None:
    verdict = judge("Kushner's memoir", None, "He wrote about Kim KARDASHIAN.", IN_WINDOW)
    assert verdict.relevant and verdict.reason is None
    assert verdict.matched_terms == ["kushner", "kardashian"]
    assert 0 < verdict.score <= 1


def test_title_match_scores_higher_than_body_only() -> None:
    in_title = judge("Kushner and Kardashian", None, "text", IN_WINDOW)
    in_body = judge("A memoir", None, "Kushner and Kardashian", IN_WINDOW)
    assert in_title.score > in_body.score


@pytest.mark.parametrize(
    ("title", "description", "body"),
    [
        ("Kardashian news", None, "Nothing about the author."),  # missing the 'all' term
        ("Kushner", None, "Only the memoir's author."),  # no 'any' term
        ("Kushner", "Kardashian", "Today's crossword"),  # a 'none' term
        ("Kushnerism", None, "Kardashians everywhere"),  # no word boundary
    ],
)
def test_off_topic(title: str, description: str | None, body: str) -> None:
    verdict = judge(title, description, body, IN_WINDOW)
    assert verdict.reason == OFF_TOPIC and verdict.score == 0.0


def test_terms_match_across_fields_whitespace_and_apostrophes() -> None:
    verdict = judge("KUSHNER\u2019S book", "About Alice\n Johnson", "", IN_WINDOW)
    assert verdict.relevant and verdict.matched_terms == ["kushner", "alice johnson"]


@pytest.mark.parametrize(
    ("published", "inside"),
    [
        (date(2022, 7, 20), True),
        (date(2022, 9, 30), True),
        (date(2022, 7, 19), False),
        (date(2022, 10, 1), False),
        # 23:30 on the last day in New York is the next day in UTC: the page's own day counts.
        (datetime(2022, 9, 30, 23, 30, tzinfo=timezone(timedelta(hours=-4))), True),
    ],
)
def test_window_is_inclusive(published: date | datetime, inside: bool) -> None:
    verdict = judge("Kushner", None, "Kardashian", published)
    assert verdict.relevant is inside
    assert verdict.reason == (None if inside else OUT_OF_WINDOW)


def test_missing_date_is_judged_on_text_and_flagged() -> None:
    verdict = judge("Kushner", None, "Kardashian", None)
    assert verdict.relevant and verdict.flags == [NO_DATE]


def test_listing_prefilters_are_conservative() -> None:
    relevance = Relevance(STORY)
    assert relevance.listing_out_of_window(datetime(2021, 1, 1, tzinfo=timezone.utc))
    assert not relevance.listing_out_of_window(datetime(2022, 7, 19, 22, tzinfo=timezone.utc))
    assert not relevance.listing_out_of_window(None)
    assert relevance.modified_before_window(date(2022, 1, 1))
    assert not relevance.modified_before_window(date(2023, 1, 1))  # modified later: may hold it


def test_listed_titles_only_rank_unless_they_name_an_excluded_term() -> None:
    relevance = Relevance(STORY)
    assert relevance.title_matches("Kardashian on the memoir")
    assert not relevance.title_matches("Starmer defiant over taking gifts")  # ranks lower only
    assert not relevance.title_matches(None) and not relevance.title_matches("")
    assert relevance.title_excludes("Royal wedding pictures") is None  # lacks terms: no proof
    assert relevance.title_excludes("Kushner crossword") == "crossword"
    assert relevance.title_excludes(None) is None


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("\u201cbreaking history\u201d", 'His memoir "Breaking History" is out.'),  # curly quotes
        ('"breaking history"', "Sein Buch \u00abBreaking History\u00bb erscheint."),  # guillemets
        ("kushner\u2013kardashian", "The Kushner-Kardashian calls began in 2018."),  # en dash
        ("kushner-kardashian", "The Kushner\u2014Kardashian calls began in 2018."),  # em dash
        ("o\u2019neill", "Said O'Neill, who edited the book."),  # curly apostrophe
    ],
)
def test_a_story_term_matches_as_dedup_folds_it(term: str, text: str) -> None:
    # Relevance and dedup fold typography the same way (archive.text): a term written with
    # other quotes or dashes than the page uses still matches, as dedup calls them equal.
    story = Story(key="t", title="T", all_terms=(term,))
    assert fold_text(term) in fold_text(text)
    assert Relevance(story).judge("A memoir", None, text, IN_WINDOW).relevant
    assert Relevance(story).title_matches(text)
