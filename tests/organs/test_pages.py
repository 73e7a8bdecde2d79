"""The mandate pages: who sees which units (a supervising unit its subordinates, staff their
area), and the work plan's versioned edits."""

from __future__ import annotations

import pytest

from ablework.accounts.models import User
from ablework.core.models import AuditRecord
from ablework.employers.models import Employer
from ablework.organs.models import PlacementPlan
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def test_a_supervising_unit_sees_its_subordinates_and_no_other_unit(
    demo_organs: dict[str, Employer], demo_data: dict[str, User]
):
    client = signed_in(User.objects.get(username="wenlv_user"))

    page = client.get("/organs/").content.decode()

    for key in ("culture", "library", "museum"):
        assert demo_organs[key].name in page
    for key in ("hrss", "finance", "hospital"):
        assert demo_organs[key].name not in page
    assert client.get(f"/organs/units/{demo_organs['library'].pk}/").status_code == 200
    assert client.get(f"/organs/units/{demo_organs['hrss'].pk}/").status_code == 404


def test_staff_see_the_units_of_their_area_with_the_county_line(
    demo_organs: dict[str, Employer], demo_data: dict[str, User]
):
    county = signed_in(demo_data["rencheng_admin"]).get("/organs/").content.decode()
    township = signed_in(demo_data["rencheng_township"]).get("/organs/").content.decode()

    assert demo_organs["hrss"].name in county
    assert demo_organs["hospital"].name in county
    assert demo_organs["ws_hospital"].name not in county
    assert "县、乡两级统筹情况" in county
    # 古槐街道's worker: the units registered in 古槐街道 only
    assert demo_organs["hrss"].name in township
    assert demo_organs["library"].name not in township


def test_the_list_shows_each_case_in_words(demo_organs: dict[str, Employer], demo_data):
    client = signed_in(demo_data["rencheng_admin"])

    def detail(key: str) -> str:
        return client.get(f"/organs/units/{demo_organs[key].pk}/").content.decode()

    assert "须在期限前至少安排残疾人就业，尚未达到" in detail("hrss")
    assert "2027-12-31" in detail("hrss")
    assert "档案管理员" in detail("hrss")  # its plan
    assert "已向编办报送岗位预留方案" in detail("hrss")  # its progress
    assert "该单位尚有缺口，还没有工作计划。" in detail("library")
    assert "编制数不足" in detail("finance")
    assert "中小学、幼儿园不在带头安排范围内" in detail("school")
    assert "县、乡两级单位不单独计算" in detail("rc_civil")


def _plan_post(client, unit: Employer, version: int | str, posts: int):
    return client.post(
        f"/organs/units/{unit.pk}/plan/",
        {
            "version": version,
            "posts_to_reserve": posts,
            "posts_description": "文员",
            "recruitment_on": "2027-05-01",
            "responsible_name": "李华",
            "responsible_role": "办公室主任",
        },
    )


def test_a_plan_is_made_then_changed_and_a_stale_change_is_refused_with_what_changed(
    demo_organs: dict[str, Employer], demo_data
):
    library = demo_organs["library"]
    admin, counsellor = (
        signed_in(demo_data["rencheng_admin"]),
        signed_in(demo_data["rencheng_counsellor"]),
    )

    assert _plan_post(admin, library, "", 1).status_code == 302
    plan = PlacementPlan.objects.get(employer=library)
    assert _plan_post(counsellor, library, plan.version, 2).status_code == 302
    stale = _plan_post(admin, library, plan.version, 3)

    assert stale.status_code == 409
    assert "此记录已被他人修改" in stale.content.decode()
    plan.refresh_from_db()
    assert plan.posts_to_reserve == 2
    actions = list(
        AuditRecord.objects.filter(target_type="organs.placementplan", target_id=str(plan.pk))
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == ["organs.plan.create", "organs.plan.update"]


def test_progress_is_recorded_on_the_plan_and_refused_on_a_stale_page(
    demo_organs: dict[str, Employer], demo_data
):
    hrss = demo_organs["hrss"]
    plan = PlacementPlan.objects.get(employer=hrss)
    client = signed_in(demo_data["rencheng_counsellor"])
    entry = {"recorded_on": "2026-11-25", "note": "已发布招聘公告。", "placed": 0}

    done = client.post(
        f"/organs/units/{hrss.pk}/plan/progress/", {**entry, "version": plan.version}
    )
    stale = client.post(
        f"/organs/units/{hrss.pk}/plan/progress/", {**entry, "version": plan.version}
    )

    assert done.status_code == 302
    assert stale.status_code == 409
    assert plan.progress.filter(note="已发布招聘公告。").count() == 1


def test_an_auditor_reads_but_cannot_plan(demo_organs: dict[str, Employer], demo_data):
    client = signed_in(demo_data["jining_auditor"])

    assert client.get(f"/organs/units/{demo_organs['library'].pk}/").status_code == 200
    assert client.get(f"/organs/units/{demo_organs['library'].pk}/plan/").status_code == 404
