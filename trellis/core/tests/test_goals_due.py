from datetime import date

import pytest

from trellis.core.goals import parse_due

THURSDAY = date(2026, 1, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by the end of March", date(2026, 3, 31)),
        ("End of March.", date(2026, 3, 31)),
        ("the end of February", date(2026, 2, 28)),
        ("by the end of February 2028", date(2028, 2, 29)),
        ("by March", date(2026, 3, 31)),
        ("March 2027", date(2027, 3, 31)),
        ("in six weeks", date(2026, 2, 26)),
        ("within two months", date(2026, 3, 15)),
        ("in a fortnight", date(2026, 1, 29)),
        ("2027-03-31", date(2027, 3, 31)),
        ("by 31 March 2027", date(2027, 3, 31)),
        ("by June 30", date(2026, 6, 30)),
        ("end of the month", date(2026, 1, 31)),
        ("by the end of next month", date(2026, 2, 28)),
        ("end of the year", date(2026, 12, 31)),
        ("end of Q2", date(2026, 6, 30)),
        ("end of this quarter", date(2026, 3, 31)),
    ],
)
def test_it_reads_due_dates_written_in_words(text, expected):
    assert parse_due(text, today=THURSDAY) == expected


def test_it_reads_next_friday_as_a_friday_ahead():
    due = parse_due("next Friday", today=THURSDAY)
    assert due is not None
    assert due.weekday() == 4
    assert THURSDAY < due <= date(2026, 1, 23)


def test_it_reads_a_month_already_past_as_next_years():
    assert parse_due("by the end of March", today=date(2026, 4, 2)) == date(2027, 3, 31)
    assert parse_due("end of March", today=date(2026, 3, 31)) == date(2026, 3, 31)


def test_it_rolls_next_month_over_the_year():
    assert parse_due("end of next month", today=date(2026, 12, 2)) == date(2027, 1, 31)


def test_it_returns_a_past_date_as_written():
    assert parse_due("2020-01-01", today=THURSDAY) == date(2020, 1, 1)


@pytest.mark.parametrize("text", ["", "   ", "soon", "when I can", "end of the sprint"])
def test_it_returns_nothing_for_text_that_is_not_a_date(text):
    assert parse_due(text, today=THURSDAY) is None
