"""A person's entry of the matching contract (`persons`), built from the recorded assessment
and needs, field by field against the contract (../shared/domain/matching-contract.md), and
the API that serves it, scoped like every page."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from ablework.core.models import Region
from ablework.support.selectors.market import person_entry
from ablework.support.services.records import (
    AssessmentInput,
    NeedsInput,
    record_assessment,
    record_needs,
)
from ablework.support.vocabulary import ACCOMMODATIONS, DEMANDS
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
CONTRACT_KEYS = [
    "id",
    "home",
    "commute_km",
    "accepts_remote",
    "max_hours_per_week",
    "wage_floor",
    "abilities",
    "needs",
    "skills",
    "occupations",
]


def _record(actor, person, *, hours_per_day="8", hours_per_week=40):
    record_assessment(
        actor=actor,
        person_id=person.pk,
        assessment=AssessmentInput(
            on=TODAY - timedelta(days=3),
            abilities={
                "read_print": "cannot",
                "read_screen": {"with": ["magnifier", "screen_reader"]},
            },
            hours_per_day=Decimal(hours_per_day),
            needs=("step_free",),
            pathway="competitive",
            methods=("interview",),
            summary="会用读屏软件，适合电话客服。",
            given_by="李专员",
        ),
    )
    record_needs(
        actor=actor,
        person_id=person.pk,
        needs=NeedsInput(
            on=TODAY - timedelta(days=2),
            occupations=("客户服务", "文字录入"),
            skills="客服 电脑打字 普通话",
            hours_per_week=hours_per_week,
            places="任城区",
            commute_km=10,
            wage_floor=Decimal("2200"),
            accepts_remote=True,
            needs=("accessible_toilet", "step_free"),
            training_wishes="",
            given_by="李专员",
        ),
    )


def test_the_entry_has_exactly_the_contracts_shape(demo_data, guhuai_person):
    _record(demo_data["rencheng_counsellor"], guhuai_person)

    entry = person_entry(guhuai_person, on=TODAY)

    assert entry is not None
    assert list(entry) == CONTRACT_KEYS
    assert entry["id"] == str(guhuai_person.pk)
    # the registry keeps no coordinates of addresses: 古槐街道 has no centre, 任城区's stands in
    county = Region.objects.get(code=guhuai_person.county_code)
    assert entry["home"] == {"lat": float(county.latitude), "lon": float(county.longitude)}
    assert entry["commute_km"] == 10
    assert entry["accepts_remote"] is True
    assert entry["max_hours_per_week"] == 40
    assert entry["wage_floor"] == "2200.00"
    assert entry["abilities"] == {
        "read_print": "cannot",
        "read_screen": {"with": ["screen_reader", "magnifier"]},
    }
    assert set(entry["abilities"]) <= DEMANDS
    assert entry["needs"] == ["step_free", "accessible_toilet"]
    assert set(entry["needs"]) <= ACCOMMODATIONS
    assert entry["skills"] == "客服 电脑打字 普通话"
    assert entry["occupations"] == ["客户服务", "文字录入"]


def test_hours_follow_the_assessed_tolerance_and_old_days_see_no_entry(demo_data, guhuai_person):
    _record(demo_data["rencheng_counsellor"], guhuai_person, hours_per_day="4.5")

    entry = person_entry(guhuai_person, on=TODAY)

    assert entry is not None
    assert entry["max_hours_per_week"] == 22  # 4.5 hours a day over five days, at most 40 wanted
    assert person_entry(guhuai_person, on=TODAY - timedelta(days=3)) is None  # no needs yet


def test_the_api_serves_the_entry_in_scope_only(demo_data, guhuai_person):
    _record(demo_data["rencheng_counsellor"], guhuai_person)
    url = f"/api/v1/support/persons/{guhuai_person.pk}/market-entry"

    response = signed_in(demo_data["rencheng_township"]).get(url)
    assert response.status_code == 200
    assert response.json() == person_entry(guhuai_person, on=TODAY)

    refused = signed_in(demo_data["weishan_counsellor"]).get(url)
    assert refused.status_code == 404
    assert refused.json()["error"]["code"] == "not_found"


def test_a_person_without_an_assessment_has_no_entry_yet(demo_data, weishan_person):
    url = f"/api/v1/support/persons/{weishan_person.pk}/market-entry"
    response = signed_in(demo_data["weishan_counsellor"]).get(url)
    assert response.status_code == 404
    assert "尚未完成职业能力评估和就业需求登记" in response.json()["error"]["message"]
