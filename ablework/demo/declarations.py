"""The demo's quota declarations (按比例就业申报), made through the quota services as employers
and staff would: each status of the review, realistic rosters of demo registry persons.

What each shows (levy year 2025 unless said; 任城区 and 微山县 of 济宁):

- `employer_user`'s employer: its 2024 declaration certified (its 审核确认书 can be downloaded)
  and an open 2025 draft with figures and five lines: a mid-year regrade (grade 3 → 2 from
  July: weight 1, then 2), an expired certificate in May and June, a worker another employer
  already counted for January–June, a dispatched worker without agreement, a contract under a
  year. No 2025 minimum wage is known for 济宁, so every 2025 month also says so (a warning).
- other employers: submitted (one in each county), returned with a reason for each line and a
  message to the employer's own user (`returned_employer`), resubmitted after a return,
  certified, rejected; a 2023 declaration where three months' wages were under the 1,900 元
  minimum then in force. The other employers have no declaration.
- then (ablework/demo/review.py): 微山县's certified 2025 declaration corrected with a reason,
  reminders sent in 任城区, the rejection's faked placement and an unpaid 2023 levy in the
  employers' credit record.

Deterministic: the same demo data gives the same declarations (persons and employers in
primary-key order, fixed wages and dates). Everything is assessed on ASSESSED_ON. The roster
lines, the figures and the pool of persons to employ are ablework/demo/rosters.py's."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import TypeVar

from django.db import transaction

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.demo.concentrated import seed_concentrated
from ablework.demo.local_values import seed_local_values
from ablework.demo.review import DemoReview, seed_review_demo
from ablework.demo.rewards import seed_rewards
from ablework.demo.risk import seed_risk_demo
from ablework.demo.rosters import (
    ASSESSED_ON,
    Employee,
    HolderPool,
    certify_as,
    declaration_of,
    employer_facts,
    roster_of,
    submit_as,
)
from ablework.demo.seeding import (
    CERTIFICATE_CASES,
    DEMO_PASSWORD,
    create_account,
    seed_certificate_histories,
)
from ablework.employers.models import Employer
from ablework.quota.inputs import DispatchInput
from ablework.quota.models import Declaration, EmploymentForm, RejectionKind
from ablework.quota.services.drafts import DraftChanges, open_declaration, save_draft
from ablework.quota.services.review import (
    reject_declaration,
    resubmit_declaration,
    return_declaration,
)
from ablework.registry.models import Person

# The user of the employer whose 2025 declaration was returned: they read the return message on
# their home page.
RETURNED_EMPLOYER_ACCOUNT: tuple[str, str, str, str] = (
    "returned_employer",
    Role.EMPLOYER,
    "",
    "用人单位经办人（申报被退回）",
)


Row = TypeVar("Row", Declaration, Person)


def _current(row: Row) -> Row:
    """The row as stored now (after a service changed it)."""
    row.refresh_from_db()
    return row


@dataclass(frozen=True)
class DemoDeclarations:
    """The declarations made, by what they show (for the demo's tests)."""

    certified_2024: Declaration
    draft_2025: Declaration
    submitted: list[Declaration]
    returned: Declaration
    resubmitted: Declaration
    certified: Declaration
    rejected: Declaration
    below_minimum_2023: Declaration
    # What ablework/demo/review.py did with them: a correction, reminders, credit entries.
    review: DemoReview | None = None


def _employers(county: str, count: int) -> list[Employer]:
    """The county's first enterprises by primary key (the first of 任城区 is `employer_user`'s)."""
    found = list(
        Employer.objects.filter(county_code=county, kind="enterprise").order_by("pk")[:count]
    )
    first = Employer.objects.filter(county_code=county).order_by("pk").first()
    if first is not None and first not in found:
        found = [first, *found[: count - 1]]
    if len(found) < count:
        raise ValueError(f"The demo data has fewer than {count} enterprises in {county}.")
    return found


def seed_quota_demo(
    accounts: dict[str, User], *, password: str = DEMO_PASSWORD
) -> DemoDeclarations:
    """What the demo adds for quota declarations on top of its persons, employers and
    accounts: the certificate histories, the local values, the declarations, then the units
    of concentrated employment with their own declarations (demo/concentrated.py) and the
    Hunan employer with its over-quota reward (demo/rewards.py)."""
    cases = seed_certificate_histories(recorded_by=accounts.get("rencheng_admin"))
    seed_local_values(accounts)
    made = seed_declarations(accounts, cases, password=password)
    # After the declarations, whose persons they leave alone.
    seed_concentrated(accounts)
    review = seed_review_demo(
        accounts, certified=made.certified, certified_2023=made.below_minimum_2023
    )
    # Then the review's risk: an agency's placements, the scores, the sample and a proof.
    seed_risk_demo(accounts)
    seed_rewards(accounts, password=password)
    return replace(made, certified=_current(review.correction), review=review)


def seed_declarations(
    accounts: dict[str, User], cases: list[Person], *, password: str = DEMO_PASSWORD
) -> DemoDeclarations:
    """Make the demo's declarations (see the module's docstring); `cases` are the persons of
    seed_certificate_histories, in CERTIFICATE_CASES order."""
    case = dict(zip(CERTIFICATE_CASES, (_current(p) for p in cases), strict=True))
    own_employer = accounts["employer_user"].employer
    assert own_employer is not None
    skip = {p.pk for p in cases} | {
        u.person_id for u in accounts.values() if u.person_id is not None
    }
    rencheng = _employers("370811", 4)
    weishan = _employers("370826", 4)
    assert rencheng[0] == own_employer
    pool = HolderPool(skip)
    r_admin, r_counsellor = accounts["rencheng_admin"], accounts["rencheng_counsellor"]
    city_admin, w_counsellor = accounts["jining_admin"], accounts["weishan_counsellor"]
    with transaction.atomic():
        returned_user = create_account(
            RETURNED_EMPLOYER_ACCOUNT, password=password, employer=rencheng[2]
        )
        accounts[returned_user.username] = returned_user
        own, moved, dispatched, short_term, first_job = (pool.take("370811") for _ in range(5))

        # employer_user's 2024: three persons all year, certified by the county.
        certified_2024 = certify_as(
            r_admin,
            submit_as(
                accounts["employer_user"],
                own_employer,
                2024,
                [
                    Employee(person=own),
                    Employee(person=case["reassessed"]),
                    Employee(person=first_job),
                ],
            ),
        )

        # 任城区, submitted: `moved` worked here January–June, then moved to employer_user's
        # employer, which also declares those months (counted_elsewhere there).
        submitted_rencheng = submit_as(
            r_counsellor,
            rencheng[1],
            2025,
            [
                Employee(person=moved, months=tuple(range(1, 7))),
                Employee(person=case["expires"], wage=Decimal("3900.00")),
            ],
        )

        # 任城区, returned with a reason for each line, told to the employer's user.
        revoked, died, uninsured = case["revoked"], case["holder_died"], pool.take("370811")
        returned = submit_as(
            returned_user,
            rencheng[2],
            2025,
            [
                Employee(person=revoked),
                Employee(person=died),
                Employee(person=uninsured, insured=tuple(range(4, 13))),
            ],
        )
        returned = return_declaration(
            actor=r_admin,
            declaration_id=returned.pk,
            version=returned.version,
            reason="名单中有人员的证件已注销、持证人已死亡或未缴纳社会保险的月份，请核实后修改",
            line_reasons={
                0: "该职工的残疾人证已于2025年5月20日注销，5月起不能计入，"
                "请删除这些月份或提供重新核发的证件",
                1: "该职工已于2025年8月3日死亡，8月起不能计入，请删除这些月份",
                2: "1月至3月未足额缴纳社会保险，请提供缴费证明或删除这些月份",
            },
        )

        # 任城区, returned for a contract under a year, resubmitted with the renewed contract.
        renewed = pool.take("370811")
        first_try = [Employee(person=renewed, contract=(date(2025, 1, 1), date(2025, 6, 30)))]
        resubmitted = submit_as(r_counsellor, rencheng[3], 2025, first_try)
        resubmitted = return_declaration(
            actor=r_admin,
            declaration_id=resubmitted.pk,
            version=resubmitted.version,
            line_reasons={0: "劳动合同期限不足一年（至2025年6月30日），请补充续签的合同"},
        )
        resubmitted, _ = resubmit_declaration(
            actor=r_counsellor,
            declaration_id=resubmitted.pk,
            version=resubmitted.version,
            declaration=declaration_of(
                rencheng[3],
                2025,
                [Employee(person=renewed, contract=(date(2025, 1, 1), date(2027, 12, 31)))],
            ),
            today=ASSESSED_ON,
        )

        # 微山县: certified (its 2023 too, with wages under the minimum in January–March),
        # rejected, submitted.
        staff = [pool.take("370826") for _ in range(4)]
        certified = certify_as(
            city_admin,
            submit_as(w_counsellor, weishan[0], 2025, [Employee(person=p) for p in staff[:3]]),
        )
        below_minimum_2023 = certify_as(
            city_admin,
            submit_as(
                w_counsellor,
                weishan[0],
                2023,
                [
                    Employee(person=staff[0], wage=Decimal("2300.00"), low_wage_months=(1, 2, 3)),
                    Employee(person=staff[1], wage=Decimal("2300.00")),
                ],
            ),
        )
        rejected = submit_as(w_counsellor, weishan[1], 2025, [Employee(person=staff[3])])
        rejected = reject_declaration(
            actor=city_admin,
            declaration_id=rejected.pk,
            version=rejected.version,
            reason="经核查，申报的残疾职工的社会保险由其他单位缴纳，未在本单位实际就业",
            reason_kind=RejectionKind.FAKE_PLACEMENT,
        )
        submitted_weishan = submit_as(
            w_counsellor, weishan[2], 2025, [Employee(person=pool.take("370826")) for _ in range(2)]
        )

        draft_2025 = _draft(
            accounts["employer_user"],
            own_employer,
            [
                Employee(person=case["reassessed"]),
                Employee(person=case["renewed_late"]),
                Employee(person=moved, contract=(date(2024, 12, 1), None)),
                Employee(
                    person=dispatched,
                    form=EmploymentForm.DISPATCHED,
                    dispatch=DispatchInput(agency=weishan[3].uscc, agreement_assigns_to=None),
                ),
                Employee(
                    person=short_term,
                    months=tuple(range(3, 13)),
                    contract=(date(2025, 3, 1), date(2025, 12, 31)),
                ),
            ],
        )
    return DemoDeclarations(
        certified_2024=_current(certified_2024),
        draft_2025=draft_2025,
        submitted=[_current(submitted_rencheng), _current(submitted_weishan)],
        returned=_current(returned),
        resubmitted=_current(resubmitted),
        certified=_current(certified),
        rejected=_current(rejected),
        below_minimum_2023=_current(below_minimum_2023),
    )


def _draft(actor: User, employer: Employer, employees: list[Employee]) -> Declaration:
    """The employer's open 2025 draft, with its figures and roster entered (and checked)."""
    row = open_declaration(actor=actor, uscc=employer.uscc, levy_year=2025)
    headcount, wage_total = employer_facts(employer)
    row, _ = save_draft(
        actor=actor,
        declaration_id=row.pk,
        version=row.version,
        changes=DraftChanges(
            headcount=headcount, wage_total=wage_total, roster=roster_of(employees)
        ),
        today=ASSESSED_ON,
    )
    return row
