"""Staff work only inside their area — a county, or a township (街道) of it: everything else is
"not found"."""

from __future__ import annotations

import pytest
from django.db.models import Q
from django.test import Client

from ablework.employers.models import Employer
from ablework.registry.models import Person

pytestmark = pytest.mark.django_db

OWN_COUNTY, OTHER_COUNTY = "370811", "370826"
TOWNSHIP, NEXT_STREET = "370811001", "370811002"  # 古槐街道 and 越河街道, both in 任城区

# Each region-bound account, the records of its own area, and the nearest ones outside it: a
# county's counsellor and the next county; a township's worker and the next street of the
# same county.
AREAS = {
    "rencheng_counsellor": (Q(county_code=OWN_COUNTY), Q(county_code=OTHER_COUNTY)),
    "rencheng_township": (
        Q(county_code=OWN_COUNTY, township_code=TOWNSHIP),
        Q(county_code=OWN_COUNTY, township_code=NEXT_STREET),
    ),
}
area_accounts = pytest.mark.parametrize("username", list(AREAS))


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _own_and_other(model, username):
    own, other = AREAS[username]
    return model.objects.filter(own), model.objects.filter(other).first()


@area_accounts
def test_gets_404_for_a_person_outside_their_area_by_page_and_api(demo_data, username):
    # given a person registered just outside the account's area
    _own, other = _own_and_other(Person, username)
    assert other is not None
    client = _client(demo_data[username])
    # when they ask for them, then it is as if they did not exist
    assert client.get(f"/persons/{other.pk}/").status_code == 404
    assert client.post(f"/persons/{other.pk}/reveal/").status_code == 404
    assert client.get(f"/persons/{other.pk}/edit/").status_code == 404
    response = client.get(f"/api/v1/persons/{other.pk}")
    assert response.status_code == 404
    missing = client.get("/api/v1/persons/999999999")
    assert missing.status_code == 404
    assert response.json()["error"] == missing.json()["error"]


@area_accounts
def test_lists_only_their_own_area(demo_data, username):
    own, other = _own_and_other(Person, username)
    assert own.exists()
    assert other is not None
    client = _client(demo_data[username])
    api = client.get("/api/v1/persons/").json()
    seen = list(api["items"])
    after = api["next_after"]
    while after:
        page = client.get(f"/api/v1/persons/?after={after}").json()
        seen += page["items"]
        after = page["next_after"]
    assert {p["id"] for p in seen} == set(own.values_list("pk", flat=True))
    html = client.get("/persons/").content.decode()
    assert f'/persons/{other.pk}/"' not in html  # no link to a record outside the area


@area_accounts
def test_cannot_find_a_person_outside_their_area_by_exact_id(demo_data, username):
    _own, other = _own_and_other(Person, username)
    client = _client(demo_data[username])
    # the exact resident ID finds nobody, by page and by API
    page = client.post("/persons/", {"q": other.resident_id}).content.decode()
    assert other.resident_id_masked not in page
    api = client.post(
        "/api/v1/persons/search", {"q": other.resident_id}, content_type="application/json"
    ).json()
    assert api["items"] == []


@area_accounts
def test_finds_a_person_of_their_own_area_by_exact_id(demo_data, username):
    own = _own_and_other(Person, username)[0].first()
    client = _client(demo_data[username])
    api = client.post(
        "/api/v1/persons/search", {"q": own.resident_id}, content_type="application/json"
    ).json()
    assert [p["id"] for p in api["items"]] == [own.pk]
    page = client.post("/persons/", {"q": own.resident_id}).content.decode()
    assert page.count(own.resident_id_masked) == 1


@area_accounts
def test_export_contains_only_their_own_area(demo_data, username):
    own, other = _own_and_other(Person, username)
    client = _client(demo_data[username])
    for url in ("/persons/export.csv", "/api/v1/persons/export.csv"):
        response = client.post(url)
        assert response.status_code == 200
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = body.strip().splitlines()[1:]
        assert len(rows) == own.count()
        assert all(f",{OWN_COUNTY}," in row for row in rows)
        assert other.resident_id_masked not in body


@area_accounts
def test_gets_404_for_an_employer_outside_their_area(demo_data, username):
    own, other = _own_and_other(Employer, username)
    assert other is not None
    client = _client(demo_data[username])
    assert client.get(f"/employers/{other.pk}/").status_code == 404
    assert client.get(f"/api/v1/employers/{other.pk}").status_code == 404
    listed = client.get("/api/v1/employers/").json()["items"]
    assert {e["id"] for e in listed} <= set(own.values_list("pk", flat=True))
    assert other.pk not in {e["id"] for e in listed}
    assert other.name not in client.get("/employers/").content.decode()
    exported = b"".join(client.post("/employers/export.csv").streaming_content)
    assert other.uscc.encode() not in exported
    assert exported.decode("utf-8-sig").strip().count("\n") == own.count()


def test_city_admin_sees_every_county_of_the_city(demo_data):
    client = _client(demo_data["jining_admin"])
    other = Person.objects.filter(county_code=OTHER_COUNTY).first()
    assert client.get(f"/persons/{other.pk}/").status_code == 200


def test_employer_user_sees_only_own_organisation(demo_data):
    user = demo_data["employer_user"]
    client = _client(user)
    other = Employer.objects.exclude(pk=user.employer_id).first()
    assert client.get(f"/employers/{user.employer_id}/").status_code == 200
    assert client.get(f"/employers/{other.pk}/").status_code == 404
    assert [e["id"] for e in client.get("/api/v1/employers/").json()["items"]] == [user.employer_id]
    # and no person at all
    assert client.get("/api/v1/persons/").status_code == 404


def test_person_sees_only_own_record(demo_data):
    user = demo_data["person_user"]
    client = _client(user)
    someone_else = Person.objects.exclude(pk=user.person_id).first()
    assert client.get(f"/persons/{user.person_id}/").status_code == 200
    assert client.get(f"/persons/{someone_else.pk}/").status_code == 404
    assert [p["id"] for p in client.get("/api/v1/persons/").json()["items"]] == [user.person_id]


def test_family_member_sees_only_the_person_who_consented(demo_data):
    user = demo_data["family_user"]
    client = _client(user)
    consent = user.proxy_consents.get()
    assert client.get(f"/persons/{consent.person_id}/").status_code == 200
    assert (
        client.get(f"/persons/{user.pk and demo_data['person_user'].person_id}/").status_code == 404
    )


def test_revoked_consent_ends_family_access(demo_data):
    from django.utils import timezone

    user = demo_data["family_user"]
    consent = user.proxy_consents.get()
    consent.revoked_at = timezone.now()
    consent.save()
    assert _client(user).get(f"/persons/{consent.person_id}/").status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in_and_api_refuses(client, demo_data):
    person = Person.objects.first()
    response = client.get(f"/persons/{person.pk}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client.get(f"/api/v1/persons/{person.pk}").status_code == 401
