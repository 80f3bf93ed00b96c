"""Whether a date guessed from page text is printed as a full date outside the article."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.extract.printed_date import count_printed, printed_outside

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
