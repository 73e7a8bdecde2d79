"""The tax bureau's VAT file for units of concentrated employment, as an import kind: a problem
per cell by row and column, nothing written by a check or by an all-or-nothing commit of a file
with a bad row, the same file again changing nothing, a corrected amount updating the month
(audited, and a VAT form opened before it refused), and the template listing every column."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ablework.concentrated.models import ConcentratedUnit, MonthlyVat
from ablework.concentrated.selectors import unit_year
from ablework.core.models import AuditRecord
from ablework.exchange.models import BatchStatus, ImportBatch
from tests.accounts.factories import CounsellorFactory, CountyAdminFactory
from tests.concentrated.conftest import YEAR, unit
from tests.employers.factories import EmployerFactory
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

HEADER = "序号,纳税人识别号,纳税人名称,税款所属期,实缴增值税,主管税务机关\n"
UPLOAD = "/imports/new/concentrated_vat/"


def _upload(client, text: str, *, encoding: str = "utf-8-sig") -> ImportBatch:
    upload = SimpleUploadedFile("增值税.csv", text.encode(encoding), content_type="text/csv")
    client.post(UPLOAD, {"file": upload})
    return ImportBatch.objects.latest("pk")


def _problems(batch: ImportBatch) -> set[tuple[int | None, str]]:
    return set(batch.problems.filter(is_notice=False).values_list("row_number", "column"))


def test_bad_cells_are_named_by_row_and_column_and_all_or_nothing_writes_nothing():
    row = unit()
    uscc = row.employer.uscc
    elsewhere = unit(county="370826").employer.uscc
    not_a_unit = EmployerFactory().uscc
    text = HEADER + "\n".join(
        [
            f"1,{uscc},,2023-01-01至2023-01-31,12000.50,",  # row 2: fine
            f"2,{uscc},,2023-02,-5,",  # row 3: negative
            f"3,{uscc},,2023-01-01至2023-03-31,100,",  # row 4: a quarter
            "4,91370800MA3C5XXXX1,,2023-04,100,",  # row 5: bad check character
            f"5,{not_a_unit},,2023-04,100,",  # row 6: not registered as a unit
            f"6,{elsewhere},,2023-04,100,",  # row 7: another county's unit
            f"7,{uscc},,2023年1月,99,",  # row 8: January twice
            f"8,{uscc},,去年,99,",  # row 9: no month
            f"9,{uscc},,2023-05,一万,",  # row 10: no amount
        ]
    )
    client = signed_in(CountyAdminFactory())

    batch = _upload(client, text, encoding="gbk")

    assert batch.status == BatchStatus.CHECKED
    assert (batch.rows_valid, batch.rows_rejected) == (1, 8)
    assert _problems(batch) == {
        (3, "实缴增值税"),
        (4, "税款所属期"),
        (5, "纳税人识别号"),
        (6, "纳税人识别号"),
        (7, "纳税人识别号"),
        (8, "税款所属期"),
        (9, "税款所属期"),
        (10, "实缴增值税"),
    }
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert "跨了不止一个月" in page
    assert "请先在“集中就业”页面登记该单位" in page
    assert "与第2行是同一单位、同一税款所属期" in page
    assert not MonthlyVat.objects.exists()  # the check writes nothing
    client.post(f"/imports/{batch.pk}/commit/", {"mode": "all-or-nothing"})
    batch.refresh_from_db()
    assert batch.status == BatchStatus.NOTHING_WRITTEN
    assert not MonthlyVat.objects.exists()
    assert not AuditRecord.objects.filter(action="concentrated.vat.import").exists()


def test_the_months_are_written_the_same_file_changes_nothing_and_a_correction_updates():
    row = unit()
    uscc = row.employer.uscc
    text = HEADER + (
        f'1,{uscc},,2023-01-01至2023-01-31,"62,000.00",\n'
        f"2,{uscc},,202302,58000,\n"
        f"3,{uscc},,2023-03,71000.00元,\n"
    )
    client = signed_in(CountyAdminFactory())
    opened_at = ConcentratedUnit.objects.get(pk=row.pk).version  # a VAT form opened now

    batch = _upload(client, text)
    client.post(f"/imports/{batch.pk}/commit/", {"mode": "valid"})

    batch.refresh_from_db()
    assert batch.rows_created == 3
    months = unit_year(ConcentratedUnit.objects.get(pk=row.pk), YEAR).months
    assert [m.vat_paid for m in months[:4]] == [
        Decimal("62000.00"),
        Decimal("58000.00"),
        Decimal("71000.00"),
        None,
    ]
    record = AuditRecord.objects.get(action="concentrated.vat.import")
    assert record.changes["vat_2023_02"] == [None, "58000.00"]
    assert record.detail["import_batch"] == batch.pk
    assert record.detail["file_name"] == "增值税.csv"
    # the form opened before the import is refused, shown what the import changed
    stale = client.post(
        reverse("concentrated:vat", args=[row.pk, YEAR]),
        {"version": opened_at, "month_1": "1.00"},
    )
    assert stale.status_code == 409
    assert "2023年2月已缴增值税" in stale.content.decode()
    assert MonthlyVat.objects.get(unit=row, month=1).vat_paid == Decimal("62000.00")

    again = _upload(client, text)
    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 3)
    corrected = _upload(client, HEADER + f"1,{uscc},,2023-02,58500.00,\n")
    client.post(f"/imports/{corrected.pk}/commit/", {"mode": "valid"})
    corrected.refresh_from_db()
    assert corrected.rows_updated == 1
    assert MonthlyVat.objects.get(unit=row, month=2).vat_paid == Decimal("58500.00")
    latest = AuditRecord.objects.filter(action="concentrated.vat.import").latest("id")
    assert latest.changes == {"vat_2023_02": ["58000.00", "58500.00"]}


def test_the_kind_is_offered_to_reviewers_only_with_a_template_of_every_column():
    client = signed_in(CountyAdminFactory())
    units_page = client.get(reverse("concentrated:units")).content.decode()
    assert f'href="{UPLOAD}"' in units_page
    upload_page = client.get(UPLOAD).content.decode()
    for header in ("纳税人识别号", "纳税人名称", "税款所属期", "实缴增值税"):
        assert f'<th scope="row">{header}</th>' in upload_page
    template = client.get("/imports/template/concentrated_vat.xlsx")
    assert template.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(template.streaming_content)))
    cells = {cell.value for sheet in workbook for row in sheet.iter_rows() for cell in row}
    assert {"纳税人识别号", "税款所属期", "实缴增值税"} <= cells
    # the tax list's readers only: an employer's account or a person gets nothing
    from tests.accounts.factories import EmployerUserFactory

    assert signed_in(EmployerUserFactory()).get(UPLOAD).status_code == 404
    assert signed_in(CounsellorFactory()).get(UPLOAD).status_code == 200  # counsellors review
