"""The employment-services part of the audit day (tests/core/audit_day.py): a plan made,
returned, changed, approved and an action of it done; a person's feedback and correction; the
"四个一" queue's reminders; the graduates' ledger; the four records, one corrected."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from ablework.accounts.models import User
from ablework.demo.seeding import DEMO_PASSWORD
from ablework.registry.models import Person
from ablework.support.models import EscalationProposal, Plan
from ablework.support.selectors.queue import QueueFilters
from ablework.support.services.cases import refresh_cases
from ablework.support.services.escalation import (
    DecisionInput,
    decide_escalation,
    reassign_escalation,
)
from ablework.support.services.feedback import answer_correction, ask_correction, give_feedback
from ablework.support.services.plans import (
    ActionInput,
    PlanContent,
    approve_plan,
    record_action_done,
    return_plan,
    submit_plan,
    write_plan,
)
from ablework.support.services.records import (
    AssessmentInput,
    CheckInput,
    NeedsInput,
    RegistryCorrections,
    ServiceInput,
    record_assessment,
    record_check,
    record_needs,
    record_service,
)
from ablework.support.services.reminders import send_queue_reminders
from tests.helpers import signed_in
from tests.registry.conftest import OWN_COUNTY


def support_day(
    demo_data: dict[str, User], make_person: Any, *, counsellor: User, admin: User, own: Person
) -> None:
    """Every action of employment services, once."""
    # one person, one plan: made, submitted, returned, changed, approved by a second person,
    # an action of it recorded done
    today = timezone.localdate()
    content = PlanContent(
        goals="半年内找到工作",
        supports="岗位推荐",
        review_on=today + timedelta(days=30),
        actions=(ActionInput(text="推荐岗位", owner_id=counsellor.pk, due_on=today),),
    )
    write_plan(actor=counsellor, person_id=own.pk, content=content, seen_version=None)
    plan = Plan.objects.get(person=own)
    submit_plan(actor=counsellor, person_id=own.pk, seen_version=plan.version)
    return_plan(actor=admin, person_id=own.pk, seen_version=plan.version + 1, reason="写明时间")
    changed = replace(content, supports="岗位推荐；培训")
    write_plan(actor=counsellor, person_id=own.pk, content=changed, seen_version=plan.version + 2)
    submit_plan(actor=counsellor, person_id=own.pk, seen_version=plan.version + 3)
    approve_plan(actor=admin, person_id=own.pk, seen_version=plan.version + 4)
    plan.refresh_from_db()
    record_action_done(
        actor=counsellor,
        person_id=own.pk,
        action_id=plan.approved.actions.get().pk,
        seen_version=plan.version,
        done_on=today,
    )
    # the person confirms one service and complains about another, asks for a correction,
    # and staff answer it
    person_user = demo_data["person_user"]
    given = ServiceInput(
        on=today,
        kind="guidance",
        channel="phone",
        result="given",
        outcome="职业指导",
        next_step="",
        next_due=None,
        given_by="李",
    )
    served = [record_service(actor=counsellor, person_id=own.pk, service=given) for _ in range(2)]
    give_feedback(actor=person_user, service_id=served[0].pk, kind="confirmed", text="")
    give_feedback(actor=person_user, service_id=served[1].pk, kind="complaint", text="没有来过")
    asked = ask_correction(actor=person_user, person_id=own.pk, about="电话", text="号码已换")
    answer_correction(actor=counsellor, request_id=asked.pk, answer="已更正", seen_version=1)
    # the "四个一" queue: a person due for a check, with an account, is reminded
    due = make_person(name="待服务", township_code="370811001")
    User.objects.create_user(username="due_self", password=DEMO_PASSWORD, role="person", person=due)
    today = timezone.localdate()
    refresh_cases(person_ids=[due.pk], on=today)
    send_queue_reminders(
        actor=counsellor,
        year=today.year,
        on=today,
        filters=QueueFilters(county=OWN_COUNTY, township="370811001"),
    )
    _graduates_day(demo_data)
    _support_records(counsellor, own)
    _households_day(demo_data)
    _escalation_decided(counsellor, own, new_owner=demo_data["rencheng_admin"])


def _escalation_decided(counsellor: User, person: Person, *, new_owner: User) -> None:
    """An escalation proposal (as Hunan's rule would make one; 任城区 sets none) given to the
    county's administrator, then placed into a public-welfare post."""
    today = timezone.localdate()
    proposal = EscalationProposal.objects.create(
        person=person,
        rule="referrals",
        parameter="support.escalation_referrals",
        threshold=3,
        source="湖南省促进残疾人就业实施方案 二（二）5.",
        evidence_until=today,
        proposed_on=today,
        route="public_welfare",
        owner=counsellor,
        due_on=today + timedelta(days=30),
    )
    proposal = reassign_escalation(
        actor=counsellor,
        proposal_id=proposal.pk,
        seen_version=proposal.version,
        owner_id=new_owner.pk,
        reason="县残联统一安排公益性岗位",
    )
    decide_escalation(
        actor=counsellor,
        proposal_id=proposal.pk,
        seen_version=proposal.version,
        decision=DecisionInput(decision="accepted", placed_route="public_welfare"),
    )


def _graduates_day(demo_data: dict[str, User]) -> None:
    """任城区's 2026 graduates imported, offered work, followed each month; a graduate's page
    opened and the ledger exported."""
    from ablework.demo.graduates import seed_graduates_demo

    graduates = seed_graduates_demo(demo_data)
    staff = signed_in(demo_data["rencheng_counsellor"])
    assert staff.get(f"/support/graduates/{graduates[0].pk}/").status_code == 200
    export = staff.post(f"/support/graduates/cohorts/{graduates[0].cohort_id}/export.xlsx")
    assert export.status_code == 200


def _households_day(demo_data: dict[str, User]) -> None:
    """The demo's zero-employment households (one resolved from the registry by the system),
    another resolved by a worker on its page, and the list exported."""
    from ablework.demo.households import seed_households_demo
    from ablework.support.models import HouseholdStatus, ZeroEmploymentHousehold

    seed_households_demo(demo_data)
    household = ZeroEmploymentHousehold.objects.filter(
        status=HouseholdStatus.OPEN, county_code=OWN_COUNTY
    ).first()
    assert household is not None
    staff = signed_in(demo_data["rencheng_counsellor"])
    resolved = staff.post(
        f"/support/households/{household.pk}/",
        {
            "version": str(household.version),
            "member": "other",
            "employed_on": timezone.localdate().isoformat(),
            "kind": "flexible",
            "other_name": "赵某某",
            "other_relation": "spouse",
        },
    )
    assert resolved.status_code == 302
    assert staff.post("/support/households/export.xlsx").status_code == 200


def _support_records(counsellor: User, person: Person) -> None:
    """The "四个一" for one person: a check (a new phone to the registry), an assessment,
    needs and a service, then the service corrected."""
    today = timezone.localdate()
    record_check(
        actor=counsellor,
        person_id=person.pk,
        check=CheckInput(
            on=today,
            channel="phone",
            verified=("contact", "wishes"),
            wants_work=True,
            given_by="李",
        ),
        corrections=RegistryCorrections(phone="13800000002"),
    )
    record_assessment(
        actor=counsellor,
        person_id=person.pk,
        assessment=AssessmentInput(
            on=today,
            abilities={"read_print": "cannot", "read_screen": {"with": ["screen_reader"]}},
            hours_per_day=Decimal("6.5"),
            needs=("step_free",),
            pathway="supported",
            methods=("interview",),
            summary="借助读屏软件可以做电脑工作。",
            given_by="李",
        ),
    )
    record_needs(
        actor=counsellor,
        person_id=person.pk,
        needs=NeedsInput(
            on=today,
            occupations=("客户服务",),
            skills="电脑打字",
            hours_per_week=30,
            places="任城区",
            commute_km=8,
            wage_floor=Decimal("2200.00"),
            accepts_remote=True,
            needs=(),
            training_wishes="电商客服",
            given_by="李",
        ),
    )
    service = record_service(
        actor=counsellor,
        person_id=person.pk,
        service=ServiceInput(
            on=today,
            kind="referral",
            channel="on_site",
            result="not_hired",
            outcome="推荐面试",
            next_step="再推荐",
            next_due=today + timedelta(days=7),
            given_by="李",
        ),
    )
    record_service(
        actor=counsellor,
        person_id=person.pk,
        service=ServiceInput(
            on=today,
            kind="referral",
            channel="on_site",
            result="hired",
            outcome="推荐面试，已录用",
            next_step="",
            next_due=None,
            given_by="李",
        ),
        record_id=service.pk,
        version=service.version,
    )
