"""The demo's 四个一: a dozen persons of 任城区 in a realistic state, two of 微山县."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ablework.support.models import Assessment, InformationCheck, ServiceRecord
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def test_the_demo_has_checks_assessments_needs_and_overdue_next_steps(
    demo_support_records, demo_data
):
    served = demo_support_records
    assert len(served["rencheng_counsellor"]) + len(served["rencheng_township"]) >= 10
    assert served["weishan_counsellor"]
    assert InformationCheck.objects.filter(wants_work=False).exists()
    needs = [a.needs for a in Assessment.objects.all()]
    assert ["step_free", "accessible_toilet"] in needs
    assert any(
        a.abilities.get("read_screen") == {"with": ["screen_reader", "magnifier"]}
        for a in Assessment.objects.all()
    )
    today = timezone.localdate()
    assert ServiceRecord.objects.filter(next_due__lt=today).exclude(next_step="").exists()
    # the counsellor's home card leads to the persons served, the overdue first
    home = signed_in(demo_data["rencheng_township"]).get("/").content.decode()
    assert "就业服务记录" in home
    assert "已逾期" in home


def test_the_demo_escalates_two_hunan_persons_and_one_is_decided(demo_quota, demo_data):
    from ablework.demo.escalation import seed_escalation_demo

    accounts = dict(demo_data)
    decided, waiting = seed_escalation_demo(accounts)
    assert (decided.decision, decided.placed_route) == ("accepted", "public_welfare")
    assert waiting.is_open
    assert len(waiting.referral_ids) == 3
    counsellor = accounts["yuelu_counsellor"]
    listing = signed_in(counsellor).get("/support/escalations/").content.decode()
    assert waiting.person.name in listing
    assert "连续3次岗位推荐仍无法实现就业" in listing
    queue = signed_in(counsellor).get("/support/queue/").content.decode()
    assert f"/support/escalations/{waiting.pk}/decide/" in queue
