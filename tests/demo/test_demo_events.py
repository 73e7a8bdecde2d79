"""The demo's recruitment events: 任城区's job fair held, with its outcome report, and 济宁市's
online fair to come, open for registration."""

from __future__ import annotations

import re

import pytest

from ablework.matching.models import ReferralSource
from ablework.registry.models import EmploymentStatus
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def _figure(page: str, label: str) -> str:
    found = re.search(rf'<th scope="row">{label}</th><td class="number">(\d+)</td>', page)
    assert found is not None, label
    return found.group(1)


def test_the_past_fair_reports_its_registrations_needs_and_outcomes(demo_data, demo_events):
    counsellor = signed_in(demo_data["rencheng_counsellor"])
    past = demo_events.past
    listed = counsellor.get("/matching/events/?when=past").content.decode()
    assert "任城区助残就业专场招聘会" in listed
    page = counsellor.get(f"/matching/events/{past.pk}/report/").content.decode()
    figures = {
        label: _figure(page, label)
        for label in ("报名", "到场", "未到场", "参加面试", "录用", "面试后未录用")
    }
    assert figures == {
        "报名": "6",
        "到场": "5",
        "未到场": "1",
        "参加面试": "4",
        "录用": "1",
        "面试后未录用": "3",
    }
    assert "手语翻译" in page
    assert "轮椅无障碍通行" in page
    for reason in ("工作条件或便利条件未能谈妥", "工资或工时未能谈妥", "技能或经验与岗位要求不符"):
        assert reason in page
    # the hire went through the referral pipeline into the registry
    hired = past.registrations.get(interviews__hired=True)
    hired.person.refresh_from_db()
    assert hired.person.employment_status == EmploymentStatus.EMPLOYED
    interview = hired.interviews.get(hired=True)
    assert interview.referral is not None
    assert interview.referral.source == ReferralSource.EVENT


def test_the_online_fair_is_upcoming_and_open_for_registration(demo_data, demo_events):
    counsellor = signed_in(demo_data["rencheng_counsellor"])
    upcoming = demo_events.upcoming
    listed = counsellor.get("/matching/events/").content.decode()
    assert "济宁市残疾人网络招聘会" in listed
    page = counsellor.get(f"/matching/events/{upcoming.pk}/").content.decode()
    assert "中国残疾人就业创业网络服务平台" in page
    assert f'href="/matching/events/{upcoming.pk}/register/"' in page
    assert upcoming.registrations.count() == 1
