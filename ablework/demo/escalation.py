"""The demo's escalation (升级帮扶) in Hunan, whose plan says N = 3 (二（二）5.: 连续3次岗位推荐
仍无法实现就业 … 优先安置公益性岗位; rules `support.escalation_referrals`): two persons of
长沙市岳麓区,
registered by the county, checked, their needs registered and referred three times without a
job by 岳麓区's counsellor (`yuelu_counsellor`), all through the services; the refresh after the
third referral proposes a public-welfare post for each. One proposal is decided — placed into a
public-welfare post — and one waits for its owner, so the list, the queue's panel and the
person's page show both states. Shandong (the other demo counties) sets no N and no M: its
pages say that no proposals are made there.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.demo.seeding import DEMO_PASSWORD, create_account
from ablework.demo.synthetic import resident_id_with_check
from ablework.registry.models import Person
from ablework.registry.services import IdentityFacts, PersonDetails, register_person
from ablework.support.models import Decision, EscalationProposal, Route
from ablework.support.services.escalation import DecisionInput, decide_escalation
from ablework.support.services.records import (
    CheckInput,
    NeedsInput,
    ServiceInput,
    record_check,
    record_needs,
    record_service,
)

YUELU = "430104"
COUNSELLOR_ACCOUNT = (
    "yuelu_counsellor",
    Role.COUNSELLOR,
    YUELU,
    "长沙市岳麓区就业服务专员",
)
# (name, sex, birth date, order digits, occupations wanted, the three referrals' employers)
PERSONS = (
    ("谭志刚", "male", date(1979, 4, 12), "031", ("保洁员",), ("物业公司", "超市", "洗车店")),
    ("刘春兰", "female", date(1986, 9, 3), "042", ("理货员",), ("超市", "快递站", "服装厂")),
)


def _register(admin: User, name: str, sex: str, born: date, order: str) -> Person:
    resident_id = resident_id_with_check(f"{YUELU}{born:%Y%m%d}{order}")
    return register_person(
        actor=admin,
        identity=IdentityFacts(
            resident_id=resident_id,
            certificate_number=f"{resident_id}42",
            sex=sex,
            birth_date=born,
            disability_category=4,
            disability_grade=2,
        ),
        details=PersonDetails(
            name=name,
            county_code=YUELU,
            employment_status="unemployed",
            phone="13874000000",
            address="岳麓区麓山南路",
        ),
    )


def _serve(
    actor: User, person: Person, on: date, occupations: tuple[str, ...], firms: tuple[str, ...]
) -> None:
    record_check(
        actor=actor,
        person_id=person.pk,
        check=CheckInput(
            on=on,
            channel="home_visit",
            verified=("identity", "certificate", "contact", "employment", "wishes"),
            wants_work=True,
            given_by="周专员",
        ),
    )
    record_needs(
        actor=actor,
        person_id=person.pk,
        needs=NeedsInput(
            on=on,
            occupations=occupations,
            skills="",
            hours_per_week=40,
            places="岳麓区",
            commute_km=8,
            wage_floor=Decimal("2200.00"),
            accepts_remote=False,
            needs=(),
            training_wishes="",
            given_by="周专员",
        ),
    )
    for index, firm in enumerate(firms):
        record_service(
            actor=actor,
            person_id=person.pk,
            service=ServiceInput(
                on=on + timedelta(days=7 + 14 * index),
                kind="referral",
                channel="on_site",
                result="not_hired",
                outcome=f"推荐到{firm}面试，未被录用",
                next_step="",
                next_due=None,
                given_by="周专员",
            ),
        )


def seed_escalation_demo(accounts: dict[str, User]) -> list[EscalationProposal]:
    """The two persons, their records and proposals; the first one decided. Needs 岳麓区's
    administrator (`yuelu_admin`, made with the demo's Hunan reward)."""
    today = timezone.localdate()
    start = today - timedelta(days=60)
    with transaction.atomic():
        admin = accounts["yuelu_admin"]
        counsellor = accounts.get(COUNSELLOR_ACCOUNT[0]) or create_account(
            COUNSELLOR_ACCOUNT, password=DEMO_PASSWORD
        )
        accounts[COUNSELLOR_ACCOUNT[0]] = counsellor
        made = []
        for name, sex, born, order, occupations, firms in PERSONS:
            person = _register(admin, name, sex, born, order)
            _serve(counsellor, person, start, occupations, firms)
            made.append(EscalationProposal.objects.get(person=person, decision=Decision.OPEN))
        first = made[0]
        made[0] = decide_escalation(
            actor=counsellor,
            proposal_id=first.pk,
            seen_version=first.version,
            decision=DecisionInput(
                decision=Decision.ACCEPTED,
                placed_route=Route.PUBLIC_WELFARE,
                reason="安置到岳麓区麓山街道保洁公益性岗位",
            ),
        )
    return made
