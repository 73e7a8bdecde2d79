"""The demo's matching market that works: 长沙市岳麓区, whose minimum wage is known (2,200 元 a
month from 2025-09-01, entered by `admin` and approved by `hunan_admin` on the 本地参数 page,
demo/local_values.py and demo/rewards.py). No 济宁 minimum wage is known after 2023-09-30
(docs/rules.md), so 济宁's demo postings stay out of every market; here they can enter.

Everything is made through the services, as the people who would make it:

- 岳麓区's streets (and a town) with approximate centres (demo/market_people.py);
- nine employers of 岳麓区 registered by `yuelu_admin`, and `yuelu_employer`'s own;
- nineteen postings (demo/market_jobs.py) posted by `yuelu_counsellor`, or `yuelu_employer`
  for its own employer, each wage at or above 2,200 元;
- some thirty-four persons registered by `yuelu_admin` with their certificate, and for each an
  information check, a vocational capacity assessment and a needs registration recorded by
  `yuelu_counsellor` (a service too for some), then the county's "四个一" queue refreshed;
- three 2026 graduates imported by `yuelu_counsellor` into 岳麓区's ledger from a file;
- a finished batch recommendation for 岳麓区 as of today (services/batches + batch_run), so the
  queue's and the ledger's panels show the suggestions with their date, and the batch's page
  and fairness report show who got none and why (step-free access is rarely offered);
- and one for 任城区 by `rencheng_counsellor`, whose page says that 济宁市任城区's minimum wage is
  unknown and what to enter on 本地参数, its panels that the batch found no job.
"""

from __future__ import annotations

import csv
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ablework.accounts.models import User
from ablework.core.models import Region, RegionLevel
from ablework.demo.escalation import COUNSELLOR_ACCOUNT
from ablework.demo.graduates import HEADER
from ablework.demo.market_jobs import EMPLOYERS, MARKET_POSTINGS, YUELU_EMPLOYER, MarketPosting
from ablework.demo.market_people import (
    GRADUATES,
    PROFILES,
    SCHOOLS,
    SEEKERS,
    TOWNSHIPS,
    YUELU,
    Seeker,
)
from ablework.demo.seeding import DEMO_PASSWORD, create_account
from ablework.demo.synthetic import resident_id_with_check, uscc_with_check
from ablework.employers.models import Employer
from ablework.employers.services.register import EmployerDetails, create_employer
from ablework.exchange.batches import batch_for_local_file
from ablework.exchange.importing.services import commit_import_file
from ablework.exchange.models import CommitMode
from ablework.jobs.models import Job
from ablework.jobs.running import running_job
from ablework.matching.models import JobPosting, RecommendationRun
from ablework.matching.selectors.wages import minimum_wage
from ablework.matching.services.batch_run import run_batch_job
from ablework.matching.services.batches import start_batch
from ablework.matching.services.postings import PostingDetails, create_posting
from ablework.registry.models import Person
from ablework.registry.services import IdentityFacts, PersonDetails, register_person
from ablework.support.services.cases import refresh_region
from ablework.support.services.records import (
    AssessmentInput,
    CheckInput,
    NeedsInput,
    ServiceInput,
    record_assessment,
    record_check,
    record_needs,
    record_service,
)

GIVEN_BY = "周专员"
RENCHENG_COUNSELLOR = "rencheng_counsellor"
GRADUATION_YEAR = 2026


def seed_townships() -> None:
    """岳麓区's demo streets, each with its centre (idempotent)."""
    Region.objects.bulk_create(
        [
            Region(
                code=code,
                name=name,
                level=RegionLevel.TOWNSHIP,
                parent_id=YUELU,
                county_code=YUELU,
                latitude=Decimal(lat),
                longitude=Decimal(lon),
            )
            for code, (name, lat, lon) in TOWNSHIPS.items()
        ],
        ignore_conflicts=True,
    )


def _employers(admin: User, own: Employer | None) -> list[Employer]:
    made = [
        create_employer(
            actor=admin,
            details=EmployerDetails(
                name=name,
                uscc=uscc_with_check(stem),
                kind=kind,
                county_code=YUELU,
                township_code=township,
                staff_count=staff,
                address=f"长沙市岳麓区{address}",
                industry=industry,
            ),
        )
        for name, stem, kind, township, staff, address, industry in EMPLOYERS
    ]
    return [*made, *([own] if own is not None else [])]


def _post(accounts: dict[str, User], employers: list[Employer], today: date) -> list[JobPosting]:
    postings = []
    for index, item in enumerate(MARKET_POSTINGS):
        own = item.employer == YUELU_EMPLOYER and "yuelu_employer" in accounts
        employer = employers[-1] if item.employer == YUELU_EMPLOYER else employers[item.employer]
        postings.append(
            create_posting(
                actor=accounts["yuelu_employer" if own else COUNSELLOR_ACCOUNT[0]],
                employer_id=employer.pk,
                details=_details(item, today - timedelta(days=10 + index % 20)),
            )
        )
    return postings


def _details(item: MarketPosting, starts: date) -> PostingDetails:
    low, high = item.wages
    return PostingDetails(
        title=item.title,
        occupation=item.occupation,
        tasks=item.tasks,
        kind=item.kind,
        county_code=YUELU,
        township_code=item.township,
        address=f"长沙市岳麓区{TOWNSHIPS[item.township][0]}",
        wage_min=low,
        wage_max=high,
        hours_per_week=item.hours,
        schedule=item.schedule,
        contract_type=item.contract,
        openings=item.openings,
        valid_from=starts,
        valid_until=starts + timedelta(days=180),
        offers=item.offers,
        demands=item.demands,
    )


def _register(admin: User, seeker: Seeker, order: int) -> Person:
    sex_digit = (2 * order + 1) % 10 if seeker.sex == "male" else (2 * order) % 10
    resident_id = resident_id_with_check(f"{YUELU}{seeker.born:%Y%m%d}{order % 100:02d}{sex_digit}")
    return register_person(
        actor=admin,
        identity=IdentityFacts(
            resident_id=resident_id,
            certificate_number=f"{resident_id}{seeker.category}{seeker.grade}",
            sex=seeker.sex,
            birth_date=seeker.born,
            disability_category=seeker.category,
            disability_grade=seeker.grade,
        ),
        details=PersonDetails(
            name=seeker.name,
            county_code=YUELU,
            township_code=seeker.township,
            employment_status="unemployed",
            phone=f"1387315{order:04d}",
            address=f"长沙市岳麓区{TOWNSHIPS[seeker.township][0]}",
            certificate_valid_until=date(2031, 6, 30),
            skills=seeker.skills,
            occupations="、".join(seeker.occupations),
        ),
    )


def _records(counsellor: User, person: Person, seeker: Seeker, on: date, served: bool) -> None:
    """The check, assessment and needs registration (a service for some), as the counsellor,
    on days from `on` (never after today)."""
    profile = PROFILES[seeker.profile]
    today = timezone.localdate()

    def day(after: int) -> date:
        return min(on + timedelta(days=after), today)

    record_check(
        actor=counsellor,
        person_id=person.pk,
        check=CheckInput(
            on=day(0),
            channel="home_visit",
            verified=("identity", "certificate", "contact", "employment", "wishes"),
            wants_work=True,
            given_by=GIVEN_BY,
        ),
    )
    record_assessment(
        actor=counsellor,
        person_id=person.pk,
        assessment=AssessmentInput(
            on=day(3),
            abilities=profile.abilities,
            hours_per_day=Decimal(profile.hours_per_day),
            needs=profile.needs,
            pathway=profile.pathway,
            methods=("interview",),
            summary=profile.summary,
            given_by=GIVEN_BY,
        ),
    )
    record_needs(
        actor=counsellor,
        person_id=person.pk,
        needs=NeedsInput(
            on=day(5),
            occupations=seeker.occupations,
            skills=seeker.skills,
            hours_per_week=seeker.hours,
            places="岳麓区",
            commute_km=seeker.commute,
            wage_floor=seeker.floor,
            accepts_remote=seeker.remote,
            needs=seeker.wants,
            training_wishes="",
            given_by=GIVEN_BY,
        ),
    )
    if served:
        record_service(
            actor=counsellor,
            person_id=person.pk,
            service=ServiceInput(
                on=day(12),
                kind="guidance",
                channel="on_site",
                result="given",
                outcome="讲解本区招聘岗位和求职方法，约定看到合适岗位再推荐",
                next_step="根据批量推荐结果推荐岗位",
                next_due=day(12) + timedelta(days=30),
                given_by=GIVEN_BY,
            ),
        )


def _import_graduates(counsellor: User, persons: list[tuple[Person, Seeker]]) -> None:
    rows = []
    for number, (person, _seeker) in enumerate(persons, start=1):
        school, major, wishes = SCHOOLS[number - 1]
        graduated = f"{GRADUATION_YEAR}-06-30"
        phone = (person.phone or "", wishes)
        rows.append(
            [str(number), person.name, person.resident_id, school, major, graduated, *phone]
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{GRADUATION_YEAR}届应届残疾人大学生名单（岳麓区）.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(rows)
        batch = batch_for_local_file(actor=counsellor, kind="graduates", path=path)
        commit_import_file(batch=batch, source=path, mode=CommitMode.VALID_ROWS)


def run_market_batch(counsellor: User, on: date, region: str = YUELU) -> RecommendationRun:
    """The region's batch as of `on`, started by the counsellor and run here as its job (as
    `ablework match-batch` does)."""
    run = start_batch(actor=counsellor, region_code=region, on=on, queue=False)
    job = Job.objects.get(pk=run.job_id or 0)
    with running_job(job) as record:
        record.summary = run_batch_job(run.pk)
    run.refresh_from_db()
    return run


def seed_market_demo(accounts: dict[str, User]) -> RecommendationRun:
    """The 岳麓区 market (see above) and its finished batch. Needs `yuelu_admin` (demo/rewards.py)
    and 岳麓区's approved minimum wage; makes `yuelu_counsellor` when not there yet."""
    today = timezone.localdate()
    if minimum_wage(YUELU, today) is None:
        raise RuntimeError("岳麓区的最低工资标准尚未审核通过，演示的岳麓区匹配市场无法生成。")
    admin = accounts["yuelu_admin"]
    counsellor = accounts.get(COUNSELLOR_ACCOUNT[0]) or create_account(
        COUNSELLOR_ACCOUNT, password=DEMO_PASSWORD
    )
    accounts[COUNSELLOR_ACCOUNT[0]] = counsellor
    own = accounts["yuelu_employer"].employer if "yuelu_employer" in accounts else None
    start = max(today - timedelta(days=45), date(today.year, 1, 1))  # this cycle
    with transaction.atomic():
        seed_townships()
        employers = _employers(admin, own)
        _post(accounts, employers, today)
        graduates = []
        for order, seeker in enumerate((*SEEKERS, *GRADUATES), start=1):
            person = _register(admin, seeker, order)
            _records(counsellor, person, seeker, start + timedelta(days=order % 7), order % 3 == 0)
            if seeker in GRADUATES:
                graduates.append((person, seeker))
        _import_graduates(counsellor, graduates)
        refresh_region(region_code=YUELU, on=today)
    if RENCHENG_COUNSELLOR in accounts:  # 任城区's too: its page says why no posting took part
        run_market_batch(accounts[RENCHENG_COUNSELLOR], today, region="370811")
    return run_market_batch(counsellor, today)
