"""就业需求登记: the work the person wants and what they need to do it — occupations, skills,
hours a week, places and how far they can travel, the lowest monthly wage they would take,
whether they accept working from home, the accommodations they need and their training wishes.

Occupations are free text (a few short names, "客户服务"): no maintained machine-readable
edition of the 中华人民共和国职业分类大典 (2022) is available to the project (no package on
PyPI, no official list offline), and matching compares occupations as Chinese text anyway
(docs/support.md, "记录服务")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.registry.models import Person
from ablework.support.audit_actions import SupportAction
from ablework.support.models import NeedsRegistration
from ablework.support.services.records.common import Problems, write_record
from ablework.support.vocabulary import Accommodation, accommodation_problems

NEEDS_AUDITED = (
    "on",
    "hours_per_week",
    "commute_km",
    "wage_floor",
    "accepts_remote",
    "training_wishes",
    "given_by",
)
MAX_OCCUPATIONS = 5
OCCUPATION_LENGTH = 20
# A week has 168 hours; the bound is the week's, not a rule.
HOURS_IN_A_WEEK = 168
WAGE_LIMIT = Decimal("99999999.99")  # the column's


@dataclass(frozen=True, kw_only=True)
class NeedsInput:
    on: date | None
    occupations: tuple[str, ...]
    skills: str
    hours_per_week: int | None
    places: str
    commute_km: int | None
    wage_floor: Decimal | None
    accepts_remote: bool
    needs: tuple[str, ...]
    training_wishes: str
    given_by: str
    notes: str = ""


def needs_problems(needs: NeedsInput) -> Problems:
    problems = Problems()
    problems.day("on", needs.on, label=_("登记日期"))
    if len(needs.occupations) > MAX_OCCUPATIONS:
        problems.add(
            "occupations",
            _("希望从事的职业最多填 %(count)d 个。") % {"count": MAX_OCCUPATIONS},
        )
    for name in needs.occupations:
        if len(name) > OCCUPATION_LENGTH:
            problems.add(
                "occupations",
                _("职业“%(name)s”太长：每个职业最多 %(limit)d 个字。")
                % {"name": name[:8] + "…", "limit": OCCUPATION_LENGTH},
            )
    problems.text("skills", needs.skills, label=_("技能特长"), limit=200, required=False)
    if needs.hours_per_week is None:
        problems.add("hours_per_week", _("请填写每周最多工作小时数。"))
    elif not 1 <= needs.hours_per_week <= HOURS_IN_A_WEEK:
        problems.add("hours_per_week", _("每周最多工作小时数应在 1 到 168 之间。"))
    problems.text("places", needs.places, label=_("希望的工作地点"), limit=200, required=False)
    if needs.commute_km is None:
        problems.add("commute_km", _("请填写可接受的通勤距离。"))
    elif not 0 <= needs.commute_km <= 32767:
        problems.add("commute_km", _("可接受的通勤距离应在 0 到 32767 公里之间。"))
    if needs.wage_floor is None:
        problems.add("wage_floor", _("请填写期望月工资下限。"))
    elif not Decimal(0) <= needs.wage_floor <= WAGE_LIMIT:
        problems.add("wage_floor", _("期望月工资下限应为 0 或以上的金额（元）。"))
    elif needs.wage_floor != needs.wage_floor.quantize(Decimal("0.01")):
        problems.add("wage_floor", _("期望月工资下限最多精确到分。"))
    for message in accommodation_problems(list(needs.needs)):
        problems.add("needs", message)
    problems.text(
        "training_wishes", needs.training_wishes, label=_("培训意愿"), limit=200, required=False
    )
    problems.text("given_by", needs.given_by, label=_("登记人员"), limit=64, required=True)
    problems.text("notes", needs.notes, label=_("备注"), limit=500, required=False)
    return problems


def record_needs(
    *,
    actor: User,
    person_id: int,
    needs: NeedsInput,
    record_id: int | None = None,
    version: int | None = None,
) -> NeedsRegistration:
    """Register (or correct, on the version seen) the person's employment needs."""
    needs_problems(needs).raise_any()

    def fill(record: NeedsRegistration, person: Person) -> None:
        assert needs.on
        assert needs.wage_floor is not None
        assert needs.hours_per_week is not None
        assert needs.commute_km is not None
        record.on = needs.on
        record.occupations = list(dict.fromkeys(n.strip() for n in needs.occupations if n.strip()))
        record.skills = needs.skills.strip()
        record.hours_per_week = needs.hours_per_week
        record.places = needs.places.strip()
        record.commute_km = needs.commute_km
        record.wage_floor = needs.wage_floor.quantize(Decimal("0.01"))
        record.accepts_remote = needs.accepts_remote
        chosen = set(needs.needs)
        record.needs = [code for code in Accommodation.values if code in chosen]
        record.training_wishes = needs.training_wishes.strip()
        record.given_by = needs.given_by.strip()
        record.notes = needs.notes.strip()

    return write_record(
        actor=actor,
        person_id=person_id,
        model=NeedsRegistration,
        action=SupportAction.NEEDS,
        record_id=record_id,
        version=version,
        fill=fill,
        audited=NEEDS_AUDITED,
    )
