"""One person, one plan (一人一策): versions kept and compared, maker-checker approval, returns
with a reason, concurrent edits refused, overdue actions in the owner's queue and home card."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from ablework.accounts.models import User
from ablework.registry.models import Person
from ablework.support.models import Plan, PlanState
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def _form(person: Person, owner: User, *, goals: str, version: int | None, **rows: str) -> dict:
    today = timezone.localdate()
    data = {
        "goals": goals,
        "supports": "岗位推荐",
        "review_on": (today + timedelta(days=60)).isoformat(),
        "action_1_text": "推荐岗位",
        "action_1_owner": str(owner.pk),
        "action_1_due_on": (today + timedelta(days=10)).isoformat(),
        **rows,
    }
    if version is not None:
        data["version"] = str(version)
    return data


@pytest.fixture
def person(demo_data: dict[str, User]) -> Person:
    return Person.objects.get(pk=demo_data["person_user"].person_id)


def test_a_plan_is_made_submitted_and_approved_by_another_person(demo_data, person):
    counsellor, admin = demo_data["rencheng_counsellor"], demo_data["rencheng_admin"]
    staff = signed_in(counsellor)
    response = staff.post(
        f"/support/persons/{person.pk}/plan/edit/",
        _form(person, counsellor, goals="三个月内找到工作", version=None),
    )
    assert response.status_code == 302
    page = staff.get(f"/support/persons/{person.pk}/plan/", follow=True).content.decode()
    assert "已保存计划第 1 版（草稿）" in page
    assert "三个月内找到工作" in page
    plan = Plan.objects.get(person=person)
    staff.post(f"/support/persons/{person.pk}/plan/submit/", {"version": plan.version})
    plan.refresh_from_db()
    assert plan.latest.state == PlanState.SUBMITTED

    # the supervisor sees it awaiting, approves it
    supervisor = signed_in(admin)
    assert person.name in supervisor.get("/support/plans/awaiting/").content.decode()
    response = supervisor.post(
        f"/support/persons/{person.pk}/plan/approve/", {"version": plan.version}, follow=True
    )
    assert "已批准计划，本人可以查看。" in response.content.decode()
    plan.refresh_from_db()
    assert plan.approved == plan.latest
    assert person.name not in supervisor.get("/support/plans/awaiting/").content.decode()


def test_the_author_cannot_approve_their_own_version(demo_data, person):
    admin = demo_data["rencheng_admin"]
    author = signed_in(admin)
    author.post(
        f"/support/persons/{person.pk}/plan/edit/",
        _form(person, admin, goals="由管理员制定", version=None),
    )
    plan = Plan.objects.get(person=person)
    author.post(f"/support/persons/{person.pk}/plan/submit/", {"version": plan.version})
    plan.refresh_from_db()
    page = author.get(f"/support/persons/{person.pk}/plan/").content.decode()
    assert "这一版计划由您制定，须由另一名工作人员审批。" in page
    response = author.post(
        f"/support/persons/{person.pk}/plan/approve/", {"version": plan.version}, follow=True
    )
    assert "这一版计划由您制定，须由另一名工作人员审批。" in response.content.decode()
    plan.refresh_from_db()
    assert plan.approved is None
    # a counsellor (no approval right) is not offered it and cannot do it
    counsellor = signed_in(demo_data["rencheng_counsellor"])
    assert "批准计划" not in counsellor.get(f"/support/persons/{person.pk}/plan/").content.decode()
    assert (
        counsellor.post(
            f"/support/persons/{person.pk}/plan/approve/", {"version": plan.version}
        ).status_code
        == 404
    )


def test_a_returned_plan_shows_the_reason_and_is_changed_as_a_new_version(demo_plans, demo_data):
    other = demo_plans["awaiting"]
    counsellor = demo_data["rencheng_counsellor"]
    plan = Plan.objects.get(person=other)
    supervisor = signed_in(demo_data["rencheng_admin"])
    response = supervisor.post(
        f"/support/persons/{other.pk}/plan/return/",
        {"return-version": plan.version, "return-reason": "请写明每周的工作时间"},
        follow=True,
    )
    page = response.content.decode()
    assert "已退回计划，并写明了理由。" in page
    assert "请写明每周的工作时间" in page
    plan.refresh_from_db()
    staff = signed_in(counsellor)
    staff.post(
        f"/support/persons/{other.pk}/plan/edit/",
        _form(other, counsellor, goals="每周工作 20 小时的辅助性就业", version=plan.version),
    )
    plan.refresh_from_db()
    states = list(plan.versions.order_by("number").values_list("state", flat=True))
    assert states == [PlanState.REPLACED, PlanState.DRAFT]


def test_every_version_is_kept_and_two_are_compared(demo_plans, demo_data):
    person = demo_plans["person"]
    page = signed_in(demo_data["rencheng_counsellor"]).get(
        f"/support/persons/{person.pk}/plan/versions/?a=1&b=2"
    )
    text = page.content.decode()
    assert "第 1 版与第 2 版对照" in text
    assert "参加一期电商客服培训（线上）" in text  # v2's supports
    assert "报名区残联电商客服培训班" in text  # the action v2 added
    for change in ("新增", "修改", "未变"):
        assert change in text
    plan = Plan.objects.get(person=person)
    assert list(plan.versions.values_list("state", flat=True).order_by("number")) == [
        PlanState.APPROVED,
        PlanState.APPROVED,
    ]
    assert plan.approved.number == 2


def test_an_edit_over_another_is_refused_and_shows_what_they_saved(demo_plans, demo_data):
    person = demo_plans["person"]
    counsellor = demo_data["rencheng_counsellor"]
    plan = Plan.objects.get(person=person)
    seen = plan.version
    first, second = signed_in(counsellor), signed_in(demo_data["rencheng_admin"])
    url = f"/support/persons/{person.pk}/plan/edit/"
    assert (
        first.post(url, _form(person, counsellor, goals="甲的修改", version=seen)).status_code
        == 302
    )
    response = second.post(url, _form(person, counsellor, goals="乙的修改", version=seen))
    assert response.status_code == 409
    page = response.content.decode()
    assert "此记录已被他人修改" in page
    assert "制定或修改一人一策计划" in page  # what the other saved, in words
    plan.refresh_from_db()
    assert plan.latest.goals == "甲的修改"


def test_an_owner_outside_the_area_is_refused(demo_data, person):
    counsellor = demo_data["rencheng_counsellor"]
    response = signed_in(counsellor).post(
        f"/support/persons/{person.pk}/plan/edit/",
        _form(person, demo_data["weishan_counsellor"], goals="目标", version=None),
    )
    # (the menu offers the county's staff only; a posted outsider is refused as not offered)
    assert response.status_code == 200
    assert 'href="#id_action_1_owner"' in response.content.decode()
    assert not Plan.objects.filter(person=person).exists()


def test_another_countys_counsellor_gets_404(demo_plans, demo_data):
    person = demo_plans["person"]
    weishan = signed_in(demo_data["weishan_counsellor"])
    assert weishan.get(f"/support/persons/{person.pk}/plan/").status_code == 404
    assert weishan.get(f"/support/persons/{person.pk}/plan/versions/").status_code == 404


def _queue_panels(user: User) -> str:
    request = RequestFactory().get("/support/queue/")
    request.user = user
    template = Template('{% load panels %}{% page_panels "support:queue" request.user %}')
    return template.render(Context({"request": request}))


def test_the_overdue_action_is_in_its_owners_queue_and_home_card(demo_plans, demo_data):
    counsellor = demo_data["rencheng_counsellor"]
    shown = _queue_panels(counsellor)
    assert "我负责的逾期计划行动" in shown
    assert "推荐 3 个附近的包装、分拣岗位" in shown
    assert demo_plans["person"].name in shown
    # not in another worker's queue
    assert "推荐 3 个附近的包装、分拣岗位" not in _queue_panels(demo_data["rencheng_township"])
    home = signed_in(counsellor).get("/").content.decode()
    assert "我负责的逾期行动 1 项" in home
    queue = signed_in(counsellor).get("/support/queue/").content.decode()
    assert "我负责的逾期计划行动" in queue
    assert "推荐 3 个附近的包装、分拣岗位" in queue


def test_recording_the_action_done_takes_it_off_the_queue(demo_plans, demo_data):
    counsellor = demo_data["rencheng_counsellor"]
    person = demo_plans["person"]
    plan = Plan.objects.get(person=person)
    action = plan.approved.actions.get(position=1)
    response = signed_in(counsellor).post(
        f"/support/persons/{person.pk}/plan/actions/{action.pk}/done/",
        {"version": plan.version, "done_on": timezone.localdate().isoformat()},
        follow=True,
    )
    assert "已登记该行动完成。" in response.content.decode()
    assert "推荐 3 个附近的包装、分拣岗位" not in _queue_panels(counsellor)
