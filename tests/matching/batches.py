"""A small market of 任城区 for the batch tests, recorded through the services: five job seekers
with an assessment and needs (one who cannot use a phone, one who works 20 hours at most, one
who asks for more than any posting pays), the county's other job seekers without records, and
four open postings of 2022 (任城区's minimum wage is known until 2023-09-30: docs/rules.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ablework.accounts.models import User
from ablework.matching.models import JobPosting
from ablework.matching.services.postings import create_posting
from ablework.registry.models import EmploymentStatus, Person
from tests.matching.factories import details
from tests.matching.seekers import record_seeker

ON = date(2022, 6, 1)
RECORDED = date(2022, 5, 1)
VALID = {"valid_from": date(2022, 1, 1), "valid_until": date(2022, 12, 31)}


def rencheng_seekers() -> list[Person]:
    return list(
        Person.objects.filter(
            county_code="370811",
            merged_into__isnull=True,
            employment_status=EmploymentStatus.UNEMPLOYED,
        ).order_by("pk")
    )


def seed_batch_market(accounts: dict[str, User]) -> dict[str, Any]:
    counsellor, employer = accounts["rencheng_counsellor"], accounts["employer_user"]
    # six of the county's persons are out of work (the seeded mix has few in one county)
    six = Person.objects.filter(county_code="370811", merged_into__isnull=True).order_by("pk")[:6]
    Person.objects.filter(pk__in=[p.pk for p in six]).update(
        employment_status=EmploymentStatus.UNEMPLOYED, employment_kind=""
    )
    seekers = rencheng_seekers()
    ready, no_phone, short_hours, dear, typist = seekers[:5]
    record_seeker(counsellor, ready, on=RECORDED)
    record_seeker(counsellor, no_phone, on=RECORDED, abilities={"phone": "cannot"})
    record_seeker(counsellor, short_hours, on=RECORDED, hours_per_week=20)
    record_seeker(counsellor, dear, on=RECORDED, wage_floor="9000")
    record_seeker(
        counsellor, typist, on=RECORDED, skills="电脑打字 数据录入", occupations=("文员",)
    )
    postings: list[JobPosting] = [
        create_posting(
            actor=employer,
            employer_id=employer.employer_id,
            details=details(title=title, tasks=tasks, **VALID, **changes),
        )
        for title, tasks, changes in (
            ("电话客服", "接听客户来电，使用电脑记录工单。", {}),
            ("数据录入员", "在电脑上录入订单数据。", {"demands": {"read_screen": "essential"}}),
            ("客服专员", "处理客户电话咨询和投诉。", {}),
            ("档案整理员", "整理纸质档案，录入电脑。", {"demands": {}, "offers": ()}),
        )
    ]
    return {
        "seekers": seekers,
        "ready": ready,
        "no_phone": no_phone,
        "short_hours": short_hours,
        "dear": dear,
        "typist": typist,
        "postings": postings,
    }
