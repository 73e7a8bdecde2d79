"""The referral pages: a counsellor refers a person of their county with their consent, and is
told in words which hard constraints a refused pair breaks; the list and a referral's page
hold only the viewer's (another county's counsellor gets 404); the posting's employer sees the
name and phone while the referral is under way and records the interview and the hire, which
changes the person's registry record; a person's request waits in the list for the counsellor;
a step saved over another's answers 409 with what the other recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ablework.accounts.roles import Role
from ablework.core.models import AuditRecord
from ablework.demo.seeding import DEMO_PASSWORD, create_account
from ablework.demo.synthetic import uscc_with_check
from ablework.employers.services.register import EmployerDetails, create_employer
from ablework.matching.models import Referral, ReferralState
from ablework.matching.services.postings import create_posting
from ablework.matching.services.referrals import ask_for_referral
from ablework.registry.audit_actions import RegistryAction
from ablework.registry.models import EmploymentPeriod, EmploymentStatus, Person
from tests.helpers import signed_in
from tests.matching.factories import details
from tests.matching.referral_market import TODAY, YUELU, market, on_today, refer

pytestmark = pytest.mark.django_db
__all__ = ["market", "on_today"]  # fixtures

NEW = "/matching/referrals/new/"


def _detail(referral: Referral) -> str:
    return f"/matching/referrals/{referral.pk}/"


def _text(response) -> str:
    return response.content.decode()


def _views(person: Person, user) -> int:
    return AuditRecord.objects.filter(
        action=RegistryAction.PERSON_VIEW.value, target_id=str(person.pk), actor_id=user.pk
    ).count()


def _consent(market, **changes):
    return {
        "person": market.person.pk,
        "posting": market.posting.pk,
        "source": "person_jobs",
        "consent_how": "oral",
        "consent_on": TODAY.isoformat(),
        **changes,
    }


def test_a_counsellor_refers_with_the_persons_consent_and_the_page_says_so(market):
    client = signed_in(market.counsellor)
    url = f"{NEW}?person={market.person.pk}&posting={market.posting.pk}&source=person_jobs"
    shown = client.get(url)
    assert shown.status_code == 200
    assert "符合全部硬性条件" in _text(shown)
    assert "本人同意推荐的方式" in _text(shown)

    done = client.post(NEW, _consent(market))

    referral = Referral.objects.get(person=market.person)
    assert done.status_code == 302
    assert done["Location"] == _detail(referral)
    assert referral.state == ReferralState.REFERRED
    assert (referral.consent_how, referral.consent_on, referral.source) == ("oral", TODAY, "search")
    page = _text(client.get(_detail(referral)))
    assert "已推荐" in page
    assert "口头同意" in page
    assert market.counsellor.display_name in page  # who recorded the step


def test_consent_is_required_before_a_referral(market):
    client = signed_in(market.counsellor)
    refused = client.post(NEW, _consent(market, consent_how="", consent_on=""))
    assert refused.status_code == 200
    page = _text(refused)
    assert "本人同意推荐的方式" in page
    assert "本人同意的日期" in page
    assert "error-summary" in page
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    later = _text(client.post(NEW, _consent(market, consent_on=tomorrow)))
    assert "本人同意推荐的日期不能晚于今天" in later
    assert not Referral.objects.exists()


def test_a_refused_pair_is_told_which_hard_constraints_it_breaks(market):
    reading = market.post(title="资料校对", demands={"read_print": "essential"}, offers=())
    client = signed_in(market.counsellor)
    shown = _text(client.get(f"{NEW}?person={market.person.pk}&posting={reading.pk}"))
    assert "不能推荐到这个岗位" in shown
    assert "硬性条件3" in shown
    assert "阅读纸质文字" in shown
    assert "本人同意推荐的方式" not in shown  # no consent form for a pair the engine refuses

    refused = _text(client.post(NEW, _consent(market, posting=reading.pk)))
    assert "不能推荐到这个岗位" in refused
    assert "硬性条件3" in refused
    assert not Referral.objects.exists()


def test_another_countys_counsellor_gets_404_and_an_empty_list(market, demo_data):
    referral = refer(market)
    other = signed_in(demo_data["rencheng_counsellor"])
    assert (
        other.get(f"{NEW}?person={market.person.pk}&posting={market.posting.pk}").status_code == 404
    )
    assert other.get(_detail(referral)).status_code == 404
    assert market.person.name not in _text(other.get("/matching/referrals/"))
    assert _views(market.person, demo_data["rencheng_counsellor"]) == 0
    for username in ("person_user", "family_user", "rencheng_trainer"):
        assert signed_in(demo_data[username]).get("/matching/referrals/").status_code == 404


def test_the_employer_sees_only_its_postings_referrals_name_and_phone_while_under_way(market):
    other_employer = create_employer(
        actor=market.counsellor,
        details=EmployerDetails(
            name="岳麓测试商贸有限公司",
            uscc=uscc_with_check("914301040000T9K8"),
            kind="enterprise",
            county_code=YUELU,
            township_code="",
            staff_count=30,
            address="长沙市岳麓区测试路1号",
            industry="F",
        ),
    )
    elsewhere = create_posting(
        actor=market.counsellor,
        employer_id=other_employer.pk,
        details=details(county_code=YUELU, township_code="", address="岳麓区测试路1号"),
    )
    mine, theirs = refer(market), refer(market, elsewhere)
    client = signed_in(market.employer)

    listed = _text(client.get("/matching/referrals/"))
    assert _detail(mine) in listed
    assert _detail(theirs) not in listed
    assert market.person.name not in listed  # names only on the referral's page (logged)
    assert client.get(_detail(theirs)).status_code == 404

    before = _views(market.person, market.employer)
    page = _text(client.get(_detail(mine)))
    assert market.person.name in page
    assert market.person.phone in page
    assert market.person.resident_id_masked not in page  # name and phone, nothing more
    assert _views(market.person, market.employer) == before + 1


def test_the_employer_records_the_interview_and_the_hire_which_changes_the_registry(market):
    referral = refer(market)
    client = signed_in(market.employer)
    interview = client.post(
        _detail(referral),
        {
            "step": "interview",
            "interview-at": f"{TODAY + timedelta(days=2)}T09:30",
            "interview-place": "公司二楼会议室",
            "interview-version": referral.version,
        },
    )
    assert interview.status_code == 302
    referral.refresh_from_db()
    assert referral.state == ReferralState.INTERVIEW
    hired = client.post(
        _detail(referral),
        {
            "step": "hired",
            "hired-started_on": TODAY.isoformat(),
            "hired-employment_kind": "quota",
            "hired-version": referral.version,
        },
    )
    assert hired.status_code == 302
    person = Person.objects.get(pk=market.person.pk)
    assert person.employment_status == EmploymentStatus.EMPLOYED
    period = EmploymentPeriod.objects.get(person=person, ended_on__isnull=True)
    assert (period.started_on, period.employer_name) == (TODAY, market.posting.employer.name)
    after = _text(client.get(_detail(referral)))
    assert "已录用" in after
    assert "面试时间" in after
    assert market.person.name not in after  # the referral has ended: nothing of the person
    assert "不再显示本人的姓名和联系电话" in after


def test_not_hired_needs_a_reason_and_other_needs_words(market):
    referral = refer(market)
    client = signed_in(market.employer)
    step = {"step": "not_hired", "not_hired-version": referral.version}
    refused = client.post(_detail(referral), step)
    assert refused.status_code == 200
    assert "未录用的原因" in _text(refused)
    other = _text(client.post(_detail(referral), {**step, "not_hired-reason": "other"}))
    assert "选择“其他原因”时，请写明原因" in other
    done = client.post(_detail(referral), {**step, "not_hired-reason": "skills"})
    assert done.status_code == 302
    referral.refresh_from_db()
    assert referral.state == ReferralState.NOT_HIRED
    assert "技能或经验与岗位要求不符" in _text(signed_in(market.counsellor).get(_detail(referral)))


def test_a_persons_request_waits_in_the_list_and_the_counsellor_refers_or_declines_it(market):
    asker = create_account(
        ("hunan_person", Role.PERSON, YUELU, "湖南甲"), password=DEMO_PASSWORD, person=market.person
    )
    asked = ask_for_referral(actor=asker, person_id=market.person.pk, posting_id=market.posting.pk)
    client = signed_in(market.counsellor)
    listed = _text(client.get("/matching/referrals/"))
    assert "1 条本人申请的推荐等待处理" in listed
    assert _detail(asked) in listed
    assert signed_in(market.employer).get(_detail(asked)).status_code == 404  # not referred yet
    page = _text(client.get(_detail(asked)))
    assert "推荐本人申请的岗位" in page
    assert "撤回推荐" in page
    assert "符合全部硬性条件，可以推荐" in page

    done = client.post(_detail(asked), {"step": "referred", "referred-version": asked.version})
    assert done.status_code == 302
    asked.refresh_from_db()
    assert asked.state == ReferralState.REFERRED


def test_a_step_saved_over_anothers_answers_409_with_what_the_other_recorded(market):
    referral = refer(market)
    seen = referral.version
    staff, employer = signed_in(market.counsellor), signed_in(market.employer)
    first = employer.post(
        _detail(referral),
        {
            "step": "interview",
            "interview-at": f"{TODAY + timedelta(days=2)}T09:30",
            "interview-place": "公司二楼会议室",
            "interview-version": seen,
        },
    )
    assert first.status_code == 302
    second = staff.post(
        _detail(referral),
        {
            "step": "withdrawn",
            "withdrawn-by": "person",
            "withdrawn-note": "本人已找到工作",
            "withdrawn-version": seen,
        },
    )
    assert second.status_code == 409
    page = _text(second)
    assert "此记录已被他人修改" in page
    assert "登记推荐的面试安排" in page  # what the other recorded, in words
    assert "本人已找到工作" in page  # what this user typed is kept
    referral.refresh_from_db()
    assert referral.state == ReferralState.INTERVIEW
