"""Field types shared by the situations: JSON-string decimals, ISO dates, `YYYY-MM` months."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator, ConfigDict, StringConstraints
from pydantic_core import PydanticCustomError

DECIMAL_PATTERN = re.compile(r"^-?\d+(\.\d+)?$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"  # `YYYY-MM`
STRICT = ConfigDict(extra="forbid", frozen=True)


def _decimal_from_json(value: object) -> Decimal:
    """Amounts and headcounts are JSON strings holding decimals; integers pass, floats do not."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise PydanticCustomError(
            "decimal_string", 'must be a JSON string holding a decimal, e.g. "40000.00"'
        )
    text = str(value).strip()
    if not DECIMAL_PATTERN.match(text):
        raise PydanticCustomError("decimal_string", '"{value}" is not a decimal', {"value": value})
    return Decimal(text)


def _date_from_json(value: object) -> date:
    """Dates are ISO strings `YYYY-MM-DD`."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not DATE_PATTERN.match(value):
        raise PydanticCustomError("iso_date", 'must be an ISO date string "YYYY-MM-DD"')
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "iso_date", '"{value}" is not a valid date', {"value": value}
        ) from None


DecimalString = Annotated[Decimal, BeforeValidator(_decimal_from_json)]
IsoDate = Annotated[date, BeforeValidator(_date_from_json)]
Month = Annotated[str, StringConstraints(pattern=MONTH_PATTERN)]


def month_parts(month: str) -> tuple[int, int]:
    """`2024-07` → (2024, 7)."""
    year, number = month.split("-")
    return int(year), int(number)
