"""The demo's period lock: 任城区's 2026 quarters approved by 济宁市 (the second with an approved
revision and its reason), its year awaiting approval before the 12月12日 deadline, 兖州区's
returned with a reason, the other counties not submitted."""

from __future__ import annotations

from datetime import date

import pytest

from ablework.core.models import Region
from ablework.demo.submissions import RETURN_REASON, REVISION_REASON
from ablework.indicators.models import RevisionStatus, SubmissionStatus
from ablework.indicators.periods import parse_period
from ablework.indicators.selectors.submissions import status_rows

pytestmark = pytest.mark.django_db


def test_the_demo_shows_every_status_of_jinings_year(demo_data, demo_submissions) -> None:
    assert [q.status for q in demo_submissions.quarters] == [SubmissionStatus.LOCKED] * 3
    assert all(q.decided_by == demo_data["jining_admin"] for q in demo_submissions.quarters)
    revision = demo_submissions.revision
    assert revision is not None
    assert revision.status == RevisionStatus.APPROVED
    assert revision.reason == REVISION_REASON
    assert revision.submission.period == "2026Q2"
    assert revision.figures.filter(indicator="new_employment").exists()
    rows = {
        row.region.code: row
        for row in status_rows(
            Region.objects.get(code="370800"), parse_period("2026"), today=date(2026, 12, 3)
        )
    }
    assert rows["370811"].label == "已报送待审核"
    assert rows["370812"].label == "已退回"
    assert rows["370812"].submission.decision_note == RETURN_REASON
    assert {row.label for code, row in rows.items() if code not in ("370811", "370812")} == {
        "未报送"
    }
    assert all(row.deadline.day == date(2026, 12, 12) for row in rows.values())
    assert not any(row.overdue for row in rows.values())
