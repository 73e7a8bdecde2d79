"""Recording a zero-employment household (零就业家庭, 就业促进法第五十六条) from one of its
registered members: the day it was recognised and on what basis, the other registered members
(by resident ID, inside the worker's area), how many other members of working age it has. Each
registered member gets the registry flag 零就业家庭 from that day, through the registry's
service (`registry.services.open_flag`), and the queue's rows follow (`refresh_cases`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.crypto import lookup_hash
from ablework.core.errors import NotFound
from ablework.core.models import AuditKind
from ablework.registry.identity import read_resident_id
from ablework.registry.models import (
    EmploymentPeriod,
    EmploymentStatus,
    FlagKind,
    Person,
    PersonFlag,
)
from ablework.registry.services import open_flag
from ablework.support.access import RECORD, person_for_support
from ablework.support.audit_actions import HouseholdAction
from ablework.support.models import (
    HouseholdBasis,
    HouseholdMember,
    HouseholdStatus,
    ZeroEmploymentHousehold,
)
from ablework.support.services.cases import refresh_cases
from ablework.support.services.records.common import Problems

# More members than this in one household is a typing mistake (our working bound, no rule).
MOST_OTHER_MEMBERS = 20
MOST_REGISTERED = 10


@dataclass(frozen=True, kw_only=True)
class HouseholdInput:
    recognised_on: date | None
    basis: str
    basis_note: str = ""
    other_members: int | None = 0
    # The resident IDs of the household's other registered persons, one a line.
    other_resident_ids: str = ""
    notes: str = ""


def household_label(household: ZeroEmploymentHousehold, persons: list[Person]) -> str:
    """How the audit trail and the pages name a household: by its first registered member."""
    if not persons:
        return str(_("零就业家庭"))
    if len(persons) == 1:
        return str(_("%(name)s的家庭（零就业家庭）") % {"name": persons[0].name})
    return str(
        _("%(name)s等%(count)d名残疾人的家庭（零就业家庭）")
        % {"name": persons[0].name, "count": len(persons)}
    )


def _input_problems(household: HouseholdInput) -> Problems:
    problems = Problems()
    problems.day("recognised_on", household.recognised_on, label=_("认定日期"))
    problems.choice("basis", household.basis, HouseholdBasis, label=_("认定依据"))
    problems.text(
        "basis_note",
        household.basis_note,
        label=_("认定文件或说明"),
        limit=200,
        required=household.basis == HouseholdBasis.OTHER,
    )
    count = household.other_members
    if count is None or not 0 <= count <= MOST_OTHER_MEMBERS:
        problems.add(
            "other_members",
            _("请填写其他法定劳动年龄内的家庭成员人数（0 到 %(most)d 人）。")
            % {"most": MOST_OTHER_MEMBERS},
        )
    problems.text("notes", household.notes, label=_("备注"), limit=500, required=False)
    return problems


def _other_persons(actor: User, text: str, *, first: Person, problems: Problems) -> list[Person]:
    """The registered persons the lines name, each inside the actor's area."""
    found: list[Person] = []
    lines = [line.strip().upper() for line in text.splitlines() if line.strip()]
    if len(lines) > MOST_REGISTERED:
        problems.add(
            "other_resident_ids",
            _("一个家庭最多填写 %(most)d 名其他持证成员。") % {"most": MOST_REGISTERED},
        )
        return []
    today = timezone.localdate()
    for number, line in enumerate(lines, start=1):
        where = _("第%(n)d行") % {"n": number}
        reading = read_resident_id(line, on=today)
        if reading.problem is not None:
            problems.add("other_resident_ids", f"{where}：{reading.problem}")
            continue
        pk = (
            Person.objects.filter(resident_id_hash=lookup_hash(line), merged_into__isnull=True)
            .values_list("pk", flat=True)
            .first()
        )
        try:
            if pk is None:
                raise NotFound("")
            person = person_for_support(actor, pk, permission=RECORD)
        except NotFound:
            problems.add(
                "other_resident_ids",
                _("%(where)s：在您管辖范围内的实名制信息库中没有找到这个公民身份号码。")
                % {"where": where},
            )
            continue
        if person.pk == first.pk or person in found:
            problems.add(
                "other_resident_ids",
                _("%(where)s：%(name)s已经是这个家庭的成员。")
                % {"where": where, "name": person.name},
            )
            continue
        found.append(person)
    return found


def _member_problems(persons: list[Person], on: date | None, problems: Problems) -> None:
    """A household with a member at work is not a zero-employment household; a person belongs
    to one tracked household at a time."""
    if on is None:
        return
    ids = [p.pk for p in persons]
    names = {p.pk: p.name for p in persons}
    for person in persons:
        if person.employment_status == EmploymentStatus.EMPLOYED:
            problems.add(
                "recognised_on",
                _("%(name)s在实名制信息库中登记为已就业：家庭中有人就业，不是零就业家庭。")
                % {"name": person.name},
            )
    later = EmploymentPeriod.objects.filter(
        person_id__in=ids, status=EmploymentStatus.EMPLOYED, started_on__gte=on
    ).order_by("started_on")
    for period in later:
        problems.add(
            "recognised_on",
            _("%(name)s在认定日期之后有就业记录（%(day)s起），请核对认定日期。")
            % {"name": names[period.person_id], "day": f"{period.started_on:%Y-%m-%d}"},
        )
    tracked = HouseholdMember.objects.filter(
        person_id__in=ids, household__status=HouseholdStatus.OPEN
    ).select_related("household")
    for member in tracked:
        problems.add(
            "recognised_on",
            _("%(name)s已在另一个正在跟踪的零就业家庭中（%(day)s认定）。")
            % {
                "name": names[member.person_id],
                "day": f"{member.household.recognised_on:%Y-%m-%d}",
            },
        )


def _flag_of(actor: User, person: Person, *, on: date, source: str) -> PersonFlag:
    """The person's open flag 零就业家庭: the one the registry already holds, or one opened now."""
    current = PersonFlag.objects.filter(
        person=person, kind=FlagKind.ZERO_EMPLOYMENT_FAMILY, ended_on__isnull=True
    ).first()
    if current is not None:
        return current
    return open_flag(
        actor=actor, person=person, kind=FlagKind.ZERO_EMPLOYMENT_FAMILY, on=on, source=source
    )


def record_household(
    *, actor: User, person_id: int, household: HouseholdInput
) -> ZeroEmploymentHousehold:
    """Record the household of the person (and of the other registered persons named), open the
    registry flag on each and refresh their queue rows; every problem of the input at once."""
    problems = _input_problems(household)
    with transaction.atomic():
        first = person_for_support(actor, person_id, permission=RECORD)
        # One household at a time per person: hold the person's row until the write ends.
        Person.objects.select_for_update().filter(pk=first.pk).first()
        others = _other_persons(actor, household.other_resident_ids, first=first, problems=problems)
        persons = [first, *others]
        _member_problems(persons, household.recognised_on, problems)
        problems.raise_any()
        assert household.recognised_on is not None
        assert household.other_members is not None
        row = ZeroEmploymentHousehold.objects.create(
            county_code=first.county_code,
            township_code=first.township_code,
            community_code=first.residence_region_code
            if first.residence_region_code.startswith(first.township_code or "-")
            else "",
            recognised_on=household.recognised_on,
            basis=household.basis,
            basis_note=household.basis_note.strip(),
            other_members=household.other_members,
            notes=household.notes.strip(),
            recorded_by=actor,
        )
        source = str(_("零就业家庭（登记编号 %(id)s）") % {"id": row.pk})
        HouseholdMember.objects.bulk_create(
            [
                HouseholdMember(
                    household=row,
                    person=person,
                    flag=_flag_of(actor, person, on=household.recognised_on, source=source),
                )
                for person in persons
            ]
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=HouseholdAction.RECORD,
            target=row,
            target_label=household_label(row, persons),
            changes={
                "recognised_on": [None, row.recognised_on.isoformat()],
                "basis": [None, row.basis],
                "other_members": [None, row.other_members],
                "status": [None, row.status],
            },
            detail={"persons": [p.pk for p in persons]},
        )
        refresh_cases(person_ids=[p.pk for p in persons])
    return row


def open_household_of(person: Person) -> ZeroEmploymentHousehold | None:
    """The tracked household the person belongs to, if any."""
    member = (
        HouseholdMember.objects.filter(person=person)
        .filter(Q(household__status=HouseholdStatus.OPEN))
        .select_related("household")
        .first()
    )
    return member.household if member else None
