"""The demo's period lock (报送与锁定): on 3 December 2026 济宁's counties report their year by
12月12日 (002, 三、保障措施). 任城区 has submitted its 2026 first three quarters, each approved
(locked) by `jining_admin`; after the second was locked, a job found on 15 May was recorded late,
so 任城区 filed a revision (更正) with its reason, which `jining_admin` approved. 任城区's 2026 year
is submitted and awaits approval; 兖州区's (by `yanzhou_admin`) was returned with a reason; the
other counties have not submitted. Every step through the indicators services (audited)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.demo.seeding import DEMO_PASSWORD, create_account
from ablework.indicators.catalogue import catalogue
from ablework.indicators.models import Revision, Submission
from ablework.indicators.services.submissions import (
    approve_revision,
    approve_submission,
    propose_revision,
    return_submission,
    submit_figures,
)
from ablework.registry.models import EmploymentPeriod, EmploymentStatus, Person
from ablework.registry.services import PersonChanges, update_person

# 兖州区's administrator, who submits its year (returned by the city).
YANZHOU_ACCOUNT: tuple[str, str, str, str] = (
    "yanzhou_admin",
    Role.COUNTY_ADMIN,
    "370812",
    "兖州区残联管理员",
)
RENCHENG, YANZHOU = "370811", "370812"
LATE_JOB_DAY = date(2026, 5, 15)
REVISION_REASON = (
    "第二季度报送锁定后，补录了1名残疾人2026年5月15日起在任城区灵活就业的记录（就业登记材料迟交），"
    "按实时数据更正。"
)
RETURN_REASON = "全年培训人次与培训机构台账不一致，请核对后重新报送。"


@dataclass
class DemoSubmissions:
    quarters: list[Submission] = field(default_factory=list)
    revision: Revision | None = None
    year: Submission | None = None
    returned: Submission | None = None


def _late_job(accounts: dict[str, User]) -> Person | None:
    """A 任城区 person out of work since before 15 May whose job from then is entered now."""
    starts = EmploymentPeriod.objects.filter(ended_on__isnull=True, started_on__lt=LATE_JOB_DAY)
    candidates = Person.objects.filter(
        county_code=RENCHENG,
        merged_into__isnull=True,
        employment_status=EmploymentStatus.UNEMPLOYED,
        pk__in=starts.values("person_id"),
    ).order_by("pk")
    person = candidates.first()
    if person is None:
        return None
    return update_person(
        actor=accounts["rencheng_admin"],
        person=person,
        changes=PersonChanges(
            employment_status=EmploymentStatus.EMPLOYED,
            employment_kind="flexible",
            employer_name="个体经营（网店客服）",
            employment_since=LATE_JOB_DAY,
        ),
    )


def seed_submissions_demo(accounts: dict[str, User]) -> DemoSubmissions:
    """任城区's three quarters locked (the second revised), its year awaiting approval,
    兖州区's year returned."""
    accounts = dict(accounts)
    if YANZHOU_ACCOUNT[0] not in accounts:
        accounts[YANZHOU_ACCOUNT[0]] = create_account(YANZHOU_ACCOUNT, password=DEMO_PASSWORD)
    county, city = accounts["rencheng_admin"], accounts["jining_admin"]
    made = DemoSubmissions()
    for quarter in ("2026Q1", "2026Q2", "2026Q3"):
        submission = submit_figures(actor=county, region_code=RENCHENG, period_code=quarter)
        made.quarters.append(
            approve_submission(actor=city, submission_id=submission.pk, version=submission.version)
        )
        if quarter == "2026Q2" and _late_job(accounts) is not None:
            locked = made.quarters[-1]
            revision = propose_revision(
                actor=county,
                submission_id=locked.pk,
                version=locked.version,
                indicators=[measure.code for measure in catalogue()],
                reason=REVISION_REASON,
            )
            made.revision = approve_revision(
                actor=city, revision_id=revision.pk, version=revision.version
            )
    made.year = submit_figures(actor=county, region_code=RENCHENG, period_code="2026")
    returned = submit_figures(
        actor=accounts[YANZHOU_ACCOUNT[0]], region_code=YANZHOU, period_code="2026"
    )
    made.returned = return_submission(
        actor=city, submission_id=returned.pk, version=returned.version, note=RETURN_REASON
    )
    return made
