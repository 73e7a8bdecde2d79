"""The persons import writes the dated certificate history: 发证日期 dates a new person's issued
event, and a file changing the grade, valid-until or status records the event from its row's
date. A file without the new column still imports."""

from __future__ import annotations

from datetime import date

import pytest

from ablework.core.crypto import lookup_hash
from ablework.registry.models import CertificateEvent, Person
from ablework.registry.selectors.certificates import certificate_months
from tests.exchange.files import HEADER, import_file, person_rows, problems_of, write_csv

pytestmark = pytest.mark.django_db


def _person(row) -> Person:
    return Person.objects.get(resident_id_hash=lookup_hash(row[1]))


def test_the_issue_date_column_dates_the_new_persons_certificate(counsellor, tmp_path):
    rows = person_rows(2)
    header = [*HEADER, "发证日期", "证件有效期至"]
    rows[0] += ["2025-04-10", "2035-04-09"]
    rows[1] += ["", ""]
    batch = import_file(counsellor, write_csv(tmp_path / "dated.csv", rows, header))
    assert problems_of(batch) == []
    dated, undated = _person(rows[0]), _person(rows[1])
    issued = CertificateEvent.objects.get(person=dated)
    assert (issued.kind, issued.effective_on, issued.source) == (
        "issued",
        date(2025, 4, 10),
        "import",
    )
    assert issued.valid_until == date(2035, 4, 9)
    assert CertificateEvent.objects.get(person=undated).effective_on is None
    months = certificate_months(2025, person_ids=[dated.pk])[dated.pk]
    assert [m.valid for m in months] == [False] * 4 + [True] * 8


def test_a_file_without_the_new_column_still_imports(counsellor, tmp_path):
    rows = person_rows(1)
    batch = import_file(counsellor, write_csv(tmp_path / "old.csv", rows))
    assert problems_of(batch) == []
    assert CertificateEvent.objects.get(person=_person(rows[0])).kind == "issued"


def test_an_issue_date_after_its_valid_until_is_refused_in_its_cell(counsellor, tmp_path):
    rows = person_rows(1)
    rows[0] += ["2025-04-10", "2024-04-09"]
    batch = import_file(
        counsellor,
        write_csv(tmp_path / "bad.csv", rows, [*HEADER, "发证日期", "证件有效期至"]),
        commit=None,
    )
    assert (2, "证件有效期至", "证件有效期早于发证日期") in problems_of(batch)


def test_a_newer_file_with_a_new_grade_and_a_revocation_records_the_events(counsellor, tmp_path):
    rows = person_rows(2)
    import_file(counsellor, write_csv(tmp_path / "first.csv", rows))
    person, other = _person(rows[0]), _person(rows[1])
    header = [*HEADER, "证件状态", "核实日期"]
    newer = [list(row) for row in rows]
    grade = 3 if person.disability_grade != 3 else 4
    newer[0][2] = f"{str(newer[0][2])[:19]}{grade}"
    newer[0][4] = f"{grade}级"
    newer[0] += ["有效", "2026-07-01"]
    newer[1] += ["已注销", "2026-05-01"]
    batch = import_file(counsellor, write_csv(tmp_path / "newer.csv", newer, header))
    assert problems_of(batch) == []
    reassessed = CertificateEvent.objects.get(person=person, kind="reassessed")
    assert (reassessed.effective_on, reassessed.disability_grade) == (date(2026, 7, 1), grade)
    revoked = CertificateEvent.objects.get(person=other, kind="revoked")
    assert revoked.effective_on == date(2026, 5, 1)
    months = certificate_months(2026, person_ids=[person.pk, other.pk])
    assert [m.grade for m in months[person.pk]][5:7] == [person.disability_grade, grade]
    assert [m.valid for m in months[other.pk]] == [True] * 4 + [False] * 8
