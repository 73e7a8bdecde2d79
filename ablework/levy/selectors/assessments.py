"""Assessments as people read them, and the reproduction of one through the single-case path."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one, visible
from ablework.levy.models import Assessment, AssessmentRun, TaxListExport
from ablework.rules.calc.service import calculate
from ablework.rules.engine.parameters import ParameterTree

if TYPE_CHECKING:
    from ablework.accounts.models import User

NOT_FOUND = "没有找到该核定。"


def runs_visible_to(actor: User) -> QuerySet[AssessmentRun]:
    """The assessment runs of the actor's region (its own and its sub-regions'), newest first."""
    return visible(actor, AssessmentRun, permission=Permission.LEVY_VIEW).order_by(
        "-created_at", "-id"
    )


def access_run(actor: User, run_id: int) -> AssessmentRun:
    """One run the actor may see, or NotFound (404 alike for "missing" and "not yours")."""
    return access_one(
        actor, AssessmentRun, run_id, permission=Permission.LEVY_VIEW, not_found_message=NOT_FOUND
    )


def current_rows(run: AssessmentRun) -> QuerySet[Assessment]:
    """The rows this run wrote that no later run has replaced, by county and employer."""
    return (
        Assessment.objects.filter(run=run)
        .select_related("employer")
        .order_by("county_code", "employer__name", "employer_id")
    )


def exports_of(run: AssessmentRun) -> QuerySet[TaxListExport]:
    return TaxListExport.objects.filter(run=run).select_related("exported_by", "sent_by")


def situation_of(row: Assessment, run: AssessmentRun) -> dict[str, Any] | None:
    """The levy situation the row's figures come from (None when it had no figures)."""
    inputs = row.inputs
    if not inputs.get("headcount") or inputs.get("average_wage") is None:
        return None
    year = row.levy_year
    employees = []
    for certificate, grades, dispatched, assigns in inputs.get("persons", []):
        months = [
            {
                "month": f"{year}-{index:02d}",
                "grade": 10 if grade == "X" else int(grade),
                "social_insurance_paid": True,
            }
            for index, grade in enumerate(grades, start=1)
            if grade != "0"
        ]
        last = months[-1]["grade"]
        employee: dict[str, Any] = {"certificate": certificate, "grade": last, "months": months}
        if dispatched:
            employee["dispatched"] = {"agreement_assigns_to": assigns}
        employees.append(employee)
    return {
        "rule": "levy",
        "jurisdiction": inputs["jurisdiction"],
        "levy_year": year,
        "assessed_on": run.assessed_on.isoformat(),
        "employer_kind": inputs["employer_kind"],
        "headcount": inputs["headcount"],
        "average_wage": inputs["average_wage"],
        "disabled_employees": employees,
    }


def reproduce(
    row: Assessment, run: AssessmentRun, *, tree: ParameterTree | None = None
) -> dict[str, Any] | None:
    """The row's figures again, through the single-case path, with the engine's trace."""
    situation = situation_of(row, run)
    if situation is None:
        return None
    result = calculate(situation, tree=tree, today=run.assessed_on)
    assert isinstance(result, dict)
    return result
