"""A township's (街道) employment-service worker works in their street only: they register
people there, import there, and see its audit rows, consents and batches — nothing of the next
street of the same county."""

from __future__ import annotations

import pytest

from ablework.accounts.models import ProxyConsent, User
from ablework.accounts.roles import Role
from ablework.core.crypto import lookup_hash
from ablework.core.models import AuditRecord
from ablework.registry.models import Person
from tests.exchange.files import HEADER, import_file, person_rows, problems_of, write_xlsx
from tests.helpers import signed_in
from tests.registry.conftest import registration_form

pytestmark = pytest.mark.django_db

COUNTY, TOWNSHIP, NEXT_STREET = "370811", "370811001", "370811002"


@pytest.fixture
def township(demo_data) -> User:
    return demo_data["rencheng_township"]


def _colleague(username: str, *, role: str, region: str) -> User:
    return User.objects.create(username=username, role=role, region_id=region)


def _registration(**overrides: str) -> dict[str, str]:
    return registration_form(**{"name": "街道新登记", "township_code": TOWNSHIP, **overrides})


def test_registers_a_person_in_their_own_street_and_the_form_offers_only_it(township):
    client = signed_in(township)
    # given the registration form, whose township menu holds their street only, never blank
    form = client.get("/persons/new/").content.decode()
    menu = form[form.index('name="township_code"') :].split("</select>")[0]
    assert "古槐街道" in menu
    assert "越河街道" not in menu
    assert 'value=""' not in menu
    # when they register someone there
    response = client.post("/persons/new/", _registration())
    # then the record is in their street, and its audit row names the street, 9 digits long
    person = Person.objects.get(name="街道新登记")
    assert response.status_code == 302
    assert (person.county_code, person.township_code) == (COUNTY, TOWNSHIP)
    created = AuditRecord.objects.get(action="registry.person.create", target_id=str(person.pk))
    assert created.region_code == TOWNSHIP
    # and opening the record is logged in the street too
    assert client.get(f"/persons/{person.pk}/").status_code == 200
    viewed = AuditRecord.objects.filter(target_id=str(person.pk)).exclude(pk=created.pk)
    assert set(viewed.values_list("region_code", flat=True)) == {TOWNSHIP}


def test_cannot_register_a_person_in_the_next_street(township):
    response = signed_in(township).post("/persons/new/", _registration(township_code=NEXT_STREET))
    assert response.status_code == 200  # the form again, with the problem on the field
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Person.objects.filter(name="街道新登记").exists()


def test_sees_only_their_streets_audit_rows(demo_data, township):
    # given a township auditor, and records opened in this street and in the next one
    auditor = _colleague("gucuai_auditor", role=Role.AUDITOR, region=TOWNSHIP)
    mine = Person.objects.filter(township_code=TOWNSHIP).first()
    theirs = Person.objects.filter(township_code=NEXT_STREET).first()
    county = signed_in(demo_data["rencheng_counsellor"])
    county.get(f"/persons/{mine.pk}/")
    county.get(f"/persons/{theirs.pk}/")
    # when the auditor opens the audit page
    page = signed_in(auditor).get("/audit/").content.decode()
    # then only this street's record is listed
    assert str(mine) in page
    assert str(theirs) not in page
    # the rows name each person's street
    assert set(
        AuditRecord.objects.filter(action="registry.person.view").values_list(
            "region_code", flat=True
        )
    ) == {TOWNSHIP, NEXT_STREET}


def test_sees_only_consents_of_persons_in_their_street(demo_data, township):
    # given consents recorded for a person of each street
    family = demo_data["family_user"]
    for code, relationship in ((TOWNSHIP, "配偶"), (NEXT_STREET, "父母")):
        ProxyConsent.objects.create(
            family_member=family,
            person=Person.objects.filter(township_code=code).last(),
            relationship=relationship,
            evidence="书面授权书",
            recorded_by=demo_data["rencheng_admin"],
        )
    # when the township worker opens the consents page
    page = signed_in(township).get("/accounts/consents/").content.decode()
    # then only the consent for the person of their street is there
    assert "配偶" in page
    assert "父母" not in page
    # and they cannot revoke the other one
    other = ProxyConsent.objects.get(relationship="父母")
    assert signed_in(township).post(f"/accounts/consents/{other.pk}/revoke/").status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_imports_into_their_street_and_sees_the_streets_batches(demo_data, township, tmp_path):
    # given a file with a new person and no township column
    rows = person_rows(1, seed=31)
    batch = import_file(township, write_xlsx(tmp_path / "new.xlsx", rows))
    # then the new person is registered in the importer's street, and audited there
    assert batch.rows_created == 1
    created = Person.objects.get(resident_id_hash=lookup_hash(str(rows[0][1])))
    assert created.township_code == TOWNSHIP
    assert {r.region_code for r in AuditRecord.objects.filter(target_id=str(created.pk))} == {
        TOWNSHIP
    }
    # and the batch is seen by the street's colleague and by the county, not by the next street
    colleague = _colleague("gucuai_colleague", role=Role.COUNSELLOR, region=TOWNSHIP)
    next_street = _colleague("yuehe_counsellor", role=Role.COUNSELLOR, region=NEXT_STREET)
    for user, status in (
        (township, 200),
        (colleague, 200),
        (demo_data["rencheng_counsellor"], 200),
        (next_street, 404),
    ):
        client = signed_in(user)
        assert client.get(f"/imports/{batch.pk}/").status_code == status
        assert (batch.file_name in client.get("/imports/").content.decode()) == (status == 200)
    # and its commit is audited in the street
    assert AuditRecord.objects.get(action="exchange.import.commit").region_code == TOWNSHIP


def test_an_import_cannot_change_a_person_of_the_next_street(township, tmp_path):
    other = Person.objects.filter(township_code=NEXT_STREET).first()
    rows = person_rows(1)
    rows[0][0], rows[0][1] = other.name, other.resident_id
    rows[0][2] = f"{other.resident_id}{other.disability_category}{other.disability_grade}"
    rows[0][3], rows[0][4], rows[0][5] = "", "", COUNTY
    batch = import_file(township, write_xlsx(tmp_path / "o.xlsx", rows, HEADER))
    assert "辖区以外" in problems_of(batch)[0][2]
    assert batch.rows_updated == 0


def test_cannot_open_a_batch_of_the_county_or_the_next_street(demo_data, township, tmp_path):
    county_batch = import_file(
        demo_data["rencheng_counsellor"], write_xlsx(tmp_path / "c.xlsx", person_rows(1))
    )
    response = signed_in(township).get(f"/imports/{county_batch.pk}/")
    assert response.status_code == 404
