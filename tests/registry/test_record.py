"""A person's record: masked numbers, the dated history, and changes that keep it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ablework.core.models import AuditRecord
from ablework.registry.models import Person
from tests.registry.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(make_person) -> Person:
    return make_person(name="记录人员", employment_status="unemployed")


@pytest.fixture
def client(demo_data):
    return signed_in(demo_data["rencheng_counsellor"])


def _edit_form(person: Person, **changes) -> dict[str, str]:
    data = {
        "name": person.name,
        "certificate_status": person.certificate_status,
        "county_code": person.county_code,
        "employment_status": person.employment_status,
        "employment_kind": person.employment_kind,
        # the version the form is opened with now (test_lost_updates.py: an older one is refused)
        "version": Person.objects.values_list("version", flat=True).get(pk=person.pk),
    }
    data.update(changes)
    return {key: str(value) for key, value in data.items()}


def test_record_page_shows_masked_numbers_explains_fields_and_logs_the_view(client, person):
    html = client.get(f"/persons/{person.pk}/").content.decode()
    assert person.resident_id_masked in html
    assert person.resident_id not in html
    assert person.phone not in html
    assert "个人信息保护法" in html
    assert "培训意向信息应录尽录" in html
    assert AuditRecord.objects.filter(action="registry.person.view", target_id=str(person.pk))


def test_changing_employment_status_closes_the_old_period_and_opens_a_new_one(client, person):
    # given a person unemployed since registration
    since = timezone.localdate()
    # when the counsellor records that they found a job
    response = client.post(
        f"/persons/{person.pk}/edit/",
        _edit_form(
            person,
            employment_status="employed",
            employment_kind="quota",
            employer_name="济宁某机械有限公司",
            employment_since=since.isoformat(),
        ),
    )
    # then the history keeps the old status and shows the new one with the employer
    assert response.status_code == 302
    periods = list(person.employment_periods.order_by("id"))
    assert [(p.status, p.ended_on is None) for p in periods] == [
        ("unemployed", False),
        ("employed", True),
    ]
    assert periods[1].employer_name == "济宁某机械有限公司"
    change = AuditRecord.objects.get(action="registry.person.update", target_id=str(person.pk))
    assert change.changes["employment_status"] == ["unemployed", "employed"]
    html = client.get(f"/persons/{person.pk}/").content.decode()
    assert "济宁某机械有限公司" in html
    assert "未就业" in html


def test_an_employment_change_cannot_be_dated_before_the_current_status_began(client, person):
    before = person.employment_periods.get().started_on - timedelta(days=3)
    html = client.post(
        f"/persons/{person.pk}/edit/",
        _edit_form(person, employment_status="not_seeking", employment_since=before.isoformat()),
    ).content.decode()
    assert 'href="#id_employment_since"' in html
    assert person.employment_periods.count() == 1


def test_an_empty_phone_box_keeps_the_stored_phone(client, person):
    client.post(f"/persons/{person.pk}/edit/", _edit_form(person, skills="计算机操作", phone=""))
    person.refresh_from_db()
    assert person.phone == "13912345678"
    assert person.skills == "计算机操作"


def test_a_new_certificate_number_changes_the_grade(client, person):
    response = client.post(
        f"/persons/{person.pk}/edit/",
        _edit_form(person, certificate_number=person.resident_id + "41"),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.disability_category, person.disability_grade) == (4, 1)


def test_flags_are_opened_and_ended_with_dates_and_stay_in_the_history(client, person):
    # when the counsellor marks the person as 就业困难人员 from 1 March, then ends it on 1 June
    client.post(
        f"/persons/{person.pk}/flags/new/",
        {"kind": "employment_difficulty", "started_on": "2026-03-01", "source": "认定书"},
    )
    flag = person.flags.get()
    early = client.post(f"/persons/{person.pk}/flags/{flag.pk}/end/", {"ended_on": "2026-02-01"})
    assert "结束日期不能早于开始日期" in early.content.decode()
    client.post(f"/persons/{person.pk}/flags/{flag.pk}/end/", {"ended_on": "2026-06-01"})
    # then the flag is kept with both dates, and both steps are audited
    flag.refresh_from_db()
    assert (flag.started_on, flag.ended_on) == (date(2026, 3, 1), date(2026, 6, 1))
    actions = set(
        AuditRecord.objects.filter(target_id=str(person.pk)).values_list("action", flat=True)
    )
    assert {"registry.person.flag.open", "registry.person.flag.end"} <= actions
    html = client.get(f"/persons/{person.pk}/").content.decode()
    assert "2026-03-01" in html
    assert "2026-06-01" in html


def test_the_same_flag_cannot_be_open_twice(client, person):
    data = {"kind": "zero_employment_family", "started_on": "2026-03-01"}
    client.post(f"/persons/{person.pk}/flags/new/", data)
    html = client.post(f"/persons/{person.pk}/flags/new/", data).content.decode()
    assert "尚未结束" in html
    assert person.flags.count() == 1


def test_training_received_is_added_to_the_record(client, person):
    client.post(
        f"/persons/{person.pk}/training/new/",
        {"subject": "盲人保健按摩", "provider": "市盲人按摩培训中心", "completed_on": "2026-05-20"},
    )
    assert person.training_records.get().subject == "盲人保健按摩"
    assert "盲人保健按摩" in client.get(f"/persons/{person.pk}/").content.decode()


def test_a_future_date_is_refused(client, person):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    html = client.post(
        f"/persons/{person.pk}/training/new/", {"subject": "面点", "completed_on": tomorrow}
    ).content.decode()
    assert "不能晚于今天" in html
    assert not person.training_records.exists()


def test_auditor_sees_the_record_but_cannot_change_it(demo_data, person):
    auditor = signed_in(demo_data["jining_auditor"])
    html = auditor.get(f"/persons/{person.pk}/").content.decode()
    assert "修改信息" not in html
    assert auditor.get(f"/persons/{person.pk}/edit/").status_code == 404
    assert auditor.post(f"/persons/{person.pk}/flags/new/", {}).status_code == 404


def test_record_history_is_available_from_the_api(client, person):
    client.post(
        f"/persons/{person.pk}/flags/new/", {"kind": "college_student", "started_on": "2026-02-01"}
    )
    body = client.get(f"/api/v1/persons/{person.pk}/history").json()
    assert body["person"]["resident_id_masked"] == person.resident_id_masked
    assert [f["kind"] for f in body["flags"]] == ["college_student"]
    assert body["employment_periods"][0]["status"] == "unemployed"
    assert body["working_age"] is True
    assert body["retirement_month"] == "2048-06"  # born 1985-06, man: 63 years
