"""A household stops being tracked when one of its members is employed, on that day:

- a registered member's job is the registry's record (an employment period of status 已就业
  starting on or after the day the household was recognised). The daily refresh finds them all
  in one query (`resolve_from_registry`) and resolves each, audited as the system's action;
- a worker records that a member is employed (`record_member_employed`): for a registered
  member the job is written to the registry through its service (`update_person`, audited
  there) and the household resolved from the period it opened; for another member the worker
  records their name (encrypted), relation, the day and the job.

Either way the registry flag 零就业家庭 of every registered member ends on that day
(`registry.services.end_flag`) and their queue rows follow (`refresh_cases`). A resolution
advances the household's version: a form opened before it is refused (409)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.errors import Conflict, Invalid
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_version
from ablework.registry.history import open_period
from ablework.registry.models import EmploymentKind, EmploymentPeriod, EmploymentStatus, Person
from ablework.registry.services import PersonChanges, end_flag, update_person
from ablework.support.access import RECORD
from ablework.support.audit_actions import HouseholdAction
from ablework.support.models import (
    HouseholdMember,
    HouseholdStatus,
    Relation,
    ResolvedHow,
    ZeroEmploymentHousehold,
)
from ablework.support.selectors.households import access_household
from ablework.support.services.cases import refresh_cases
from ablework.support.services.households.recording import household_label
from ablework.support.services.records.common import Problems, RecordInvalid

# The member choice naming a member without a disability certificate.
OTHER_MEMBER = "other"


@dataclass(frozen=True, kw_only=True)
class EmployedInput:
    member: str  # a registered member's person id, or OTHER_MEMBER
    employed_on: date | None
    kind: str
    employer_name: str = ""
    other_name: str = ""
    other_relation: str = ""
    notes: str = ""


@dataclass(frozen=True)
class _Job:
    on: date
    how: str
    person: Person | None = None
    period: EmploymentPeriod | None = None
    name: str = ""
    relation: str = ""
    kind: str = ""
    employer: str = ""


def _employed_problems(
    household: ZeroEmploymentHousehold, employed: EmployedInput, members: list[HouseholdMember]
) -> Problems:
    problems = Problems()
    problems.day("employed_on", employed.employed_on, label=_("就业日期"))
    if employed.employed_on is not None and employed.employed_on < household.recognised_on:
        problems.add(
            "employed_on",
            _("就业日期不能早于认定为零就业家庭的日期（%(day)s）。")
            % {"day": f"{household.recognised_on:%Y-%m-%d}"},
        )
    problems.choice("kind", employed.kind, EmploymentKind, label=_("就业形式"))
    problems.text(
        "employer_name", employed.employer_name, label=_("就业单位"), limit=200, required=False
    )
    problems.text("notes", employed.notes, label=_("备注"), limit=500, required=False)
    if employed.member == OTHER_MEMBER:
        problems.text(
            "other_name", employed.other_name, label=_("就业成员的姓名"), limit=64, required=True
        )
        problems.choice("other_relation", employed.other_relation, Relation, label=_("关系"))
    elif employed.member not in {str(m.person_id) for m in members}:
        problems.add("member", _("请选择就业的家庭成员。"))
    return problems


def record_member_employed(
    *, actor: User, household_id: int, version: int | None, employed: EmployedInput
) -> ZeroEmploymentHousehold:
    """Record that a member of the household is employed, on the version the form was opened
    with (another's resolution since: StaleRecord, 409)."""
    with transaction.atomic():
        household = access_household(actor, household_id, permission=RECORD)
        advance_version(household, seen=version)
        if household.status != HouseholdStatus.OPEN:
            raise Conflict(_("这个家庭已登记有成员就业，不再跟踪。"))
        members = list(household.members.select_related("person").order_by("pk"))
        _employed_problems(household, employed, members).raise_any()
        assert employed.employed_on is not None
        if employed.member == OTHER_MEMBER:
            job = _Job(
                on=employed.employed_on,
                how=ResolvedHow.STAFF_OTHER,
                name=employed.other_name.strip(),
                relation=employed.other_relation,
                kind=employed.kind,
                employer=employed.employer_name.strip(),
            )
        else:
            person = next(m.person for m in members if str(m.person_id) == employed.member)
            job = _registry_job(actor, person, employed)
        _resolve(household, members, actor=actor, job=job, notes=employed.notes.strip())
    return household


def _registry_job(actor: User, person: Person, employed: EmployedInput) -> _Job:
    """Write the registered member's job to the registry (its service, its audit); the
    resolution names the period it opened."""
    assert employed.employed_on is not None
    changes = PersonChanges(
        employment_status=EmploymentStatus.EMPLOYED,
        employment_kind=employed.kind,
        employer_name=employed.employer_name.strip(),
        employment_since=employed.employed_on,
    )
    try:
        update_person(actor=actor, person=person, changes=changes)
    except Invalid as error:
        if getattr(error, "field", "") == "employment_since":
            raise RecordInvalid({"employed_on": [error.message]}) from error
        raise
    return _Job(
        on=employed.employed_on,
        how=ResolvedHow.STAFF_REGISTRY,
        person=person,
        period=open_period(person),
        kind=employed.kind,
        employer=employed.employer_name.strip(),
    )


def _resolve(
    household: ZeroEmploymentHousehold,
    members: list[HouseholdMember],
    *,
    actor: User | None,
    job: _Job,
    notes: str = "",
) -> None:
    """Close the household on the job's day: its fields, every member's flag, the audit record
    and the queue; inside the caller's transaction, after its version was advanced."""
    household.status = HouseholdStatus.RESOLVED
    household.resolved_on = job.on
    household.resolved_how = job.how
    household.employed_person = job.person
    household.employed_period = job.period
    household.employed_name = job.name
    household.employed_relation = job.relation
    household.employed_kind = job.kind
    household.employer_name = job.employer
    household.resolved_by = actor
    if notes:
        household.notes = f"{household.notes}\n{notes}".strip()
    household.save()
    for member in members:
        flag = member.flag
        if flag is None or flag.ended_on is not None or member.person.merged_into_id:
            continue
        end_flag(
            actor=actor, person=member.person, flag_id=flag.pk, on=max(job.on, flag.started_on)
        )
    record_audit(
        actor=actor,
        kind=AuditKind.CHANGE,
        action=HouseholdAction.RESOLVE,
        target=household,
        target_label=household_label(household, [m.person for m in members]),
        changes={
            "status": [HouseholdStatus.OPEN.value, household.status],
            "resolved_on": [None, job.on.isoformat()],
            "resolved_how": [None, job.how],
        },
        detail={"person": job.person.pk if job.person else None},
    )
    refresh_cases(person_ids=[m.person_id for m in members])


def resolve_from_registry(*, region_code: str = "", on: date | None = None) -> int:
    """Resolve every tracked household of the region (all, when empty) whose registered member
    has, in the registry, a job starting on or after the day it was recognised (and by `on`):
    one query finds them, then each found household is resolved on its first such job's day.
    How many were resolved."""
    day = on or timezone.localdate()
    jobs = EmploymentPeriod.objects.filter(
        person=OuterRef("person_id"),
        status=EmploymentStatus.EMPLOYED,
        started_on__gte=OuterRef("household__recognised_on"),
        started_on__lte=day,
    ).order_by("started_on", "pk")
    found = (
        HouseholdMember.objects.filter(
            household__status=HouseholdStatus.OPEN,
            household__county_code__startswith=region_code,
        )
        .annotate(
            job=Subquery(jobs.values("pk")[:1]), job_on=Subquery(jobs.values("started_on")[:1])
        )
        .filter(job__isnull=False)
        .values_list("household_id", "job", "job_on")
        .order_by()
    )
    first: dict[int, tuple[date, int]] = {}
    for household_id, job_id, job_on in found:
        if household_id not in first or (job_on, job_id) < first[household_id]:
            first[household_id] = (job_on, job_id)
    for household_id, (_job_on, job_id) in sorted(first.items()):
        _resolve_found(household_id, job_id)
    return len(first)


def _resolve_found(household_id: int, period_id: int) -> None:
    with transaction.atomic():
        household = (
            ZeroEmploymentHousehold.objects.select_for_update()
            .filter(pk=household_id, status=HouseholdStatus.OPEN)
            .first()
        )
        if household is None:  # resolved by a worker meanwhile
            return
        advance_version(household)
        period = EmploymentPeriod.objects.select_related("person").get(pk=period_id)
        members = list(household.members.select_related("person", "flag").order_by("pk"))
        job = _Job(
            on=period.started_on,
            how=ResolvedHow.REGISTRY,
            person=period.person,
            period=period,
            kind=period.kind,
            employer=period.employer_name,
        )
        _resolve(household, members, actor=None, job=job)
