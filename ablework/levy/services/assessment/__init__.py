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

import polars as pl
from django.db import transaction
from django.utils import timezone

from ablework.core.audit import record_audit
from ablework.core.models import AuditKind
from ablework.jobs.progress import Progress
from ablework.levy.audit_actions import LevyAction
from ablework.levy.deadlines import season_deadline
from ablework.levy.models import AssessmentBasis, AssessmentRun
from ablework.levy.selectors.frames import (
    certified_declarations,
    counted_months,
    filed_months,
    persons_of_year,
    region_employers,
)
from ablework.levy.services.assessment.rows import NO_FIGURES, assessment_rows, compute
from ablework.levy.services.assessment.scope import (
    check_levy_year,
    check_may_assess,
    region_prefix_of,
)
from ablework.levy.services.assessment.units import (
    Outcome,
    certified_units,
    deemed_none,
    with_figures,
)
from ablework.levy.services.assessment.write import replace_rows
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

CENT = Decimal("0.01")

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
    employers = region_employers(prefix)
    certified = certified_units(declared, employers)
    outcome.deadlines = {
        county: season_deadline(tree, county, year)
        for county in employers["county_code"].unique().to_list()
    }
    units = with_figures(
        pl.concat([certified, deemed_none(year, prefix, on, employers, certified, outcome)])
    )
    report(2, STEPS)
    sample = units["county_code"][0] if units.height else ""
    ctx = Evaluation(tree, rules_region(sample), on)
    rules = CountingRules.read(ctx)
    severe_weight = ctx.integer("levy.severe_weight")
    filed = filed_months(year)
    persons = persons_of_year(year, filed)
    report(3, STEPS)
    frame = counted_months(filed, persons, certified["declaration_id"], rules, severe_weight)
    outcome.double_counted = frame.double_counted
    report(4, STEPS)
    results = compute(units, frame.months, year, on, tree)
    report(STAGES, STEPS)
    outcome.rows = assessment_rows(units, results, frame.months, year)
    return outcome


def _replace(
    run: AssessmentRun, outcome: Outcome, year: int, prefix: str, report: Progress
) -> None:
    """The region's rows of the year replaced by the run's (inside the caller's transaction;
    `write.py`: only the changed rows rewritten)."""
    assert outcome.rows is not None
    replace_rows(run, outcome.rows.drop("levy_due_fen"), year, prefix, report, (STAGES, STEPS))


def _summarise(run: AssessmentRun, outcome: Outcome, on: date) -> None:
    assert outcome.rows is not None
    rows = outcome.rows
    deadlines = {d.on for d in outcome.deadlines.values()}
    problem = pl.col("problem")
    counts = rows.select(
        certified=(pl.col("basis") == AssessmentBasis.CERTIFIED).sum(),
        deemed_none=(pl.col("basis") == AssessmentBasis.DEEMED_NONE).sum(),
        no_figures=(problem == NO_FIGURES).sum(),
        failed=((problem != "") & (problem != NO_FIGURES)).sum(),
        levied=pl.col("levy_due_fen").count(),
        levy_due_fen=pl.col("levy_due_fen").sum(),
    ).row(0, named=True)
    run.employers = rows.height
    run.certified = counts["certified"]
    run.deemed_none = counts["deemed_none"]
    run.no_figures = counts["no_figures"]
    run.failed = counts["failed"]
    run.not_assessed = outcome.not_assessed
    run.double_counted_months = outcome.double_counted
    # The sum of the rows' levies (a Decimal to the fen; 0 when no row has one).
    run.levy_due_total = (
        (Decimal(int(counts["levy_due_fen"])) / 100).quantize(CENT)
        if counts["levied"]
        else Decimal(0)
    )
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
