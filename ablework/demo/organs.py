"""The demo's organs and institutions (机关、事业单位带头安置), in 任城区 (济宁's city seat,
where the city's own organs sit) and 微山县, each showing one case of the mandate:

- 济宁市人力资源和社会保障局 (organ, 编制 80, 古槐街道): nobody counted in its certified 2025
  declaration — mandated, a gap of one, with a work plan and two progress entries;
- 济宁市图书馆 (institution, 编制 70): mandated, a gap of one and no plan yet; supervised by
- 济宁市文化和旅游局 (organ, 编制 60, 古槐街道): one person counted — the minimum met, still
  below the ratio; it supervises the library and 济宁市博物馆 (编制 40: below the size), and its
  user `wenlv_user` sees the three units;
- 济宁市财政局 (organ, 编制 45): below the size for organs;
- 济宁市实验中学 (编制 150): a school, excluded;
- 济宁市第一人民医院 (institution, 编制 900): enough persons counted — the ratio met;
- county units of 任城区 and 微山县 (民政局, 人民医院, 教育局): pooled by county;
- 济宁城投集团有限公司: a state-owned enterprise, for the public notice.

Public notices (公示, seed_notices_demo): 任城区's 2025 notice prepared by `rencheng_admin`,
approved and published by `jining_admin`, with an appeal answered; 济宁市's 2025 notice prepared
by `jining_admin`, awaiting a second person (`shandong_admin`).

Their declarations go through the quota services (submitted by the county's counsellor,
certified by the county's administrator), with persons no other demo declaration employs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.demo.rosters import Employee, HolderPool, certify_as, submit_as
from ablework.demo.seeding import DEMO_PASSWORD, create_account
from ablework.demo.synthetic import uscc_with_check
from ablework.employers.models import Employer, EmployerKind, SchoolType
from ablework.organs.models import PublicNotice, UnitProfile
from ablework.organs.services.notices import (
    NoticeDraft,
    answer_appeal,
    approve_notice,
    prepare_notice,
    receive_appeal,
)
from ablework.organs.services.plans import PlanDetails, ProgressEntry, create_plan, record_progress
from ablework.quota.models import RosterLine
from ablework.registry.models import Person

SUPERVISOR_ACCOUNT: tuple[str, str, str, str] = (
    "wenlv_user",
    Role.EMPLOYER,
    "",
    "主管单位经办人（济宁市文化和旅游局）",
)
YEAR = 2025
GUHUAI = "370811001"


@dataclass(frozen=True)
class DemoUnit:
    key: str
    name: str
    kind: str
    county: str
    level: str
    posts: int | None
    staff: int
    township: str = ""
    school: str = ""
    persons: int | None = None  # None: no declaration; else persons on its certified one
    state_owned: bool = False


UNITS = (
    DemoUnit(
        "hrss",
        "济宁市人力资源和社会保障局",
        "organ",
        "370811",
        "prefecture",
        80,
        78,
        GUHUAI,
        persons=0,
    ),
    DemoUnit("library", "济宁市图书馆", "institution", "370811", "prefecture", 70, 68, persons=0),
    DemoUnit(
        "culture", "济宁市文化和旅游局", "organ", "370811", "prefecture", 60, 80, GUHUAI, persons=1
    ),
    DemoUnit("museum", "济宁市博物馆", "institution", "370811", "prefecture", 40, 38),
    DemoUnit("finance", "济宁市财政局", "organ", "370811", "prefecture", 45, 44, persons=0),
    DemoUnit(
        "school",
        "济宁市实验中学",
        "institution",
        "370811",
        "prefecture",
        150,
        146,
        school=SchoolType.PRIMARY_SECONDARY,
    ),
    DemoUnit(
        "hospital", "济宁市第一人民医院", "institution", "370811", "prefecture", 900, 120, persons=2
    ),
    DemoUnit("rc_civil", "任城区民政局", "organ", "370811", "county", 30, 30, GUHUAI, persons=0),
    DemoUnit(
        "rc_hospital", "任城区人民医院", "institution", "370811", "county", 300, 290, persons=3
    ),
    DemoUnit(
        "ws_hospital", "微山县人民医院", "institution", "370826", "county", 200, 190, persons=2
    ),
    DemoUnit("ws_education", "微山县教育局", "organ", "370826", "county", 40, 40),
    DemoUnit(
        "soe",
        "济宁城投集团有限公司",
        "enterprise",
        "370811",
        "",
        None,
        110,
        persons=1,
        state_owned=True,
    ),
)


def _uscc(index: int, unit: DemoUnit) -> str:
    prefix = {"organ": "11", "institution": "12", "enterprise": "91"}[unit.kind]
    return uscc_with_check(f"{prefix}{unit.county}9{index:07d}")


def seed_organs_demo(
    accounts: dict[str, User], *, password: str = DEMO_PASSWORD
) -> dict[str, Employer]:
    """Make the demo's organs and institutions (see the module's docstring); returns them by key."""
    used = set(
        Person.objects.filter(
            certificate_number__in=RosterLine.objects.values("certificate_number")
        ).values_list("pk", flat=True)
    ) | {u.person_id for u in accounts.values() if u.person_id is not None}
    pool = HolderPool(used, grades=(3, 4))
    units: dict[str, Employer] = {}
    with transaction.atomic():
        for index, unit in enumerate(UNITS, start=1):
            units[unit.key] = Employer.objects.create(
                name=unit.name,
                uscc=_uscc(index, unit),
                kind=unit.kind,
                county_code=unit.county,
                township_code=unit.township,
                staff_count=unit.staff,
                industry="S" if unit.kind == EmployerKind.ORGAN else "",
                administrative_level=unit.level,
                authorised_posts=unit.posts,
                school_type=unit.school,
            )
        for key in ("library", "museum"):
            UnitProfile.objects.create(employer=units[key], supervisor=units["culture"])
        UnitProfile.objects.create(employer=units["soe"], state_owned=True)
        supervisor_user = create_account(
            SUPERVISOR_ACCOUNT, password=password, employer=units["culture"]
        )
        accounts[supervisor_user.username] = supervisor_user
        for unit in UNITS:
            if unit.persons is None:
                continue
            county = unit.county
            submitter = accounts[
                "rencheng_counsellor" if county == "370811" else "weishan_counsellor"
            ]
            reviewer = accounts["rencheng_admin" if county == "370811" else "jining_admin"]
            employees = [Employee(person=pool.take(county)) for _ in range(unit.persons)]
            certify_as(reviewer, submit_as(submitter, units[unit.key], YEAR, employees))
        counsellor = accounts["rencheng_counsellor"]
        plan = create_plan(
            actor=counsellor,
            employer=units["hrss"],
            details=PlanDetails(
                posts_to_reserve=2,
                posts_description="档案管理员、政务服务窗口辅助岗",
                recruitment_on=date(2027, 6, 30),
                responsible_name="王建国",
                responsible_role="人事科科长",
            ),
        )
        plan = record_progress(
            actor=counsellor,
            plan=plan,
            entry=ProgressEntry(
                recorded_on=date(2026, 9, 15), note="已向编办报送岗位预留方案，获同意。"
            ),
            seen_version=plan.version,
        ).plan
        record_progress(
            actor=counsellor,
            plan=plan,
            entry=ProgressEntry(
                recorded_on=date(2026, 11, 20),
                note="招聘公告已拟定，放宽户籍条件，待2027年春季发布。",
            ),
            seen_version=plan.version,
        )
    return units


def seed_notices_demo(accounts: dict[str, User]) -> dict[str, PublicNotice]:
    """任城区's published 2025 notice with an answered appeal, and 济宁市's draft awaiting
    approval (after seed_organs_demo)."""
    base_url = settings.PUBLIC_BASE_URL or "http://127.0.0.1:8000/"
    county, city = accounts["rencheng_admin"], accounts["jining_admin"]
    with transaction.atomic():
        draft = prepare_notice(actor=county, draft=NoticeDraft(year=YEAR, region_code="370811"))
        published = approve_notice(
            actor=city, notice=draft, seen_version=draft.version, base_url=base_url
        )
        appeal = receive_appeal(
            notice=published,
            name="市民李先生",
            contact="13905371234",
            objection="济宁市人力资源和社会保障局今年已招录一名残疾人，公示为未达标，请核实。",
        )
        answer_appeal(
            actor=county,
            appeal=appeal,
            answer="经核实，该局招录的残疾人于2026年入职，计入2026年度申报；2025年度公示无误。",
            seen_version=appeal.version,
        )
        waiting = prepare_notice(actor=city, draft=NoticeDraft(year=YEAR, region_code="370800"))
    return {"published": published, "draft": waiting}
