"""Statutory retirement age and month under the 2025 gradual reform (渐进式延迟法定退休年龄).

Source: 全国人大常委会关于实施渐进式延迟法定退休年龄的决定 and the annexed 国务院办法, from
2025-01-01 [V]: men and women with an original age of 55 retire one month later every four months
of birth, up to 63 and 58; women with an original age of 50 one month later every two months, up
to 55. The schedule's numbers are parameters under `retirement/<category>/`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ablework.rules.engine.errors import InvalidInput
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.formulas import FormulaFamily, formula
from ablework.rules.engine.text import Text
from ablework.rules.jurisdictions.cn.situations.fields import month_parts

Sex = Literal["male", "female"]
# The reform's categories are named by the law by sex and original statutory age.
CATEGORIES: dict[tuple[Sex, int], str] = {
    ("male", 60): "men_60",
    ("female", 55): "women_55",
    ("female", 50): "women_50",
}


@dataclass(frozen=True)
class Retirement:
    """Statutory retirement age (years, months) and the month it is reached."""

    age_months: int
    month_index: int

    @property
    def years(self) -> int:
        """Whole years of the retirement age."""
        return self.age_months // 12

    @property
    def months(self) -> int:
        """Months beyond the whole years."""
        return self.age_months % 12

    @property
    def month(self) -> str:
        """The retirement month as `YYYY-MM`."""
        return month_text(self.month_index)


def month_index(year: int, month: int) -> int:
    """A month as a running index (year × 12 + month − 1)."""
    return year * 12 + month - 1


def month_text(index: int) -> str:
    """A running month index (see `month_index`) as `YYYY-MM`."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def category_for(sex: Sex, base_age: int | None, field: str) -> tuple[str, int]:
    """The reform category of a person; men default to 60, women must state 50 or 55."""
    if base_age is None and sex == "male":
        base_age = next(age for (s, age) in CATEGORIES if s == "male")
    allowed = sorted(age for (s, age) in CATEGORIES if s == sex)
    if base_age is None or (sex, base_age) not in CATEGORIES:
        raise InvalidInput(
            field,
            Text(
                zh=f"原法定退休年龄应为 {'、'.join(map(str, allowed))} 之一"
                "（女职工按岗位为50或55）",
                en=f"the original statutory retirement age must be one of {allowed} "
                f"(women: 50 or 55 by post)",
            ),
        )
    return CATEGORIES[(sex, base_age)], base_age


RetirementAgeFormula = Callable[[Evaluation, str, int, int, date], int]

retirement_age: FormulaFamily[RetirementAgeFormula] = FormulaFamily(
    "retirement.statutory_age", Text("法定退休年龄", "statutory retirement age")
)


@formula(retirement_age, since=date(1978, 6, 2), until=date(2024, 12, 31))
def original_statutory_age(
    ctx: Evaluation, category: str, base_age: int, birth_index: int, reached_on: date
) -> int:
    """Reached before 2025: the original statutory age (国发〔1978〕104号 [K])."""
    return base_age * 12


@formula(retirement_age, since=date(2025, 1, 1))
def gradually_delayed_age(
    ctx: Evaluation, category: str, base_age: int, birth_index: int, reached_on: date
) -> int:
    """One month later per `step_months` of birth from the first cohort, to a maximum (退休决定)."""
    prefix = f"retirement.{category}"
    first_cohort = ctx.code(f"{prefix}.first_delayed_birth_month", on=reached_on)
    step = ctx.integer(f"{prefix}.step_months", on=reached_on)
    maximum = ctx.integer(f"{prefix}.maximum_delay_months", on=reached_on)
    cohort_offset = birth_index - month_index(*month_parts(first_cohort))
    delay = 0 if cohort_offset < 0 else min(maximum, cohort_offset // step + 1)
    return base_age * 12 + delay


def statutory_retirement(
    ctx: Evaluation, sex: Sex, birth_month: str, base_age: int | None, field: str
) -> Retirement:
    """Statutory retirement age and month, by the version in force when the original age is met."""
    category, base = category_for(sex, base_age, field)
    birth_index = month_index(*month_parts(birth_month))
    reached_index = birth_index + base * 12
    reached_on = date(reached_index // 12, reached_index % 12 + 1, 1)
    version = retirement_age.at(reached_on, field)
    age_months = version(ctx, category, base, birth_index, reached_on)
    return Retirement(age_months, birth_index + age_months)
