"""Loading synthetic data in bulk, and the demo accounts for every role."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from functools import cache
from itertools import islice
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from ablework.accounts.audit_actions import AccountsAction
from ablework.accounts.models import ProxyConsent, User
from ablework.accounts.roles import Role
from ablework.core.audit import record_audit
from ablework.core.crypto import lookup_hash
from ablework.core.masking import mask_phone
from ablework.core.models import AuditKind, Region, RegionLevel
from ablework.demo.synthetic import generate_employers, generate_persons
from ablework.employers.models import Employer, EmployerContact
from ablework.registry.models import Person
from ablework.registry.services import fill_protected_columns
from ablework.registry.services.bulk import insert_synthetic_persons

DEMO_CITY = "370800"  # 济宁市
# Streets (街道) of 任城区 in the demo, with codes in the 统计用区划代码 structure; demo persons
# and employers of 任城区 are spread over them in turn.
DEMO_TOWNSHIPS: dict[str, list[tuple[str, str]]] = {
    "370811": [("370811001", "古槐街道"), ("370811002", "越河街道"), ("370811003", "南苑街道")],
}
DEMO_PASSWORD = "Ablework-demo-2026"  # noqa: S105 — printed by `ablework demo`, demo data only
BATCH = 5000

Progress = Callable[[int, int], None]


def counties_of(city_code: str) -> list[Region]:
    """The counties under a city (or province) code, in code order."""
    region = Region.objects.get(code=city_code)
    low = region.scope_prefix
    return list(
        Region.objects.filter(level=RegionLevel.COUNTY, code__startswith=low).order_by("code")
    )


def seed_townships() -> None:
    """The demo's townships (idempotent)."""
    Region.objects.bulk_create(
        [
            Region(
                code=code,
                name=name,
                level=RegionLevel.TOWNSHIP,
                parent_id=county,
                county_code=county,
            )
            for county, townships in DEMO_TOWNSHIPS.items()
            for code, name in townships
        ],
        ignore_conflicts=True,
    )


def _township_in_turn(county: str, index: int) -> str:
    townships = DEMO_TOWNSHIPS.get(county)
    return townships[index % len(townships)][0] if townships else ""


def seed_persons(
    *, count: int, seed: int, city_code: str = DEMO_CITY, progress: Progress | None = None
) -> int:
    """Bulk-insert `count` synthetic persons; returns how many were new."""
    seed_townships()
    counties = [c.code for c in counties_of(city_code)]
    before = Person.objects.count()
    rows = generate_persons(count=count, seed=seed, counties=counties, on=date(2026, 1, 1))
    done = 0
    while batch := list(islice(rows, BATCH)):
        objects = [
            fill_protected_columns(
                Person(
                    **asdict(item),
                    township_code=_township_in_turn(item.county_code, done + index),
                )
            )
            for index, item in enumerate(batch)
        ]
        with transaction.atomic():
            insert_synthetic_persons(persons=objects)
        done += len(batch)
        if progress:
            progress(done, count)
    open_first_employment_periods(on=date(2026, 1, 1))
    return Person.objects.count() - before


def open_first_employment_periods(*, on: date) -> None:
    """Give every person without history an open period for their current status (set-based)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO registry_employmentperiod "
            "(person_id, status, kind, employer_name, started_on, source, recorded_at) "
            "SELECT p.id, p.employment_status, p.employment_kind, '', %s, %s, %s "
            "FROM registry_person p WHERE NOT EXISTS "
            "(SELECT 1 FROM registry_employmentperiod e WHERE e.person_id = p.id)",
            [on, "合成数据", timezone.now()],
        )


def seed_employers(
    *, count: int, seed: int, city_code: str = DEMO_CITY, progress: Progress | None = None
) -> int:
    """Bulk-insert `count` synthetic employers; returns how many were new."""
    seed_townships()
    counties = [(c.code, c.name) for c in counties_of(city_code)]
    before = Employer.objects.count()
    rows = generate_employers(count=count, seed=seed, counties=counties)
    done = 0
    while batch := list(islice(rows, BATCH)):
        objects, contacts = [], {}
        for index, item in enumerate(batch):
            township = _township_in_turn(item.county_code, done + index)
            fields = asdict(item)
            contacts[item.uscc] = (fields.pop("contact_name"), fields.pop("contact_phone"))
            objects.append(Employer(**fields, township_code=township))
        with transaction.atomic():
            Employer.objects.bulk_create(objects, batch_size=1000, ignore_conflicts=True)
            _seed_primary_contacts(contacts)
        done += len(batch)
        if progress:
            progress(done, count)
    return Employer.objects.count() - before


def _seed_primary_contacts(contacts: dict[str, tuple[str, str]]) -> None:
    """Each new synthetic employer's primary contact (name, phone), bulk-inserted."""
    employers = Employer.objects.filter(uscc__in=contacts).exclude(contacts__primary=True)
    EmployerContact.objects.bulk_create(
        EmployerContact(
            employer_id=pk,
            name=contacts[uscc][0],
            phone=contacts[uscc][1],
            phone_masked=mask_phone(contacts[uscc][1]),
            phone_hash=lookup_hash(contacts[uscc][1]),
            primary=True,
        )
        for pk, uscc in employers.values_list("pk", "uscc")
    )


DEMO_ACCOUNTS: list[tuple[str, str, str, str]] = [
    # username, role, region code, display name
    ("admin", Role.SYSTEM_ADMIN, "", "系统管理员"),
    ("shandong_admin", Role.PROVINCE_ADMIN, "370000", "山东省残联管理员"),
    ("jining_admin", Role.CITY_ADMIN, "370800", "济宁市残联管理员"),
    ("rencheng_admin", Role.COUNTY_ADMIN, "370811", "任城区残联管理员"),
    ("rencheng_counsellor", Role.COUNSELLOR, "370811", "任城区就业服务专员"),
    ("rencheng_township", Role.COUNSELLOR, "370811001", "古槐街道就业服务专员"),
    ("weishan_counsellor", Role.COUNSELLOR, "370826", "微山县就业服务专员"),
    ("jining_auditor", Role.AUDITOR, "370800", "济宁市审计员"),
    ("rencheng_trainer", Role.TRAINING_PROVIDER, "370811", "任城区职业培训学校"),
    ("employer_user", Role.EMPLOYER, "", "用人单位经办人"),
    ("person_user", Role.PERSON, "", "残疾人本人"),
    ("family_user", Role.FAMILY, "", "家属代办人"),
]
# The demo person's spouse, who holds a consent the demo person can see and revoke (not one per
# role, so the accessibility crawl does not visit it twice).
SPOUSE_ACCOUNT: tuple[str, str, str, str] = ("family_spouse", Role.FAMILY, "", "王秀兰（配偶）")
# A second province administrator: the checker who approves what `shandong_admin` records on the
# 本地参数 page (maker-checker), so the demo's province values were approved by two people.
PROVINCE_CHECKER_ACCOUNT: tuple[str, str, str, str] = (
    "shandong_checker",
    Role.PROVINCE_ADMIN,
    "370000",
    "山东省残联管理员（复核）",
)
EXTRA_ACCOUNTS = (SPOUSE_ACCOUNT, PROVINCE_CHECKER_ACCOUNT)


@cache
def _demo_password_hash(password: str) -> str:
    return make_password(password)


def create_account(account: tuple[str, str, str, str], *, password: str, **bound: Any) -> User:
    """One demo account (audited as created), bound to its employer or person if any."""
    username, role, region_code, display_name = account
    user = User(
        username=username,
        role=role,
        display_name=display_name,
        region_id=region_code or None,
        is_staff=False,
        **bound,
    )
    # Set directly, for the demo only: the shared password (it passes the validators too),
    # hashed once for all the demo accounts (each hash takes a noticeable part of a second).
    user.password = _demo_password_hash(password)
    user.save()
    record_audit(
        actor=None,
        kind=AuditKind.CREATE,
        action=AccountsAction.USER_CREATE,
        target=user,
        target_label=display_name,
        region_code=region_code,
        changes={"role": [None, str(role)]},
    )
    return user


def create_demo_accounts(*, password: str = DEMO_PASSWORD) -> list[User]:
    """One account per role, bound to 济宁市 regions, a demo employer and demo persons."""
    seed_townships()
    in_county = Person.objects.filter(county_code="370811").order_by("pk")
    own_person, relative = in_county[0], in_county[1]
    employer = Employer.objects.filter(county_code="370811").order_by("pk").first()
    with transaction.atomic():
        users = [
            create_account(
                account,
                password=password,
                employer=employer if account[1] == Role.EMPLOYER else None,
                person=own_person if account[1] == Role.PERSON else None,
            )
            for account in DEMO_ACCOUNTS
        ]
        family = next(u for u in users if u.role == Role.FAMILY)
        admin = next(u for u in users if u.role == Role.COUNTY_ADMIN)
        ProxyConsent.objects.create(
            family_member=family,
            person=relative,
            relationship="子女",
            evidence="本人到任城区残联现场签署授权书（演示数据）",
            recorded_by=admin,
            recorded_at=timezone.now(),
        )
        # The demo person granted one too (to their spouse, for a year), so their own page shows
        # who holds consent for them, with the button that revokes it.
        spouse, checker = (create_account(a, password=password) for a in EXTRA_ACCOUNTS)
        users += [spouse, checker]
        ProxyConsent.objects.create(
            family_member=spouse,
            person=own_person,
            relationship="配偶",
            evidence="本人在任城区残联窗口签署授权书，有效期一年（演示数据）",
            recorded_by=admin,
            recorded_at=timezone.now(),
            valid_until=timezone.localdate().replace(year=timezone.localdate().year + 1),
        )
    return users


def working_age_holders() -> QuerySet[Person]:
    """Persons with a certificate valid beyond 2025 who are of working age in every month of
    2023–2025: 16 by 2023, and retiring after 2025 (men at 60, women at 55 or 50, before the
    reform's delay), so a demo roster line counts unless its case says otherwise."""
    retires_after_2025 = (
        Q(retirement_base_age=60, birth_date__gte=date(1966, 1, 1))
        | Q(retirement_base_age=55, birth_date__gte=date(1971, 1, 1))
        | Q(retirement_base_age=50, birth_date__gte=date(1976, 1, 1))
    )
    return Person.objects.filter(
        retires_after_2025,
        merged_into__isnull=True,
        certificate_status="valid",
        certificate_valid_until__gt=date(2025, 12, 31),
        birth_date__lte=date(2006, 12, 31),
    )


# Certificate histories inside the levy year 2025, so the quota check meets realistic cases
# (registry/certificates.py decides what each month reads), one person each: grade 3 → 2 on
# 15 July (counts twice from July); valid until 30 September, not renewed; expired 30 April and
# renewed on 10 June (May and June not counted); revoked on 20 May; the holder died on 3 August.
CERTIFICATE_CASES = ("reassessed", "expires", "renewed_late", "revoked", "holder_died")


def seed_certificate_histories(*, recorded_by: User | None = None) -> list[Person]:
    """Give five persons of 任城区 (the newest records, away from the demo accounts' own) the
    CERTIFICATE_CASES, through the registry's services; returns them in that order. They are of
    working age and hold a certificate valid beyond 2025, so each month of 2025 reads as its
    case says and nothing else (the demo's declarations list them as employees)."""
    from ablework.registry.services.certificates import add_certificate_event
    from ablework.registry.services.evidence import record_death

    in_county = working_age_holders().filter(county_code="370811").order_by("-pk")
    grade_three = in_county.filter(disability_grade=3).first()
    others = list(in_county.exclude(disability_grade=3)[:4])
    if grade_three is None or len(others) < 4:
        return []
    persons = [grade_three, *others]

    def event(person: Person, kind: str, on: date, **values: Any) -> None:
        add_certificate_event(
            person=person,
            kind=kind,
            on=on,
            source="staff",
            recorded_by=recorded_by,
            source_detail="演示数据",
            **values,
        )

    reassessed, expires, renewed_late, revoked, died = persons
    with transaction.atomic():
        event(reassessed, "reassessed", date(2025, 7, 15), grade=2)
        event(expires, "renewed", date(2015, 10, 1), valid_until=date(2025, 9, 30))
        event(renewed_late, "renewed", date(2015, 5, 1), valid_until=date(2025, 4, 30))
        event(renewed_late, "renewed", date(2025, 6, 10), valid_until=date(2035, 6, 9))
        event(revoked, "revoked", date(2025, 5, 20))
        record_death(person=died, on=date(2025, 8, 3), source="民政部门死亡名单（演示数据）")
    return persons
