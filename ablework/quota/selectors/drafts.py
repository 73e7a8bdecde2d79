"""Reading a stored declaration back: as the contract's input (so a draft, or a returned
declaration, is checked, shown and submitted from what is stored), what it still lacks, and an
employer's declarations by year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from ablework.employers.models import Employer
from ablework.quota.inputs import DeclarationInput, DispatchInput, Headcount, LineInput
from ablework.quota.models import (
    CertificateKind,
    Declaration,
    EmploymentForm,
    LineMonth,
    RosterLine,
)
from ablework.quota.selectors.checker import check_declaration
from ablework.quota.selectors.results import CheckResult
from ablework.rules.engine.parameters import ParameterTree

HEADCOUNT = "headcount"
WAGE_TOTAL = "wage_total"


def with_roster(rows: QuerySet[Declaration]) -> QuerySet[Declaration]:
    """Declarations with their lines and months, in roster and month order (two more queries)."""
    return rows.select_related("employer").prefetch_related(
        Prefetch("lines", queryset=RosterLine.objects.order_by("line")),
        Prefetch("lines__months", queryset=LineMonth.objects.order_by("month")),
    )


def facts_missing(row: Declaration) -> list[str]:
    """Which of the declaration's figures are not entered yet: `headcount`, `wage_total`."""
    missing = []
    if row.headcount_monthly is None and row.headcount_annual_average is None:
        missing.append(HEADCOUNT)
    if row.wage_total is None:
        missing.append(WAGE_TOTAL)
    return missing


def stored_headcount(row: Declaration) -> Headcount | None:
    return headcount_of(row.headcount_monthly, row.headcount_annual_average)


def headcount_of(monthly: list[int] | None, annual_average: Decimal | None) -> Headcount | None:
    """The headcount of the stored columns (twelve monthly counts, or the annual average), as
    the check reads it; also for readers of the columns alone (the season assessment)."""
    if monthly is not None:
        return Headcount(monthly=tuple(int(n) for n in monthly))
    if annual_average is not None:
        return Headcount(annual_average=annual_average)
    return None


def declaration_input(row: Declaration) -> DeclarationInput:
    """The stored declaration as the contract's input. Figures not entered yet read as zero
    (`facts_missing` says which); the lines are read from the row's prefetched roster when it
    has one (`with_roster`), else in two queries."""
    return DeclarationInput(
        employer=row.employer.uscc,
        levy_year=row.levy_year,
        headcount=stored_headcount(row) or Headcount(annual_average=Decimal(0)),
        wage_total=row.wage_total if row.wage_total is not None else Decimal(0),
        roster=tuple(line_input(line) for line in row.lines.all()),
    )


def line_input(line: RosterLine) -> LineInput:
    """One stored roster line as input: its declared months and wages, insured months, and
    (a 残疾军人证's) the grade declared; a 残疾人证's grade is the registry's, not an input."""
    months = list(line.months.all())
    dispatched = line.employment_form == EmploymentForm.DISPATCHED
    return LineInput(
        line=line.line,
        certificate_kind=line.certificate_kind,
        certificate_number=line.certificate_number,
        name=line.name,
        grade=line.grade if line.certificate_kind == CertificateKind.VETERAN else None,
        resident_id=line.resident_id,
        employment_form=line.employment_form,
        contract_start=line.contract_start,
        contract_end=line.contract_end,
        post=line.post,
        wages={month.month: month.wage for month in months},
        social_insurance_months=frozenset(m.month for m in months if m.social_insurance_paid),
        dispatch=DispatchInput(
            agency=line.dispatch_agency, agreement_assigns_to=line.dispatch_assigns_to or None
        )
        if dispatched
        else None,
    )


def check_stored(
    row: Declaration, *, today: date | None = None, tree: ParameterTree | None = None
) -> CheckResult:
    """The check of the stored declaration as it is now (nothing is written). While its
    headcount or wage total is missing, the worksheet is empty."""
    return check_declaration(
        declaration=declaration_input(row),
        employer=row.employer,
        today=today,
        tree=tree,
        worksheet=not facts_missing(row),
    )


def declarations_of(employer: Employer) -> QuerySet[Declaration]:
    """The employer's declarations, the newest levy year first (a rejected one after the
    year's open one)."""
    return Declaration.objects.filter(employer=employer).order_by("-levy_year", "-created_at")
