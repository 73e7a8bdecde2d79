"""A job seeker asks for a referral from a job's page (申请推荐) and follows it under 我的推荐: the
button, the message after, 已申请推荐 with the day instead of the button, each state in plain
words, withdrawing one's own, a family member choosing for which person, what the engine's check
finds against a pair, and 404 for another person's referral."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.core.models import AuditRecord
from ablework.demo.seeding import DEMO_PASSWORD, create_account
from ablework.matching.models import Referral, ReferralState
from ablework.matching.services.referral_steps import (
    InterviewInput,
    record_interview,
    record_not_hired,
)
from ablework.matching.services.referrals import ReferralRefused, refer_requested
from ablework.registry.models import Person
from tests.accounts.factories import ProxyConsentFactory
from tests.helpers import signed_in
from tests.matching.referral_market import ABILITIES, TODAY, YUELU, Market, market, on_today, refer
from tests.matching.seekers import record_seeker
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db
__all__ = ["market", "on_today"]  # fixtures


def _text(response) -> str:
    body = response.content.decode()
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", body)


def _own_account(market: Market) -> User:
    return create_account(
        ("hunan_person", Role.PERSON, "", "湖南甲"), password=DEMO_PASSWORD, person=market.person
    )


def _job(posting_id: int) -> str:
    return f"/matching/jobs/{posting_id}/"


def test_a_person_asks_for_a_referral_and_the_page_says_so_with_the_day(market):
    client = signed_in(_own_account(market))
    page = client.get(_job(market.posting.pk)).content.decode()
    assert f'action="/matching/jobs/{market.posting.pk}/ask/"' in page
    assert ">申请推荐</button>" in page
    assert "为谁申请" not in page  # a person asks for themselves

    done = client.post(f"/matching/jobs/{market.posting.pk}/ask/", follow=True)

    assert done.redirect_chain == [(_job(market.posting.pk), 302)]
    text = _text(done)
    assert "已申请推荐到" in text
    assert "进展在“我的推荐”里" in text
    assert f"已申请推荐 ：{TODAY:%Y-%m-%d}申请，现在是“本人申请推荐”。" in text
    assert ">申请推荐</button>" not in done.content.decode()
    referral = Referral.objects.get(person=market.person, posting=market.posting)
    assert (referral.state, referral.consent_how) == ("requested", "online")
    assert AuditRecord.objects.filter(
        action="matching.referral.ask", target_id=str(referral.pk)
    ).exists()


def test_asking_twice_says_it_was_asked_already(market):
    client = signed_in(_own_account(market))
    client.post(f"/matching/jobs/{market.posting.pk}/ask/")
    again = client.post(f"/matching/jobs/{market.posting.pk}/ask/", follow=True)
    assert "您已经申请过这个岗位的推荐，现在是“本人申请推荐”" in _text(again)
    assert Referral.objects.filter(person=market.person).count() == 1


def test_asking_needs_a_post_with_the_csrf_token(market):
    client = signed_in(_own_account(market))
    assert client.get(f"/matching/jobs/{market.posting.pk}/ask/").status_code == 405


def test_a_pair_the_engine_refuses_shows_its_reason_by_the_button(market):
    # given a job whose work needs reading print, which the person cannot do
    posting = market.post(title="纸质档案整理员", demands={"read_print": "essential"})
    client = signed_in(_own_account(market))
    # then the job's page says, in the engine's words, why a counsellor cannot refer them now
    text = _text(client.get(_job(posting.pk)))
    assert "按登记的情况核对，就业服务专员现在还不能推荐到这个岗位" in text
    assert "硬性条件3" in text
    assert "阅读纸质文字" in text
    # the person may still ask (their wish): the counsellor sees the same reason and cannot refer
    client.post(f"/matching/jobs/{posting.pk}/ask/")
    asked = Referral.objects.get(person=market.person, posting=posting)
    staff = _text(signed_in(market.counsellor).get(f"/matching/referrals/{asked.pk}/"))
    assert "硬性条件3" in staff
    with pytest.raises(ReferralRefused, match="硬性条件3"):
        refer_requested(actor=market.counsellor, referral_id=asked.pk, seen_version=asked.version)


def test_my_referrals_says_each_state_in_words_with_the_reason_and_what_next(market):
    account = _own_account(market)
    client = signed_in(account)
    client.post(f"/matching/jobs/{market.posting.pk}/ask/")
    asked = Referral.objects.get(person=market.person, posting=market.posting)
    page = _text(client.get("/matching/jobs/referrals/"))
    assert "共 1 条推荐" in page
    assert market.posting.title in page
    assert market.posting.employer.name in page
    assert f"现在：本人申请推荐（{TODAY:%Y-%m-%d}）" in page
    assert "就业服务专员会核对这个岗位是否适合您" in page

    refer_requested(actor=market.counsellor, referral_id=asked.pk, seen_version=asked.version)
    asked.refresh_from_db()
    assert "现在：已推荐" in _text(client.get("/matching/jobs/referrals/"))

    record_interview(
        actor=market.employer,
        referral_id=asked.pk,
        seen_version=asked.version,
        interview=InterviewInput(
            at=datetime(2026, 6, 17, 9, 30, tzinfo=UTC), online=False, place="公司二楼会议室"
        ),
    )
    asked.refresh_from_db()
    page = _text(client.get("/matching/jobs/referrals/"))
    assert "现在：已安排面试" in page
    assert "面试地点：公司二楼会议室" in page
    assert "请按时参加面试" in page

    record_not_hired(
        actor=market.employer,
        referral_id=asked.pk,
        seen_version=asked.version,
        reason="skills",
        note="",
    )
    page = _text(client.get("/matching/jobs/referrals/"))
    assert "现在：未录用" in page
    assert "原因：技能或经验与岗位要求不符" in page
    assert "撤回这条推荐" not in page  # ended
    # the dated steps, oldest first
    assert re.search(r"本人申请推荐 .*已推荐 .*已安排面试 .*未录用", page.split("经过")[1])


def test_a_person_withdraws_their_own_request_with_a_reason(market):
    client = signed_in(_own_account(market))
    client.post(f"/matching/jobs/{market.posting.pk}/ask/")
    asked = Referral.objects.get(person=market.person, posting=market.posting)
    url = f"/matching/jobs/referrals/{asked.pk}/withdraw/"
    assert f'href="{url}"' in client.get("/matching/jobs/referrals/").content.decode()

    refused = client.post(url, {"version": asked.version})
    assert refused.status_code == 200
    assert "撤回的原因" in _text(refused)

    done = client.post(url, {"version": asked.version, "note": "已经找到其他工作"}, follow=True)
    assert done.redirect_chain == [("/matching/jobs/referrals/", 302)]
    text = _text(done)
    assert "已撤回到" in text
    assert "现在：已撤回" in text
    assert "撤回方：本人" in text
    asked.refresh_from_db()
    assert asked.state == ReferralState.WITHDRAWN
    # and may ask again: the job's page shows the button once more
    assert ">申请推荐</button>" in client.get(_job(market.posting.pk)).content.decode()


def test_withdrawing_on_an_old_page_answers_409_with_what_the_other_recorded(market):
    client = signed_in(_own_account(market))
    client.post(f"/matching/jobs/{market.posting.pk}/ask/")
    asked = Referral.objects.get(person=market.person, posting=market.posting)
    seen = asked.version
    refer_requested(actor=market.counsellor, referral_id=asked.pk, seen_version=seen)
    stale = client.post(
        f"/matching/jobs/referrals/{asked.pk}/withdraw/", {"version": seen, "note": "不想去了"}
    )
    assert stale.status_code == 409
    assert "推荐残疾人到岗位" in _text(stale)
    asked.refresh_from_db()
    assert asked.state == ReferralState.REFERRED


def test_another_persons_referral_is_not_found(market):
    other = PersonFactory(name="湖南丙", county_code=YUELU)
    record_seeker(market.counsellor, other, on=TODAY - timedelta(days=5), abilities=ABILITIES)
    theirs = refer(market, person=other)
    client = signed_in(_own_account(market))
    assert client.get(f"/matching/jobs/referrals/{theirs.pk}/withdraw/").status_code == 404
    assert (
        client.post(
            f"/matching/jobs/referrals/{theirs.pk}/withdraw/", {"version": 1, "note": "x"}
        ).status_code
        == 404
    )
    assert "湖南丙" not in _text(client.get("/matching/jobs/referrals/"))
    # asking for another person is refused as not found
    assert (
        client.post(f"/matching/jobs/{market.posting.pk}/ask/", {"person": other.pk}).status_code
        == 404
    )
    assert not Referral.objects.filter(person=other, source="request").exists()


def test_staff_and_employers_have_no_such_pages(market):
    for user in (market.counsellor, market.employer):
        client = signed_in(user)
        assert client.get("/matching/jobs/referrals/").status_code == 404
        assert client.post(f"/matching/jobs/{market.posting.pk}/ask/").status_code == 404


def _family_of_two(market: Market) -> tuple[User, Person]:
    second = PersonFactory(name="湖南丁", county_code=YUELU)
    record_seeker(market.counsellor, second, on=TODAY - timedelta(days=5), abilities=ABILITIES)
    first = ProxyConsentFactory(person=market.person, family_member__username="hunan_family")
    ProxyConsentFactory(person=second, family_member=first.family_member)
    return first.family_member, second


def test_a_family_member_chooses_for_which_person_to_ask(market):
    family, second = _family_of_two(market)
    client = signed_in(family)
    page = client.get(_job(market.posting.pk)).content.decode()
    assert '<label for="ask-person">为谁申请</label>' in page

    done = client.post(
        f"/matching/jobs/{market.posting.pk}/ask/", {"person": second.pk}, follow=True
    )

    asked = Referral.objects.get(posting=market.posting)
    assert (asked.person, asked.consent_how) == (second, "proxy")
    text = _text(done)
    assert "已为湖南丁申请推荐到" in text
    assert "已申请推荐 （湖南丁）" in text
    # the other person may still be asked for, and only they are offered
    select = done.content.decode().split('id="ask-person"')[1].split("</select>")[0]
    assert "湖南甲" in select
    assert "湖南丁" not in select
    listed = _text(client.get("/matching/jobs/referrals/"))
    assert "为湖南丁" in listed
