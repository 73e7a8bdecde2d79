"""One identity check serves the registration form, the import and the API: the same wrong
number gets the same message in all three."""

from __future__ import annotations

import html
import json
from datetime import date

import pytest

from tests.exchange.files import import_file, person_rows, problems_of, write_xlsx
from tests.registry.conftest import OWN_COUNTY, resident_id, signed_in

pytestmark = pytest.mark.django_db


def _with_wrong_check_digit(number: str) -> str:
    return number[:-1] + ("0" if number[-1] != "0" else "1")


def _form_page(client, number: str, certificate: str) -> str:
    data = {
        "resident_id": number,
        "certificate_number": certificate,
        "name": "新登记",
        "certificate_status": "valid",
        "county_code": OWN_COUNTY,
        "employment_status": "unemployed",
    }
    return html.unescape(client.post("/persons/new/", data).content.decode())


def _import_problem(counsellor, tmp_path, number: str, certificate: str) -> str:
    rows = person_rows(1)
    rows[0][1], rows[0][2] = number, certificate
    batch = import_file(counsellor, write_xlsx(tmp_path / "one.xlsx", rows), commit=None)
    [(_, _, message)] = problems_of(batch)
    return message


def test_a_wrong_check_digit_reads_the_same_on_the_form_in_the_import_and_from_the_api(
    counsellor, tmp_path
):
    # given a resident ID whose check digit is wrong
    number = _with_wrong_check_digit(resident_id(OWN_COUNTY, date(1992, 8, 3), male=False))
    client = signed_in(counsellor)
    # when the rules API checks it
    response = client.post(
        "/api/v1/rules/calc",
        data=json.dumps({"rule": "resident-id", "number": number}),
        content_type="application/json",
    )
    [error] = response.json()["errors"]
    # then the import and the form say exactly what the API says
    assert "校验码" in error["message"]
    assert _import_problem(counsellor, tmp_path, number, number + "63") == error["message"]
    assert error["message"] in _form_page(client, number, number + "63")


def test_a_certificate_of_another_person_reads_the_same_on_the_form_and_in_the_import(
    counsellor, tmp_path
):
    number = resident_id(OWN_COUNTY, date(1992, 8, 3), male=False)
    other = resident_id(OWN_COUNTY, date(1980, 1, 1), male=True)
    message = _import_problem(counsellor, tmp_path, number, other + "41")
    assert message == "残疾人证号的前18位应与公民身份号码一致。"
    assert message in _form_page(signed_in(counsellor), number, other + "41")


def test_an_old_15_digit_id_reads_the_same_on_the_form_and_in_the_import(counsellor, tmp_path):
    old = "370811900101001"
    message = _import_problem(counsellor, tmp_path, old, "")
    assert "15位" in message
    assert message in _form_page(signed_in(counsellor), old, old + "41")
