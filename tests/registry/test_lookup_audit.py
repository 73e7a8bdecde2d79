"""The duplicate check is no oracle (issue 9, item 9): each lookup that finds a person registered
outside the user's area — from the import check or the registration form — is audited with that
person as its target and shows in their access log, and a user is told of at most
OUT_OF_SCOPE_LOOKUPS_PER_DAY such persons a day; beyond that the answer is withheld alike for IDs
registered elsewhere and IDs not registered at all."""

from __future__ import annotations

import pytest

from ablework.core.models import AuditRecord
from ablework.registry.models import Person
from tests.accounts.factories import PersonUserFactory
from tests.exchange.files import import_file, person_rows, problems_of, write_xlsx
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

ELSEWHERE = "该公民身份号码已在您的辖区以外登记"
WITHHELD = "本日查询次数已达上限"


def _rows_for(persons: list[Person], *, new: int = 0) -> list[list[object]]:
    """A file with the persons' own IDs (as a clerk probing them would send), then new persons."""
    rows = person_rows(len(persons) + new, seed=23)
    for row, person in zip(rows, persons, strict=False):
        row[0], row[1] = person.name, person.resident_id
        row[2] = f"{person.resident_id}{person.disability_category}{person.disability_grade}"
        row[3], row[4], row[5] = "", "", "370811"
    return rows


def _lookups(person: Person) -> list[AuditRecord]:
    return list(
        AuditRecord.objects.filter(action="registry.person.lookup", target_id=str(person.pk))
    )


def _weishan(count: int) -> list[Person]:
    return list(Person.objects.filter(county_code="370826").order_by("pk")[:count])


def test_an_import_check_that_finds_a_person_elsewhere_is_in_their_access_log(demo_data, tmp_path):
    # given a person registered in 微山县, with an account of their own
    other = _weishan(1)[0]
    person_user = PersonUserFactory(person=other)
    counsellor = demo_data["rencheng_counsellor"]
    # when a 任城区 counsellor only checks a file holding their ID
    path = write_xlsx(tmp_path / "probe.xlsx", _rows_for([other]))
    batch = import_file(counsellor, path, commit=None)
    # then the answer stays, and the lookup is audited with the person as its target
    assert ELSEWHERE in problems_of(batch)[0][2]
    [lookup] = _lookups(other)
    assert lookup.actor == counsellor
    assert lookup.detail["outside"] is True
    assert lookup.detail["file_name"] == "probe.xlsx"
    # filed in the person's region, so 微山县's staff see who looked up their registrant
    assert lookup.region_code.startswith("370826")
    # and the person reads it in their access log, by name and unit, never a code
    page = signed_in(person_user).get("/accounts/my-access-log/").content.decode()
    assert "查询公民身份号码是否已登记" in page
    assert "任城区就业服务专员" in page
    assert "文件：probe.xlsx" in page
    assert "registry.person.lookup" not in page


def test_the_registration_form_lookup_is_audited_and_shown_to_the_person(demo_data):
    other = _weishan(1)[0]
    person_user = PersonUserFactory(person=other)
    client = signed_in(demo_data["rencheng_counsellor"])
    form = {
        "resident_id": other.resident_id,
        "certificate_number": other.certificate_number,
        "name": "试探",
        "certificate_status": "valid",
        "county_code": "370811",
        "retirement_base_age": "",
        "employment_status": "unemployed",
    }
    # when the counsellor tries to register an ID registered in another county
    response = client.post("/persons/new/", form)
    # then the form still says it is registered, and the lookup is audited for that person
    assert "不能重复登记" in response.content.decode()
    [lookup] = _lookups(other)
    assert lookup.actor == demo_data["rencheng_counsellor"]
    assert lookup.detail["outside"] is True
    page = signed_in(person_user).get("/accounts/my-access-log/").content.decode()
    assert "查询公民身份号码是否已登记" in page


def test_bulk_lookups_beyond_the_daily_limit_are_withheld(demo_data, tmp_path, settings):
    settings.OUT_OF_SCOPE_LOOKUPS_PER_DAY = 2
    counsellor = demo_data["rencheng_counsellor"]
    probed = _weishan(4)
    # when a counsellor checks a file of four IDs registered elsewhere and one new person
    path = write_xlsx(tmp_path / "sweep.xlsx", _rows_for(probed, new=1))
    batch = import_file(counsellor, path, commit=None)
    messages = {row: message for row, _, message in problems_of(batch)}
    # then the first two are answered, the rest withheld — the new person's row as well, so
    # "withheld" does not mean "registered"
    assert [ELSEWHERE in messages[row] for row in (2, 3)] == [True, True]
    assert [WITHHELD in messages[row] for row in (4, 5, 6)] == [True, True, True]
    assert ELSEWHERE not in messages[4] + messages[5]
    assert batch.rows_rejected == 5
    # every lookup that found someone is audited, withheld or not
    assert [len(_lookups(person)) for person in probed] == [1, 1, 1, 1]
    assert [_lookups(person)[0].detail["withheld"] for person in probed] == [
        False,
        False,
        True,
        True,
    ]
    # checking again the same day answers the two already told, and still withholds the rest
    again = import_file(counsellor, path, commit=None)
    messages = {row: message for row, _, message in problems_of(again)}
    assert [ELSEWHERE in messages[row] for row in (2, 3)] == [True, True]
    assert WITHHELD in messages[4]
    # the registration form withholds too, once the allowance is used
    form_response = signed_in(counsellor).post(
        "/persons/new/",
        {
            "resident_id": probed[3].resident_id,
            "certificate_number": probed[3].certificate_number,
            "name": "试探",
            "certificate_status": "valid",
            "county_code": "370811",
            "employment_status": "unemployed",
        },
    )
    html = form_response.content.decode()
    assert WITHHELD in html
    assert "不能重复登记" not in html
    # while another counsellor's allowance is their own
    other_batch = import_file(demo_data["rencheng_admin"], path, commit=None)
    assert ELSEWHERE in {row: m for row, _, m in problems_of(other_batch)}[2]


def test_a_county_import_of_its_own_people_is_not_limited(demo_data, tmp_path, settings):
    settings.OUT_OF_SCOPE_LOOKUPS_PER_DAY = 1
    counsellor = demo_data["rencheng_counsellor"]
    # a file of new persons and of the county's own registrants (updates)
    own = list(Person.objects.filter(county_code="370811").order_by("pk")[:20])
    rows = _rows_for(own, new=300)
    batch = import_file(counsellor, write_xlsx(tmp_path / "county.xlsx", rows))
    assert batch.rows_rejected == 0, problems_of(batch)[:3]
    assert batch.rows_created == 300
    assert not AuditRecord.objects.filter(action="registry.person.lookup").exists()
