"""The submission status of every county (报送情况): each status, who and when, the deadline
from the rules parameters and whether it is overdue; and two decisions at the same moment."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings

from ablework.core.errors import DomainError
from ablework.core.models import Region
from ablework.indicators.models import Submission, SubmissionStatus
from ablework.indicators.periods import parse_period
from ablework.indicators.selectors.submissions import deadline_of, status_rows
from ablework.indicators.services.submissions import (
    approve_submission,
    propose_revision,
    return_submission,
    submit_figures,
)
from tests.accounts.factories import CityAdminFactory, CountyAdminFactory
from tests.indicators.test_measures import person
from tests.registry.test_concurrent_writes import at_once

YEAR = parse_period("2026")


@pytest.mark.django_db
def test_the_deadlines_are_the_parameters_of_jining_and_jiangjin_and_none_for_a_quarter() -> None:
    jining = deadline_of("370811", YEAR)
    assert jining.day == date(2026, 12, 12)
    assert "12月12日" in jining.reference
    assert jining.words == "12月12日前"
    assert deadline_of("500116", YEAR).day == date(2026, 11, 30)
    assert deadline_of("370811", parse_period("2026Q3")).day is None
    assert deadline_of("370811", parse_period("2026Q3")).words == "未规定报送期限"
    assert deadline_of("110101", YEAR).day is None  # 北京东城区: no parameter


@pytest.mark.django_db
def test_every_county_has_its_status_and_overdue_by_the_deadline(demo_data) -> None:
    # given 任城区 locked with a revision waiting, 兖州区 returned, 微山县 submitted
    yanzhou = CountyAdminFactory(region_id="370812")
    weishan = CountyAdminFactory(region_id="370826")
    city = demo_data["jining_admin"]
    rencheng = submit_figures(
        actor=demo_data["rencheng_admin"], region_code="370811", period_code="2026"
    )
    approve_submission(actor=city, submission_id=rencheng.pk, version=1)
    person(("unemployed", "", date(2026, 1, 1)), ("employed", "flexible", date(2026, 3, 3)))
    propose_revision(
        actor=demo_data["rencheng_admin"],
        submission_id=rencheng.pk,
        version=2,
        indicators=["new_employment"],
        reason="补录",
    )
    returned = submit_figures(actor=yanzhou, region_code="370812", period_code="2026")
    return_submission(actor=city, submission_id=returned.pk, version=1, note="缺培训数据")
    submit_figures(actor=weishan, region_code="370826", period_code="2026")
    # when the city reads the year's status on 3 and on 13 December
    region = Region.objects.get(code="370800")
    early = {row.region.code: row for row in status_rows(region, YEAR, today=date(2026, 12, 3))}
    late = {row.region.code: row for row in status_rows(region, YEAR, today=date(2026, 12, 13))}
    # then each county has its status, and only the outstanding ones are overdue after 12 Dec
    assert early["370811"].label == "有待审核更正"
    assert early["370812"].label == "已退回"
    assert early["370826"].label == "已报送待审核"
    assert early["370883"].label == "未报送"
    assert early["370811"].submission.proposed_by == demo_data["rencheng_admin"]
    assert early["370812"].submission.decision_note == "缺培训数据"
    assert not any(row.overdue for row in early.values())
    assert {code for code, row in late.items() if row.overdue} >= {"370812", "370883"}
    assert not late["370811"].overdue
    assert not late["370826"].overdue
    assert all(row.deadline.day == date(2026, 12, 12) for row in late.values())
    # and a province sees every county, each with its city
    province = status_rows(Region.objects.get(code="370000"), YEAR)
    assert {row.city.code for row in province} >= {"370800", "370100"}


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="SQLite runs one write transaction at a time (BEGIN IMMEDIATE): nothing to race",
)
def test_two_approvals_at_once_one_succeeds(national_regions) -> None:
    county = CountyAdminFactory(region_id="370811")
    submission = submit_figures(actor=county, region_code="370811", period_code="2026Q1")
    first, second = CityAdminFactory(), CityAdminFactory()
    outcomes = at_once(
        lambda: approve_submission(actor=first, submission_id=submission.pk, version=1),
        lambda: return_submission(
            actor=second, submission_id=submission.pk, version=1, note="退回"
        ),
    )
    decided = [o for o in outcomes if isinstance(o, Submission)]
    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert (len(decided), len(refused)) == (1, 1), outcomes
    stored = Submission.objects.get(pk=submission.pk)
    assert stored.status in (SubmissionStatus.LOCKED, SubmissionStatus.RETURNED)
    assert stored.version == 2
