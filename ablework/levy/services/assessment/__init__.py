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

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from ablework.core.audit import record_audit
from ablework.core.bulk import insert_rows
from ablework.core.models import AuditKind
from ablework.employers.models import Employer
from ablework.jobs.progress import Progress
from ablework.levy.audit_actions import LevyAction
from ablework.levy.deadlines import season_deadline
from ablework.levy.models import Assessment, AssessmentBasis, AssessmentRun
from ablework.levy.selectors.frames import (
    certified_declarations,
    counted_months,
    filed_months,
    persons_of_year,
    region_employers_q,
)
from ablework.levy.services.assessment.rows import (
    NO_FIGURES,
    assessment_row,
    compute,
    persons_by_employer,
)
from ablework.levy.services.assessment.scope import (
    check_levy_year,
    check_may_assess,
    region_prefix_of,
)
from ablework.levy.services.assessment.units import Outcome, Unit, deemed_none
from ablework.registry.rulebook import rules_region
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.parameters import ParameterTree
from ablework.rules.jurisdictions.cn import parameter_tree
from ablework.rules.jurisdictions.cn.counting import CountingRules

if TYPE_CHECKING:
    from ablework.accounts.models import User

__all__ = [
    "NO_FIGURES",
    "assess_season",
    "check_levy_year",
    "check_may_assess",
    "region_prefix_of",
]

WRITE_CHUNK = 5_000

STAGES = 5

STEPS = 10


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
        Unit(d.employer_id, *place[d.employer_id], AssessmentBasis.CERTIFIED, d)
        for d in declared
        if d.employer_id in place
    ]
    certified_ids = {unit.employer_id for unit in units}
    outcome.deadlines = {
        county: season_deadline(tree, county, year) for county in {c for _, c, _ in employers}
    }
    units += deemed_none(year, prefix, on, employers, certified_ids, outcome)
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
    results = compute(units, frame.months, year, on, tree)
    report(STAGES, STEPS)
    counted_persons = persons_by_employer(frame.months)
    for unit in units:
        outcome.rows.append(
            assessment_row(
                unit,
                results.get(unit.employer_id),
                counted_persons.get(unit.employer_id, []),
                year,
            )
        )
    return outcome


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
