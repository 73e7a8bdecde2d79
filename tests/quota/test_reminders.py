"""催报提醒: staff preview how many employers of an area will be reminded for a year — those
that have not declared, with a draft not submitted, or returned and not resubmitted — and send
each an on-site message; employers that submitted, resubmitted or were certified are skipped.
A large area is sent by the worker as a job."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from ablework.core.models import AuditRecord, Notification
from ablework.jobs.models import Job
from ablework.quota.models import Declaration, ReminderRound
from ablework.quota.services import reminders as reminder_service
from ablework.quota.services.reminders import send_reminders
from tests.accounts.factories import CountyAdminFactory, EmployerUserFactory
from tests.employers.factories import EmployerFactory
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

YEAR = 2025
PAGE = reverse("quota:reminders")


def _employer(name: str, status: str | None, county: str = "370811"):
    employer = EmployerFactory(name=name, county_code=county)
    user = EmployerUserFactory(employer=employer)
    declaration = None
    if status is not None:
        declaration = Declaration.objects.create(
            employer=employer,
            levy_year=YEAR,
            status=status,
            headcount_annual_average=Decimal(100),
            wage_total=Decimal("1000000.00"),
        )
    return employer, user, declaration


@pytest.fixture
def area():
    """In 任城区: one of each state; in 微山县, one that has not declared."""
    return {
        "none": _employer("任城未申报厂", None),
        "draft": _employer("任城草稿厂", "draft"),
        "returned": _employer("任城退回厂", "returned"),
        "rejected": _employer("任城未通过厂", "rejected"),
        "submitted": _employer("任城已提交厂", "submitted"),
        "resubmitted": _employer("任城已重新提交厂", "resubmitted"),
        "certified": _employer("任城已确认厂", "certified"),
        "weishan": _employer("微山未申报厂", None, county="370826"),
    }


def _messages(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user))


def test_the_preview_counts_who_will_be_reminded_and_sends_nothing(area):
    staff = CountyAdminFactory()
    client = signed_in(staff)
    page = client.get(PAGE, {"year": YEAR, "area": "370811"})
    assert page.status_code == 200
    text = page.content.decode()
    preview = text[text.index('id="reminder-preview"') :]
    # not declared (the rejected one has no open declaration either), a draft, a returned one
    assert "<dd>4 家</dd>" in preview
    assert "尚未开始申报</dt><dd>2</dd>" in preview
    assert "草稿尚未提交</dt><dd>1</dd>" in preview
    assert "被退回后尚未重新提交</dt><dd>1</dd>" in preview
    assert not Notification.objects.exists()
    assert not ReminderRound.objects.exists()


def test_sending_reminds_those_who_have_not_complied_and_skips_the_rest(area):
    staff = CountyAdminFactory()
    client = signed_in(staff)
    response = client.post(PAGE, {"year": YEAR, "area": "370811"})
    assert response.status_code == 302
    page = client.get(PAGE).content.decode()
    assert "已向 4 家用人单位发出 4 条催报提醒" in page
    # each non-complier got one message leading to what it must do
    (none,) = _messages(area["none"][1])
    assert "尚未申报 2025 年度" in none.text
    assert none.link == reverse("quota:declarations")
    (draft,) = _messages(area["draft"][1])
    assert "已开始填写但尚未提交" in draft.text
    assert draft.link == reverse("quota:declaration", args=[area["draft"][2].pk])
    (returned,) = _messages(area["returned"][1])
    assert "被退回的按比例就业申报尚未重新提交" in returned.text
    assert len(_messages(area["rejected"][1])) == 1
    # those who complied, and another county's, got nothing
    for key in ("submitted", "resubmitted", "certified", "weishan"):
        assert _messages(area[key][1]) == [], key
    sent = ReminderRound.objects.get()
    assert (sent.levy_year, sent.region_code, sent.employers, sent.messages) == (
        YEAR,
        "370811",
        4,
        4,
    )
    assert AuditRecord.objects.get(action="quota.reminders.send").detail["employers"] == 4
    # the employer reads it on the home page
    home = signed_in(area["none"][1]).get("/").content.decode()
    assert "尚未申报 2025 年度按比例安排残疾人就业情况" in home


def test_an_area_where_everyone_complied_sends_nothing(area):
    staff = CountyAdminFactory(region_id="370826")
    Declaration.objects.create(
        employer=area["weishan"][0], levy_year=YEAR, status="certified", wage_total=1
    )
    client = signed_in(staff)
    page = client.get(PAGE, {"year": YEAR, "area": "370826"}).content.decode()
    assert "该地区没有需要提醒的用人单位" in page
    refused = client.post(PAGE, {"year": YEAR, "area": "370826"})
    assert refused.status_code == 200
    assert "没有需要提醒的用人单位" in refused.content.decode()
    assert not Notification.objects.exists()


def test_another_area_and_employers_are_refused(area):
    client = signed_in(CountyAdminFactory(region_id="370826"))
    response = client.post(PAGE, {"year": YEAR, "area": "370811"})
    assert response.status_code == 200  # not one of the choices offered
    assert not Notification.objects.exists()
    assert signed_in(area["none"][1]).get(PAGE).status_code == 404


def test_a_large_area_is_sent_by_a_background_job(
    area, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(reminder_service, "REMINDERS_AT_ONCE", 2)
    staff = CountyAdminFactory()
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_reminders(actor=staff, year=YEAR, area="370811")
    job = Job.objects.get()
    assert sent.job_id == job.pk
    assert job.total == 4
    assert job.state == "succeeded", job.message
    assert "已向 4 家用人单位发出 4 条催报提醒" in job.message
    sent.refresh_from_db()
    assert (sent.employers, sent.messages) == (4, 4)
    assert len(_messages(area["certified"][1])) == 0
