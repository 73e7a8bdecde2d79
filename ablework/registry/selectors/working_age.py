"""The working-age population (就业年龄段) as birth-date bounds, so that it is a SQL filter.

A person is of working age on a day when they have reached the minimum working age (劳动法
Art. 15, the rules parameter `working_age.minimum_age_years`) and the month in which they reach
the statutory retirement age (2025 reform, `rules.jurisdictions.cn.retirement`) has not begun:
the retirement month itself is excluded. Because the retirement month grows with the birth month
within each reform category, "not yet retired in month M" is "born in or after month B" for one
B per category, found here by asking the rules engine and never by our own arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.db.models import Q

from ablework.registry.models import Sex
from ablework.registry.rulebook import rules_evaluation
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.jurisdictions.cn.retirement import Sex as RulesSex
from ablework.rules.jurisdictions.cn.retirement import month_index, statutory_retirement

# The reform's categories by sex and original statutory age. Men are always in the 60 category;
# a woman whose original age is not recorded is counted in the 55 category, so that nobody whose
# post is unknown drops out of the working-age population before the later of the two ages.
Category = tuple[RulesSex, int]
MEN_60: Category = ("male", 60)
WOMEN_55: Category = ("female", 55)
WOMEN_50: Category = ("female", 50)
CATEGORIES = (MEN_60, WOMEN_55, WOMEN_50)


def category_of(sex: str, retirement_base_age: int | None) -> Category:
    """The reform category a person is counted in (see above for unrecorded original ages)."""
    if sex == Sex.MALE:
        return MEN_60
    return WOMEN_50 if retirement_base_age == 50 else WOMEN_55


@dataclass(frozen=True)
class WorkingAgeBounds:
    """Birth dates of working-age persons on `on`: not after `born_by`, and not before the first
    day of the first birth month still short of retirement, per category."""

    on: date
    born_by: date
    born_from: dict[Category, date]


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def working_age_bounds(*, on: date, jurisdiction: str = "") -> WorkingAgeBounds:
    """The birth-date bounds of the working-age population on `on` under the rules in force."""
    minimum_age, born_from = _bounds_for_month(on.year, on.month, jurisdiction)
    return WorkingAgeBounds(on=on, born_by=years_before(on, minimum_age), born_from=born_from)


@lru_cache(maxsize=64)
def _bounds_for_month(year: int, month: int, jurisdiction: str) -> tuple[int, dict[Category, date]]:
    ctx = rules_evaluation(jurisdiction=jurisdiction, on=date(year, month, 1))
    minimum_age = ctx.integer("working_age.minimum_age_years")
    current = month_index(year, month)
    born_from = {
        category: _month_start(_first_birth_month_not_retired(ctx, *category, current))
        for category in CATEGORIES
    }
    return minimum_age, born_from


def _retirement_month(ctx: Evaluation, sex: RulesSex, base_age: int, birth: int) -> int:
    birth_month = f"{birth // 12:04d}-{birth % 12 + 1:02d}"
    return statutory_retirement(ctx, sex, birth_month, base_age, "retirement_base_age").month_index


def _first_birth_month_not_retired(
    ctx: Evaluation, sex: RulesSex, base_age: int, current: int
) -> int:
    """The earliest birth month whose retirement month is after `current` (binary search: the
    retirement month strictly grows with the birth month)."""
    high = current - base_age * 12 + 1  # retires at base age or later, so after `current`
    low = high - 120
    while _retirement_month(ctx, sex, base_age, low) > current:
        low -= 120
    while high - low > 1:  # invariant: `low` has retired by `current`, `high` has not
        middle = (low + high) // 2
        if _retirement_month(ctx, sex, base_age, middle) > current:
            high = middle
        else:
            low = middle
    return high


def _month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def working_age_q(bounds: WorkingAgeBounds) -> Q:
    """A filter keeping persons of working age within `bounds` (uses sex, birth date and the
    original statutory retirement age only)."""
    men = Q(sex=Sex.MALE, birth_date__gte=bounds.born_from[MEN_60])
    women_50 = Q(sex=Sex.FEMALE, retirement_base_age=50, birth_date__gte=bounds.born_from[WOMEN_50])
    women_55 = Q(sex=Sex.FEMALE, birth_date__gte=bounds.born_from[WOMEN_55]) & ~Q(
        retirement_base_age=50
    )
    return Q(birth_date__lte=bounds.born_by) & (men | women_50 | women_55)


def age_band_q(*, on: date, youngest: int, oldest: int | None) -> Q:
    """Persons aged `youngest`…`oldest` full years on `on` (no upper limit if `oldest` is None)."""
    condition = Q(birth_date__lte=years_before(on, youngest))
    if oldest is not None:
        condition &= Q(birth_date__gt=years_before(on, oldest + 1))
    return condition
