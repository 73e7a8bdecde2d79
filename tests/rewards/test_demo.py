"""The demo's Hunan reward: an employer of 长沙市岳麓区 over the quota in 2025, its declaration
certified, the reward applied for by the employer and approved by the county, to be paid; the
demo's 岳麓区 minimum wage approved by a second person and 长沙县's left waiting."""

from __future__ import annotations

import pytest

from ablework.parameters.models import LocalParameterValue, LocalValueStatus
from ablework.rewards.models import RewardApplication, RewardStatus
from ablework.rewards.selectors import reward_basis

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_approved_hunan_reward(demo_quota, demo_data):
    application = RewardApplication.objects.select_related("declaration__employer").get()
    assert application.declaration.employer.county_code == "430104"
    assert application.status == RewardStatus.APPROVED
    assert application.applied_by.username == "yuelu_employer"
    assert application.decided_by.username == "yuelu_admin"
    basis = reward_basis(application.declaration)
    assert basis is not None
    assert basis.amount == application.amount
    assert "× 月最低工资 2200 × 6" in basis.working
    assert "yuelu_employer" in demo_data
    statuses = dict(
        LocalParameterValue.objects.filter(name="wages.minimum_wage_monthly").values_list(
            "region_code", "status"
        )
    )
    assert statuses == {"430104": LocalValueStatus.APPROVED, "430121": LocalValueStatus.PENDING}
