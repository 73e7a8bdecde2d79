"""Each checked row against the register: add, update or skip, inside the importer's area."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ablework.core.errors import DomainError
from ablework.employers.imports.catalog import EMPLOYER_CATALOG
from ablework.employers.models import PUBLIC_KINDS, Employer, EmployerKind
from ablework.employers.services import (
    EmployerDetails,
    ImportedEmployer,
    check_public_fields,
    details_of,
    primary_contacts,
    write_imported_employers,
)
from ablework.exchange.columns import HeaderMatch
from ablework.exchange.importing.context import ImportContext
from ablework.exchange.importing.kinds import CheckedRow, ChunkPlan


@dataclass
class PlannedEmployer:
    """An employer to add (`created`) or to change (its stored version with it)."""

    employer: ImportedEmployer
    created: bool


class EmployerPlanner:
    """Finds each row's employer by its credit code: a new one is added, a registered one in
    the importer's area updated (blank cells keep what is stored), an unchanged one skipped.
    The place must lie inside the importer's area; a parent must be registered inside it or
    come earlier in the file, and a branch chain never loops."""

    def __init__(self, header: HeaderMatch, ctx: ImportContext) -> None:
        self.header = header
        self.ctx = ctx
        self.seen: dict[str, int] = {}  # credit code → row, in this file
        self.accepted: set[str] = set()  # the file's credit codes that passed, so far
        # credit code → parent's credit code, for the loop check (the file's rows win)
        self.parents: dict[str, str] = {}

    def label(self, key: str) -> str:
        if key in self.header.positions:
            return self.header.label_of(key)
        return EMPLOYER_CATALOG.by_key[key].header

    def plan(self, rows: list[CheckedRow]) -> ChunkPlan:
        plan = ChunkPlan()
        valid = [row for row in rows if not row.rejected]
        codes = {
            row.values[key] for row in valid for key in ("uscc", "parent_uscc") if key in row.values
        }
        known = {
            employer.uscc: employer
            for employer in Employer.objects.filter(uscc__in=codes).select_related("parent")
        }
        self.contacts = primary_contacts([employer.pk for employer in known.values()])
        for employer in known.values():
            self.parents.setdefault(employer.uscc, employer.parent.uscc if employer.parent else "")
        for row in rows:
            plan.add(row, None if row.rejected else self._plan(row, known))
        return plan

    def _plan(self, row: CheckedRow, known: dict[str, Employer]) -> PlannedEmployer | None:
        values, scope = row.values, self.ctx.scope
        uscc = values["uscc"]
        if uscc in self.seen:
            row.problem(self.label("uscc"), f"与第{self.seen[uscc]}行的统一社会信用代码重复")
            return None
        self.seen[uscc] = row.number
        existing = known.get(uscc)
        if existing is not None and not scope.covers(existing):
            row.problem(
                self.label("uscc"),
                "该统一社会信用代码已登记为您管辖范围以外的用人单位，请联系其所在地残联",
            )
            return None
        place = values.get("township_code") or values["county_code"]
        if not scope.covers_code(place):
            column = "township" if values.get("township_code") else "county"
            row.problem(self.label(column), "该单位所在区划不在您的管辖范围内")
            return None
        details = self._details(values, existing)
        try:
            check_public_fields(details)
        except DomainError as error:
            row.problem(self.label(error.field or "kind"), error.message)
            return None
        if not self._parent_ok(row, uscc, details.parent_uscc, known):
            return None
        self.parents[uscc] = details.parent_uscc
        self.accepted.add(uscc)
        if existing is not None and details == self._stored(existing):
            return None
        imported = ImportedEmployer(
            details=details,
            row=row.number,
            pk=existing.pk if existing else None,
            version=existing.version if existing else 0,
        )
        return PlannedEmployer(imported, created=existing is None)

    def _stored(self, employer: Employer) -> EmployerDetails:
        return details_of(employer, self.contacts.get(employer.pk))

    def _details(self, values: dict[str, Any], existing: Employer | None) -> EmployerDetails:
        """The row's record: what the file gives, the stored values where its cells are blank."""
        base = (
            self._stored(existing)
            if existing is not None
            else EmployerDetails(name="", uscc="", kind="", county_code="")
        )
        given = {key: values[key] for key in values if key not in ("county", "township")}
        # a county move clears a township that is not the new county's
        moved = "county_code" in given and not base.township_code.startswith(given["county_code"])
        if moved and "township_code" not in given:
            given["township_code"] = ""
        details = replace(base, **given)
        if details.kind not in PUBLIC_KINDS:  # a kind changed to one without them
            if "administrative_level" not in given:
                details = replace(details, administrative_level="")
            if "authorised_posts" not in given:
                details = replace(details, authorised_posts=None)
        if details.kind != EmployerKind.INSTITUTION and "school_type" not in given:
            details = replace(details, school_type="")
        return details

    def _parent_ok(
        self, row: CheckedRow, uscc: str, parent: str, known: dict[str, Employer]
    ) -> bool:
        if not parent:
            return True
        column = self.label("parent_uscc")
        stored = known.get(parent)
        in_file = parent in self.accepted
        if not in_file and (stored is None or not self.ctx.scope.covers(stored)):
            row.problem(column, "没有找到该上级单位，或它不在您的管辖范围内")
            return False
        step, visited = parent, set()
        while step and step not in visited:
            if step == uscc:
                row.problem(column, "上级单位不能是本单位，也不能是本单位的分支机构")
                return False
            visited.add(step)
            step = self.parents.get(step, "")
        return True


def write_employers(plan: ChunkPlan, ctx: ImportContext) -> None:
    """Add and change the chunk's employers through the service, each audited with the batch."""
    write_imported_employers(
        actor=ctx.actor,
        employers=[planned.employer for planned in plan.planned],
        detail=ctx.audit_detail,
    )
