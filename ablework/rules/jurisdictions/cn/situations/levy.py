"""The `levy` situation: one employer, one levy year (费款所属期)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, StrictBool, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from ablework.rules.jurisdictions.cn.situations.fields import (
    STRICT,
    DecimalString,
    IsoDate,
    Month,
)

EmployerKind = Literal[
    "enterprise", "organ", "institution", "social_group", "private_non_enterprise"
]
DispatchRule = Literal["both", "disabled_only", "social_insurance_payer"]


class MonthDetail(BaseModel):
    """One month of employment with its conditions; an absent condition counts as met."""

    model_config = STRICT
    month: Month
    grade: StrictInt | None = None
    wage: DecimalString | None = None
    social_insurance_paid: StrictBool | None = None
    contract_at_least_one_year: StrictBool | None = None


def _month_entry(value: object) -> object:
    """A bare `"2024-07"` is a month with every condition met."""
    return {"month": value} if isinstance(value, str) else value


MonthEntry = Annotated[MonthDetail, BeforeValidator(_month_entry)]


class Dispatch(BaseModel):
    """A worker from a labour-dispatch agency, evaluated at the host unit."""

    model_config = STRICT
    agreement_assigns_to: Literal["host", "agency"] | None = None


class DisabledEmployee(BaseModel):
    """A disabled employee and the months of the levy year employed."""

    model_config = STRICT
    certificate: Literal["disability", "veteran"]
    grade: StrictInt
    category: StrictInt | None = None
    sex: Literal["male", "female"] | None = None
    birth_month: Month | None = None
    retirement_base_age: StrictInt | None = None
    months: list[MonthEntry]
    dispatched: Dispatch | None = None


class Headcount(BaseModel):
    """在职职工: twelve monthly counts, or the annual average."""

    model_config = STRICT
    monthly: list[StrictInt] | None = None
    annual_average: DecimalString | None = None

    @model_validator(mode="after")
    def exactly_one(self) -> Headcount:
        """Either `monthly` or `annual_average`, not both and not neither."""
        if (self.monthly is None) == (self.annual_average is None):
            raise PydanticCustomError(
                "headcount_choice", "give either `monthly` (12 counts) or `annual_average`"
            )
        return self


class LevyOverrides(BaseModel):
    """What-if parameter overrides for this situation only."""

    model_config = STRICT
    ratio: DecimalString | None = None
    annual_average_rounding: Literal["none", "integer_half_up"] | None = None
    required_rounding_places: StrictInt | None = None
    dispatch_rule: DispatchRule | None = None


class LevySituation(BaseModel):
    """残疾人就业保障金 and over-quota reward for one employer and one year."""

    model_config = STRICT
    rule: Literal["levy"]
    jurisdiction: str
    levy_year: StrictInt
    assessed_on: IsoDate
    employer_kind: EmployerKind
    headcount: Headcount
    average_wage: DecimalString
    social_average_wage: DecimalString | None = None
    minimum_wage_monthly: DecimalString | None = None
    disabled_employees: list[DisabledEmployee] = []
    overrides: LevyOverrides | None = None
