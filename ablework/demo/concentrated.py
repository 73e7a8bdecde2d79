"""The demo's units of concentrated employment (集中就业), made through the quota and
concentrated services as staff would: a 福利企业 and a 盲人按摩机构 of 任城区, each with its 2023
quota declaration certified (twelve months of staff and a roster of demo registry persons) and
the VAT it paid each month (the 福利企业's entered on its page, the 盲人按摩机构's imported from
the tax bureau's file, `concentrated/samples/`). 2023, because 任城区's minimum wage is known
until 2023-09-30 (1,900 元, docs/rules.md): January–September get a refund limit,
October–December are eligible but say the minimum wage is unknown.

Ineligible months, each for a reason the list says:

- the 福利企业 (11 disabled of 40): two workers paid 1,800 元 in February and March, under the
  minimum wage, so those months count 9 persons (fewer than 10); 46 staff in July and August
  (seasonal hires), so 11 of 46 is under 25%;
- the 盲人按摩机构 (a 民办非企业单位; 6 blind masseurs of 16): one leaves after June (5 remain,
  still enough), one has no social insurance in November and December (4: fewer than 5).

Both are employers of their own, registered by the county, so the quota demo's employers (and
those it leaves without a declaration) stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Exists, OuterRef

from ablework.accounts.models import User
from ablework.concentrated.models import ConcentratedUnit, UnitType
from ablework.concentrated.services import UnitDetails, record_vat, register_unit
from ablework.demo.rosters import ASSESSED_ON, Employee, roster_of
from ablework.demo.seeding import working_age_holders
from ablework.demo.synthetic import uscc_with_check
from ablework.employers.models import Employer
from ablework.employers.services.register import EmployerDetails, create_employer
from ablework.exchange.batches import batch_for_local_file
from ablework.exchange.importing.services import commit_import_file
from ablework.exchange.models import CommitMode
from ablework.quota.inputs import DeclarationInput, Headcount
from ablework.quota.models import RosterLine
from ablework.quota.services import submit_declaration
from ablework.quota.services.review import certify_declaration
from ablework.registry.models import Person

YEAR = 2023
COUNTY = "370811"
WELFARE_STAFF = (40, 40, 40, 40, 40, 40, 46, 46, 40, 40, 40, 40)
MASSAGE_STAFF = (16,) * 12
# The VAT each paid per month (元): the 福利企业 manufactures, the 盲人按摩机构 is a small service.
WELFARE_VAT = (
    "62000.00",
    "58000.00",
    "71000.00",
    "66000.00",
    "69000.00",
    "73000.00",
    "80000.00",
    "82000.00",
    "68000.00",
    "70000.00",
    "75000.00",
    "90000.00",
)
# The 盲人按摩机构's VAT comes as the tax bureau would send it: the `concentrated_vat` import
# kind's sample file, imported by the county (a batch staff can open under 数据导入).
MASSAGE_VAT_FILE = (
    Path(__file__).resolve().parents[1] / "concentrated/samples/集中就业单位已缴增值税示例.csv"
)


DEMO_EMPLOYERS = (
    EmployerDetails(
        name="济宁市任城区福康彩印厂",
        uscc=uscc_with_check("913708110000F5K1"),
        kind="enterprise",
        county_code=COUNTY,
        staff_count=40,
        address="济宁市任城区福康路",
        industry="C",
    ),
    EmployerDetails(
        name="济宁市任城区明心盲人按摩中心",
        uscc=uscc_with_check("523708110000M2A6"),
        kind="private_non_enterprise",
        county_code=COUNTY,
        township_code="370811001",
        staff_count=16,
        address="济宁市任城区古槐路",
        industry="O",
    ),
)


# Recognised this year and not yet declaring: its months say so (微山县's staff see a unit too).
NEW_UNIT = EmployerDetails(
    name="微山县湖韵工艺品厂",
    uscc=uscc_with_check("913708260000H7Y3"),
    kind="enterprise",
    county_code="370826",
    staff_count=30,
    address="济宁市微山县夏镇",
    industry="C",
)


@dataclass(frozen=True)
class DemoUnits:
    welfare: ConcentratedUnit
    blind_massage: ConcentratedUnit


def _unused_holders(count: int, *, blind: bool = False) -> list[Person]:
    """Working-age holders of 任城区 no demo declaration employs yet, newest records first
    (the quota demo takes the oldest): blind (category 1, 视力) ones for the massage centre."""
    rows = working_age_holders().filter(~on_a_roster(), county_code=COUNTY)
    if blind:
        rows = rows.filter(disability_category=1)
    found = list(rows.order_by("-pk")[:count])
    if len(found) < count:
        found += list(
            working_age_holders()
            .filter(~on_a_roster())
            .exclude(pk__in=[p.pk for p in found])
            .order_by("-pk")[: count - len(found)]
        )
    if len(found) < count:
        raise ValueError("The demo data has too few persons for its concentrated-employment units.")
    return found


def on_a_roster() -> Exists:
    """Persons whose certificate a stored roster line names (by lookup hash)."""
    return Exists(RosterLine.objects.filter(certificate_hash=OuterRef("certificate_hash")))


def _declare(
    staff_user: User,
    reviewer: User,
    employer: Employer,
    staff: tuple[int, ...],
    employees: list[Employee],
) -> None:
    average = Decimal(sum(staff)) / 12
    declaration = DeclarationInput(
        employer=employer.uscc,
        levy_year=YEAR,
        headcount=Headcount(monthly=staff),
        wage_total=(average * Decimal("48000")).quantize(Decimal("0.01")),
        roster=roster_of(employees),
    )
    row, _ = submit_declaration(actor=staff_user, declaration=declaration, today=ASSESSED_ON)
    certify_declaration(actor=reviewer, declaration_id=row.pk, version=row.version)


def _vat(actor: User, unit: ConcentratedUnit, amounts: tuple[str, ...]) -> ConcentratedUnit:
    return record_vat(
        actor=actor,
        unit_id=unit.pk,
        version=unit.version,
        year=YEAR,
        amounts={month: Decimal(amount) for month, amount in enumerate(amounts, start=1)},
    )


def seed_concentrated(accounts: dict[str, User]) -> DemoUnits:
    """The two units (see the module's docstring)."""
    admin, counsellor = accounts["rencheng_admin"], accounts["rencheng_counsellor"]
    welfare_employer, massage_employer = (
        create_employer(actor=admin, details=details) for details in DEMO_EMPLOYERS
    )
    with transaction.atomic():
        workers = _unused_holders(11)
        welfare = [
            Employee(person=p, wage=Decimal("3600.00"), low_wage_months=(2, 3) if i < 2 else ())
            for i, p in enumerate(workers)
        ]
        _declare(counsellor, admin, welfare_employer, WELFARE_STAFF, welfare)
        masseurs = _unused_holders(6, blind=True)
        massage = [
            Employee(
                person=p,
                wage=Decimal("3200.00"),
                months=tuple(range(1, 7)) if i == 0 else tuple(range(1, 13)),
                insured=tuple(range(1, 11)) if i == 1 else None,
            )
            for i, p in enumerate(masseurs)
        ]
        _declare(counsellor, admin, massage_employer, MASSAGE_STAFF, massage)
        welfare_unit = register_unit(
            actor=admin,
            uscc=welfare_employer.uscc,
            details=UnitDetails(
                unit_type=UnitType.ORDINARY,
                recognised_from=date(2019, 3, 1),
                recognition_reference="任城区民政局福利企业认定（演示数据）",
            ),
        )
        massage_unit = register_unit(
            actor=admin,
            uscc=massage_employer.uscc,
            details=UnitDetails(
                unit_type=UnitType.BLIND_MASSAGE,
                recognised_from=date(2021, 6, 1),
                recognition_reference="任城区残联盲人按摩机构认定（演示数据）",
            ),
        )
        new_employer = create_employer(actor=accounts["jining_admin"], details=NEW_UNIT)
        register_unit(
            actor=accounts["jining_admin"],
            uscc=new_employer.uscc,
            details=UnitDetails(
                unit_type=UnitType.ORDINARY,
                recognised_from=date(2026, 9, 1),
                recognition_reference="微山县民政局福利企业认定（演示数据）",
            ),
        )
        welfare_unit = _vat(admin, welfare_unit, WELFARE_VAT)
        batch = batch_for_local_file(actor=admin, kind="concentrated_vat", path=MASSAGE_VAT_FILE)
        commit_import_file(batch=batch, source=MASSAGE_VAT_FILE, mode=CommitMode.ALL_OR_NOTHING)
        massage_unit.refresh_from_db()
    return DemoUnits(welfare=welfare_unit, blind_massage=massage_unit)
