"""Correcting a mistyped resident ID: checked like a registration, facts read again, never onto
another record's number, the old number kept (masked) in the audit trail with the reason."""

from __future__ import annotations

from datetime import date

import pytest

from ablework.core.crypto import lookup_hash
from ablework.core.models import AuditRecord
from ablework.registry.models import Person
from tests.registry.conftest import OWN_COUNTY, resident_id, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def mistyped(make_person) -> Person:
    """A man registered with a typo: the true number is a woman's born on another day."""
    return make_person(name="录错号", birth_date=date(1980, 1, 1), sex="male")


def _form(
    number: str, reason: str = "核对身份证原件，原录入有误", base_age: str = "55"
) -> dict[str, str]:
    return {
        "resident_id": number,
        "certificate_number": number + "53",
        "retirement_base_age": base_age,
        "reason": reason,
    }


def test_county_admin_corrects_the_number_and_the_record_reads_the_facts_again(demo_data, mistyped):
    # given the true number, a woman's born on 1980-10-01
    true_number = resident_id(OWN_COUNTY, date(1980, 10, 1), male=False)
    old_number, old_masked = mistyped.resident_id, mistyped.resident_id_masked
    client = signed_in(demo_data["rencheng_admin"])
    assert "更正公民身份号码" in client.get(f"/persons/{mistyped.pk}/").content.decode()
    # when the county administrator corrects it
    response = client.post(f"/persons/{mistyped.pk}/identity/", _form(true_number))
    # then the record holds the new number and what it says; the old number finds nobody
    assert response.status_code == 302
    person = Person.objects.get(pk=mistyped.pk)
    assert person.resident_id == true_number
    assert (person.sex, person.birth_date) == ("female", date(1980, 10, 1))
    assert (person.disability_category, person.disability_grade) == (5, 3)
    assert person.resident_id_hash == lookup_hash(true_number)
    assert not Person.objects.filter(resident_id_hash=lookup_hash(old_number)).exists()
    # the certificate history holds the corrected number, category and grade, not the typo
    issued = person.certificate_events.get()
    assert (issued.certificate_hash, issued.disability_category, issued.disability_grade) == (
        person.certificate_hash,
        5,
        3,
    )
    # and the audit record keeps old → new masked, with the reason
    audit = AuditRecord.objects.get(
        action="registry.person.correct_identity", target_id=str(person.pk)
    )
    assert audit.detail == {"reason": "核对身份证原件，原录入有误"}
    assert audit.changes["resident_id"] == [old_masked, person.resident_id_masked]
    assert audit.changes["sex"] == ["male", "female"]
    assert old_number not in str(audit.changes)
    assert true_number not in str(audit.changes)


def test_a_number_registered_to_another_record_is_refused(demo_data, mistyped, make_person):
    other = make_person(name="另一人")
    client = signed_in(demo_data["rencheng_admin"])
    html = client.post(
        f"/persons/{mistyped.pk}/identity/", _form(other.resident_id, base_age="")
    ).content.decode()
    assert "已登记在另一条记录中" in html
    assert Person.objects.get(pk=mistyped.pk).resident_id == mistyped.resident_id


def test_a_wrong_check_digit_or_a_missing_reason_changes_nothing(demo_data, mistyped):
    client = signed_in(demo_data["rencheng_admin"])
    number = resident_id(OWN_COUNTY, date(1980, 10, 1), male=False)
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    html = client.post(f"/persons/{mistyped.pk}/identity/", _form(wrong)).content.decode()
    assert "校验码应为" in html
    html = client.post(
        f"/persons/{mistyped.pk}/identity/", _form(number, reason="")
    ).content.decode()
    assert "这个字段是必填项" in html
    person = Person.objects.get(pk=mistyped.pk)
    assert (person.resident_id, person.sex) == (mistyped.resident_id, "male")
    assert not AuditRecord.objects.filter(action="registry.person.correct_identity").exists()


def test_a_retirement_age_that_does_not_fit_the_new_sex_is_refused(demo_data, make_person):
    # given a man recorded with the men's original retirement age
    person = make_person(name="男改女", birth_date=date(1980, 1, 1), sex="male")
    Person.objects.filter(pk=person.pk).update(retirement_base_age=60)
    client = signed_in(demo_data["rencheng_admin"])
    number = resident_id(OWN_COUNTY, date(1980, 10, 1), male=False)
    # when his number is corrected to a woman's and 60 kept
    html = client.post(f"/persons/{person.pk}/identity/", _form(number, base_age="60"))
    # then the form asks for a woman's age, and nothing changed
    assert "原法定退休年龄应为 50、55 之一" in html.content.decode()
    assert Person.objects.get(pk=person.pk).sex == "male"
    # and with 55 the correction is made
    client.post(f"/persons/{person.pk}/identity/", _form(number, base_age="55"))
    corrected = Person.objects.get(pk=person.pk)
    assert (corrected.sex, corrected.retirement_base_age) == ("female", 55)


def test_a_counsellor_may_not_correct_numbers(demo_data, mistyped):
    client = signed_in(demo_data["rencheng_counsellor"])
    assert "更正公民身份号码" not in client.get(f"/persons/{mistyped.pk}/").content.decode()
    number = resident_id(OWN_COUNTY, date(1980, 10, 1), male=False)
    response = client.post(f"/persons/{mistyped.pk}/identity/", _form(number))
    assert response.status_code == 404
    assert Person.objects.get(pk=mistyped.pk).resident_id == mistyped.resident_id
