"""A counsellor finds people by name, exact number (posted only) and by filters, on page and API."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from ablework.core.models import Region, RegionLevel
from ablework.registry.models import Person
from ablework.registry.services import open_flag
from tests.registry.conftest import OWN_COUNTY, signed_in

pytestmark = pytest.mark.django_db


def _listed(client, **params) -> str:
    return client.post("/persons/", params).content.decode()


def _api_ids(client, **params) -> set[int]:
    response = client.get("/api/v1/persons/", params)
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


def test_name_search_finds_by_the_start_of_the_name(counsellor, make_person):
    # given two people whose names share a start, and one whose name does not
    make_person(name="欧阳明远")
    make_person(name="欧阳小红")
    make_person(name="司马青")
    # when the counsellor searches "欧阳"
    page = _listed(signed_in(counsellor), q="欧阳")
    # then both 欧阳 are listed and 司马青 is not
    assert "欧阳明远" in page
    assert "欧阳小红" in page
    assert "司马青" not in page


def test_certificate_number_finds_the_person_exactly_when_posted(counsellor, make_person):
    person = make_person(name="证号查找")
    client = signed_in(counsellor)
    page = _listed(client, q=person.certificate_number)
    assert "证号查找" in page
    # the same number in a URL is ignored (numbers never go into URLs), and the API refuses it
    page_by_url = client.get("/persons/", {"q": person.certificate_number}).content.decode()
    assert f'value="{person.certificate_number}"' not in page_by_url
    refused = client.get("/api/v1/persons/", {"q": person.resident_id})
    assert refused.status_code == 400
    assert "POST" in refused.json()["error"]["message"]


def test_full_width_digits_in_a_typed_resident_id_still_find_the_person(counsellor, make_person):
    person = make_person(name="全角号码")
    full_width = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in person.resident_id)
    assert "全角号码" in _listed(signed_in(counsellor), q=full_width)


def test_filters_by_township_flag_certificate_status_and_area(counsellor, make_person, demo_data):
    # given a township of 任城区 and people who differ in one respect each
    township = Region.objects.create(
        code="370811021",
        name="测试街道",
        level=RegionLevel.TOWNSHIP,
        parent_id=OWN_COUNTY,
        county_code=OWN_COUNTY,
        added_by_staff=True,
    )
    in_township = make_person(name="街道甲", township_code=township.code)
    flagged = make_person(name="低保乙")
    open_flag(
        actor=demo_data["rencheng_admin"],
        person=flagged,
        kind="minimum_living_allowance",
        on=date(2026, 1, 5),
    )
    ended = make_person(name="已结束丙")
    open_flag(
        actor=demo_data["rencheng_admin"],
        person=ended,
        kind="minimum_living_allowance",
        on=date(2025, 1, 5),
    )
    ended.flags.update(ended_on=date(2025, 12, 31))
    revoked = make_person(name="注销丁", certificate_status="revoked")
    rural = make_person(name="农村戊", urban_rural="rural")
    client = signed_in(counsellor)

    # then each filter keeps exactly its person among them
    assert _api_ids(client, township=township.code) == {in_township.pk}
    assert _api_ids(client, flag="minimum_living_allowance") == {flagged.pk}
    assert _api_ids(client, certificate="revoked") == {revoked.pk}
    assert rural.pk in _api_ids(client, area="rural")
    assert in_township.pk not in _api_ids(client, area="rural")
    # and the page offers the township (the counsellor has one county) and applies it
    page = _listed(client, township=township.code)
    assert "测试街道" in page
    assert "街道甲" in page
    assert "低保乙" not in page


def test_filters_by_category_grade_status_age_band_and_working_age(counsellor, make_person):
    today = timezone.localdate()
    young = make_person(
        name="青年",
        birth_date=date(today.year - 20, 1, 1),
        disability_category=1,
        disability_grade=1,
        employment_status="employed",
        employment_kind="flexible",
    )
    retired = make_person(
        name="退休", birth_date=date(today.year - 70, 1, 1), sex="male", employment_status="retired"
    )
    client = signed_in(counsellor)

    assert young.pk in _api_ids(client, category=1, grade=1, status="employed", age="16-24")
    assert retired.pk not in _api_ids(client, category=1)
    assert young.pk in _api_ids(client, working_age="true")
    assert retired.pk not in _api_ids(client, working_age="true")
    assert retired.pk in _api_ids(client, working_age="false", age="60-")
    page = _listed(client, working_age="no", age="60-")
    assert "退休" in page
    assert "青年" not in page


def test_merged_records_are_not_listed(counsellor, make_person):
    kept, merged = make_person(name="保留者"), make_person(name="被合并者")
    Person.objects.filter(pk=merged.pk).update(merged_into=kept)
    assert _api_ids(signed_in(counsellor), q="被合并者") == set()
