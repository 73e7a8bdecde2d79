"""基础信息核对: the counsellor checks the person's information with them (seed 003, the first
of the "四个一") — what was verified, whether they want work — and what turned out to have
changed is written to the registry through the registry's own services (the person's record is
changed and audited there, and marked verified on the day), never by writing the person here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.registry.models import EmploymentStatus, Person, VerificationMethod
from ablework.registry.services import KEEP, Keep, PersonChanges, mark_verified, update_person
from ablework.support.audit_actions import SupportAction
from ablework.support.models import Channel, CheckItem, InformationCheck
from ablework.support.services.records.common import Problems, write_record

PHONE = re.compile(r"^[0-9+\- ]{7,20}$")
CHECK_AUDITED = ("on", "channel", "wants_work", "changes", "given_by")


@dataclass(frozen=True, kw_only=True)
class CheckInput:
    on: date | None
    channel: str
    verified: tuple[str, ...]
    # None: the person did not say (only when their wishes were not what was checked)
    wants_work: bool | None
    given_by: str = ""
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class RegistryCorrections:
    """What the check found changed, for the registry (KEEP: as recorded)."""

    phone: str | Keep = KEEP
    address: str | Keep = KEEP
    employment_status: str | Keep = KEEP
    employer_name: str | Keep = KEEP


def check_problems(check: CheckInput, corrections: RegistryCorrections) -> Problems:
    problems = Problems()
    problems.day("on", check.on, label=_("核对日期"))
    problems.choice("channel", check.channel, Channel, label=_("核对方式"))
    if not check.verified:
        problems.add("verified", _("请至少选择一项核对的内容。"))
    for item in check.verified:
        if item not in CheckItem.values:
            problems.add("verified", _("没有这项核对内容：%(code)s") % {"code": item})
    if CheckItem.WISHES in check.verified and check.wants_work is None:
        problems.add("wants_work", _("核对了就业意愿，请选择本人是否有就业意愿。"))
    problems.text("given_by", check.given_by, label=_("核对人员"), limit=64, required=True)
    problems.text("notes", check.notes, label=_("备注"), limit=500, required=False)
    if corrections.phone is not KEEP and not PHONE.match(corrections.phone):
        problems.add("phone", _("新的联系电话应为 7 到 20 位数字（可含 +、- 和空格）。"))
    if corrections.address is not KEEP:
        problems.text(
            "address", corrections.address, label=_("新的居住地址"), limit=100, required=True
        )
    if corrections.employment_status is not KEEP:
        problems.choice(
            "employment_status",
            corrections.employment_status,
            EmploymentStatus,
            label=_("新的就业状况"),
        )
    return problems


def record_check(
    *,
    actor: User,
    person_id: int,
    check: CheckInput,
    corrections: RegistryCorrections | None = None,
    record_id: int | None = None,
    version: int | None = None,
) -> InformationCheck:
    """Record (or correct, on the version seen) an information check of the person; the
    changes found go to the registry and the person's record is marked verified on the day."""
    corrections = corrections or RegistryCorrections()
    check_problems(check, corrections).raise_any()

    def fill(record: InformationCheck, person: Person) -> None:
        assert check.on is not None  # checked above
        record.on = check.on
        record.channel = check.channel
        record.verified = [item for item in CheckItem.values if item in check.verified]
        record.wants_work = check.wants_work
        record.given_by = check.given_by.strip()
        record.notes = check.notes.strip()

    def write_registry(record: InformationCheck, person: Person) -> None:
        changed = _correct_registry(actor, person, corrections)
        if changed:
            record.changes = "、".join(changed)[:300]
        assert check.on is not None
        mark_verified(
            actor=actor,
            persons=Person.objects.filter(pk=person.pk),
            on=check.on,
            method=VerificationMethod.QUARTERLY_UPDATE,
            note=str(_("四个一：基础信息核对")),
        )

    return write_record(
        actor=actor,
        person_id=person_id,
        model=InformationCheck,
        action=SupportAction.CHECK,
        record_id=record_id,
        version=version,
        fill=fill,
        before_save=write_registry,
        audited=CHECK_AUDITED,
    )


def _correct_registry(actor: User, person: Person, corrections: RegistryCorrections) -> list[str]:
    """Write what differs from the registry through `update_person`; the words of what
    changed (values are in the registry's own audit record, masked)."""
    changed: list[str] = []
    phone: str | Keep = KEEP
    address: str | Keep = KEEP
    status: str | Keep = KEEP
    employer: str | Keep = KEEP
    if corrections.phone is not KEEP and corrections.phone.strip() != person.phone:
        phone = corrections.phone.strip()
        changed.append(str(_("联系电话")))
    if corrections.address is not KEEP and corrections.address.strip() != person.address:
        address = corrections.address.strip()
        changed.append(str(_("居住地址")))
    if (
        corrections.employment_status is not KEEP
        and corrections.employment_status != person.employment_status
    ):
        status = new_status = corrections.employment_status
        changed.append(
            str(_("就业状况（%(old)s → %(new)s）"))
            % {
                "old": EmploymentStatus(person.employment_status).label,
                "new": EmploymentStatus(new_status).label,
            }
        )
        if status == EmploymentStatus.EMPLOYED and corrections.employer_name is not KEEP:
            employer = corrections.employer_name.strip()
    if not changed:
        return changed
    update_person(
        actor=actor,
        person=person,
        changes=PersonChanges(
            phone=phone,
            address=address,
            employment_status=status,
            employment_kind=KEEP if status is KEEP or status == EmploymentStatus.EMPLOYED else "",
            employer_name=employer,
        ),
    )
    return changed
