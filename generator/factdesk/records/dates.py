"""Dates as fact-checkers know them: often only the year or the month is certain.

`PartialDate` holds YYYY, YYYY-MM or YYYY-MM-DD. Two partial dates are "out of order" only
when one is certainly after the other, so `2023` is not before `2023-05-03`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

_SHAPE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int = 0
    day: int = 0

    def __str__(self) -> str:
        if not self.month:
            return f"{self.year:04d}"
        if not self.day:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def is_day(self) -> bool:
        return bool(self.day)

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def certainly_after(self, other: PartialDate | dt.date) -> bool:
        other_latest = other.latest() if isinstance(other, PartialDate) else other
        return self.earliest() > other_latest

    @classmethod
    def parse(cls, value: Any, *, day_required: bool = False) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        want = "YYYY-MM-DD" if day_required else "YYYY-MM-DD, YYYY-MM or YYYY"
        if not isinstance(value, str):
            raise _date_error(f"expected a date as {want}, found {_kind(value)}", want)
        match = _SHAPE.fullmatch(value.strip())
        if not match:
            raise _date_error(f"expected a date as {want}, found '{value}'", want)
        year, month, day = (int(g) if g else 0 for g in match.groups())
        if match.group(2) is not None and not 1 <= month <= 12:
            raise _date_error(f"'{value}' has month {month}; months run from 01 to 12", want)
        if day and day > calendar.monthrange(year, month)[1]:
            last = calendar.monthrange(year, month)[1]
            raise _date_error(
                f"'{value}' has day {day}, but {calendar.month_name[month]} {year} has {last} days",
                want,
            )
        if match.group(3) is not None and day == 0:
            raise _date_error(f"'{value}' has day 00", want)
        if day_required and not day:
            raise _date_error(f"'{value}' is not a full date; this field needs {want}", want)
        return cls(year, month, day)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "pattern": DATE_PATTERN, "examples": ["2023-11-30", "2023"]}


class Day(PartialDate):
    """A full calendar date (the day is known)."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        def parse_day(value: Any) -> PartialDate:
            return PartialDate.parse(value, day_required=True)

        return core_schema.no_info_plain_validator_function(
            parse_day, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "format": "date", "pattern": DAY_PATTERN}


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing" if value is None else type(value).__name__


def _date_error(message: str, want: str) -> PydanticCustomError:
    return PydanticCustomError(
        "FD015",
        "{message}",
        {"message": message, "hint": f"write the date as {want}, e.g. 2023-11-30"},
    )
