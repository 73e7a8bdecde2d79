"""The check of a declaration's lines and months, and its worksheet from the rules engine."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.core.crypto import lookup_hash
from ablework.core.masking import mask_certificate
from ablework.employers.models import Employer
from ablework.quota.inputs import DeclarationInput, Headcount, LineInput, month_text
from ablework.quota.models import CertificateKind, EmploymentForm
from ablework.quota.problems import FIELD_OF, Problem, ProblemCode, ProblemKind, unreadable_cell
from ablework.quota.selectors.counted_elsewhere import counted_elsewhere
from ablework.quota.selectors.holders import Holder, holders_of, not_valid_reason
from ablework.quota.selectors.results import CheckResult, LineResult, MonthResult
from ablework.registry.rulebook import rules_region
from ablework.registry.selectors.working_age import category_of
from ablework.rules.calc.service import calculate
from ablework.rules.engine.evaluation import Evaluation, Found
from ablework.rules.engine.parameters import ParameterTree
from ablework.rules.jurisdictions.cn import parameter_tree
from ablework.rules.jurisdictions.cn.counting import CountingRules
from ablework.rules.jurisdictions.cn.dispatch import attribute_dispatched_month
from ablework.rules.jurisdictions.cn.identifiers import check_resident_id
from ablework.rules.jurisdictions.cn.levy import levy_rules_date
from ablework.rules.jurisdictions.cn.retirement import month_index, statutory_retirement
from ablework.rules.jurisdictions.cn.situations.levy import Dispatch

CENT = Decimal("0.01")
# The money places of the average wage handed to the engine (col8 = col4 / col5, in 元).
AVERAGE_WAGE_PLACES = CENT


def rules_tree() -> ParameterTree:
    """The parameters the check uses: the shipped YAML files. (Where local values recorded by
    staff are merged into the tree, this is the one place to take them.)"""
    return parameter_tree()


class _Checker:
    def __init__(
        self, declaration: DeclarationInput, employer: Employer, tree: ParameterTree, today: date
    ) -> None:
        self.declaration = declaration
        self.employer = employer
        self.year = declaration.levy_year
        self.tree = tree
        self.today = today
        self.problems: list[Problem] = list(declaration.unreadable)
        ctx = levy_context(employer, tree, today, self.year)
        self.ctx = ctx
        self.rules = CountingRules.read(ctx)
        self.severe_weight = ctx.integer("levy.severe_weight")
        self.with_worksheet = True
        self.minimum_wages: dict[int, Found | None] = {}

    def add(self, entry: LineInput, code: ProblemCode, months: list[int], **values: Any) -> None:
        self.problems.append(
            Problem(
                line=entry.line,
                code=code,
                where=FIELD_OF.get(code, ""),
                months=tuple(month_text(self.year, m) for m in sorted(months)),
                values=values,
            )
        )

    def run(self) -> CheckResult:
        roster = self.declaration.roster
        hashes = {
            entry.line: lookup_hash(entry.certificate_number)
            for entry in roster
            if entry.certificate_number
        }
        holders = holders_of(set(hashes.values()), self.year)
        numbers = set(hashes.values()).union(*(holder.numbers for holder in holders.values()))
        elsewhere = counted_elsewhere(numbers, self.year, self.employer.pk)
        first_line: dict[str | int, int] = {}
        lines: list[LineResult] = []
        for entry in roster:
            digest = hashes.get(entry.line, "")
            result = LineResult(
                entry=entry,
                certificate_hash=digest,
                grade=entry.grade,
                months={
                    month: MonthResult(month, wage, month in entry.social_insurance_months)
                    for month, wage in sorted(entry.wages.items())
                },
            )
            lines.append(result)
            holder = holders.get(digest)
            # One person is one line, whichever of their numbers (before or after a
            # reassessment) the line carries.
            key: str | int = holder.person_id if holder is not None else digest
            if digest and key in first_line:
                self.add(
                    entry,
                    ProblemCode.DUPLICATE_LINE,
                    [],
                    number=mask_certificate(entry.certificate_number),
                    first=first_line[key] + self.declaration.line_shown_offset,
                )
            elif digest:
                first_line[key] = entry.line
                counted = set().union(
                    *(elsewhere.get(h, set()) for h in (holder.numbers if holder else {digest}))
                )
                self.check_line(result, holder, counted)
        errors = {p.line for p in self.problems if p.kind == ProblemKind.ERROR}
        for result in lines:
            result.has_error = result.entry.line in errors
            self.weigh(result)
        self.problems.sort(key=lambda p: p.line if p.line is not None else -1)
        return CheckResult(
            declaration=self.declaration,
            employer=self.employer,
            problems=self.problems,
            lines=lines,
            worksheet=self.worksheet(lines) if self.with_worksheet else {},
        )

    def check_line(self, result: LineResult, holder: Holder | None, elsewhere: set[int]) -> None:
        entry = result.entry
        declared = list(result.months)
        number = mask_certificate(entry.certificate_number)
        birth: tuple[str, date] | None = None
        base_age: int | None = None
        if entry.certificate_kind == CertificateKind.DISABILITY:
            if holder is None:
                self.flag(result, ProblemCode.CERTIFICATE_NOT_FOUND, declared, number=number)
                return
            by_reason: dict[str, list[int]] = defaultdict(list)
            for month in declared:
                state = holder.month(month)
                result.months[month].grade = state.grade
                if not state.valid:
                    by_reason[not_valid_reason(state)].append(month)
            if declared:  # the line's grade: the one in force in its last declared month
                result.grade = holder.month(declared[-1]).grade
            for reason, months in by_reason.items():
                self.flag(
                    result,
                    ProblemCode.CERTIFICATE_NOT_VALID_IN_MONTH,
                    months,
                    number=number,
                    reason=reason,
                )
            birth = (holder.sex, holder.birth_date)
            base_age = holder.retirement_base_age
        else:
            for detail in result.months.values():
                detail.grade = entry.grade
            if holder is None:
                self.add(entry, ProblemCode.VETERAN_UNVERIFIED, declared, number=number)
            if entry.grade is not None and entry.grade not in self.rules.eligible_grades["veteran"]:
                self.flag(
                    result, ProblemCode.VETERAN_GRADE_NOT_COUNTED, declared, grade=entry.grade
                )
            checked = check_resident_id(entry.resident_id) if entry.resident_id else None
            if checked is not None and checked.valid and checked.birth_date and checked.sex:
                birth = (checked.sex, checked.birth_date)
            elif entry.resident_id:
                self.add_unreadable(entry, "resident_id", _("公民身份号码无效（校验不通过）"))
        if holder is not None and entry.name and holder.name != entry.name:
            self.add(entry, ProblemCode.NAME_MISMATCH, declared, given=entry.name)
        if birth is not None:
            self.check_working_age(result, birth, base_age)
        self.check_wages(result)
        self.check_contract(result)
        missing = [m for m in declared if not result.months[m].insured]
        if missing:
            self.flag(result, ProblemCode.SOCIAL_INSURANCE_MISSING, missing)
        overlap = sorted(set(declared) & elsewhere)
        if overlap:
            self.flag(result, ProblemCode.COUNTED_ELSEWHERE, overlap)
        self.check_dispatch(result)

    def flag(self, result: LineResult, code: ProblemCode, months: list[int], **values: Any) -> None:
        """A problem on these months of the line, remembered on each month."""
        if not months:
            return
        self.add(result.entry, code, months, **values)
        for month in months:
            result.months[month].codes.append(code)

    def add_unreadable(self, entry: LineInput, key: str, reason: str) -> None:
        cell = f"roster[{entry.line}].{key}"
        self.problems.append(unreadable_cell(entry.line, where=key, cell=cell, reason=reason))

    def check_working_age(
        self, result: LineResult, birth: tuple[str, date], base_age: int | None
    ) -> None:
        sex, born = category_of(birth[0], base_age)
        birth_month = f"{birth[1]:%Y-%m}"
        retirement = statutory_retirement(self.ctx, sex, birth_month, born, "retirement_base_age")
        end = retirement.month_index + (1 if self.rules.count_retirement_month else 0)
        first = month_index(birth[1].year, birth[1].month) + self.rules.minimum_age_years * 12
        young = [m for m in result.months if month_index(self.year, m) < first]
        old = [m for m in result.months if month_index(self.year, m) >= end]
        if young:
            self.flag(
                result,
                ProblemCode.NOT_WORKING_AGE_IN_MONTH,
                young,
                reason=_("未满%(age)s周岁") % {"age": self.rules.minimum_age_years},
            )
        if old:
            self.flag(
                result,
                ProblemCode.NOT_WORKING_AGE_IN_MONTH,
                old,
                reason=_("自 %(month)s 起已达法定退休年龄") % {"month": retirement.month},
            )

    def check_wages(self, result: LineResult) -> None:
        below: dict[Decimal, list[int]] = defaultdict(list)
        unknown: list[int] = []
        for month, detail in result.months.items():
            found = self.minimum_wage(month)
            if found is None or found.value is None:
                unknown.append(month)
            elif detail.wage < found.value:
                below[found.value].append(month)
        for minimum, months in below.items():
            self.flag(result, ProblemCode.WAGE_BELOW_MINIMUM, months, minimum=minimum)
        if unknown:
            self.add(result.entry, ProblemCode.MINIMUM_WAGE_UNKNOWN, unknown)

    def minimum_wage(self, month: int) -> Found | None:
        """The minimum wage in force in a month of the year. It is the same for every line, and
        each lookup reads the local values, so it is looked up once a month per check (a lookup
        per line and month was half the time of a 2,000-line check: docs/benchmarks.md)."""
        if month not in self.minimum_wages:
            on = date(self.year, month, 1)
            self.minimum_wages[month] = self.ctx.find("wages.minimum_wage_monthly", on=on)
        return self.minimum_wages[month]

    def check_contract(self, result: LineResult) -> None:
        entry = result.entry
        if entry.employment_form == EmploymentForm.ESTABLISHED:
            return
        if entry.contract_start is None:
            if not any(p.line == entry.line and p.where == "contract_start" for p in self.problems):
                self.add_unreadable(entry, "contract_start", _("非在编人员须填写合同起始日期"))
            return
        if entry.contract_end is None:  # 无固定期限
            return
        if entry.contract_end < _one_year_after(entry.contract_start):
            self.flag(
                result,
                ProblemCode.CONTRACT_UNDER_ONE_YEAR,
                list(result.months),
                start=entry.contract_start.isoformat(),
                end=entry.contract_end.isoformat(),
            )

    def check_dispatch(self, result: LineResult) -> None:
        entry = result.entry
        if entry.employment_form != EmploymentForm.DISPATCHED:
            return
        assigns = entry.dispatch.agreement_assigns_to if entry.dispatch else None
        dispatched = Dispatch.model_validate({"agreement_assigns_to": assigns})
        months = [
            m
            for m, detail in result.months.items()
            if not attribute_dispatched_month(
                self.rules.dispatch_rule, dispatched, detail.insured
            ).counts_here
        ]
        self.flag(result, ProblemCode.DISPATCH_AGREEMENT_MISSING, months)

    def weigh(self, result: LineResult) -> None:
        """Each counted month's weight from the grade in force that month (rules.md R3.4)."""
        if result.has_error:
            return
        severe = self.rules.severe_grades[result.entry.certificate_kind]
        for detail in result.months.values():
            if detail.grade is None:
                continue
            if not any(code.kind == ProblemKind.NOT_COUNTED for code in detail.codes):
                detail.weight = self.severe_weight if detail.grade in severe else 1

    def worksheet(self, lines: list[LineResult]) -> dict[str, Any]:
        return levy_worksheet(
            declaration=self.declaration,
            employer=self.employer,
            employees=employees_of(lines, self.year),
            tree=self.tree,
            today=self.today,
        )


def levy_context(employer: Employer, tree: ParameterTree, today: date, year: int) -> Evaluation:
    """The parameters of the employer's place on the date selecting the levy rules of the year
    (the counting rules and the severe weight the check reads)."""
    ctx = Evaluation(tree, rules_region(employer.county_code), today)
    _, ctx.on = levy_rules_date(ctx, today, year)
    return ctx


def average_wage(declaration: DeclarationInput) -> Decimal:
    """col8 = col4 / col5: the declared wage total over the declared average headcount."""
    return average_wage_of(declaration.wage_total, declaration.headcount)


def average_wage_of(wage_total: Decimal, headcount: Headcount) -> Decimal:
    """col8 = col4 / col5 to the fen (zero when the headcount is zero); the season assessment
    (levy) hands the engine the same figure."""
    average = headcount.average()
    return (wage_total / average if average else Decimal(0)).quantize(
        AVERAGE_WAGE_PLACES, ROUND_HALF_UP
    )


def employees_of(lines: list[LineResult], year: int) -> list[dict[str, Any]]:
    """The engine's `disabled_employees`: each line's counted months, with the grade of each."""
    employees = []
    for result in lines:
        counted = [m for m in result.months.values() if m.counted]
        if not counted or result.grade is None:
            continue
        employee: dict[str, Any] = {
            "certificate": result.entry.certificate_kind,
            "grade": result.grade,
            "months": [
                {
                    "month": month_text(year, m.month),
                    "grade": m.grade,
                    "social_insurance_paid": m.insured,
                }
                for m in counted
            ],
        }
        if result.entry.employment_form == EmploymentForm.DISPATCHED and result.entry.dispatch:
            employee["dispatched"] = {
                "agreement_assigns_to": result.entry.dispatch.agreement_assigns_to
            }
        employees.append(employee)
    return employees


def levy_worksheet(
    *,
    declaration: DeclarationInput,
    employer: Employer,
    employees: list[dict[str, Any]],
    tree: ParameterTree,
    today: date,
) -> dict[str, Any]:
    """The rules engine's levy result with its trace (or its `error`) for the declaration's
    headcount and wage total and these counted employees."""
    situation = {
        "rule": "levy",
        "jurisdiction": employer.county_code,
        "levy_year": declaration.levy_year,
        "assessed_on": today.isoformat(),
        "employer_kind": employer.kind,
        "headcount": declaration.headcount.to_json(),
        "average_wage": format(average_wage(declaration), "f"),
        "disabled_employees": employees,
    }
    levy = calculate(situation, tree=tree, today=today)
    assert isinstance(levy, dict)
    return levy


def _one_year_after(start: date) -> date:
    """The day one year after `start` less one day: a term reaching it lasts one year."""
    try:
        anniversary = start.replace(year=start.year + 1)
    except ValueError:  # 29 February
        anniversary = start.replace(year=start.year + 1, day=28)
    return date.fromordinal(anniversary.toordinal() - 1)


def check_declaration(
    *,
    declaration: DeclarationInput,
    employer: Employer,
    tree: ParameterTree | None = None,
    today: date | None = None,
    worksheet: bool = True,
) -> CheckResult:
    """Check every line and month of a declaration for the employer; nothing is written.
    Without `worksheet` (a draft whose headcount or wage total is not entered yet) the rules
    engine is not asked, and the result's worksheet is empty."""
    checker = _Checker(declaration, employer, tree or rules_tree(), today or timezone.localdate())
    checker.with_worksheet = worksheet
    return checker.run()
