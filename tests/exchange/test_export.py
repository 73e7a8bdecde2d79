"""The registry list's selection as .xlsx: masked unless the user may reveal, logged either way."""

from __future__ import annotations

import io

import openpyxl
import pytest

from ablework.core.models import AuditRecord
from ablework.registry.models import Person
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def _download(user, **params) -> list[tuple]:
    client = signed_in(user)
    response = client.post("/persons/export.csv", {"format": "xlsx", **params})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(workbook.active.values)


@pytest.mark.parametrize(
    ("username", "masked"), [("jining_auditor", True), ("jining_admin", False)]
)
def test_xlsx_export_is_masked_without_the_reveal_permission_and_logged(
    demo_data, username, masked
):
    person = Person.objects.filter(county_code="370826").first()
    rows = _download(demo_data[username], region="370826")
    assert rows[0][:3] == ("姓名", "公民身份号码", "残疾人证号")
    ids = {row[1] for row in rows[1:]}
    assert len(rows) - 1 == Person.objects.filter(county_code="370826").count()
    assert (person.resident_id_masked in ids) is masked
    assert (person.resident_id in ids) is not masked
    record = AuditRecord.objects.get(action="registry.person.export", actor_label=username)
    assert record.detail["masked"] is masked
    assert record.detail["rows"] == len(rows) - 1
    assert record.detail["filters"] == {"region": "370826"}


def test_the_csv_export_of_the_list_page_still_works(demo_data):
    client = signed_in(demo_data["rencheng_counsellor"])
    response = client.post("/persons/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
