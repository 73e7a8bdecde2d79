"""Staff register and change employers with their township: the employer's page and list name
the township, the form offers the county's townships inside the actor's area, and a township's
worker places employers in their own township only."""

from __future__ import annotations

import pytest

from ablework.core.models import AuditRecord
from ablework.demo.synthetic import uscc_with_check
from ablework.employers.models import Employer
from tests.employers.factories import EmployerContactFactory, EmployerFactory
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

COUNTY, TOWNSHIP, NEXT_STREET = "370811", "370811001", "370811002"


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "name": "任城区新登记物流有限公司",
        "uscc": uscc_with_check("9137081100000077"),
        "kind": "enterprise",
        "county_code": COUNTY,
        "township_code": TOWNSHIP,
        "staff_count": "86",
        "address": "任城区建设路9号",
    }
    data.update(overrides)
    return data


def _menu(page: str, name: str) -> str:
    return page[page.index(f'name="{name}"') :].split("</select>")[0]


def test_county_staff_register_an_employer_whose_page_and_list_name_its_township(demo_data):
    client = signed_in(demo_data["rencheng_admin"])
    # given the registration form, whose township menu offers the county's streets
    form = client.get("/employers/new/").content.decode()
    menu = _menu(form, "township_code")
    assert all(street in menu for street in ("古槐街道", "越河街道", "南苑街道"))
    # when they register an employer in 古槐街道
    response = client.post("/employers/new/", _form())
    # then its page and the list name the street, and never show its code
    employer = Employer.objects.get(name="任城区新登记物流有限公司")
    assert response.status_code == 302
    assert employer.township_code == TOWNSHIP
    page = client.get(f"/employers/{employer.pk}/").content.decode()
    listing = client.get("/employers/", {"q": employer.name}).content.decode()
    for shown in (page, listing):
        assert "古槐街道" in shown
        assert TOWNSHIP not in shown
    # and the registration is audited in the street
    created = AuditRecord.objects.get(action="employers.employer.create")
    assert created.region_code == TOWNSHIP


def test_the_edit_form_moves_an_employer_to_another_township_and_keeps_its_contacts(demo_data):
    employer = EmployerFactory(township_code=TOWNSHIP)
    EmployerContactFactory(employer=employer, phone="13900003333")
    client = signed_in(demo_data["rencheng_admin"])
    # when the edit form is saved with another street
    form = client.get(f"/employers/{employer.pk}/edit/").content.decode()
    assert "13900003333" not in form
    response = client.post(
        f"/employers/{employer.pk}/edit/",
        _form(
            name=employer.name,
            uscc=employer.uscc,
            township_code=NEXT_STREET,
            version=str(employer.version),
        ),
    )
    # then the employer is in 越河街道, its contact stays, and the audit page names both streets
    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.township_code == NEXT_STREET
    assert employer.contacts.get().phone == "13900003333"
    audit = client.get("/audit/", {"action": "employers.employer.update"}).content.decode()
    assert "古槐街道" in audit
    assert "越河街道" in audit


def test_a_township_outside_the_county_or_a_wrong_credit_code_is_shown_on_its_field(demo_data):
    client = signed_in(demo_data["jining_admin"])
    # when the form names a 任城区 street under 微山县, and a credit code with a wrong check
    bad_code = _form()["uscc"][:-1] + ("0" if _form()["uscc"][-1] != "0" else "1")
    response = client.post(
        "/employers/new/", _form(county_code="370826", township_code=TOWNSHIP, uscc=bad_code)
    )
    # then both problems are shown at once, on their fields, and nothing is registered
    form = response.context["form"]
    assert response.status_code == 200
    assert "所选乡镇（街道）不在所选县（市、区）内。" in form.errors["township_code"]
    assert "校验码" in " ".join(form.errors["uscc"])
    assert not Employer.objects.filter(name="任城区新登记物流有限公司").exists()


def test_a_township_worker_registers_and_edits_employers_in_their_own_street_only(demo_data):
    client = signed_in(demo_data["rencheng_township"])
    # given the form, whose township menu holds their street only, never blank
    menu = _menu(client.get("/employers/new/").content.decode(), "township_code")
    assert "古槐街道" in menu
    assert "越河街道" not in menu
    assert 'value=""' not in menu
    # when they register one in the next street, then nothing is registered
    refused = client.post("/employers/new/", _form(township_code=NEXT_STREET))
    assert refused.status_code == 200
    assert not Employer.objects.filter(name="任城区新登记物流有限公司").exists()
    # when they register one in their own street, it is registered there
    assert client.post("/employers/new/", _form()).status_code == 302
    own = Employer.objects.get(name="任城区新登记物流有限公司")
    assert own.township_code == TOWNSHIP
    # and they cannot move it to the next street
    moved = client.post(
        f"/employers/{own.pk}/edit/", _form(uscc=own.uscc, township_code=NEXT_STREET, version="1")
    )
    assert moved.status_code == 200
    own.refresh_from_db()
    assert own.township_code == TOWNSHIP
    # nor open, or save, an employer of the next street (404, as for a missing one)
    other = EmployerFactory(township_code=NEXT_STREET)
    assert client.get(f"/employers/{other.pk}/edit/").status_code == 404
    saved = client.post(f"/employers/{other.pk}/edit/", _form(uscc=other.uscc, version="1"))
    assert saved.status_code == 404
    other.refresh_from_db()
    assert other.name != "任城区新登记物流有限公司"


def test_the_service_refuses_a_place_outside_the_township_workers_street(demo_data):
    from ablework.core.errors import NotFound
    from ablework.employers.services import EmployerDetails, create_employer

    details = EmployerDetails(
        name="越河街道某单位",
        uscc=uscc_with_check("9137081100000078"),
        kind="enterprise",
        county_code=COUNTY,
        township_code=NEXT_STREET,
    )
    # a township's worker cannot place one in the next street, nor leave the street blank
    for place in (details, EmployerDetails(**{**details.__dict__, "township_code": ""})):
        with pytest.raises(NotFound):
            create_employer(actor=demo_data["rencheng_township"], details=place)
    assert not Employer.objects.filter(name="越河街道某单位").exists()


def test_staff_without_the_edit_permission_get_no_form(demo_data):
    client = signed_in(demo_data["jining_auditor"])
    employer = EmployerFactory()
    assert client.get("/employers/new/").status_code == 404
    assert client.get(f"/employers/{employer.pk}/edit/").status_code == 404
    assert "登记用人单位" not in client.get("/employers/").content.decode()


def test_a_save_from_a_form_opened_before_a_colleagues_change_is_refused(demo_data):
    from ablework.employers.services import EmployerDetails, update_employer

    employer = EmployerFactory(township_code=TOWNSHIP)
    client = signed_in(demo_data["rencheng_counsellor"])
    # given the edit form opened on version 1, and a colleague who moved it to 越河街道 since
    assert (
        'name="version" value="1"' in client.get(f"/employers/{employer.pk}/edit/").content.decode()
    )
    update_employer(
        actor=demo_data["rencheng_admin"],
        employer=employer,
        details=EmployerDetails(
            name=employer.name,
            uscc=employer.uscc,
            kind=employer.kind,
            county_code=COUNTY,
            township_code=NEXT_STREET,
            staff_count=employer.staff_count,
        ),
    )
    # when the form is saved with another name
    response = client.post(
        f"/employers/{employer.pk}/edit/",
        _form(name="改名后的单位", uscc=employer.uscc, version="1"),
    )
    # then it is refused with a 409 that says what the colleague changed, and nothing is written
    page = response.content.decode()
    assert response.status_code == 409
    assert "此记录已被他人修改" in page
    assert "越河街道" in page
    employer.refresh_from_db()
    assert (employer.township_code, employer.version) == (NEXT_STREET, 2)
    assert employer.name != "改名后的单位"
    # and the form now carries the current version, so saving again is a choice
    assert 'name="version" value="2"' in page
