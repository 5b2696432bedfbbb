from __future__ import annotations

import datetime as dt

import pytest
from pydantic_core import PydanticCustomError

from factdesk.records.dates import PartialDate


@pytest.mark.parametrize("text", ["2023", "2023-05", "2023-05-03", "2024-02-29"])
def test_round_trip(text: str) -> None:
    assert str(PartialDate.parse(text)) == text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2023-13-01", "month 13"),
        ("2023-02-30", "February 2023 has 28 days"),
        ("2023-00", "month 0"),
        ("May 2023", "YYYY-MM-DD"),
        ("2023-05-00", "day 00"),
        ("1700000000", "YYYY-MM-DD"),
    ],
)
def test_invalid_dates_say_why(text: str, words: str) -> None:
    with pytest.raises(PydanticCustomError) as info:
        PartialDate.parse(text)
    assert words in (info.value.context or {})["message"]
    assert "YYYY-MM-DD" in (info.value.context or {})["hint"]


def test_full_date_required() -> None:
    with pytest.raises(PydanticCustomError):
        PartialDate.parse("2023-05", day_required=True)


def test_partial_dates_are_only_out_of_order_when_certainly_so() -> None:
    year, day = PartialDate.parse("2023"), PartialDate.parse("2023-05-03")
    assert not year.certainly_after(day) and not day.certainly_after(year)
    assert PartialDate.parse("2024").certainly_after(day)
    assert PartialDate.parse("2023-06").certainly_after(day)
    assert not PartialDate.parse("2026-11").certainly_after(dt.date(2026, 11, 22))
