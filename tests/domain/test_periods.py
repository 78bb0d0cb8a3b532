from datetime import date

import pytest

from lai_chau_desk.domain.periods import (
    PeriodError,
    PeriodSettings,
    parse_period,
    period_for,
    periods_of_year,
)


@pytest.mark.parametrize(
    ("code", "start", "end", "due"),
    [
        ("2026S1", date(2025, 12, 15), date(2026, 6, 14), date(2026, 6, 19)),
        ("2026S2", date(2026, 6, 15), date(2026, 12, 14), date(2026, 12, 19)),
        ("2026", date(2025, 12, 15), date(2026, 12, 14), date(2026, 12, 19)),
        ("2026Q1", date(2025, 12, 15), date(2026, 3, 14), date(2026, 3, 19)),
        ("2026Q3", date(2026, 6, 15), date(2026, 9, 14), date(2026, 9, 19)),
        ("2024S1", date(2023, 12, 15), date(2024, 6, 14), date(2024, 6, 19)),
    ],
)
def test_decree09_cutoffs(code: str, start: date, end: date, due: date) -> None:
    p = parse_period(code)
    assert (p.start, p.end, p.due) == (start, end, due)


def test_codes_are_normalised_and_labelled() -> None:
    assert parse_period(" 2026s1 ").code == "2026S1"
    assert parse_period("2026S1").label_vi == "6 tháng đầu năm 2026"
    assert parse_period("2026").label_vi == "Năm 2026"
    assert parse_period("2026Q4").label_vi == "Quý IV năm 2026"


@pytest.mark.parametrize("bad", ["2026S3", "2026Q5", "26S1", "2026H1", "", "abc", "2026S", "1800"])
def test_bad_codes_are_refused_in_vietnamese(bad: str) -> None:
    with pytest.raises(PeriodError, match="kỳ báo cáo"):
        parse_period(bad)


def test_cutoff_day_itself_belongs_to_the_period_that_ends_on_it() -> None:
    assert period_for(date(2026, 6, 14)).code == "2026S1"
    assert period_for(date(2026, 6, 15)).code == "2026S2"
    assert period_for(date(2026, 12, 14)).code == "2026S2"
    # data after the annual cut-off already count for the next year
    assert period_for(date(2026, 12, 15)).code == "2027S1"
    assert period_for(date(2026, 12, 15), "Y").code == "2027"
    assert period_for(date(2026, 3, 14), "Q").code == "2026Q1"
    assert period_for(date(2026, 3, 15), "Q").code == "2026Q2"


def test_calendar_scheme_and_custom_due_days() -> None:
    cal = PeriodSettings(scheme="calendar", due_days=10)
    p = parse_period("2026S2", cal)
    assert (p.start, p.end, p.due) == (date(2026, 7, 1), date(2026, 12, 31), date(2027, 1, 10))
    assert parse_period("2024Q1", cal).end == date(2024, 3, 31)
    assert period_for(date(2026, 12, 31), "S", cal).code == "2026S2"


def test_settings_are_checked() -> None:
    with pytest.raises(PeriodError):
        PeriodSettings(cutoff_day=31)
    with pytest.raises(PeriodError):
        PeriodSettings(scheme="lunar")


def test_periods_of_year() -> None:
    assert [p.code for p in periods_of_year(2027)] == ["2027S1", "2027S2", "2027"]
