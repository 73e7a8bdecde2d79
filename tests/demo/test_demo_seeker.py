"""The demo's job seeker: person_user's 我收藏的岗位 holds two postings, the closed one said so."""

from __future__ import annotations

import pytest

from ablework.core.models import AuditRecord
from ablework.matching.audit_actions import MatchingAction
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def test_person_user_has_saved_two_postings_one_since_closed(demo_data, demo_seeker):
    body = signed_in(demo_data["person_user"]).get("/matching/jobs/saved/").content.decode()
    assert "共收藏 2 个岗位" in body
    assert body.index("电话客服专员") < body.index("数据录入员")  # the latest saved first
    assert body.count("不能再申请：") == 1
    closed_part = body[body.index("数据录入员") :]
    assert "结束招聘" in closed_part
    # the open one was saved through the service, as the person would
    assert AuditRecord.objects.filter(action=MatchingAction.POSTING_SAVE.value).count() == 1


def test_family_user_sees_the_request_made_for_their_relative(demo_data, demo_seeker):
    body = signed_in(demo_data["family_user"]).get("/matching/jobs/referrals/").content.decode()
    assert "共 1 条推荐" in body
    assert "景区电商客服（居家）" in body
    assert "现在：本人申请推荐" in body
    assert "撤回这条推荐" in body
