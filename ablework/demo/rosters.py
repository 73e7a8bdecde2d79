"""How the demo declares (按比例就业申报): registry persons as roster lines (`Employee`,
`roster_of`), an employer's figures for the year, a declaration submitted or certified as a
user would (`submit_as`, `certify_as`), and the working-age certificate holders to employ, each
once (`HolderPool`). The demo's declarations (ablework/demo/declarations.py) and the other
demo modules that declare (concentrated employment, organs, rewards, the review's risk) are
made with these, all assessed on ASSESSED_ON.

Deterministic: fixed wages and dates, persons in primary-key order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ablework.accounts.models import User
from ablework.demo.seeding import working_age_holders
from ablework.employers.models import Employer
from ablework.quota.inputs import DeclarationInput, DispatchInput, Headcount, LineInput
from ablework.quota.models import Declaration, EmploymentForm
from ablework.quota.services import submit_declaration
from ablework.quota.services.review import certify_declaration
from ablework.registry.models import Person

# The day the demo's declarations are checked and assessed on (the 2025 declaration season of
# 鲁财税〔2026〕8号 runs 1 August–30 November 2026): their stored worksheets are worked out on it.
ASSESSED_ON = date(2026, 12, 1)
ALL_YEAR = tuple(range(1, 13))
POSTS = ("质检员", "包装工", "仓库管理员", "客服专员", "会计", "缝纫工", "收银员", "数据录入员")


@dataclass(frozen=True)
class Employee:
    """A registry person as a roster line: who, and how employed."""

    person: Person
    months: tuple[int, ...] = ALL_YEAR
    wage: Decimal = Decimal("4200.00")
    insured: tuple[int, ...] | None = None  # None: every declared month
    form: str = EmploymentForm.LABOUR_CONTRACT
    contract: tuple[date, date | None] = (date(2022, 3, 1), None)
    low_wage_months: tuple[int, ...] = ()  # months paid LOW_WAGE instead of `wage`
    dispatch: DispatchInput | None = None


LOW_WAGE = Decimal("1800.00")  # under the 1,900 元 of 任城区/微山县 until 2023-09-30


def roster_of(employees: Iterable[Employee]) -> tuple[LineInput, ...]:
    lines = []
    for index, item in enumerate(employees):
        person = item.person
        lines.append(
            LineInput(
                line=index,
                certificate_number=person.certificate_number,
                name=person.name,
                employment_form=item.form,
                contract_start=item.contract[0],
                contract_end=item.contract[1],
                post=POSTS[(person.pk + index) % len(POSTS)],
                wages={
                    m: LOW_WAGE if m in item.low_wage_months else item.wage for m in item.months
                },
                social_insurance_months=frozenset(
                    item.months if item.insured is None else item.insured
                ),
                dispatch=item.dispatch,
            )
        )
    return tuple(lines)


def employer_facts(employer: Employer) -> tuple[Headcount, Decimal]:
    """Twelve monthly headcounts around the employer's staff size, and a wage total of about
    62,000 元 a head (济宁's enterprises pay less than the province's average)."""
    base = max(employer.staff_count, 5)
    monthly = tuple(base + (m % 3) - 1 + (1 if m > 6 else 0) for m in ALL_YEAR)
    wage_total = (Decimal(sum(monthly)) / 12 * Decimal("62000")).quantize(Decimal("0.01"))
    return Headcount(monthly=monthly), wage_total


def declaration_of(
    employer: Employer, year: int, employees: Iterable[Employee]
) -> DeclarationInput:
    headcount, wage_total = employer_facts(employer)
    return DeclarationInput(
        employer=employer.uscc,
        levy_year=year,
        headcount=headcount,
        wage_total=wage_total,
        roster=roster_of(employees),
    )


def submit_as(actor: User, employer: Employer, year: int, employees: list[Employee]) -> Declaration:
    row, _ = submit_declaration(
        actor=actor, declaration=declaration_of(employer, year, employees), today=ASSESSED_ON
    )
    return row


def certify_as(reviewer: User, row: Declaration) -> Declaration:
    return certify_declaration(actor=reviewer, declaration_id=row.pk, version=row.version)


class HolderPool:
    """Working-age certificate holders of 济宁 to employ, each once: a county's own first (in
    primary-key order), then those of the other counties (people commute); only of `grades`
    when given (a grade 3 or 4 holder counts once). One query each."""

    def __init__(self, exclude: set[int], *, grades: tuple[int, ...] = ()) -> None:
        self.used = set(exclude)
        self.grades = grades

    def take(self, county: str) -> Person:
        rows = working_age_holders().exclude(pk__in=self.used).order_by("pk")
        if self.grades:
            rows = rows.filter(disability_grade__in=self.grades)
        found = rows.filter(county_code=county).first() or rows.first()
        if found is None:
            raise ValueError("The demo data has too few persons for its declarations.")
        self.used.add(found.pk)
        return found
