"""Suspected duplicates (same name and birth date, other IDs): merge losing nothing, or dismiss."""

from __future__ import annotations

from datetime import date

import pytest

from ablework.core.models import AuditRecord
from ablework.registry.models import Person
from ablework.registry.services import add_training_record, mark_verified, open_flag
from tests.registry.conftest import OTHER_COUNTY, signed_in

pytestmark = pytest.mark.django_db
BIRTH = date(1979, 4, 2)


@pytest.fixture
def twins(make_person, demo_data):
    """Two records of 孙重复 born the same day, each with its own history."""
    admin = demo_data["rencheng_admin"]
    kept = make_person(
        name="孙重复",
        birth_date=BIRTH,
        phone="",
        employment_status="employed",
        employment_kind="flexible",
    )
    merged = make_person(name="孙重复", birth_date=BIRTH, skills="缝纫", needs_sign_language=True)
    open_flag(actor=admin, person=kept, kind="minimum_living_allowance", on=date(2026, 1, 1))
    open_flag(actor=admin, person=merged, kind="minimum_living_allowance", on=date(2025, 6, 1))
    open_flag(actor=admin, person=merged, kind="employment_difficulty", on=date(2025, 7, 1))
    add_training_record(actor=admin, person=merged, subject="电商运营")
    mark_verified(actor=admin, persons=Person.objects.filter(pk=merged.pk), on=date(2026, 2, 3))
    return kept, merged


def test_reviewer_sees_records_with_the_same_name_and_birth_date(demo_data, twins):
    html = signed_in(demo_data["rencheng_admin"]).get("/persons/duplicates/").content.decode()
    kept, merged = twins
    assert "孙重复" in html
    assert kept.resident_id_masked in html
    assert merged.resident_id_masked in html
    assert f"kept={kept.pk}&amp;merged={merged.pk}" in html


def test_merging_moves_the_whole_history_and_keeps_the_merged_record(demo_data, twins):
    kept, merged = twins
    client = signed_in(demo_data["rencheng_admin"])
    # given the comparison page (a logged read of both records)
    compare = client.get("/persons/duplicates/merge/", {"kept": kept.pk, "merged": merged.pk})
    assert compare.status_code == 200
    # when the reviewer merges with a reason
    response = client.post(
        "/persons/duplicates/merge/",
        {"kept": kept.pk, "merged": merged.pk, "note": "身份号码录入错误"},
    )
    assert response.status_code == 302
    # then the history has moved and the merged record remains, marked and out of the lists
    kept.refresh_from_db()
    merged.refresh_from_db()
    assert merged.merged_into_id == kept.pk
    assert merged.merged_at is not None
    assert kept.training_records.get().subject == "电商运营"
    assert kept.verifications.count() == 1
    assert kept.employment_periods.count() == 2
    assert kept.employment_periods.filter(ended_on__isnull=True).get().status == "employed"
    flags = {(f.kind, f.started_on, f.ended_on is None) for f in kept.flags.all()}
    assert ("employment_difficulty", date(2025, 7, 1), True) in flags
    assert ("minimum_living_allowance", date(2025, 6, 1), False) in flags  # closed on merge day
    assert ("minimum_living_allowance", date(2026, 1, 1), True) in flags
    assert kept.skills == "缝纫"
    assert kept.needs_sign_language
    assert kept.phone == merged.phone == "13912345678"
    assert kept.last_verified_on == date(2026, 2, 3)
    audit = AuditRecord.objects.get(action="registry.person.merge")
    assert audit.detail["merged_id"] == merged.pk
    assert audit.detail["note"] == "身份号码录入错误"
    assert len(audit.detail["moved"]["flags"]) == 2
    assert AuditRecord.objects.filter(
        action="registry.person.merged_into", target_id=str(merged.pk)
    )
    assert "孙重复" not in client.get("/persons/duplicates/").content.decode()
    listed = client.get("/api/v1/persons/", {"q": "孙重复"}).json()["items"]
    assert [item["id"] for item in listed] == [kept.pk]
    # the merged record still opens, says where it went, and can no longer be edited
    page = client.get(f"/persons/{merged.pk}/").content.decode()
    assert f"/persons/{kept.pk}/" in page
    assert "修改信息" not in page
    assert client.get(f"/persons/{merged.pk}/edit/").status_code == 409  # a clash, explained


def test_dismissed_pairs_are_no_longer_listed(demo_data, twins):
    kept, merged = twins
    client = signed_in(demo_data["rencheng_admin"])
    client.post(
        "/persons/duplicates/dismiss/", {"first": merged.pk, "second": kept.pk, "note": "双胞胎"}
    )
    assert "孙重复" not in client.get("/persons/duplicates/").content.decode()
    assert AuditRecord.objects.filter(action="registry.person.duplicate_dismissed").count() == 2


def test_a_record_cannot_be_merged_twice(demo_data, twins, make_person):
    kept, merged = twins
    client = signed_in(demo_data["rencheng_admin"])
    client.post(
        "/persons/duplicates/merge/", {"kept": kept.pk, "merged": merged.pk, "note": "重复"}
    )
    third = make_person(name="孙重复", birth_date=BIRTH)
    html = client.post(
        "/persons/duplicates/merge/", {"kept": third.pk, "merged": merged.pk, "note": "再次"}
    ).content.decode()
    assert "已经合并过" in html
    merged.refresh_from_db()
    assert merged.merged_into_id == kept.pk


def test_counsellor_is_not_a_reviewer_and_a_county_admin_reviews_only_own_county(
    demo_data, twins, make_person
):
    kept, merged = twins
    counsellor = signed_in(demo_data["rencheng_counsellor"])
    assert counsellor.get("/persons/duplicates/").status_code == 404
    assert (
        counsellor.post(
            "/persons/duplicates/merge/", {"kept": kept.pk, "merged": merged.pk, "note": "x"}
        ).status_code
        == 404
    )
    outsider = make_person(name="孙重复", birth_date=BIRTH, county_code=OTHER_COUNTY)
    admin = signed_in(demo_data["rencheng_admin"])
    response = admin.post(
        "/persons/duplicates/merge/", {"kept": kept.pk, "merged": outsider.pk, "note": "x"}
    )
    assert response.status_code == 404
    assert Person.objects.get(pk=outsider.pk).merged_into_id is None
