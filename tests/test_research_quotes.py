"""Quotes: found in every style, attributed, aligned across articles and versions, at scale."""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import timedelta

import pytest

from archive import Archive
from archive.research.quotes import align as align_mod
from archive.research.quotes.align import align
from archive.research.quotes.build import form_key
from archive.research.quotes.extract import find_quotes
from archive.schema import Article
from tests.plugins.prepared import run_cli
from tests.research_story import (
    Q_BROKEN,
    Q_CALLING,
    Q_JUDGES,
    Q_KINGPIN,
    Q_KINGPIN_CHANGED,
    Q_PARDON,
    Q_PARDON_EDITED,
    Q_SECOND_CHANCE,
    STORY,
    T0,
    PlantedArchive,
)


# -- finding quotes in one body --------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        ('"He is a kingpin of the trade," said McGahn.', "He is a kingpin of the trade", "McGahn"),
        ("“We will do it this week,” McGahn said.", "We will do it this week", "McGahn"),
        (
            "Kushner writes in the memoir: “Alice changed my mind on this.”",
            "Alice changed my mind on this",
            "Kushner",
        ),
        (
            "“Why would anyone say no to her?” Kushner asks.",
            "Why would anyone say no to her?",
            "Kushner",
        ),
        ("„Das war ein langer Weg für alle“, sagte sie.", "Das war ein langer Weg für alle", None),
        (
            "Elle a dit «nous allons continuer le combat» hier.",
            "nous allons continuer le combat",
            None,
        ),
        ("Sie sagte »wir machen das ganz sicher« am Montag.", "wir machen das ganz sicher", None),
        (
            "Johnson told People, ‘I don’t know what I would have done.’",
            "I don’t know what I would have done",
            "Johnson",
        ),
        ("Er schrieb ‚das bleibt unter uns allen‘ zurück.", "das bleibt unter uns allen", None),
        ("She wrote ‹on ne lâche rien du tout› there.", "on ne lâche rien du tout", None),
        ("Kushner's aide said 'we are done with this' twice.", "we are done with this", None),
        (
            "According to White House counsel Don McGahn, “the answer was no for now.”",
            "the answer was no for now",
            "Don McGahn",
        ),
        (
            "> A block quote kept with its marker in the text.",
            "A block quote kept with its marker in the text",
            None,
        ),
    ],
)
def test_quote_styles_and_speakers(body: str, text: str, speaker: str | None) -> None:
    (quote,) = find_quotes(body)
    assert (quote.text, quote.speaker) == (text, speaker)


def test_what_is_not_a_quote() -> None:
    body = (
        'She called it "sad" and "very sad" on "Keeping Up With The Family" this week.\n\n'
        "It’s Kushner’s book, and the adviser’s memoir isn’t short."
    )
    assert find_quotes(body) == []
    # a single quoted term counts when the story's rules name it
    (term,) = find_quotes('McGahn called her a "kingpin" in a meeting.', {"kingpin"})
    assert term.text == "kingpin" and term.speaker is None


def test_nested_quote_belongs_to_the_outer_one() -> None:
    body = "“He told me ‘do not call again’ and then he called back,” she said."
    (quote,) = find_quotes(body)
    assert quote.text == "He told me ‘do not call again’ and then he called back"


def test_quote_running_over_paragraphs() -> None:
    body = "“The first part of the answer runs on\n\n“and the second part closes it,” he said."
    assert [q.text for q in find_quotes(body)] == [
        "The first part of the answer runs on",
        "and the second part closes it",
    ]


# -- alignment -------------------------------------------------------------------------------
def test_near_forms_align_and_different_quotes_stay_apart() -> None:
    forms = [
        form_key(Q_KINGPIN),
        form_key(Q_KINGPIN_CHANGED),  # one word changed
        form_key("we should not be letting kingpins walk out of federal prison early"),  # trimmed
        form_key("She is a kingpin … letting kingpins walk out of federal prison early"),
        form_key(Q_JUDGES),  # the same speaker, another quote
        form_key("We need more time"),
        form_key("We need more money"),  # four words, one changed: too short to tell
    ]
    groups = align(forms)
    assert groups[:4] == [0, 0, 0, 0]
    assert len({groups[0], groups[4], groups[5], groups[6]}) == 4


def test_alignment_does_not_compare_all_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(5000)]
    forms = [tuple(rng.choice(vocabulary) for _ in range(12)) for _ in range(3000)]
    calls = 0
    real = align_mod.is_near

    def counting(a, b):  # noqa: ANN001, ANN202
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(align_mod, "is_near", counting)
    groups = align(forms)
    assert len(set(groups)) == len(forms)
    assert calls < len(forms)  # all pairs would be ~4.5 million


# -- a planted story ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def quotes(planted: PlantedArchive) -> list[dict]:
    archive = Archive(planted.url)
    try:
        return archive.quotes(STORY)
    finally:
        archive.dispose()


def _find(quotes: list[dict], fragment: str) -> dict:
    (found,) = [q for q in quotes if any(fragment in f for f in q["forms"])]
    return found


def test_each_planted_quote_is_one_row_with_first_and_carriers(planted, quotes) -> None:
    ids = planted.ids
    kingpin = _find(quotes, "letting kingpins")
    assert kingpin["speaker"] == "McGahn"
    assert kingpin["forms"] == [Q_KINGPIN, Q_KINGPIN_CHANGED]
    assert kingpin["first"] == {"article_id": ids["original"], "outlet": "people",
                                "published_at": T0.isoformat()}  # fmt: skip
    assert kingpin["articles"] == [ids["original"], ids["copy"], ids["rewrite"]]
    assert kingpin["outlets"] == ["people", "nypost", "dailymail"]
    chance = _find(quotes, "second chance")
    assert chance["text"] == Q_SECOND_CHANCE and chance["speaker"] == "Kushner"
    assert chance["articles"] == [ids["original"], ids["copy"], ids["credit_obtained"]]
    calling = _find(quotes, "keep calling")
    assert calling["forms"] == [Q_CALLING] and calling["speaker"] == "Kardashian"
    assert len([q for q in quotes if "kingpin" in q["text"]]) == 2  # the long quote, the term


def test_two_quotes_of_one_speaker_stay_apart(planted, quotes) -> None:
    judges = _find(quotes, "appellate judges")
    broken = _find(quotes, Q_BROKEN[:30])
    kingpin = _find(quotes, "letting kingpins")
    assert judges["speaker"] == kingpin["speaker"] == "McGahn"
    assert len({judges["text"], broken["text"], kingpin["text"]}) == 3
    assert judges["articles"] == broken["articles"] == [planted.ids["unrelated"]]


def test_a_quote_edited_between_versions(planted, quotes) -> None:
    pardon = _find(quotes, "do the pardon")
    assert pardon["forms"] == [Q_PARDON, Q_PARDON_EDITED] and pardon["speaker"] == "Trump"
    assert pardon["changes"] == [{
        "article_id": planted.ids["rewrite"], "from_version": 1, "to_version": 2,
        "from": Q_PARDON, "to": Q_PARDON_EDITED,
    }]  # fmt: skip


def test_quotes_cli_formats(planted, quotes, capsys) -> None:
    base = ["quotes", "--story", STORY, "--db", planted.url]
    doc = run_cli([*base, "--format", "json", "--min-outlets", "3"], capsys)
    assert doc.code == 0
    parsed = json.loads(doc.out)  # one document
    assert parsed == [q for q in quotes if len(q["outlets"]) >= 3] and parsed
    lines = run_cli([*base, "--format", "jsonl"], capsys).out.splitlines()
    assert [json.loads(line) for line in lines] == quotes
    rows = list(csv.DictReader(io.StringIO(run_cli([*base, "--format", "csv"], capsys).out)))
    assert len(rows) == len(quotes) and rows[0]["text"] == quotes[0]["text"]
    assert rows[0]["outlets"] == "; ".join(quotes[0]["outlets"])
    bad = run_cli([*base, "--min-outlets", "0"], capsys)
    assert bad.code == 1 and bad.err.startswith("newsarchive: error: --min-outlets")
    unknown = run_cli(["quotes", "--story", "nope", "--db", planted.url], capsys)
    assert unknown.code == 1 and "no story 'nope'" in unknown.err


def test_articles_without_quotes_or_date(archive_db: Archive) -> None:
    archive_db.store(Article(url="https://a.test/1", outlet="a", story="s",
                             body="No quotes here at all, just reporting."))  # fmt: skip
    archive_db.store(Article(url="https://b.test/1", outlet="b", story="s", body=None))
    quoted = "“We will keep going until the end of the year,” Johnson said."
    undated = archive_db.store(Article(url="https://c.test/1", outlet="c", story="s",
                                       body=quoted), now=T0)  # fmt: skip
    dated = archive_db.store(Article(url="https://d.test/1", outlet="d", story="s", body=quoted,
                                     published_at=T0 + timedelta(hours=5)))  # fmt: skip
    (quote,) = archive_db.quotes("s")
    # an undated article counts from when it was first seen (the dedup's rule)
    assert quote["first"] == {"article_id": undated.article_id, "outlet": "c", "published_at": None}
    assert quote["articles"] == [undated.article_id, dated.article_id]
