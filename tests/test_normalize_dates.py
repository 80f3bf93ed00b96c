"""Date normalization: every form seen on news pages -> page-local ISO and UTC."""

from __future__ import annotations

import pytest

from crawler.extract.fields.dates.parse import dayfirst_for, normalize_date, parse_date


@pytest.mark.parametrize(
    ("value", "local", "utc"),
    [
        ("2022-08-02T17:39:00-04:00", "2022-08-02T17:39:00-04:00", "2022-08-02T21:39:00+00:00"),
        ("2022-08-02T17:39:00+0100", "2022-08-02T17:39:00+01:00", "2022-08-02T16:39:00+00:00"),
        ("2022-08-02T21:39:00Z", "2022-08-02T21:39:00+00:00", "2022-08-02T21:39:00+00:00"),
        ("2022-08-02 17:39:00", "2022-08-02T17:39:00", "2022-08-02T17:39:00+00:00"),
        ("1659476340000", "2022-08-02T21:39:00+00:00", "2022-08-02T21:39:00+00:00"),
        (1659476340, "2022-08-02T21:39:00+00:00", "2022-08-02T21:39:00+00:00"),
        ("Aug. 2, 2022", "2022-08-02", "2022-08-02T00:00:00+00:00"),
        ("Sept. 14, 2022", "2022-09-14", "2022-09-14T00:00:00+00:00"),
        ("2022-08-02", "2022-08-02", "2022-08-02T00:00:00+00:00"),
        (
            "Published on August 2, 2022 05:39PM EDT",
            "2022-08-02T17:39:00-04:00",
            "2022-08-02T21:39:00+00:00",
        ),
    ],
)
def test_forms_in_the_wild(value: object, local: str, utc: str) -> None:
    result = normalize_date(value)
    assert result is not None
    assert (result.local_iso, result.utc_iso) == (local, utc)


def test_outlet_locale_reads_day_first_in_its_zone() -> None:
    result = normalize_date("02/08/2022 17:39", dayfirst=True, default_tz="Europe/London")
    assert result is not None
    assert result.local_iso == "2022-08-02T17:39:00+01:00"
    assert result.utc_iso == "2022-08-02T16:39:00+00:00"


def test_us_locale_reads_month_first() -> None:
    result = normalize_date("02/08/2022 17:39", default_tz="America/New_York")
    assert result is not None and result.local_iso == "2022-02-08T17:39:00-05:00"


@pytest.mark.parametrize(
    "value", [None, "", "10:52", "yesterday", "not a date", True, 12, "x" * 100]
)
def test_unparseable_or_yearless_values_give_none(value: object) -> None:
    assert normalize_date(value) is None


def test_implausible_years_are_rejected() -> None:
    assert parse_date("1066-10-14") is None
    assert parse_date("2022-08-02") is not None


@pytest.mark.parametrize(
    "value",
    ["2022-08-20T10:00:00+25:00", "2022-08-20T10:00:00-2400", "Aug 20, 2022 10:00 +15:30"],
)
def test_out_of_range_offsets_are_dropped_not_raised(value: str) -> None:
    assert normalize_date(value) is None


@pytest.mark.parametrize("value", ["2022-08-20T10:00:00+14:00", "2022-08-20T10:00:00-12:00"])
def test_the_extreme_real_offsets_are_kept(value: str) -> None:
    result = normalize_date(value)
    assert result is not None and result.local_iso == value


@pytest.mark.parametrize(
    ("value", "local"),
    [
        ("10.12.2022, 07:00:03", "2022-12-10T07:00:03"),
        ("Di., 25.01.2022 - 14:45", "2022-01-25T14:45:00"),
        ("05.02.2020", "2020-02-05"),
    ],
)
def test_dotted_numeric_dates_are_day_first_in_any_locale(value: str, local: str) -> None:
    result = normalize_date(value)
    assert result is not None and result.local_iso == local


@pytest.mark.parametrize(
    ("locale", "dayfirst"),
    [
        ("de", True),
        ("de-AT", True),
        ("es_419", True),
        ("en-GB", True),
        ("en_au", True),
        ("en", False),
        ("en-US", False),
        ("und", None),
        ("English", None),
        ("", None),
        (None, None),
    ],
)
def test_locales_say_whether_numeric_dates_put_the_day_first(
    locale: object, dayfirst: bool | None
) -> None:
    assert dayfirst_for(locale) is dayfirst


@pytest.mark.parametrize(
    ("value", "uncertain"),
    [
        ("2022-05-04T00:25:56Z", True),
        ("Wed, 04 May 2022 00:25:56 GMT", True),
        ("2022-05-04 00:25:56", True),
        ("2022-05-03T21:25:00-03:00", False),
        ("2022-05-04", False),
    ],
)
def test_a_time_in_utc_or_without_a_zone_leaves_the_local_day_uncertain(
    value: str, uncertain: bool
) -> None:
    result = normalize_date(value)
    assert result is not None and result.local_day_uncertain is uncertain
