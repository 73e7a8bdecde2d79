"""The demo's plans (一人一策) and what persons said back, in 任城区:

- `person_user`'s person: a plan made by `rencheng_counsellor` and approved by `rencheng_admin`
  (v1), then changed and approved again (v2), so the comparison of versions shows what changed;
  one action of v2, owned by `rencheng_counsellor`, is past its due date and not done — it
  appears in the counsellor's queue and home card;
- another person of 任城区: a plan submitted by `rencheng_counsellor`, awaiting
  `rencheng_admin`'s approval.

- the services `/support/mine/` shows: for `person_user`'s person an assessment with its plain
  summary and two services (one confirmed by the person); for `family_user`'s relative a
  service the family member complained never happened, and an open correction request.

The plans, the records of the 四个一 and the feedback go through their services
(support/services/plans.py, records/, feedback.py).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ablework.accounts.models import User
from ablework.registry.models import Person
from ablework.support.models import (
    AssessmentMethod,
    Channel,
    FeedbackKind,
    Pathway,
    Plan,
    ServiceKind,
    ServiceRecord,
    ServiceResult,
)
from ablework.support.services.feedback import ask_correction, give_feedback
from ablework.support.services.plans import (
    ActionInput,
    PlanContent,
    approve_plan,
    submit_plan,
    write_plan,
)
from ablework.support.services.records import (
    AssessmentInput,
    ServiceInput,
    record_assessment,
    record_service,
)
from ablework.support.vocabulary import Ability, Accommodation, Demand

RENCHENG = "370811"


def _approved_twice(person: Person, counsellor: User, admin: User) -> None:
    today = timezone.localdate()
    first = PlanContent(
        goals="半年内在家附近找到一份每天 4 小时左右的工作，先从熟悉的包装、分拣做起。",
        supports="岗位推荐；上班路线陪同熟悉一次。",
        review_on=today + timedelta(days=90),
        actions=(
            ActionInput(
                text="推荐 3 个附近的包装、分拣岗位",
                owner_id=counsellor.pk,
                due_on=today - timedelta(days=12),
            ),
            ActionInput(
                text="陪同参加第一次面试",
                owner_id=counsellor.pk,
                due_on=today + timedelta(days=30),
            ),
        ),
        change_note="首次制定",
    )
    write_plan(actor=counsellor, person_id=person.pk, content=first, seen_version=None)
    plan = Plan.objects.get(person=person)
    submit_plan(actor=counsellor, person_id=person.pk, seen_version=plan.version)
    plan.refresh_from_db()
    approve_plan(actor=admin, person_id=person.pk, seen_version=plan.version)
    plan.refresh_from_db()
    second = PlanContent(
        goals=first.goals,
        supports="岗位推荐；上班路线陪同熟悉一次；参加一期电商客服培训（线上）。",
        review_on=today + timedelta(days=120),
        actions=(
            first.actions[0],
            first.actions[1],
            ActionInput(
                text="报名区残联电商客服培训班",
                owner_id=admin.pk,
                due_on=today + timedelta(days=20),
            ),
        ),
        change_note="本人希望学习电商客服，增加培训",
    )
    write_plan(actor=counsellor, person_id=person.pk, content=second, seen_version=plan.version)
    plan.refresh_from_db()
    submit_plan(actor=counsellor, person_id=person.pk, seen_version=plan.version)
    plan.refresh_from_db()
    approve_plan(actor=admin, person_id=person.pk, seen_version=plan.version)


def _awaiting(person: Person, counsellor: User) -> None:
    today = timezone.localdate()
    content = PlanContent(
        goals="通过辅助性就业过渡，一年内转为支持性就业。",
        supports="辅助性就业机构名额；就业辅导员跟进。",
        review_on=today + timedelta(days=60),
        actions=(
            ActionInput(
                text="联系区辅助性就业机构，确认名额",
                owner_id=counsellor.pk,
                due_on=today + timedelta(days=14),
            ),
        ),
        change_note="首次制定",
    )
    write_plan(actor=counsellor, person_id=person.pk, content=content, seen_version=None)
    plan = Plan.objects.get(person=person)
    submit_plan(actor=counsellor, person_id=person.pk, seen_version=plan.version)


def _records(own: Person, relative: Person, counsellor: User) -> dict[str, ServiceRecord]:
    """The records of the 四个一 the person's view shows."""
    today = timezone.localdate()
    record_assessment(
        actor=counsellor,
        person_id=own.pk,
        assessment=AssessmentInput(
            on=today - timedelta(days=40),
            given_by="张敏",
            abilities={
                Demand.READ_SCREEN: {"with": [Accommodation.MAGNIFIER]},
                Demand.LIFT_10KG: Ability.CANNOT,
            },
            hours_per_day=Decimal("4.0"),
            needs=(Accommodation.SEAT, Accommodation.FLEXIBLE_HOURS),
            pathway=Pathway.SUPPORTED,
            methods=(AssessmentMethod.INTERVIEW, AssessmentMethod.WORK_TRIAL),
            summary="您做包装、分拣一类坐着做的工作没有问题，每天做 4 小时左右比较合适；"
            "看电脑屏幕时用放大设备就可以。不适合搬重物。",
        ),
    )

    def serve(person: Person, days_ago: int, given_by: str, **service: object) -> ServiceRecord:
        given = {"result": ServiceResult.GIVEN, "next_step": "", "next_due": None, **service}
        return record_service(
            actor=counsellor,
            person_id=person.pk,
            service=ServiceInput(on=today - timedelta(days=days_ago), given_by=given_by, **given),  # type: ignore[arg-type]
        )

    return {
        "guidance": serve(
            own,
            35,
            "张敏",
            kind=ServiceKind.GUIDANCE,
            channel=Channel.ON_SITE,
            outcome="了解了本人的就业意愿，介绍了支持性就业。",
            next_step="推荐附近的包装、分拣岗位",
            next_due=today + timedelta(days=10),
        ),
        "referral": serve(
            own,
            20,
            "张敏",
            kind=ServiceKind.REFERRAL,
            channel=Channel.PHONE,
            result=ServiceResult.NOT_HIRED,
            outcome="推荐到济宁某食品公司包装岗，面试未通过。",
        ),
        "relative": serve(
            relative,
            15,
            "李强",
            kind=ServiceKind.HOME_VISIT,
            channel=Channel.HOME_VISIT,
            outcome="上门了解家庭情况，讲解就业援助政策。",
        ),
    }


def seed_support_plans_demo(accounts: dict[str, User]) -> dict[str, Person]:
    """Make the demo's plans (see the module's docstring); returns the persons by role."""
    counsellor, admin = accounts["rencheng_counsellor"], accounts["rencheng_admin"]
    own_id = accounts["person_user"].person_id
    assert own_id is not None, "the demo's person account names its person"
    own = Person.objects.get(pk=own_id)
    taken: set[int] = {u.person_id for u in accounts.values() if u.person_id is not None}
    taken |= set(accounts["family_user"].proxy_consents.values_list("person_id", flat=True))
    other = (
        Person.objects.filter(county_code=RENCHENG, merged_into__isnull=True)
        .exclude(pk__in=taken)
        .order_by("pk")
        .first()
    )
    assert other is not None, "the demo needs a second person in 任城区"
    relative = Person.objects.get(
        pk=accounts["family_user"].proxy_consents.values_list("person_id", flat=True)[0]
    )
    with transaction.atomic():
        _approved_twice(own, counsellor, admin)
        _awaiting(other, counsellor)
        services = _records(own, relative, counsellor)
        give_feedback(
            actor=accounts["person_user"],
            service_id=services["guidance"].pk,
            kind=FeedbackKind.CONFIRMED,
            text="",
        )
        family = accounts["family_user"]
        give_feedback(
            actor=family,
            service_id=services["relative"].pk,
            kind=FeedbackKind.COMPLAINT,
            text="那天家里没有人来过，也没有接到电话。",
        )
        ask_correction(
            actor=family,
            person_id=relative.pk,
            about="联系电话",
            text="记录里的电话号码是旧的，现在用的是家里的座机。",
        )
    return {"person": own, "awaiting": other, "relative": relative}
