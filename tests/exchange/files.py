"""Building the files staff send: the template's columns, synthetic persons, hostile cells."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import openpyxl

from ablework.demo.synthetic import generate_persons
from ablework.exchange.choices import chinese
from ablework.registry.models import EmploymentKind, EmploymentStatus

HEADER = [
    "姓名",
    "公民身份号码",
    "残疾人证号",
    "残疾类别",
    "残疾等级",
    "户籍地区划",
    "就业状况",
    "就业形式",
    "就业单位",
    "联系电话",
    "低保家庭",
]


def person_rows(count: int, *, seed: int = 11, county: str = "370811") -> list[list[object]]:
    """Rows in HEADER's columns for `count` synthetic persons of one county."""
    rows = []
    for person in generate_persons(count=count, seed=seed, counties=[county], on=date(2026, 1, 1)):
        status = person.employment_status
        rows.append(
            [
                person.name,
                person.resident_id,
                person.certificate_number,
                str(person.disability_category),
                f"{person.disability_grade}级",
                person.household_region_code,
                chinese(EmploymentStatus(status).label),
                chinese(EmploymentKind(person.employment_kind).label)
                if person.employment_kind
                else "",
                "某某有限公司" if status == "employed" else "",
                person.phone,
                "否",
            ]
        )
    return rows


def write_xlsx(
    path: Path, rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER
) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def write_csv(
    path: Path,
    rows: Sequence[Sequence[object]],
    header: Sequence[str] = HEADER,
    *,
    encoding: str = "utf-8-sig",
) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def import_file(actor, path: Path, *, commit: str | None = "valid", kind: str = "persons"):
    """Check (and unless `commit` is None, commit) a local file of an import kind (by default
    the registry's) as `actor`, as the CLI does."""
    from ablework.exchange.batches import batch_for_local_file
    from ablework.exchange.importing.services import check_import_file, commit_import_file
    from ablework.exchange.models import CommitMode

    batch = batch_for_local_file(actor=actor, kind=kind, path=path)
    if commit is None:
        return check_import_file(batch=batch, source=path)
    return commit_import_file(batch=batch, source=path, mode=CommitMode(commit))


def problems_of(batch) -> list[tuple[int | None, str, str]]:
    """(row, column, message) of every problem (not notices) the batch found."""
    return list(
        batch.problems.filter(is_notice=False)
        .order_by("id")
        .values_list("row_number", "column", "message")
    )


def registry_state() -> dict[str, int]:
    """Counts a half-written import would change."""
    from ablework.core.models import AuditRecord
    from ablework.registry.models import EmploymentPeriod, Person, PersonFlag

    return {
        "persons": Person.objects.count(),
        "periods": EmploymentPeriod.objects.count(),
        "flags": PersonFlag.objects.count(),
        "audit": AuditRecord.objects.filter(action__startswith="registry.person.import").count(),
    }
