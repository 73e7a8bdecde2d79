"""Registering a new person: numbers checked by the rules, facts read from them, never twice."""

from __future__ import annotations

from datetime import date

import pytest

from ablework.core.models import AuditRecord
from ablework.registry.models import Person
from tests.registry.conftest import (
    OTHER_COUNTY,
    OWN_COUNTY,
    registration_form,
    resident_id,
    signed_in,
)

pytestmark = pytest.mark.django_db


_form = registration_form


def test_counsellor_registers_a_person_and_the_numbers_give_sex_birth_category_and_grade(
    demo_data,
):
    # given the registration form filled in with a woman's numbers (category 6, grade 3)
    client = signed_in(demo_data["rencheng_counsellor"])
    data = _form()
    # when it is submitted
    response = client.post("/persons/new/", data)
    # then the record exists with what the numbers say, and the record page opens
    person = Person.objects.get(name="新登记")
    assert response.status_code == 302
    assert response["Location"] == f"/persons/{person.pk}/"
    assert (person.sex, person.birth_date) == ("female", date(1992, 8, 3))
    assert (person.disability_category, person.disability_grade) == (6, 3)
    assert person.employment_periods.get().status == "unemployed"
    assert AuditRecord.objects.filter(action="registry.person.create", target_id=str(person.pk))
    page = client.get(response["Location"]).content.decode()
    assert person.resident_id_masked in page
    assert data["resident_id"] not in page


def test_bad_check_digit_is_shown_on_the_field_in_chinese_and_nothing_is_saved(demo_data):
    client = signed_in(demo_data["rencheng_counsellor"])
    data = _form()
    wrong = "0" if data["resident_id"][-1] != "0" else "1"
    data["resident_id"] = data["resident_id"][:-1] + wrong
    data["certificate_number"] = data["resident_id"] + "63"

    response = client.post("/persons/new/", data)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert 'href="#id_resident_id"' in html
    assert "校验码应为" in html
    assert 'aria-invalid="true"' in html
    assert not Person.objects.filter(name="新登记").exists()


def test_certificate_of_another_person_is_refused(demo_data):
    client = signed_in(demo_data["rencheng_counsellor"])
    other = resident_id(OWN_COUNTY, date(1980, 1, 1), male=True)
    response = client.post("/persons/new/", _form(certificate_number=other + "41"))
    assert "残疾人证号的前18位应与公民身份号码一致" in response.content.decode()
    assert not Person.objects.filter(name="新登记").exists()


def test_certificate_number_with_an_impossible_grade_is_refused(demo_data):
    client = signed_in(demo_data["rencheng_counsellor"])
    data = _form()
    data["certificate_number"] = data["resident_id"] + "65"
    html = client.post("/persons/new/", data).content.decode()
    assert 'href="#id_certificate_number"' in html
    assert not Person.objects.filter(name="新登记").exists()


def test_the_same_resident_id_cannot_be_registered_twice(demo_data):
    client = signed_in(demo_data["rencheng_counsellor"])
    data = _form()
    client.post("/persons/new/", data)

    again = client.post("/persons/new/", {**data, "name": "第二次"})

    assert "不能重复登记" in again.content.decode()
    assert (
        Person.objects.filter(
            resident_id_hash=Person.objects.get(name="新登记").resident_id_hash
        ).count()
        == 1
    )


def test_a_woman_cannot_be_given_the_mens_original_retirement_age(demo_data):
    client = signed_in(demo_data["rencheng_counsellor"])
    html = client.post("/persons/new/", _form(retirement_base_age="60")).content.decode()
    assert 'href="#id_retirement_base_age"' in html
    assert not Person.objects.filter(name="新登记").exists()


def test_employed_needs_a_form_of_employment(demo_data):
    client = signed_in(demo_data["rencheng_counsellor"])
    html = client.post("/persons/new/", _form(employment_status="employed")).content.decode()
    assert "已就业时请选择就业形式" in html


def test_counsellor_cannot_register_into_another_county(demo_data):
    client = signed_in(demo_data["rencheng_counsellor"])
    response = client.post("/persons/new/", _form(county_code=OTHER_COUNTY))
    assert response.status_code == 200  # the county is not among the choices
    assert 'href="#id_county_code"' in response.content.decode()
    assert not Person.objects.filter(name="新登记").exists()


def test_auditor_cannot_open_the_registration_form(demo_data):
    assert signed_in(demo_data["jining_auditor"]).get("/persons/new/").status_code == 404


def test_a_name_with_markup_is_stored_as_text_and_shown_escaped(demo_data):
    client = signed_in(demo_data["rencheng_counsellor"])
    client.post("/persons/new/", _form(name="<script>x</script>"))
    person = Person.objects.get(name="<script>x</script>")
    html = client.get(f"/persons/{person.pk}/").content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
