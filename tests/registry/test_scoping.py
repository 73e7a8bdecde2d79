"""A county counsellor works only inside their county: everything else is "not found"."""

from __future__ import annotations

import pytest
from django.test import Client

from ablework.employers.models import Employer
from ablework.registry.models import Person

pytestmark = pytest.mark.django_db

OWN_COUNTY, OTHER_COUNTY = "370811", "370826"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def counsellor_client(demo_data) -> Client:
    return _client(demo_data["rencheng_counsellor"])


def test_counsellor_gets_404_for_a_person_of_another_county_by_page_and_api(counsellor_client):
    # given a person registered in 微山县
    other = Person.objects.filter(county_code=OTHER_COUNTY).first()
    assert other is not None
    # when the 任城区 counsellor asks for them, then it is as if they did not exist
    assert counsellor_client.get(f"/persons/{other.pk}/").status_code == 404
    assert counsellor_client.post(f"/persons/{other.pk}/reveal/").status_code == 404
    response = counsellor_client.get(f"/api/v1/persons/{other.pk}")
    assert response.status_code == 404
    missing = counsellor_client.get("/api/v1/persons/999999999")
    assert missing.status_code == 404
    assert response.json()["error"] == missing.json()["error"]


def test_counsellor_lists_only_own_county(counsellor_client):
    own_count = Person.objects.filter(county_code=OWN_COUNTY).count()
    assert 0 < own_count < Person.objects.count()
    api = counsellor_client.get("/api/v1/persons/").json()
    seen = list(api["items"])
    after = api["next_after"]
    while after:
        page = counsellor_client.get(f"/api/v1/persons/?after={after}").json()
        seen += page["items"]
        after = page["next_after"]
    assert {p["county_code"] for p in seen} == {OWN_COUNTY}
    assert len(seen) == own_count
    html = counsellor_client.get("/persons/").content.decode()
    other_name_id = Person.objects.filter(county_code=OTHER_COUNTY).first().resident_id_masked
    assert other_name_id not in html


def test_counsellor_cannot_find_another_countys_person_by_exact_id(counsellor_client):
    other = Person.objects.filter(county_code=OTHER_COUNTY).first()
    # the exact resident ID finds nobody, by page and by API
    page = counsellor_client.post("/persons/", {"q": other.resident_id}).content.decode()
    assert other.resident_id_masked not in page
    api = counsellor_client.post(
        "/api/v1/persons/search", {"q": other.resident_id}, content_type="application/json"
    ).json()
    assert api["items"] == []


def test_counsellor_finds_own_countys_person_by_exact_id(counsellor_client):
    own = Person.objects.filter(county_code=OWN_COUNTY).first()
    api = counsellor_client.post(
        "/api/v1/persons/search", {"q": own.resident_id}, content_type="application/json"
    ).json()
    assert [p["id"] for p in api["items"]] == [own.pk]
    page = counsellor_client.post("/persons/", {"q": own.resident_id}).content.decode()
    assert page.count(own.resident_id_masked) == 1


def test_counsellor_export_contains_only_own_county(counsellor_client):
    for url in ("/persons/export.csv", "/api/v1/persons/export.csv"):
        response = counsellor_client.get(url)
        assert response.status_code == 200
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = body.strip().splitlines()[1:]
        assert len(rows) == Person.objects.filter(county_code=OWN_COUNTY).count()
        assert all(f",{OWN_COUNTY}," in row for row in rows)


def test_counsellor_gets_404_for_an_employer_of_another_county(counsellor_client):
    other = Employer.objects.filter(county_code=OTHER_COUNTY).first()
    assert other is not None
    assert counsellor_client.get(f"/employers/{other.pk}/").status_code == 404
    assert counsellor_client.get(f"/api/v1/employers/{other.pk}").status_code == 404
    listed = counsellor_client.get("/api/v1/employers/").json()["items"]
    assert other.pk not in {e["id"] for e in listed}
    exported = b"".join(counsellor_client.get("/employers/export.csv").streaming_content)
    assert other.uscc.encode() not in exported


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
