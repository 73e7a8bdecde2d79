"""Recruitment events as staff hold them: recorded on the page with their postings, seen by the
staff of the region (and of the city above it), refused where a posting is not open or not in
the area, and never silently overwritten by a second editor."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ablework.accounts.models import User
from ablework.core.models import AuditRecord
from ablework.matching.models import EventEmployer, JobPosting, PostingStatus, RecruitmentEvent
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def _user(demo: object, username: str) -> User:
    return User.objects.get(username=username)


def _open(title: str) -> JobPosting:
    return JobPosting.objects.get(title=title, status=PostingStatus.OPEN)


def _form(**changes: object) -> dict[str, object]:
    day = timezone.localdate() + timedelta(days=20)
    data: dict[str, object] = {
        "name": "2026年任城区助残就业专场招聘会",
        "organiser": "任城区残疾人就业服务中心",
        "region_code": "370811",
        "held_on": day.isoformat(),
        "starts_at": "09:00",
        "ends_at": "11:30",
        "mode": "on_site",
        "place": "任城区残疾人综合服务中心一楼大厅",
        "access": ["step_free", "accessible_toilet", "sign_language", "large_print"],
        "postings": [],
        "employers": [],
    }
    data.update(changes)
    return data


def _event(demo_postings, client, **changes: object) -> RecruitmentEvent:  # type: ignore[no-untyped-def]
    response = client.post("/matching/events/new/", _form(**changes))
    assert response.status_code == 302, response.content.decode()
    return RecruitmentEvent.objects.latest("pk")


def test_a_counsellor_holds_an_event_with_open_postings_and_their_employers_take_part(
    demo_postings,
) -> None:
    counsellor = signed_in(_user(demo_postings, "rencheng_counsellor"))
    phone, cleaning = _open("电话客服专员"), _open("社区公益保洁员")
    event = _event(demo_postings, counsellor, postings=[phone.pk, cleaning.pk])
    employers = set(EventEmployer.objects.filter(event=event).values_list("employer_id", flat=True))
    assert employers == {phone.employer_id, cleaning.employer_id}
    page = counsellor.get(f"/matching/events/{event.pk}/").content.decode()
    assert "任城区残疾人综合服务中心一楼大厅" in page
    assert "无障碍通道、无障碍卫生间、手语翻译、大字版资料" in page
    assert "电话客服专员" in page
    assert phone.employer.name in page
    assert "参会单位和岗位（2 家单位）" in page
    record = AuditRecord.objects.get(action="matching.event.create", target_id=str(event.pk))
    assert "电话客服专员" in record.changes["event_postings"][1]
    assert record.changes["access"][1] == "无障碍通道、无障碍卫生间、手语翻译、大字版资料"
    listed = counsellor.get("/matching/events/").content.decode()
    assert "2026年任城区助残就业专场招聘会" in listed


def test_a_posting_that_is_not_open_or_outside_the_area_is_refused_in_words(demo_postings) -> None:
    counsellor = signed_in(_user(demo_postings, "rencheng_counsellor"))
    closed = JobPosting.objects.get(title="数据录入员")
    weishan = JobPosting.objects.get(title="盲人按摩师")
    response = counsellor.post(
        "/matching/events/new/", _form(postings=[closed.pk, weishan.pk], place="")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "现场招聘请填写举办地点" in page
    # neither is offered, and choosing them anyway is refused
    assert "数据录入员" not in page.split("参会岗位")[-1].split("</fieldset>")[0]
    assert not RecruitmentEvent.objects.exists()
    online = counsellor.post(
        "/matching/events/new/", _form(mode="online", place="", ends_at="08:00")
    ).content.decode()
    assert "网络招聘请填写网络平台或参加网址" in online
    assert "结束时间应当晚于开始时间" in online


def test_staff_see_their_areas_events_and_the_citys_but_keep_only_their_own(
    demo_postings,
) -> None:
    rencheng = signed_in(_user(demo_postings, "rencheng_counsellor"))
    city = signed_in(_user(demo_postings, "jining_admin"))
    county_event = _event(demo_postings, rencheng)
    city_event = _event(
        demo_postings,
        city,
        name="济宁市国有企业助残就业专场招聘会",
        region_code="370800",
        organiser="济宁市残疾人联合会",
    )
    weishan = signed_in(_user(demo_postings, "weishan_counsellor"))
    assert weishan.get(f"/matching/events/{county_event.pk}/").status_code == 404
    assert weishan.get(f"/matching/events/{city_event.pk}/").status_code == 200
    assert "2026年任城区助残就业专场招聘会" not in weishan.get("/matching/events/").content.decode()
    # the city's staff keep their event and see the county's; the county's see the city's only
    assert city.get(f"/matching/events/{county_event.pk}/edit/").status_code == 200
    assert rencheng.get(f"/matching/events/{city_event.pk}/").status_code == 200
    assert rencheng.get(f"/matching/events/{city_event.pk}/edit/").status_code == 404
    # a township's worker sees the county's event, and an auditor too, but neither records one
    township = signed_in(_user(demo_postings, "rencheng_township"))
    assert township.get(f"/matching/events/{county_event.pk}/").status_code == 200
    assert "您的辖区是乡镇（街道）" in township.get("/matching/events/new/").content.decode()
    auditor = signed_in(_user(demo_postings, "jining_auditor"))
    assert auditor.get(f"/matching/events/{county_event.pk}/").status_code == 200
    assert auditor.get("/matching/events/new/").status_code == 404
    # a county's staff may not hold an event for the city
    refused = rencheng.post("/matching/events/new/", _form(region_code="370800"))
    assert refused.status_code == 200
    assert 'id="id_region_code_error"' in refused.content.decode() or "举办地区" in (
        refused.content.decode()
    )
    assert RecruitmentEvent.objects.count() == 2


def test_past_events_are_listed_apart_latest_first(demo_postings) -> None:
    counsellor = signed_in(_user(demo_postings, "rencheng_counsellor"))
    today = timezone.localdate()
    _event(
        demo_postings,
        counsellor,
        name="上月的招聘会",
        held_on=(today - timedelta(days=30)).isoformat(),
    )
    _event(
        demo_postings,
        counsellor,
        name="下周的招聘会",
        held_on=(today + timedelta(days=7)).isoformat(),
    )
    counsellor.get("/matching/events/")  # the messages saying both were recorded
    upcoming = counsellor.get("/matching/events/").content.decode()
    past = counsellor.get("/matching/events/?when=past").content.decode()
    assert "下周的招聘会" in upcoming
    assert "上月的招聘会" not in upcoming
    assert "上月的招聘会" in past
    assert "下周的招聘会" not in past


def test_a_second_editor_is_refused_with_what_the_first_saved(demo_postings) -> None:
    first = signed_in(_user(demo_postings, "rencheng_counsellor"))
    second = signed_in(_user(demo_postings, "rencheng_admin"))
    event = _event(demo_postings, first)
    opened = event.version
    done = first.post(
        f"/matching/events/{event.pk}/edit/",
        _form(place="任城区文化中心二楼", version=opened),
    )
    assert done.status_code == 302
    stale = second.post(
        f"/matching/events/{event.pk}/edit/",
        _form(place="任城区体育馆", version=opened),
    )
    page = stale.content.decode()
    assert stale.status_code == 409
    assert "此记录已被他人修改" in page
    assert "任城区文化中心二楼" in page  # what the first editor saved, in words
    event.refresh_from_db()
    assert event.place == "任城区文化中心二楼"
