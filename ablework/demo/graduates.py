"""The demo's graduates' ledger (一人一策台账): 任城区's 2026 cohort, as 山东理工职业学院 and
济宁学院 would send it, imported by `rencheng_counsellor` from a file through the `graduates`
import kind — a dozen graduates, ten found in the registry and two not (one not registered,
one whose name differs) — then opportunities offered (3–5 for a few, 湖州's 为每人至少提供3~5个
就业机会 as a practice) and the status of each month since leaving school, two employed."""

from __future__ import annotations

import csv
import tempfile
from datetime import date
from pathlib import Path

from django.utils import timezone

from ablework.accounts.models import User
from ablework.demo.synthetic import resident_id_with_check
from ablework.exchange.batches import batch_for_local_file
from ablework.exchange.importing.services import commit_import_file
from ablework.exchange.models import CommitMode
from ablework.registry.models import EmploymentStatus, Person
from ablework.support.models import (
    EmployedHow,
    Graduate,
    GraduateStatus,
    OfferKind,
    OfferOutcome,
)
from ablework.support.services.graduates import record_offer, record_status

COUNTY = "370811"
YEAR = 2026
HEADER = ["序号", "姓名", "公民身份号码", "毕业院校", "专业", "毕业时间", "联系电话", "就业意向"]
SCHOOLS = (
    ("山东理工职业学院", "计算机应用技术", "软件测试、数据录入"),
    ("济宁学院", "汉语言文学", "文秘、编辑"),
    ("济宁职业技术学院", "会计", "出纳、财务助理"),
    ("曲阜师范大学", "美术学", "平面设计"),
)
# Offers per graduate (by position in the ledger) and their outcomes.
OFFERS = {0: 5, 1: 4, 2: 3, 3: 1, 4: 1, 5: 2}
EMPLOYERS = (
    (OfferKind.POSTING, "济宁市某某软件有限公司 软件测试员"),
    (OfferKind.INTERNSHIP, "任城区政务服务中心 就业见习"),
    (OfferKind.TRAINING, "电子商务运营培训班"),
    (OfferKind.REFERRAL, "济宁市某某机械有限公司 文员"),
    (OfferKind.PUBLIC_WELFARE, "古槐街道 公益性岗位（社区服务）"),
)


def _rows(persons: list[Person]) -> list[list[str]]:
    rows = []
    for number, person in enumerate(persons, start=1):
        school, major, wishes = SCHOOLS[number % len(SCHOOLS)]
        rows.append(
            [
                str(number),
                person.name,
                person.resident_id,
                school,
                major,
                f"{YEAR}-06-30",
                person.phone or "",
                wishes,
            ]
        )
    unknown = resident_id_with_check(f"{COUNTY}20030415081")
    rows.append([str(len(rows) + 1), "孔令晨", unknown, "济宁学院", "英语", "2026-06", "", "翻译"])
    if persons:
        other = persons[-1]
        rows[-2][1] = other.name + "某"  # the university wrote the name differently
    return rows


def _months(today: date) -> list[date]:
    months: list[date] = []
    current = date(YEAR, 7, 1)
    while current <= today and len(months) < 12:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def seed_graduates_demo(accounts: dict[str, User]) -> list[Graduate]:
    """Import 任城区's 2026 cohort from a file, then record offers and monthly statuses."""
    counsellor = accounts["rencheng_counsellor"]
    registered = Person.objects.filter(county_code=COUNTY, merged_into__isnull=True)
    persons = list(
        registered.filter(employment_status=EmploymentStatus.UNEMPLOYED).order_by("pk")[:11]
    )
    if len(persons) < 11:  # a small registry (the tests'): others of the county too
        persons += list(
            registered.exclude(pk__in=[p.pk for p in persons]).order_by("pk")[: 11 - len(persons)]
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{YEAR}届应届残疾人大学生名单（山东理工职业学院等）.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(_rows(persons))
        batch = batch_for_local_file(actor=counsellor, kind="graduates", path=path)
        commit_import_file(batch=batch, source=path, mode=CommitMode.VALID_ROWS)
    graduates = list(
        Graduate.objects.filter(cohort__county_code=COUNTY, cohort__year=YEAR).order_by(
            "person_id", "pk"
        )
    )
    matched = [g for g in graduates if g.person_id is not None]
    today = timezone.localdate()
    months = _months(today)
    for index, graduate in enumerate(matched):
        for offer in range(OFFERS.get(index, 0)):
            kind, employer = EMPLOYERS[offer % len(EMPLOYERS)]
            on = date(YEAR, 7, 10 + offer * 3)
            if on > today:
                break
            outcome = OfferOutcome.NOT_HIRED if offer < 2 else OfferOutcome.PENDING
            if index == 0 and offer == OFFERS[0] - 1:
                outcome = OfferOutcome.ACCEPTED
            record_offer(
                actor=counsellor,
                graduate=graduate,
                offered_on=on,
                kind=kind,
                employer=employer,
                outcome=outcome,
            )
        employed_from = {0: 2, 1: 4}.get(index)  # two employed, in their 3rd and 5th month
        for position, month in enumerate(months):
            if employed_from is not None and position == employed_from:
                record_status(
                    actor=counsellor,
                    graduate=graduate,
                    month=month,
                    status=GraduateStatus.EMPLOYED,
                    employed_how=EmployedHow.QUOTA if index == 0 else EmployedHow.PUBLIC_WELFARE,
                )
                break
            status = GraduateStatus.SEEKING
            if index == 7 and position >= 1:
                status = GraduateStatus.FURTHER_STUDY
            if index >= 8 and position >= 2:
                break  # not yet followed up these last months
            record_status(actor=counsellor, graduate=graduate, month=month, status=status)
    return graduates
