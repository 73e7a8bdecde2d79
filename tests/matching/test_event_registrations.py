"""Registering persons for a recruitment event with their access needs, the list of needs to
prepare (counts and who, audited, masked for those who may not reveal), and the day's outcome."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone

from ablework.accounts.models import User
from ablework.core.models import AuditPerson, AuditRecord
from ablework.matching.models import (
    EventRegistration,
    JobPosting,
    PostingStatus,
    Referral,
    ReferralState,
)
from ablework.matching.services.event_registrations import register_person
from ablework.matching.services.events import EventDetails, create_event
from ablework.registry.models import EmploymentPeriod, EmploymentStatus, Person
from ablework.support.models import ServiceRecord
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _event(*, days: int, region: str = "370811", by: str = "rencheng_counsellor", **more):  # type: ignore[no-untyped-def]
    postings = JobPosting.objects.filter(county_code="370811", status=PostingStatus.OPEN)
    details = EventDetails(
        name=more.pop("name", "任城区助残就业专场招聘会"),
        organiser="任城区残疾人就业服务中心",
        region_code=region,
        held_on=timezone.localdate() + timedelta(days=days),
        starts_at=time(9, 0),
        ends_at=time(11, 30),
        mode="on_site",
        place="任城区残疾人综合服务中心一楼大厅",
        access=("step_free", "sign_language"),
        posting_ids=tuple(postings.order_by("pk").values_list("pk", flat=True)[:3]),
    )
    return create_event(actor=_user(by), details=details, on=timezone.localdate())


def _person(county: str = "370811", index: int = 0) -> Person:
    return Person.objects.filter(county_code=county, merged_into__isnull=True).order_by("pk")[index]


def test_a_counsellor_registers_a_person_and_sees_what_to_prepare_with_who(demo_postings) -> None:
    counsellor = signed_in(_user("rencheng_counsellor"))
    event = _event(days=10)
    person, other = _person(index=0), _person(index=1)
    response = counsellor.post(
        f"/matching/events/{event.pk}/register/",
        {
            "identifier": person.resident_id,
            "needs": ["sign_language", "companion"],
            "needs_other": "需要提前半小时入场",
        },
    )
    assert response.status_code == 302
    counsellor.post(
        f"/matching/events/{event.pk}/register/",
        {"identifier": other.resident_id, "needs": ["wheelchair", "large_print"]},
    )
    page = counsellor.get(f"/matching/events/{event.pk}/registrations/").content.decode()
    # per need, how many and who, and whether the venue provides it
    rows = {row.split("</th>")[0].split(">")[-1]: row for row in page.split("<tr><th scope=")}
    assert f'<td class="number">1</td><td>{person.name}</td>' in rows["手语翻译"]
    assert "已提供" in rows["手语翻译"]
    assert other.name in rows["轮椅无障碍通行"]
    assert "已提供" in rows["轮椅无障碍通行"]  # the venue's step-free access answers it
    assert "活动未登记提供，需要安排" in rows["大字版资料"]
    assert "需要逐人安排" in rows["陪同人员"]
    assert "需要提前半小时入场" in page  # a counsellor may reveal
    assert person.resident_id_masked in page
    assert person.resident_id not in page
    # the view is audited, and the persons find it in their access log
    record = AuditRecord.objects.filter(action="matching.event.needs_view").latest("pk")
    assert record.actor_id == _user("rencheng_counsellor").pk
    assert set(AuditPerson.objects.filter(record=record).values_list("person_id", flat=True)) == {
        person.pk,
        other.pk,
    }
    registered = AuditRecord.objects.get(
        action="matching.event.register", target_label__contains=person.name
    )
    assert registered.changes["needs_other"] == ["", "已修改"]
    assert "需要提前半小时入场" not in str(registered.changes)
    # an auditor sees the list but not the free text
    auditor = signed_in(_user("jining_auditor")).get(f"/matching/events/{event.pk}/registrations/")
    assert auditor.status_code == 200
    assert "需要提前半小时入场" not in auditor.content.decode()
    assert "已填写" in auditor.content.decode()


def test_only_persons_of_ones_area_are_registered_and_only_once(demo_postings) -> None:
    counsellor = signed_in(_user("rencheng_counsellor"))
    event = _event(days=10)
    weishan = _person("370826")
    refused = counsellor.post(
        f"/matching/events/{event.pk}/register/", {"identifier": weishan.resident_id}
    )
    assert "您辖区内没有找到这个公民身份号码或残疾人证号的残疾人" in refused.content.decode()
    by_name = counsellor.post(f"/matching/events/{event.pk}/register/", {"identifier": "张三"})
    assert "请填写完整的18位公民身份号码或残疾人证号" in by_name.content.decode()
    person = _person()
    counsellor.post(f"/matching/events/{event.pk}/register/", {"identifier": person.resident_id})
    twice = counsellor.post(
        f"/matching/events/{event.pk}/register/", {"identifier": person.resident_id}
    )
    assert f"{person.name} 已经报名了“任城区助残就业专场招聘会”" in twice.content.decode()
    assert EventRegistration.objects.count() == 1
    # a 微山县 counsellor does not see 任城区's event at all
    other = signed_in(_user("weishan_counsellor"))
    assert other.get(f"/matching/events/{event.pk}/registrations/").status_code == 404


def test_a_city_event_shows_each_county_its_own_persons_and_the_city_all(demo_postings) -> None:
    event = _event(days=10, region="370800", by="jining_admin", name="济宁市助残就业专场招聘会")
    rencheng, weishan = _person("370811"), _person("370826")
    register_person(actor=_user("rencheng_counsellor"), event=event, person_id=rencheng.pk)
    register_person(actor=_user("weishan_counsellor"), event=event, person_id=weishan.pk)
    mine = signed_in(_user("rencheng_counsellor")).get(
        f"/matching/events/{event.pk}/registrations/"
    )
    assert rencheng.name in mine.content.decode()
    assert weishan.name not in mine.content.decode()
    everyone = signed_in(_user("jining_admin")).get(f"/matching/events/{event.pk}/registrations/")
    assert rencheng.name in everyone.content.decode()
    assert weishan.name in everyone.content.decode()
    listed = signed_in(_user("weishan_counsellor")).get("/matching/events/").content.decode()
    assert "济宁市助残就业专场招聘会" in listed


def test_the_day_is_recorded_after_the_event_with_interviews_and_a_hire(demo_postings) -> None:
    counsellor = signed_in(_user("rencheng_counsellor"))
    upcoming = _event(days=3, name="下周的招聘会")
    person = _person()
    early = register_person(actor=_user("rencheng_counsellor"), event=upcoming, person_id=person.pk)
    refused = counsellor.post(
        f"/matching/events/{upcoming.pk}/registrations/{early.pk}/outcome/",
        {"attended": "yes", "version": early.version},
    )
    assert "举办之后才能记录到场和录用" in refused.content.decode()
    held = _event(days=-1, name="昨天的招聘会")
    registration = register_person(
        actor=_user("rencheng_counsellor"), event=held, person_id=person.pk, needs=["large_print"]
    )
    first, second = held.postings.order_by("pk")[:2]
    done = counsellor.post(
        f"/matching/events/{held.pk}/registrations/{registration.pk}/outcome/",
        {
            "attended": "yes",
            "needs_met": "yes",
            "interviewed": [first.posting_id],
            "hired": second.posting_id,
            "started_on": timezone.localdate().isoformat(),
            "version": registration.version,
        },
    )
    assert done.status_code == 302
    registration.refresh_from_db()
    assert registration.attended is True
    assert registration.needs_met is True
    interviews = {row.posting_id: row.hired for row in registration.interviews.all()}
    assert interviews == {first.posting_id: False, second.posting_id: True}
    page = counsellor.get(f"/matching/events/{held.pk}/registrations/").content.decode()
    assert f"{second.posting.employer.name}：{second.posting.title}" in page
    record = AuditRecord.objects.get(action="matching.event.outcome")
    assert second.posting.title in record.changes["hired_posting"][1]
    # once the day is recorded, the registration is no longer cancelled
    cancel = counsellor.post(
        f"/matching/events/{held.pk}/registrations/{registration.pk}/cancel/",
        {"version": registration.version},
    )
    assert "已经记录了到场情况的报名不能取消" in cancel.content.decode()


def test_two_people_changing_needs_do_not_overwrite_each_other(demo_postings) -> None:
    event = _event(days=10)
    registration = register_person(
        actor=_user("rencheng_counsellor"), event=event, person_id=_person().pk
    )
    url = f"/matching/events/{event.pk}/registrations/{registration.pk}/"
    opened = registration.version
    first = signed_in(_user("rencheng_counsellor")).post(
        url, {"needs": ["wheelchair"], "version": opened}
    )
    assert first.status_code == 302
    second = signed_in(_user("rencheng_admin")).post(
        url, {"needs": ["large_print"], "version": opened}
    )
    assert second.status_code == 409
    assert "轮椅无障碍通行" in second.content.decode()  # what the first saved
    registration.refresh_from_db()
    assert registration.needs == ["wheelchair"]
    # each page showing the registration is a view of it
    assert AuditRecord.objects.filter(action="matching.event.registration_view").count() == 1


def test_a_registration_is_cancelled_after_asking(demo_postings) -> None:
    event = _event(days=10)
    person = _person()
    registration = register_person(
        actor=_user("rencheng_counsellor"), event=event, person_id=person.pk
    )
    client = signed_in(_user("rencheng_counsellor"))
    url = f"/matching/events/{event.pk}/registrations/{registration.pk}/cancel/"
    assert "确定要取消" in client.get(url).content.decode()
    assert client.post(url, {"version": registration.version}).status_code == 302
    assert not EventRegistration.objects.exists()
    assert AuditRecord.objects.filter(action="matching.event.registration_cancel").exists()


def test_a_hire_at_an_event_goes_through_the_referral_pipeline_into_the_registry(
    demo_postings,
) -> None:
    # given a person of 任城区 out of work, registered for yesterday's event
    counsellor = signed_in(_user("rencheng_counsellor"))
    held = _event(days=-1, name="昨天的招聘会")
    person = Person.objects.filter(
        county_code="370811",
        merged_into__isnull=True,
        employment_status=EmploymentStatus.UNEMPLOYED,
    ).order_by("pk")[0]
    registration = register_person(
        actor=_user("rencheng_counsellor"), event=held, person_id=person.pk
    )
    posting = held.postings.order_by("pk")[0].posting
    filled_before = posting.openings_filled
    url = f"/matching/events/{held.pk}/registrations/{registration.pk}/outcome/"
    # a hire without the first day at work is refused on that field, nothing saved
    refused = counsellor.post(
        url, {"attended": "yes", "hired": posting.pk, "version": registration.version}
    )
    assert "请填写入职日期" in refused.content.decode()
    assert not Referral.objects.exists()
    # when the hire is recorded with the day they started
    today = timezone.localdate()
    done = counsellor.post(
        url,
        {
            "attended": "yes",
            "hired": posting.pk,
            "started_on": today.isoformat(),
            "version": registration.version,
        },
    )
    assert done.status_code == 302
    # then the registry says employed, with the employer, from that day
    person.refresh_from_db()
    assert person.employment_status == EmploymentStatus.EMPLOYED
    period = EmploymentPeriod.objects.get(person=person, ended_on__isnull=True)
    assert (period.started_on, period.employer_name) == (today, posting.employer.name)
    # the posting counts the hire, and the employment service is recorded
    posting.refresh_from_db()
    assert posting.openings_filled == filled_before + 1
    assert ServiceRecord.objects.filter(person=person, kind="referral", result="hired").exists()
    # through one referral of source 招聘活动现场, hired
    referral = Referral.objects.get(person=person, posting=posting)
    assert (referral.source, referral.state, referral.consent_how) == (
        "event",
        ReferralState.HIRED,
        "at_event",
    )
    assert referral.referred_on == held.held_on
    registration.refresh_from_db()
    assert registration.interviews.get(hired=True).referral_id == referral.pk
    # saving the outcome again with the same hire changes nothing; another hire is refused
    again = counsellor.post(
        url,
        {
            "attended": "yes",
            "hired": posting.pk,
            "started_on": today.isoformat(),
            "version": registration.version,
        },
    )
    assert again.status_code == 302
    assert Referral.objects.count() == 1
    registration.refresh_from_db()
    undo = counsellor.post(url, {"attended": "yes", "version": registration.version})
    assert "不能在这里修改或取消" in undo.content.decode()
    assert registration.interviews.get(hired=True).referral_id == referral.pk
