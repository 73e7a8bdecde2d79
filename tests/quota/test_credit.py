"""用人单位信用记录: staff record a dated entry for non-payment or faked placements with its
legal basis (quoted from the seeds) and the issuing organ; a rejection for faked placements
proposes one for staff to confirm; entries are seen by the staff of their region only and
exported as CSV and JSON in the documented columns."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from django.urls import reverse

from ablework.core.errors import Invalid, NotFound
from ablework.core.models import AuditRecord
from ablework.quota.credit_bases import bases_for
from ablework.quota.inputs import read_declaration
from ablework.quota.models import CreditEntry, CreditStatus, DeclarationEvent
from ablework.quota.services import submit_declaration
from ablework.quota.services.credit import EXPORT_COLUMNS, record_entry
from ablework.quota.services.review import reject_declaration
from tests.accounts.factories import (
    CounsellorFactory,
    CountyAdminFactory,
    EmployerUserFactory,
)
from tests.employers.factories import EmployerFactory
from tests.helpers import signed_in
from tests.quota.conftest import declaration, line
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("quota:credit")


def test_staff_record_a_non_payment_with_the_local_basis_and_organ():
    employer = EmployerFactory(name="任城欠缴厂", county_code="370811")
    staff = CountyAdminFactory()
    entry = record_entry(
        actor=staff,
        employer_id=employer.pk,
        kind="non_payment",
        facts="2025 年度应缴保障金 120000.00 元，经催缴仍未缴纳",
        recorded_on=date(2026, 11, 2),
        levy_year=2025,
    )
    assert entry.status == CreditStatus.RECORDED
    assert entry.recorded_on == date(2026, 11, 2)
    assert entry.basis_key == "jining-2023-5"
    assert "《济宁市促进残疾人就业三年行动实施方案（2023—2025年）》" in entry.basis
    assert "拒缴、少缴残疾人就业保障金的纳入用人单位信用记录" in entry.basis
    assert entry.issuing_organ == "济宁市任城区残疾人联合会"
    assert AuditRecord.objects.get(action="quota.credit.record").actor_id == staff.pk
    with pytest.raises(Invalid, match="请写明认定的事实"):
        record_entry(actor=staff, employer_id=employer.pk, kind="non_payment", facts=" ")
    with pytest.raises(Invalid, match="不适用"):
        record_entry(
            actor=staff,
            employer_id=employer.pk,
            kind="non_payment",
            facts="x",
            basis_key="shanxi-2022-2-1-3",  # Shanxi's, not 济宁's
        )
    # no basis for non-payment is known outside 济宁 and 山西 (none is invented); faked
    # placements have the national one everywhere
    assert bases_for("non_payment", "320102") == []
    assert [b.key for b in bases_for("fake_placement", "320102")] == ["guobanfa-2022-6-3-6"]
    assert [b.key for b in bases_for("fake_placement", "370811")] == [
        "jining-2023-3-3",
        "guobanfa-2022-6-3-6",
    ]


def test_a_rejection_for_faked_placements_proposes_an_entry_that_staff_confirm(client):
    employer = EmployerFactory(name="任城挂靠厂")
    person = PersonFactory(name="王一", disability_grade=3)
    payload = declaration(employer.uscc, [line(person.certificate_number, "王一")])
    row, _ = submit_declaration(actor=None, declaration=read_declaration(payload))
    staff = CountyAdminFactory()
    reject_declaration(
        actor=staff,
        declaration_id=row.pk,
        version=row.version,
        reason="经核查，王一未实际到岗，工资由中介代发",
        reason_kind="fake_placement",
    )
    assert DeclarationEvent.objects.get(transition="reject").reason_kind == "fake_placement"
    entry = CreditEntry.objects.get()
    assert entry.status == CreditStatus.PROPOSED
    assert entry.kind == "fake_placement"
    assert entry.declaration == row
    assert "王一未实际到岗" in entry.facts
    assert entry.basis_key == "jining-2023-3-3"
    # staff see it to confirm, then it is recorded and dated
    browser = signed_in(staff)
    page = browser.get(PAGE).content.decode()
    assert "任城挂靠厂" in page
    assert f'id="credit-record-{entry.pk}"' in page
    assert (
        browser.post(
            reverse("quota:credit_decide", args=[entry.pk]), {"decision": "record"}
        ).status_code
        == 302
    )
    entry.refresh_from_db()
    assert entry.status == CreditStatus.RECORDED
    assert entry.decided_by == staff
    # a rejection for another reason proposes nothing
    other = EmployerFactory()
    payload = declaration(other.uscc, [line(PersonFactory().certificate_number, "李二")])
    row, _ = submit_declaration(actor=None, declaration=read_declaration(payload))
    reject_declaration(actor=staff, declaration_id=row.pk, version=row.version, reason="材料不全")
    assert CreditEntry.objects.count() == 1


def test_entries_are_scoped_and_exported_in_the_documented_columns():
    here = EmployerFactory(name="任城欠缴厂", county_code="370811")
    there = EmployerFactory(name="微山欠缴厂", county_code="370826")
    rencheng, weishan = CountyAdminFactory(), CountyAdminFactory(region_id="370826")
    record_entry(actor=rencheng, employer_id=here.pk, kind="non_payment", facts="未缴 2025 年度")
    record_entry(actor=weishan, employer_id=there.pk, kind="non_payment", facts="未缴 2025 年度")
    with pytest.raises(NotFound):
        record_entry(actor=rencheng, employer_id=there.pk, kind="non_payment", facts="x")
    browser = signed_in(rencheng)
    page = browser.get(PAGE).content.decode()
    assert "任城欠缴厂" in page
    assert "微山欠缴厂" not in page
    exported = browser.post(reverse("quota:credit_export", args=["csv"]))
    assert exported.status_code == 200
    text = b"".join(exported.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert [(row["uscc"], row["name"], row["kind"]) for row in rows] == [
        (here.uscc, "任城欠缴厂", "non_payment")
    ]
    assert rows[0]["issuing_organ"] == "济宁市任城区残疾人联合会"
    assert "济宁市促进残疾人就业三年行动实施方案" in rows[0]["basis"]
    as_json = browser.post(reverse("quota:credit_export", args=["json"]))
    data = json.loads(b"".join(as_json.streaming_content))
    assert data["columns"] == list(EXPORT_COLUMNS)
    assert [entry["name"] for entry in data["entries"]] == ["任城欠缴厂"]
    assert AuditRecord.objects.filter(action="quota.credit.export").count() == 2
    # counsellors, employers: no such page
    assert signed_in(CounsellorFactory()).get(PAGE).status_code == 404
    assert signed_in(EmployerUserFactory(employer=here)).get(PAGE).status_code == 404


def test_staff_record_an_entry_through_the_form():
    employer = EmployerFactory(name="任城欠缴厂", county_code="370811")
    browser = signed_in(CountyAdminFactory())
    form = browser.get(reverse("quota:credit_new"))
    assert form.status_code == 200
    response = browser.post(
        reverse("quota:credit_new"),
        {
            "uscc": employer.uscc,
            "kind": "non_payment",
            "facts": "2025 年度保障金经催缴未缴",
            "recorded_on": "2026-11-02",
            "levy_year": "2025",
            "basis": "",
        },
    )
    assert response.status_code == 302
    entry = CreditEntry.objects.get()
    assert entry.recorded_on == date(2026, 11, 2)
    assert entry.levy_year == 2025
    page = browser.get(PAGE).content.decode()
    assert "2026-11-02" in page
    assert "已记入用人单位信用记录" in page
