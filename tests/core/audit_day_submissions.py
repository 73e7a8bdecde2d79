"""The demo-like day's period lock (issue 14): 任城区 submits a quarter, 济宁市 returns it, it is
submitted again and approved; a later correction is proposed twice, returned once and approved
once — each by the services staff use."""

from __future__ import annotations

from datetime import date

from ablework.accounts.models import User
from ablework.indicators.services.submissions import (
    approve_revision,
    approve_submission,
    propose_revision,
    return_revision,
    return_submission,
    submit_figures,
)
from tests.indicators.test_measures import person


def submissions_day(demo_data: dict[str, User]) -> None:
    county, city = demo_data["rencheng_admin"], demo_data["jining_admin"]
    first = submit_figures(actor=county, region_code="370811", period_code="2026Q1")
    return_submission(actor=city, submission_id=first.pk, version=1, note="培训数据未录完")
    again = submit_figures(actor=county, region_code="370811", period_code="2026Q1")
    approve_submission(actor=city, submission_id=again.pk, version=1)
    person(
        ("unemployed", "", date(2026, 1, 1)),
        ("employed", "flexible", date(2026, 2, 20)),
        county_code="370811",
    )
    revision = propose_revision(
        actor=county,
        submission_id=again.pk,
        version=2,
        indicators=["new_employment"],
        reason="补录",
    )
    return_revision(actor=city, revision_id=revision.pk, version=1, note="请附就业证明")
    revision = propose_revision(
        actor=county,
        submission_id=again.pk,
        version=3,
        indicators=["new_employment"],
        reason="补录2月20日灵活就业1人，附就业证明",
    )
    approve_revision(actor=city, revision_id=revision.pk, version=1)
