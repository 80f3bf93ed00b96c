"""Whether a date guessed from page text is printed as a full date outside the article."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.extract.fields.dates.printed import count_printed, find_printed_days, printed_outside

DAY = date(2022, 8, 20)
PROSE = "The council voted on the plan after a long debate about ferries and the harbour wall."


@pytest.mark.parametrize(
    "text",
    [
        "Published 20. August 2022",
        "Aug. 20, 2022 10:00",
        "2022-08-20T10:00",
        "20.08.2022",
        "20.8.2022 um 10:00",
        "8/20/2022",
        "20 de agosto de 2022",
        "20 августа 2022, 13:43",
    ],
)
def test_full_dates_in_many_forms_are_counted(text: str) -> None:
    assert count_printed(text, DAY) == 1


@pytest.mark.parametrize(
    "text", ["in June 2018", "\u00a9 2022 All rights reserved", "1.2022", "August 2022"]
)
def test_years_and_months_alone_are_not_a_printed_day(text: str) -> None:
    assert count_printed(text, DAY) == 0


def test_a_date_mentioned_only_in_the_prose_is_not_printed_outside() -> None:
    body = f"On Aug. 20, 2022, the council met again. {PROSE}"
    page = f"Menu Home News {body} Footer"
    assert not printed_outside(page, body, "2022-08-20")


def test_a_dateline_outside_the_prose_is_printed_outside() -> None:
    body = PROSE
    page = f"Menu Aug. 20, 2022 | News desk {body}"
    assert printed_outside(page, body, "2022-08-20")


def test_a_dateline_at_the_start_of_a_prose_paragraph_counts_as_a_stamp() -> None:
    body = f"Von Clara Lind 20.8.2022 - {PROSE}"
    assert printed_outside(body, body, "2022-08-20")


def test_a_bad_iso_day_is_never_printed() -> None:
    assert not printed_outside("2022-08-20", "", "not a date")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Von Clara Lind | 3. Mai 2022, 21:25 Uhr", date(2022, 5, 3)),
        ("Dienstag, 01. Februar 2022 12:10", date(2022, 2, 1)),
        ("3 de mayo de 2022", date(2022, 5, 3)),
        ("04 de mayo 2022, 12:00 A. M.", date(2022, 5, 4)),
        ("Updated Mar 12, 2020 @ 10:42 am", date(2020, 3, 12)),
        ("Last updated on 20 Feb, 2020.", date(2020, 2, 20)),
        ("le 1er juillet 2020", date(2020, 7, 1)),
        ("6.11.22", date(2022, 11, 6)),
        ("Stand: 07.11.2023, 07:30 Uhr", date(2023, 11, 7)),
        ("2019. 06. 24.", date(2019, 6, 24)),
        ("2019年6月24日", date(2019, 6, 24)),
        ("2023년 11월 7일", date(2023, 11, 7)),
        ("20 августа 2022, 13:43", date(2022, 8, 20)),
        ("2022-01-05T10:00", date(2022, 1, 5)),
    ],
)
def test_printed_days_are_found_in_many_languages(text: str, day: date) -> None:
    found = find_printed_days(text, dayfirst=True)
    assert [p.day for p in found] == [day]
    assert text[found[0].start : found[0].end].strip()


def test_an_ambiguous_slashed_date_follows_the_locale_and_keeps_its_other_reading() -> None:
    (day_first,) = find_printed_days("3/5/2022 22:41", dayfirst=True)
    (month_first,) = find_printed_days("3/5/2022 22:41", dayfirst=False)
    assert (day_first.day, day_first.other_reading) == (date(2022, 5, 3), date(2022, 3, 5))
    assert (month_first.day, month_first.other_reading) == (date(2022, 3, 5), date(2022, 5, 3))


@pytest.mark.parametrize("text", ["25/3/2022", "3/25/2022"])
def test_a_slashed_date_with_a_day_over_twelve_has_one_reading(text: str) -> None:
    for dayfirst in (True, False):
        (found,) = find_printed_days(text, dayfirst=dayfirst)
        assert (found.day, found.other_reading) == (date(2022, 3, 25), None)


@pytest.mark.parametrize("text", ["31.02.2022", "in 2022", "version 10.4", "12:30", "Mai 2022"])
def test_impossible_or_partial_dates_are_not_printed_days(text: str) -> None:
    assert find_printed_days(text, dayfirst=True) == []


def test_several_dates_come_in_text_order() -> None:
    text = "Erstellt 12.01.2022, aktualisiert am 3. Februar 2022"
    assert [p.day for p in find_printed_days(text, dayfirst=True)] == [
        date(2022, 1, 12),
        date(2022, 2, 3),
    ]
