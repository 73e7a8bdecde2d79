"""The list of zero-employment households as .xlsx (names and masked resident IDs of the
registered members, the place, the days tracked and the member's job), and its audit record,
which names every registered member exported (`record_audit_persons`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ablework.accounts.models import User
from ablework.core.audit import record_audit, record_audit_persons
from ablework.core.models import AuditKind
from ablework.core.region_names import region_name
from ablework.core.spreadsheets import XlsxCell, open_xlsx, write_xlsx_sheet
from ablework.registry.models import Person
from ablework.support.audit_actions import HouseholdAction
from ablework.support.selectors.households import HouseholdLine, HouseholdList

HEADER = (
    gettext_lazy("序号"),
    gettext_lazy("乡镇（街道）"),
    gettext_lazy("持证残疾人"),
    gettext_lazy("其他法定劳动年龄内的家庭成员人数"),
    gettext_lazy("认定日期"),
    gettext_lazy("认定依据"),
    gettext_lazy("状态"),
    gettext_lazy("跟踪天数"),
    gettext_lazy("成员就业日期"),
    gettext_lazy("就业情况"),
)


def _job(line: HouseholdLine) -> str:
    household = line.household
    if household.resolved_on is None:
        return ""
    who = household.employed_person.name if household.employed_person else ""
    if not who and household.employed_relation:
        who = household.get_employed_relation_display()
    parts = [who, household.get_employed_kind_display(), household.employer_name]
    return "，".join(part for part in parts if part)


def _rows(book: HouseholdList) -> Iterator[list[XlsxCell]]:
    for number, line in enumerate(book.lines, start=1):
        household = line.household
        yield [
            number,
            region_name(household.township_code) or _("未填写乡镇"),
            "、".join(f"{m.person.name}（{m.person.resident_id_masked}）" for m in line.members),
            household.other_members,
            household.recognised_on,
            household.get_basis_display(),
            household.get_status_display(),
            line.days,
            household.resolved_on,
            _job(line),
        ]


def write_households_xlsx(book: HouseholdList, target: IO[bytes]) -> None:
    workbook = open_xlsx(target)
    write_xlsx_sheet(
        workbook, name=_("零就业家庭"), header=[str(h) for h in HEADER], rows=_rows(book)
    )
    workbook.close()


def record_household_export(*, actor: User, book: HouseholdList, region_code: str) -> None:
    """Log the export, naming every registered member it holds."""
    record = record_audit(
        actor=actor,
        kind=AuditKind.EXPORT,
        action=HouseholdAction.EXPORT,
        target_type="support.zeroemploymenthousehold",
        target_label=str(_("零就业家庭名单")),
        region_code=region_code,
        detail={"rows": len(book.lines)},
    )
    ids = [m.person_id for line in book.lines for m in line.members]
    record_audit_persons(record, Person.objects.filter(pk__in=ids))
