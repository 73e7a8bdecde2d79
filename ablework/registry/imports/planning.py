"""Deciding, for a chunk of checked rows, what each one does to the registry: create a person,
update one (and what changes), leave one as it is, or nothing because it is rejected.

One query finds the chunk's existing records by their lookup hash; two more find their open
employment periods and flags. Nothing is written here: a record found outside the importer's
area is answered within their daily allowance (`registry/services/lookups.py`) and the lookup
handed to the engine as an audit entry of the chunk's plan.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ablework.exchange.columns import HeaderMatch
from ablework.exchange.importing.context import ImportContext
from ablework.exchange.importing.kinds import CheckedRow, ChunkPlan
from ablework.registry.history import same_employment
from ablework.registry.imports.catalog import PERSON_CATALOG, flag_key
from ablework.registry.imports.records import protected_columns
from ablework.registry.imports.rows import PersonRow
from ablework.registry.models import (
    ENCRYPTED_FIELDS,
    SENSITIVE_FIELDS,
    EmploymentPeriod,
    EmploymentStatus,
    FlagKind,
    Person,
    PersonFlag,
)
from ablework.registry.services.bulk import Employment, Planned
from ablework.registry.services.lookups import LookupAllowance, lookup_entry

# Person fields an import may set, straight from a column of the same name.
PLAIN_FIELDS = (
    "certificate_number",
    "disability_category",
    "disability_grade",
    "certificate_valid_until",
    "certificate_status",
    "household_region_code",
    "residence_region_code",
    "urban_rural",
    "education",
    "phone",
    "address",
    "skills",
    "occupations",
    "training_wished",
    "needs_sign_language",
    "needs_braille_or_large_print",
    "needs_easy_read",
    "communication_notes",
    "retirement_base_age",
)
FLAG_KINDS = tuple(FlagKind.values)
# Fields read from a column of another name: the notes are what the communication column holds
# beyond the needs it names.
COLUMN_OF = {"communication_notes": "communication"}
REGISTERED_OUTSIDE = "该公民身份号码已在您的辖区以外登记，本次导入不能修改；请联系当地残联核实"


class PersonPlanner:
    """Plans chunks of one file, remembering every resident ID seen so far (duplicates)."""

    def __init__(self, header: HeaderMatch, ctx: ImportContext) -> None:
        self.header = header
        self.ctx = ctx
        self.seen: dict[int, int] = {}
        present = set(header.positions)
        self.loads_employment = bool(
            present & {"employment_status", "employment_kind", "employer_name"}
        )
        self.flag_columns = [kind for kind in FLAG_KINDS if flag_key(kind) in present]
        self.flag_keys = [(kind, flag_key(kind)) for kind in self.flag_columns]
        # Encrypted values the file does not hold are never decrypted (the ID is matched by hash).
        self.deferred = sorted(
            {"resident_id", *(f for f in ENCRYPTED_FIELDS if COLUMN_OF.get(f, f) not in present)}
        )
        # Finding an ID registered outside the importer's area is audited and limited per day.
        self.allowance = LookupAllowance(ctx.actor, ctx.scope)
        self.source = {"batch": ctx.batch.pk, "file_name": ctx.batch.file_name}
        self.audits: list[dict[str, Any]] = []

    def label(self, key: str) -> str:
        """The column's header as the file writes it."""
        if key in self.header.positions:
            return self.header.label_of(key)
        return PERSON_CATALOG.by_key[key].header

    def plan(self, rows: list[CheckedRow]) -> ChunkPlan:
        """The plan for a chunk, in row order."""
        plan = ChunkPlan()
        checked = [_person_row(row) for row in rows]
        for row in checked:
            self._check_duplicate(row)
        valid = [row for row in checked if not row.rejected]
        existing = self._existing([row.resident_id_hash for row in valid])
        periods, flags = self._history([person.pk for person in existing.values()])
        for row in checked:
            planned = None
            if not row.rejected:
                person = existing.get(row.resident_id_hash)
                if person is None:
                    planned = self._plan_create(row)
                else:
                    planned = self._plan_update(row, person, periods.get(person.pk), flags)
            plan.add(row, planned)
        plan.audits, self.audits = self.audits, []
        return plan

    def _check_duplicate(self, row: PersonRow) -> None:
        if not row.resident_id_hash:
            return
        key = int(row.resident_id_hash[:16], 16)
        first = self.seen.setdefault(key, row.number)
        if first != row.number:
            row.problem(
                self.label("resident_id"), f"与第{first}行的公民身份号码重复（同一人只能有一行）"
            )

    def _existing(self, hashes: list[str]) -> dict[str, Person]:
        if not hashes:
            return {}
        persons = Person.objects.filter(resident_id_hash__in=hashes).defer(*self.deferred)
        return {person.resident_id_hash: person for person in persons}

    def _history(
        self, person_ids: list[int]
    ) -> tuple[dict[int, EmploymentPeriod], dict[tuple[int, str], PersonFlag]]:
        """The open employment periods by person, and the open flags of the file's kinds by
        (person, kind)."""
        periods: dict[int, EmploymentPeriod] = {}
        flags: dict[tuple[int, str], PersonFlag] = {}
        if person_ids and self.loads_employment:
            for period in EmploymentPeriod.objects.filter(
                person_id__in=person_ids, ended_on__isnull=True
            ):
                periods[period.person_id] = period
        if person_ids and self.flag_columns:
            for flag in PersonFlag.objects.filter(
                person_id__in=person_ids, ended_on__isnull=True, kind__in=self.flag_columns
            ):
                flags[flag.person_id, flag.kind] = flag
        return periods, flags

    def _plan_create(self, row: PersonRow) -> Planned | None:
        values = row.values
        if self.allowance.exhausted:  # "not registered" is an answer too: withheld alike
            row.problem(self.label("resident_id"), self.allowance.withheld)
            return None
        for key, message in (
            ("disability_category", "新登记的人须填写残疾类别（或残疾人证号）"),
            ("disability_grade", "新登记的人须填写残疾等级（或残疾人证号）"),
            ("employment_status", "新登记的人须填写就业状况"),
        ):
            if key not in values:
                row.problem(self.label(key), message)
        county = self._county(row, existing=None)
        employment = self._employment(row, current=None)
        township = self._township(row, county, new=True)
        if row.rejected or county is None or employment is None:
            return None
        new = protected_columns(
            resident_id=values["resident_id"],
            resident_id_hash=row.resident_id_hash,
            certificate=values.get("certificate_number", ""),
            phone=values.get("phone", ""),
            address=values.get("address", ""),
        )
        new |= {
            name: values[name]
            for name in PLAIN_FIELDS
            if name in values and name not in SENSITIVE_FIELDS
        }
        new |= {
            "name": values["name"],
            "sex": row.sex,
            "birth_date": row.birth_date,
            "county_code": county,
            "township_code": township or "",
            "employment_status": employment.status,
            "employment_kind": employment.kind,
            "last_verified_on": values.get("last_verified_on"),
        }
        flags = {kind: True for kind, key in self.flag_keys if values.get(key)}
        return Planned(
            row.number,
            None,
            True,
            self._on(row),
            new=new,
            employment=employment,
            flags=flags,
            certificate_issued_on=values.get("certificate_issued_on"),
        )

    def _plan_update(
        self,
        row: PersonRow,
        person: Person,
        period: EmploymentPeriod | None,
        open_flags: dict[tuple[int, str], PersonFlag],
    ) -> Planned | None:
        if not self._may_update(row, person):
            return None
        values = row.values
        county = self._county(row, existing=person.county_code)
        township = self._township(row, county, new=False)
        employment = (
            self._employment(row, current=period, person=person) if self.loads_employment else None
        )
        if row.rejected or county is None:
            return None
        wanted = {name: values[name] for name in PLAIN_FIELDS if name in values}
        wanted["county_code"] = county
        if township is not None:
            wanted["township_code"] = township
        verified = values.get("last_verified_on")
        if verified is not None and (
            person.last_verified_on is None or verified > person.last_verified_on
        ):
            wanted["last_verified_on"] = verified
        planned = Planned(
            row.number,
            person,
            False,
            self._on(row),
            period=period,
            certificate_issued_on=values.get("certificate_issued_on"),
        )
        planned.fields = {k: v for k, v in wanted.items() if getattr(person, k) != v}
        if employment and not same_employment(
            period, employment.status, employment.kind, employment.employer_name
        ):
            if period is not None and planned.on < period.started_on:
                row.problem(
                    self.label("last_verified_on"),
                    f"核实日期早于当前就业状况的开始日期（{period.started_on:%Y-%m-%d}），"
                    "不能据此变更就业状况",
                )
                return None
            planned.employment = employment
        for kind, key in self.flag_keys:
            active = values.get(key)
            flag = open_flags.get((person.pk, kind))
            if active is not None and active != (flag is not None):
                planned.flags[kind] = active
                if flag is not None:
                    planned.open_flags[kind] = flag
        if not (planned.fields or planned.employment or planned.flags):
            return None
        return planned

    def _may_update(self, row: PersonRow, person: Person) -> bool:
        """The record must be inside the importer's area, active, and the same person."""
        column = self.label("resident_id")
        if not self.allowance.covers(person):
            answered = self.allowance.answers(person)
            source = {**self.source, "row": row.number, "withheld": not answered}
            self.audits.append(
                lookup_entry(actor=self.ctx.actor, person=person, outside=True, source=source)
            )
            row.problem(column, REGISTERED_OUTSIDE if answered else self.allowance.withheld)
            return False
        if person.merged_into_id is not None:
            row.problem(column, "该号码的记录已合并到另一条记录，不能再修改；请修改保留的记录")
            return False
        if person.name != row.values["name"]:
            row.problem(
                self.label("name"),
                f"与已登记的记录不一致：登记的姓名为“{person.name}”。"
                "如确需更正姓名，请在该人的记录页面修改",
            )
        if person.birth_date != row.birth_date or person.sex != row.sex:
            row.problem(column, "与已登记记录的出生日期或性别不一致，请核实后在记录页面处理")
        return not row.rejected

    def _county(self, row: PersonRow, *, existing: str | None) -> str | None:
        """The county that will keep the record: the column, else the household region (new
        records), else the record's own, else the importer's county."""
        given = row.values.get("county_code")
        column = self.label("county_code")
        household = row.values.get("household_region_code", "")
        if given is not None:
            county = given
            if len(given) != 6 or given not in self.ctx.counties:
                row.problem(column, f"“{given}”不是已知的6位县级区划代码（GB/T 2260）")
                return None
        elif existing is None and household[:6] in self.ctx.counties:
            county = household[:6]
        else:
            county = existing or self.ctx.default_county
        if not county:
            row.problem(column, "无法确定所属县级区划：请填写“所属县级区划”或“户籍地区划”")
            return None
        if county != existing and not self.ctx.scope.overlaps_code(county):
            row.problem(column, f"所属县级区划（{self.ctx.county_name(county)}）不在您的管辖范围内")
            return None
        return county

    def _township(self, row: PersonRow, county: str | None, *, new: bool) -> str | None:
        text = row.values.get("township")
        if county is None:
            return None
        if text is None:  # a township's staff register in their own township
            return self.ctx.default_township if new and county == self.ctx.default_county else None
        code = self.ctx.township_code(county, text)
        if code is None:
            row.problem(
                self.label("township"),
                f"乡镇（街道）“{text}”不属于{self.ctx.county_name(county)}，或尚未登记该名称；"
                "请填写9位乡镇代码",
            )
        elif not self.ctx.scope.covers_code(code):
            row.problem(self.label("township"), f"乡镇（街道）“{text}”不在您的管辖范围内")
            return None
        return code

    def _employment(
        self, row: PersonRow, *, current: EmploymentPeriod | None, person: Person | None = None
    ) -> Employment | None:
        """Status, kind and employer after this row: what the file says, the rest kept."""
        values = row.values
        status = values.get("employment_status", person.employment_status if person else None)
        if status is None:
            return None
        kept_kind = person.employment_kind if person and person.employment_status == status else ""
        kind = values.get(
            "employment_kind", kept_kind if status == EmploymentStatus.EMPLOYED else ""
        )
        if status == EmploymentStatus.EMPLOYED and not kind:
            row.problem(self.label("employment_kind"), "已就业的须填写就业形式")
        elif status != EmploymentStatus.EMPLOYED and kind:
            row.problem(self.label("employment_kind"), "就业状况不是“已就业”时不应填写就业形式")
        employer = values.get("employer_name")
        if employer and status != EmploymentStatus.EMPLOYED:
            row.problem(self.label("employer_name"), "就业状况不是“已就业”时不应填写就业单位")
        if employer is None:
            same = current is not None and (current.status, current.kind) == (status, kind)
            employer = current.employer_name if same and current is not None else ""
        return None if row.rejected else Employment(status, kind, employer)

    def _on(self, row: PersonRow) -> date:
        """The day changes take effect: the row's 核实日期, else today."""
        verified = row.values.get("last_verified_on")
        return verified if verified is not None else self.ctx.today


def _person_row(row: CheckedRow) -> PersonRow:
    assert isinstance(row, PersonRow), "the registry's checker makes PersonRows"
    return row
