"""The referral pipeline: a counsellor refers with the person's consent once the engine finds no
broken hard constraint; each step is a dated row with who recorded it, audited and versioned; a
hire changes the registry, the posting and the employment services in one transaction; not
hired counts toward escalation, withdrawn counts nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from ablework.accounts.roles import Role
from ablework.core.errors import Conflict, FieldsInvalid, Invalid, NotFound
from ablework.core.models import AuditRecord
from ablework.core.versioning import StaleRecord
from ablework.demo.seeding import DEMO_PASSWORD, create_account
from ablework.matching.models import PostingStatus, ReferralState
from ablework.matching.services.referral_steps import (
    InterviewInput,
    record_hire,
    record_interview,
    record_not_hired,
    withdraw_referral,
)
from ablework.matching.services.referrals import (
    ConsentInput,
    ReferralRefused,
    ask_for_referral,
    refer_person,
    refer_requested,
)
from ablework.registry.models import EmploymentPeriod, Person
from ablework.support.models import EscalationProposal, ServiceRecord
from tests.matching.referral_market import ABILITIES, TODAY, YUELU, market, on_today, refer
from tests.matching.seekers import record_seeker
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db
__all__ = ["market", "on_today"]  # fixtures


def _interview(market, referral, actor=None):
    return record_interview(
        actor=actor or market.employer,
        referral_id=referral.pk,
        seen_version=referral.version,
        interview=InterviewInput(
            at=timezone.make_aware(datetime(2026, 6, 18, 9, 30)), online=False, place="公司二楼"
        ),
    )


def _services(person, result):
    return ServiceRecord.objects.filter(person=person, kind="referral", result=result).count()


def test_a_counsellor_refers_with_consent_and_each_step_names_who_and_when(market):
    referral = refer(market)

    assert referral.state == ReferralState.REFERRED
    assert (referral.consent_how, referral.consent_on) == ("written", TODAY)
    assert referral.consent_recorded_by == market.counsellor
    [step] = referral.steps.all()
    assert (step.state, step.on, step.recorded_by) == ("referred", TODAY, market.counsellor)
    record = AuditRecord.objects.get(action="matching.referral.refer", target_id=str(referral.pk))
    assert record.changes["state"] == [None, "referred"]
    assert "湖南甲" in record.target_label


def test_a_job_the_person_cannot_do_is_refused_naming_the_constraint(market):
    # given a posting whose work needs reading print, which the person cannot do
    posting = market.post(demands={"read_print": "essential"})
    # when the counsellor refers them, then the engine's broken constraint is the reason
    with pytest.raises(ReferralRefused) as refused:
        refer(market, posting)
    [problem] = refused.value.field_problems()
    message = problem.message
    assert "硬性条件3" in message
    assert "阅读纸质文字" in message
    assert not posting.referrals.exists()


def test_a_wage_under_the_persons_floor_is_refused(market):
    # given a person who works for no less than 4,000 元 a month
    demanding = PersonFactory(name="湖南乙", county_code=YUELU)
    record_seeker(market.counsellor, demanding, on=TODAY, abilities=ABILITIES, wage_floor="4000")
    with pytest.raises(ReferralRefused) as refused:
        refer(market, person=demanding)
    assert "硬性条件2" in refused.value.message


def test_a_posting_without_a_known_minimum_wage_is_refused_saying_so(market, demo_data):
    # 济宁's counties have no known minimum wage after 2023-09-30: the posting enters no market
    counsellor = demo_data["rencheng_counsellor"]
    person = PersonFactory(name="任城甲", county_code="370811", township_code="370811001")
    record_seeker(counsellor, person, on=TODAY, abilities=ABILITIES)
    posting = market.post(county_code="370811", township_code="370811001")
    with pytest.raises(ReferralRefused) as refused:
        refer(market, posting, actor=counsellor, person=person)
    text = refused.value.message
    assert "的最低工资未知" in text
    assert "本地参数" in text


def test_a_hire_changes_the_registry_the_posting_and_the_services_at_once(market):
    posting = market.post(openings=1)
    referral = _interview(market, refer(market, posting))

    hired = record_hire(
        actor=market.employer,
        referral_id=referral.pk,
        seen_version=referral.version,
        started_on=TODAY,
    )

    assert hired.state == ReferralState.HIRED
    person = Person.objects.get(pk=market.person.pk)
    assert person.employment_status == "employed"
    assert person.employment_kind == "quota"  # a targeted posting: 按比例就业
    period = EmploymentPeriod.objects.get(person=person, ended_on__isnull=True)
    assert (period.status, period.started_on) == ("employed", TODAY)
    assert period.employer_name == posting.employer.name
    posting.refresh_from_db()
    assert (posting.openings_filled, posting.status) == (1, PostingStatus.FILLED)
    assert _services(person, "hired") == 1
    assert [step.state for step in hired.steps.all()] == ["referred", "interview", "hired"]
    assert hired.steps.last().started_on == TODAY


def test_a_refused_hire_leaves_nothing_half_done(market):
    referral = refer(market)
    # a start before the person's current employment period began is refused by the registry
    with pytest.raises(FieldsInvalid) as refused:
        record_hire(
            actor=market.counsellor,
            referral_id=referral.pk,
            seen_version=referral.version,
            started_on=TODAY - timedelta(days=5),
        )
    assert "started_on" in {problem.field for problem in refused.value.field_problems()}
    referral.refresh_from_db()
    market.posting.refresh_from_db()
    assert (referral.state, referral.version) == (ReferralState.REFERRED, 1)
    assert market.posting.openings_filled == 0
    assert Person.objects.get(pk=market.person.pk).employment_status == "unemployed"
    assert _services(market.person, "hired") == 0


def test_a_start_day_after_today_is_refused(market):
    referral = refer(market)
    with pytest.raises(FieldsInvalid, match="入职日期不能晚于今天"):
        record_hire(
            actor=market.counsellor,
            referral_id=referral.pk,
            seen_version=referral.version,
            started_on=TODAY + timedelta(days=1),
        )


def test_three_unsuccessful_referrals_through_the_pipeline_propose_escalation(market):
    # Hunan: after three referrals in a row without a job, a public-welfare post is proposed
    postings = [market.post(title=f"电话客服{n}") for n in range(3)]
    for n, posting in enumerate(postings):
        referral = refer(market, posting)
        record_not_hired(
            actor=market.employer,
            referral_id=referral.pk,
            seen_version=referral.version,
            reason="skills",
            note="",
        )
        if n < 2:
            assert not EscalationProposal.objects.filter(person=market.person).exists()
    [proposal] = EscalationProposal.objects.filter(person=market.person)
    assert proposal.threshold == 3
    assert len(proposal.referral_ids) == 3
    assert _services(market.person, "not_hired") == 3


def test_withdrawn_records_no_service_and_needs_a_reason(market):
    referral = refer(market)
    with pytest.raises(FieldsInvalid, match="请写明撤回的原因"):
        withdraw_referral(
            actor=market.counsellor,
            referral_id=referral.pk,
            seen_version=referral.version,
            by="person",
            note="",
        )
    withdrawn = withdraw_referral(
        actor=market.counsellor,
        referral_id=referral.pk,
        seen_version=referral.version,
        by="person",
        note="本人已在别处找到工作",
    )
    assert withdrawn.state == ReferralState.WITHDRAWN
    assert withdrawn.steps.last().withdrawn_by == "person"
    assert ServiceRecord.objects.filter(person=market.person, kind="referral").count() == 0


def test_of_two_counsellors_acting_on_one_version_the_second_is_refused(market):
    referral = refer(market)
    seen = referral.version
    record_not_hired(
        actor=market.counsellor,
        referral_id=referral.pk,
        seen_version=seen,
        reason="declined",
        note="",
    )
    # the second counsellor's page was opened on the same version
    with pytest.raises(StaleRecord):
        record_interview(
            actor=market.counsellor,
            referral_id=referral.pk,
            seen_version=seen,
            interview=InterviewInput(at=timezone.now(), online=True, place="视频会议"),
        )
    assert _services(market.person, "not_hired") == 1


def test_an_ended_referral_cannot_move_on(market):
    referral = refer(market)
    record_not_hired(
        actor=market.employer, referral_id=referral.pk, seen_version=1, reason="skills", note=""
    )
    with pytest.raises(Invalid, match="现在是“未录用”，不能再登记为“已录用”"):
        record_hire(
            actor=market.employer, referral_id=referral.pk, seen_version=2, started_on=TODAY
        )


def test_only_the_postings_own_employer_records_its_outcome(market, demo_data):
    referral = refer(market)
    other = demo_data["rencheng_township"]  # staff of another county: not their person
    with pytest.raises(NotFound):
        _interview(market, referral, actor=other)
    # the employer may record an interview but not withdraw the referral
    with pytest.raises(NotFound):
        withdraw_referral(
            actor=market.employer, referral_id=referral.pk, seen_version=1, by="employer", note="x"
        )


def test_a_person_asks_and_the_counsellor_refers_the_request(market):
    user = market.person
    account = create_account(
        ("hunan_person", Role.PERSON, "", "湖南甲"), password=DEMO_PASSWORD, person=user
    )

    asked = ask_for_referral(actor=account, person_id=user.pk, posting_id=market.posting.pk)
    assert (asked.state, asked.consent_how, asked.source) == ("requested", "online", "request")
    with pytest.raises(Conflict, match="已经申请过这个岗位"):
        ask_for_referral(actor=account, person_id=user.pk, posting_id=market.posting.pk)

    referred = refer_requested(
        actor=market.counsellor, referral_id=asked.pk, seen_version=asked.version
    )
    assert referred.state == ReferralState.REFERRED
    assert referred.referred_by == market.counsellor
    # referring the same pair again from the form is refused: one referral under way per pair
    with pytest.raises(Conflict, match="已经有一条到该岗位的推荐"):
        refer_person(
            actor=market.counsellor,
            person_id=user.pk,
            posting_id=market.posting.pk,
            source="search",
            consent=ConsentInput(how="oral", on=TODAY),
        )
