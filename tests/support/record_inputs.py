"""The records' inputs as a counsellor gives them today, valid unless overridden (for the
records' tests: test_records.py, test_record_pages.py)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from ablework.support.services.records import AssessmentInput, ServiceInput

TODAY = timezone.localdate()


def service_input(**overrides):
    values = {
        "on": TODAY,
        "kind": "referral",
        "channel": "phone",
        "result": "not_hired",
        "outcome": "推荐到济宁某客服中心面试，未录用",
        "next_step": "再推荐一个岗位",
        "next_due": TODAY + timedelta(days=14),
        "given_by": "李专员",
    }
    values.update(overrides)
    return ServiceInput(**values)


def assessment_input(**overrides):
    values = {
        "on": TODAY,
        "abilities": {"read_print": "cannot", "read_screen": {"with": ["screen_reader"]}},
        "hours_per_day": Decimal("8"),
        "needs": (),
        "pathway": "competitive",
        "methods": ("interview", "work_trial"),
        "summary": "会用读屏软件操作电脑，适合电话客服一类的工作。",
        "given_by": "李专员",
    }
    values.update(overrides)
    return AssessmentInput(**values)
