"""职业能力评估 in the matching contract's vocabulary (support/vocabulary.py): for each task
demand whether the person can do it, can with an accommodation (any one of those listed is
enough) or cannot; the hours a day they can work; the accommodations they need at any
workplace; the pathway recommended; who assessed and how; and a summary in plain words, which
the person reads on their own page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.registry.models import Person
from ablework.support.audit_actions import SupportAction
from ablework.support.models import Assessment, AssessmentMethod, Pathway
from ablework.support.services.records.common import Problems, write_record
from ablework.support.vocabulary import (
    Ability,
    AbilityValue,
    Accommodation,
    Demand,
    ability_problems,
    accommodation_problems,
)

ASSESSMENT_AUDITED = ("on", "pathway", "hours_per_day", "summary", "given_by")
# A day has 24 hours; the bound is the day's, not a rule.
HOURS_IN_A_DAY = Decimal(24)


@dataclass(frozen=True, kw_only=True)
class AssessmentInput:
    on: date | None
    # the contract's shape: {demand: "can" | "cannot" | {"with": [accommodation, …]}}
    abilities: dict[str, AbilityValue]
    hours_per_day: Decimal | None
    needs: tuple[str, ...]
    pathway: str
    methods: tuple[str, ...]
    summary: str
    given_by: str
    notes: str = ""


def assessment_problems(assessment: AssessmentInput) -> Problems:
    problems = Problems()
    problems.day("on", assessment.on, label=_("评估日期"))
    for message in ability_problems(assessment.abilities):
        problems.add("abilities", message)
    hours = assessment.hours_per_day
    if hours is None:
        problems.add("hours_per_day", _("请填写每天可工作小时数。"))
    elif not Decimal(0) <= hours <= HOURS_IN_A_DAY or hours != hours.quantize(Decimal("0.1")):
        problems.add("hours_per_day", _("每天可工作小时数应在 0 到 24 之间，最多一位小数。"))
    for message in accommodation_problems(list(assessment.needs)):
        problems.add("needs", message)
    problems.choice("pathway", assessment.pathway, Pathway, label=_("建议就业途径"))
    if not assessment.methods:
        problems.add("methods", _("请至少选择一种评估方式。"))
    for method in assessment.methods:
        if method not in AssessmentMethod.values:
            problems.add("methods", _("没有这种评估方式：%(code)s") % {"code": method})
    problems.text("summary", assessment.summary, label=_("评估结论"), limit=300, required=True)
    problems.text("given_by", assessment.given_by, label=_("评估人员"), limit=64, required=True)
    problems.text("notes", assessment.notes, label=_("备注"), limit=500, required=False)
    return problems


def stored_abilities(abilities: dict[str, AbilityValue]) -> dict[str, AbilityValue]:
    """The abilities as stored: in the vocabulary's order, "can" left out (a demand not listed
    is "can"), each `with` list in the vocabulary's order without repeats."""
    stored: dict[str, AbilityValue] = {}
    for demand in Demand.values:
        value = abilities.get(demand, Ability.CAN)
        if isinstance(value, dict):
            chosen = set(value[Ability.WITH])
            stored[demand] = {
                Ability.WITH.value: [code for code in Accommodation.values if code in chosen]
            }
        elif value == Ability.CANNOT:
            stored[demand] = Ability.CANNOT.value
    return stored


def record_assessment(
    *,
    actor: User,
    person_id: int,
    assessment: AssessmentInput,
    record_id: int | None = None,
    version: int | None = None,
) -> Assessment:
    """Record (or correct, on the version seen) a vocational capacity assessment."""
    assessment_problems(assessment).raise_any()

    def fill(record: Assessment, person: Person) -> None:
        assert assessment.on
        assert assessment.hours_per_day is not None
        record.on = assessment.on
        record.abilities = stored_abilities(assessment.abilities)
        record.hours_per_day = assessment.hours_per_day
        chosen = set(assessment.needs)
        record.needs = [code for code in Accommodation.values if code in chosen]
        record.pathway = assessment.pathway
        record.methods = [m for m in AssessmentMethod.values if m in assessment.methods]
        record.summary = assessment.summary.strip()
        record.given_by = assessment.given_by.strip()
        record.notes = assessment.notes.strip()

    return write_record(
        actor=actor,
        person_id=person_id,
        model=Assessment,
        action=SupportAction.ASSESS,
        record_id=record_id,
        version=version,
        fill=fill,
        audited=ASSESSMENT_AUDITED,
    )
