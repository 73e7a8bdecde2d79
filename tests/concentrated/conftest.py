"""Units of concentrated employment with a declared roster, built as quota's submission stores
it: the declaration's monthly staff, and each roster line's months counted or not with the
quota check's problem codes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from ablework.concentrated.models import ConcentratedUnit, MonthlyVat
from ablework.employers.models import Employer
from ablework.quota.folding import refold
from ablework.quota.models import Declaration, LineMonth, RosterLine
from tests.employers.factories import EmployerFactory

YEAR = 2023  # 任城区's minimum wage is 1,900 元 until 2023-09-30, unknown from 2023-10-01


def unit(
    *,
    staff: int | list[int] = 40,
    disabled: int = 10,
    unit_type: str = "ordinary",
    county: str = "370811",
    not_counted: Mapping[int, Iterable[str]] | None = None,
    recognised_from: date = date(2020, 1, 1),
    status: str = "certified",
    employer: Employer | None = None,
) -> ConcentratedUnit:
    """A unit whose YEAR declaration has `staff` every month (or per month) and `disabled` lines
    counted all year; `not_counted` {line index: problem codes} makes that line's months 1–3 not
    counted with those codes."""
    employer = employer or EmployerFactory(county_code=county)
    monthly = staff if isinstance(staff, list) else [staff] * 12
    declaration = Declaration.objects.create(
        employer=employer,
        levy_year=YEAR,
        status=status,
        headcount_monthly=monthly,
        wage_total=Decimal("2400000.00"),
        rules_trace={"levy_due": "0.00", "reward": None},
    )
    for index in range(disabled):
        line = RosterLine.objects.create(
            declaration=declaration,
            line=index,
            certificate_kind="disability",
            certificate_number=f"37081119800101{index:04d}11",
            name=f"职工{index}",
            employment_form="labour_contract",
        )
        codes = list((not_counted or {}).get(index, ()))
        LineMonth.objects.bulk_create(
            LineMonth(
                roster_line=line,
                month=month,
                wage=Decimal("3000.00"),
                social_insurance_paid=True,
                counted=not (codes and month <= 3),
                weight=0 if codes and month <= 3 else 1,
                problem_codes=codes if month <= 3 else [],
            )
            for month in range(1, 13)
        )
        refold(RosterLine.objects.filter(pk=line.pk))
    return ConcentratedUnit.objects.create(
        employer=employer, unit_type=unit_type, recognised_from=recognised_from
    )


def vat(row: ConcentratedUnit, amounts: Mapping[int, str], year: int = YEAR) -> None:
    for month, amount in amounts.items():
        MonthlyVat.objects.create(unit=row, year=year, month=month, vat_paid=Decimal(amount))
