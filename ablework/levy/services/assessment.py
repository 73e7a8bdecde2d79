"""The season assessment (征收核定): every employer of a region and year in one set-based pass
through the rules engine's batch path, written at once in place of the region's earlier rows.

What is assessed (docs/levy.md):

- employers with a **certified** declaration of the year: its headcount and wage total, and D
  from the months counted at certification, less any month another employer's filed declaration
  also counts (`selectors/frames.py`);
- once the jurisdiction's deadline (`levy.certification_deadline`, a local parameter) has passed,
  every other employer of the region is **deemed to have placed nobody** (D = 0, rules.md R2.9):
  with the headcount and wage total of its own declaration of the year when it filed one that was
  not certified, otherwise with no figures at all (`problem = no_figures`: the tax bureau takes
  them from the employer's own levy declaration; nothing is invented here);
- before the deadline, or where none is recorded, those employers are not assessed, and the run
  says how many they are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import polars as pl
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.audit import record_audit
from ablework.core.bulk import insert_rows
from ablework.core.errors import Invalid, NotFound
from ablework.core.models import AuditKind, Region
from ablework.employers.models import Employer
from ablework.jobs.progress import Progress
from ablework.levy.audit_actions import LevyAction
from ablework.levy.deadlines import Deadline, season_deadline
from ablework.levy.models import Assessment, AssessmentBasis, AssessmentRun
from ablework.levy.selectors.frames import (
    Declared,
    certified_declarations,
    counted_months,
    declared_of,
    filed_months,
    persons_of_year,
    region_employers_q,
)
from ablework.quota.models import Declaration, DeclarationStatus
from ablework.registry.rulebook import rules_region
from ablework.rules.batch import compute_levy_batch
from ablework.rules.batch.frames import HEADCOUNT_SCALE
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.parameters import ParameterTree
from ablework.rules.jurisdictions.cn import parameter_tree
from ablework.rules.jurisdictions.cn.counting import CountingRules

if TYPE_CHECKING:
    from ablework.accounts.models import User

NO_FIGURES = "no_figures"
WRITE_CHUNK = 5_000
# Progress: reading and computing are the first STAGES steps of STEPS; writing the rows the rest.
STAGES = 5
STEPS = 10
FOUR = Decimal("0.0001")
CENT = Decimal("0.01")


@dataclass
class _Unit:
    """One employer to assess: its place and kind, and the figures to assess it with."""

    employer_id: int
    county_code: str
    kind: str
    basis: str
    declared: Declared | None


@dataclass
class Outcome:
    """What a run found, for its summary."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    not_assessed: int = 0
    double_counted: int = 0
    deadlines: dict[str, Deadline] = field(default_factory=dict)


def region_prefix_of(region_code: str) -> tuple[str, str]:
    """(the six-digit code, the prefix of the codes inside it) of a province, city or county; an
    empty code is the whole country."""
    if not region_code:
        return "", ""
    region = Region.objects.filter(code=region_code.strip()).first()
    if region is None or len(region.code) != 6:
        raise Invalid(
            _("区划代码“%(code)s”不是省、市或县级区划代码（例如 370800）。")
            % {"code": region_code},
            field="region",
        )
    return region.code, region.scope_prefix


def check_may_assess(actor: User | None, region_code: str) -> None:
    """The actor may assess the region: the permission, and the region inside theirs (404)."""
    if actor is None:
        return
    require_permission(actor, Permission.LEVY_ASSESS)
    if not scope_of(actor).covers_code(region_code or "") or (
        not region_code and not scope_of(actor).everywhere
    ):
        raise NotFound(_("没有找到该区划。"), field="region")


def check_levy_year(levy_year: int, on: date) -> None:
    """A levy year can be assessed once it has ended."""
    if levy_year >= on.year or levy_year < 2000:
        raise Invalid(
            _("%(year)s 年度尚未结束或不在征收期内，不能核定。") % {"year": levy_year},
            field="levy_year",
        )


def assess_season(
    *,
    actor: User | None,
    levy_year: int,
    region_code: str,
    assessed_on: date | None = None,
    progress: Progress | None = None,
    tree: ParameterTree | None = None,
    run: AssessmentRun | None = None,
) -> AssessmentRun:
    """Assess every employer of the region for the year; the region's earlier rows of the year
    are replaced in the same transaction (a failure leaves them as they were)."""
    code, prefix = region_prefix_of(region_code)
    check_may_assess(actor, code)
    on = assessed_on or timezone.localdate()
    check_levy_year(levy_year, on)
    report = progress or (lambda done, total: None)
    tree = tree or parameter_tree()
    outcome = _assess(levy_year, prefix, on, tree, report)
    with transaction.atomic():
        if run is None:
            run = AssessmentRun.objects.create(
                levy_year=levy_year, region_code=code, assessed_on=on, started_by=actor
            )
        else:
            AssessmentRun.objects.filter(pk=run.pk).update(assessed_on=on)
        _replace(run, outcome, levy_year, prefix, report)
        _summarise(run, outcome, on)
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=LevyAction.ASSESS,
            target=run,
            target_label=str(run),
            region_code=code,
            detail={
                "levy_year": levy_year,
                "employers": run.employers,
                "levy_due_total": str(run.levy_due_total),
                "deemed_applied": run.deemed_applied,
            },
        )
    report(STEPS, STEPS)
    return run


def _assess(year: int, prefix: str, on: date, tree: ParameterTree, report: Progress) -> Outcome:
    outcome = Outcome()
    declared = certified_declarations(year, prefix)
    report(1, STEPS)
    employers = list(
        Employer.objects.filter(region_employers_q(prefix)).values_list("pk", "county_code", "kind")
    )
    place = {pk: (county, kind) for pk, county, kind in employers}
    units = [
        _Unit(d.employer_id, *place[d.employer_id], AssessmentBasis.CERTIFIED, d)
        for d in declared
        if d.employer_id in place
    ]
    certified_ids = {unit.employer_id for unit in units}
    outcome.deadlines = {
        county: season_deadline(tree, county, year) for county in {c for _, c, _ in employers}
    }
    units += _deemed_none(year, prefix, on, employers, certified_ids, outcome)
    report(2, STEPS)
    sample = units[0].county_code if units else ""
    ctx = Evaluation(tree, rules_region(sample), on)
    rules = CountingRules.read(ctx)
    severe_weight = ctx.integer("levy.severe_weight")
    filed = filed_months(year, severe_weight)
    persons = persons_of_year(year)
    report(3, STEPS)
    chosen = [u.declared.declaration_id for u in units if u.basis == "certified" and u.declared]
    frame = counted_months(filed, persons, chosen, rules, severe_weight)
    outcome.double_counted = frame.double_counted.height
    report(4, STEPS)
    results = _compute(units, frame.months, year, on, tree)
    report(STAGES, STEPS)
    persons_by_employer = _persons(frame.months)
    for unit in units:
        outcome.rows.append(
            _row(
                unit,
                results.get(unit.employer_id),
                persons_by_employer.get(unit.employer_id, []),
                year,
            )
        )
    return outcome


def _deemed_none(
    year: int,
    prefix: str,
    on: date,
    employers: list[tuple[int, str, str]],
    certified: set[int],
    outcome: Outcome,
) -> list[_Unit]:
    """The employers without a certified declaration whose county's deadline has passed."""
    others = [row for row in employers if row[0] not in certified]
    due = [
        row
        for row in others
        if (deadline := outcome.deadlines[row[1]].on) is not None and on > deadline
    ]
    outcome.not_assessed = len(others) - len(due)
    if not due:
        return []
    figures: dict[int, Declared] = {}
    rows = (
        Declaration.objects.filter(levy_year=year)
        .filter(region_employers_q(prefix, "employer__county_code"))
        .exclude(status=DeclarationStatus.CERTIFIED)
        .exclude(wage_total__isnull=True)
        .exclude(headcount_monthly__isnull=True, headcount_annual_average__isnull=True)
        .order_by("employer_id", "-created_at")
        .values_list(
            "pk",
            "employer_id",
            "headcount_monthly",
            "headcount_annual_average",
            "wage_total",
            "status",
        )
    )
    rejected: set[int] = set()
    for pk, employer_id, monthly, annual, wage_total, status in rows:
        # The open declaration of the year, else the last rejected one.
        if employer_id in figures and employer_id not in rejected:
            continue
        if employer_id in figures and status == DeclarationStatus.REJECTED:
            continue
        figures[employer_id] = declared_of(pk, employer_id, monthly, annual, wage_total)
        if status == DeclarationStatus.REJECTED:
            rejected.add(employer_id)
        else:
            rejected.discard(employer_id)
    return [
        _Unit(pk, county, kind, AssessmentBasis.DEEMED_NONE, figures.get(pk))
        for pk, county, kind in due
    ]


def _compute(
    units: list[_Unit], months: pl.DataFrame, year: int, on: date, tree: ParameterTree
) -> dict[int, dict[str, Any]]:
    """The batch path over the units with figures: one call for those declaring 12 monthly
    headcounts and one for those declaring an annual average (the frame takes one or the
    other)."""
    results: dict[int, dict[str, Any]] = {}
    monthly = [u for u in units if u.declared and u.declared.month_total is not None]
    annual = [u for u in units if u.declared and u.declared.month_total is None]
    for group, column in ((monthly, "headcount_month_total"), (annual, "annual_average_headcount")):
        if not group:
            continue
        facts = [(u, u.declared) for u in group if u.declared is not None]
        employers = pl.DataFrame(
            {
                "employer_id": [u.employer_id for u, _ in facts],
                "jurisdiction": [u.county_code for u, _ in facts],
                "employer_kind": [u.kind for u, _ in facts],
                "average_wage": [format(d.average_wage, "f") for _, d in facts],
                column: [
                    d.month_total if d.month_total is not None else format(d.annual_average, "f")
                    for _, d in facts
                ],
            },
            schema_overrides={"employer_id": pl.Int64},
        )
        ids = employers["employer_id"]
        chosen = months.filter(pl.col("employer_id").is_in(ids.implode()))
        batch = compute_levy_batch(employers, chosen, year=year, assessed_on=on, tree=tree)
        results.update((row["employer_id"], row) for row in batch.iter_rows(named=True))
    return results


def _persons(months: pl.DataFrame) -> dict[int, list[list[Any]]]:
    """Per employer, each counted person as [certificate, twelve month grades ("0": not
    counted), dispatched, agreement_assigns_to]: the levy situation, compactly."""
    grouped = (
        months.group_by("employer_id", "person_id")
        .agg(
            pl.col("certificate").first(),
            pl.col("month"),
            pl.col("grade"),
            pl.col("dispatched").first(),
            pl.col("agreement_assigns_to").first(),
        )
        .sort("employer_id", "person_id")
    )
    found: dict[int, list[list[Any]]] = defaultdict(list)
    for (
        employer_id,
        _person,
        certificate,
        month_list,
        grades,
        dispatched,
        assigns,
    ) in grouped.iter_rows():
        slots = ["0"] * 12
        for month, grade in zip(month_list, grades, strict=True):
            slots[month - 1] = str(grade) if grade < 10 else "X"
        found[employer_id].append([certificate, "".join(slots), bool(dispatched), assigns])
    return found


def _fraction(numerator: int | None, denominator: int | None) -> Fraction | None:
    if numerator is None or denominator in (None, 0):
        return None
    return Fraction(numerator, denominator)


def _decimal(value: Fraction | None, places: Decimal) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(places)


def _fen(value: int | None) -> Decimal | None:
    return None if value is None else (Decimal(value) / 100).quantize(CENT)


def _row(
    unit: _Unit, result: dict[str, Any] | None, persons: list[list[Any]], year: int
) -> dict[str, Any]:
    """One Assessment row as `{attribute: value}` (written by core.bulk.insert_rows)."""
    declared = unit.declared
    row: dict[str, Any] = {
        "employer_id": unit.employer_id,
        "county_code": unit.county_code,
        "levy_year": year,
        "basis": unit.basis,
        "declaration_id": (
            declared.declaration_id if declared and unit.basis == "certified" else None
        ),
        "problem": "",
        "problem_detail": "",
        "exempt": False,
        "disabled": Decimal(0),
        "inputs": {
            "jurisdiction": unit.county_code,
            "employer_kind": unit.kind,
            "headcount": declared.headcount if declared else None,
            "average_wage": format(declared.average_wage, "f") if declared else None,
            "figures_from": declared.declaration_id if declared else None,
            "persons": persons,
        },
    }
    for name in EMPTY_FIGURES:
        row[name] = None
    if declared is None or result is None:
        row["problem"] = NO_FIGURES
        return row
    row["average_wage"] = declared.average_wage
    if result["error_code"] is not None:
        row["problem"] = str(result["error_code"])[:40]
        row["problem_detail"] = str(result["error_detail"] or "")[:120]
        return row
    before = _fen(result["levy_before_reduction_fen"])
    due = _fen(result["levy_due_fen"])
    row.update(
        headcount=_decimal(Fraction(result["n"], HEADCOUNT_SCALE), FOUR),
        disabled=_decimal(Fraction(result["d"], HEADCOUNT_SCALE), FOUR) or Decimal(0),
        required=_decimal(_fraction(result["required_num"], result["required_den"]), FOUR),
        ratio=_decimal(_fraction(result["ratio_num"], result["ratio_den"]), Decimal("0.000001")),
        assessed_wage=_decimal(_fraction(result["wage_num"], result["wage_den"]), CENT),
        exempt=bool(result["exempt"]),
        levy_before_reduction=before,
        levy_due=due,
        reduction=before - due if before is not None and due is not None else None,
        reward=_fen(result["reward_fen"]),
    )
    return row


EMPTY_FIGURES = (
    "headcount",
    "required",
    "ratio",
    "average_wage",
    "assessed_wage",
    "levy_before_reduction",
    "reduction",
    "levy_due",
    "reward",
)


def _replace(
    run: AssessmentRun, outcome: Outcome, year: int, prefix: str, report: Progress
) -> None:
    """The region's rows of the year deleted, the run's written (inside the caller's
    transaction)."""
    Assessment.objects.filter(levy_year=year).filter(region_employers_q(prefix)).delete()
    total = len(outcome.rows)
    for start in range(0, total, WRITE_CHUNK):
        chunk = outcome.rows[start : start + WRITE_CHUNK]
        for row in chunk:
            row["run_id"] = run.pk
        insert_rows(Assessment, chunk)
        done = start + len(chunk)
        report(STAGES + (STEPS - STAGES) * done // max(total, 1), STEPS)


def _summarise(run: AssessmentRun, outcome: Outcome, on: date) -> None:
    rows = outcome.rows
    deadlines = {d.on for d in outcome.deadlines.values()}
    run.employers = len(rows)
    run.certified = sum(1 for r in rows if r["basis"] == AssessmentBasis.CERTIFIED)
    run.deemed_none = sum(1 for r in rows if r["basis"] == AssessmentBasis.DEEMED_NONE)
    run.no_figures = sum(1 for r in rows if r["problem"] == NO_FIGURES)
    run.failed = sum(1 for r in rows if r["problem"] and r["problem"] != NO_FIGURES)
    run.not_assessed = outcome.not_assessed
    run.double_counted_months = outcome.double_counted
    run.levy_due_total = sum((r["levy_due"] or Decimal(0) for r in rows), Decimal(0))
    run.deadline = deadlines.pop() if len(deadlines) == 1 else None
    references = {d.reference for d in outcome.deadlines.values() if d.reference}
    run.deadline_reference = "；".join(sorted(references))
    run.deemed_applied = run.deemed_none > 0 or any(
        d.on is not None and on > d.on for d in outcome.deadlines.values()
    )
    run.parameters = {
        "assessed_on": on.isoformat(),
        "deadlines": {
            county: d.on.isoformat() if d.on else None
            for county, d in sorted(outcome.deadlines.items())
        },
    }
    run.finished = True
    run.save()
