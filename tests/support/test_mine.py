"""The person's own view (`/support/mine/`): their services, assessment summary, approved plan
and next steps in plain words; only their own (404 for anyone else's), a family member only
with consent; confirmations and complaints recorded and seen by staff; correction requests
answered."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from ablework.accounts.services import revoke_consent
from ablework.support.models import CorrectionRequest, FeedbackKind, ServiceFeedback
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def test_the_person_sees_their_services_assessment_and_plan_in_plain_words(demo_plans, demo_data):
    page = signed_in(demo_data["person_user"]).get("/support/mine/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "<h1>我的就业服务</h1>" in text
    assert "每天做 4 小时左右比较合适" in text  # the assessment's summary
    assert "建议的就业方式：支持性就业。" in text
    assert "坐姿作业" in text  # an accommodation, in words
    assert "阅读屏幕文字：借助放大设备" in text
    assert "推荐 3 个附近的包装、分拣岗位" in text  # the approved plan's action
    assert "报名区残联电商客服培训班" in text  # v2's action: the version in force
    assert "推荐附近的包装、分拣岗位" in text  # a service's next step
    assert "已确认这次服务发生了" in text
    assert "<table" not in text  # prose as headings and lists


def test_another_persons_id_is_404(demo_plans, demo_data):
    other = demo_plans["awaiting"]
    person = signed_in(demo_data["person_user"])
    assert person.get(f"/support/mine/?person={other.pk}").status_code == 404
    service = ServiceFeedback.objects.filter(person=demo_plans["relative"]).get().service
    response = person.post(
        f"/support/mine/services/{service.pk}/feedback/",
        {f"service-{service.pk}-kind": FeedbackKind.COMPLAINT, f"service-{service.pk}-text": "x"},
    )
    assert response.status_code == 404


def test_staff_do_not_have_a_mine_page(demo_plans, demo_data):
    assert signed_in(demo_data["rencheng_counsellor"]).get("/support/mine/").status_code == 404


def test_a_family_member_sees_only_with_consent(demo_plans, demo_data):
    family = demo_data["family_user"]
    relative = demo_plans["relative"]
    client = signed_in(family)
    page = client.get(f"/support/mine/?person={relative.pk}").content.decode()
    assert f"{relative.name}的就业服务" in page
    assert "那天家里没有人来过" in page  # their complaint, shown back
    consent = family.proxy_consents.get(person=relative)
    revoke_consent(actor=demo_data["rencheng_admin"], consent_id=consent.pk)
    assert client.get(f"/support/mine/?person={relative.pk}").status_code == 404
    assert "目前没有人授权您代为查看" in client.get("/support/mine/").content.decode()


def test_a_complaint_is_recorded_and_seen_by_staff(demo_plans, demo_data):
    person = demo_plans["person"]
    service = ServiceFeedback.objects.filter(person=person).get().service.pk
    own = signed_in(demo_data["person_user"])
    # a complaint needs a few words
    response = own.post(
        f"/support/mine/services/{service}/feedback/",
        {f"service-{service}-kind": FeedbackKind.COMPLAINT},
        follow=True,
    )
    assert "请简单说明情况" in response.content.decode()
    response = own.post(
        f"/support/mine/services/{service}/feedback/",
        {f"service-{service}-kind": FeedbackKind.COMPLAINT, f"service-{service}-text": "没有见过"},
        follow=True,
    )
    assert "已收到您的反馈，谢谢。" in response.content.decode()
    # the supervisor's list, and the person's plan page for the counsellor
    complaints = signed_in(demo_data["rencheng_admin"]).get("/support/feedback/complaints/")
    assert "没有见过" in complaints.content.decode()
    assert "那天家里没有人来过" in complaints.content.decode()
    plan_page = signed_in(demo_data["rencheng_counsellor"]).get(
        f"/support/persons/{person.pk}/plan/"
    )
    assert "没有见过" in plan_page.content.decode()
    # another county's supervisor does not see it
    weishan = signed_in(demo_data["weishan_counsellor"])
    assert weishan.get("/support/feedback/complaints/").status_code == 404


def test_a_correction_request_is_answered_and_the_answer_shown(demo_plans, demo_data):
    person = demo_plans["person"]
    own = signed_in(demo_data["person_user"])
    response = own.post(
        f"/support/mine/corrections/new/?person={person.pk}",
        {"about": "评估结论", "text": "我每天可以工作 6 小时"},
        follow=True,
    )
    assert "已提交更正申请" in response.content.decode()
    asked = CorrectionRequest.objects.get(person=person)
    staff = signed_in(demo_data["rencheng_counsellor"])
    assert "我每天可以工作 6 小时" in staff.get("/support/corrections/").content.decode()
    response = staff.post(
        f"/support/corrections/{asked.pk}/answer/",
        {"version": asked.version, "answer": "已重新评估，改为每天 6 小时"},
        follow=True,
    )
    assert "已答复更正申请。" in response.content.decode()
    assert "已重新评估，改为每天 6 小时" in own.get("/support/mine/").content.decode()
    # a second answer on the old version is refused
    stale = staff.post(
        f"/support/corrections/{asked.pk}/answer/",
        {"version": asked.version, "answer": "重复"},
    )
    assert stale.status_code == 409


def test_the_persons_services_page_shows_their_plan_and_complaints(demo_plans, demo_data):
    request = RequestFactory().get("/")
    request.user = demo_data["rencheng_counsellor"]
    template = Template('{% load panels %}{% page_panels "support:person" person %}')
    relative = demo_plans["relative"]
    shown = template.render(Context({"request": request, "person": relative}))
    assert "那天家里没有人来过" in shown  # the complaint
    assert "记录里的电话号码是旧的" in shown  # the open correction request
    assert f"为{relative.name}制定计划" in shown
    person = demo_plans["person"]
    shown = template.render(Context({"request": request, "person": person}))
    assert "正在执行第 2 版" in shown
