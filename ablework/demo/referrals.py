"""The demo's referrals (岗位推荐), one in every state, made through the referral services as the
people who would make them, after the postings (demo/postings.py) and 岳麓区's market and batch
(demo/market.py):

- 任城区: `person_user` asks online to be referred to `employer_user`'s 电话客服专员 — 本人申请推荐,
  waiting for `rencheng_counsellor` (whose page shows that the engine cannot check the pair: no
  济宁 minimum wage is known after 2023-09-30, docs/rules.md) — and withdrew their request for
  社区公益保洁员 (已撤回, by the person);
- 岳麓区, each pair one of today's batch suggestions (so the engine's check passes), referred by
  `yuelu_counsellor` with the person's consent: 邓丽萍 to 物业客服（电话） (已推荐), 欧阳明 to
  电商客服（居家）, its online interview in two days (已安排面试), 袁梦瑶 to 软件测试员, withdrawn
  on her word (已撤回), and two to `yuelu_employer`'s 仓库记账员, interviewed by the employer:
  石磊 not hired (未录用, skills) and 易志勇 hired from today (已录用: the registry says 已就业
  with 长沙麓谷精密电子有限公司, the posting 已招满).

The services date every step today (the day it is recorded), as on the pages; the interview
still to come is two days ahead. Deterministic: persons, postings and texts are fixed by name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from ablework.accounts.models import User
from ablework.matching.models import JobPosting, PostingStatus, Referral, ReferralSource
from ablework.matching.services.referral_steps import (
    InterviewInput,
    record_hire,
    record_interview,
    record_not_hired,
    withdraw_referral,
)
from ablework.matching.services.referrals import ConsentInput, ask_for_referral, refer_person
from ablework.registry.models import Person

RENCHENG, YUELU = "370811", "430104"
ASKED, ASKED_AND_WITHDRAWN = "电话客服专员", "社区公益保洁员"
YUELU_EMPLOYER_POSTING = "仓库记账员"
HIRED, NOT_HIRED = "易志勇", "石磊"
REFERRED, INTERVIEW, WITHDRAWN = "邓丽萍", "欧阳明", "袁梦瑶"
# person → the posting of 岳麓区 they are referred to (each one of the batch's suggestions)
YUELU_PAIRS = {
    REFERRED: "物业客服（电话）",
    INTERVIEW: "电商客服（居家）",
    WITHDRAWN: "软件测试员",
    NOT_HIRED: YUELU_EMPLOYER_POSTING,
    HIRED: YUELU_EMPLOYER_POSTING,
}


@dataclass(frozen=True)
class DemoReferrals:
    requested: Referral
    referred: Referral
    interview: Referral
    hired: Referral
    not_hired: Referral
    withdrawn: tuple[Referral, ...]


def _posting(title: str, county: str) -> JobPosting:
    return JobPosting.objects.get(title=title, county_code=county, status=PostingStatus.OPEN)


def _person(name: str) -> Person:
    return Person.objects.get(name=name, county_code=YUELU)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _rencheng(accounts: dict[str, User]) -> tuple[Referral, Referral]:
    """person_user's request waiting for the counsellor, and one they withdrew."""
    person_user = accounts["person_user"]
    assert person_user.person_id is not None
    asked = ask_for_referral(
        actor=person_user,
        person_id=person_user.person_id,
        posting_id=_posting(ASKED, RENCHENG).pk,
    )
    other = ask_for_referral(
        actor=person_user,
        person_id=person_user.person_id,
        posting_id=_posting(ASKED_AND_WITHDRAWN, RENCHENG).pk,
    )
    withdrawn = withdraw_referral(
        actor=person_user,
        referral_id=other.pk,
        seen_version=other.version,
        by="person",
        note="已申请电话客服专员，先等那边的消息，撤回这一申请。",
    )
    return asked, withdrawn


def _refer(counsellor: User, name: str, how: str, today: date) -> Referral:
    return refer_person(
        actor=counsellor,
        person_id=_person(name).pk,
        posting_id=_posting(YUELU_PAIRS[name], YUELU).pk,
        source=ReferralSource.BATCH,
        consent=ConsentInput(how=how, on=today),
    )


def _interview(actor: User, referral: Referral, at: datetime, online: bool, place: str) -> Referral:
    return record_interview(
        actor=actor,
        referral_id=referral.pk,
        seen_version=referral.version,
        interview=InterviewInput(at=at, online=online, place=place),
    )


def _yuelu(accounts: dict[str, User], today: date) -> dict[str, Referral]:
    counsellor, employer = accounts["yuelu_counsellor"], accounts["yuelu_employer"]
    made = {
        REFERRED: _refer(counsellor, REFERRED, "oral", today),
        INTERVIEW: _refer(counsellor, INTERVIEW, "written", today),
        WITHDRAWN: _refer(counsellor, WITHDRAWN, "written", today),
        NOT_HIRED: _refer(counsellor, NOT_HIRED, "written", today),
        HIRED: _refer(counsellor, HIRED, "written", today),
    }
    made[INTERVIEW] = _interview(
        counsellor,
        made[INTERVIEW],
        _at(today + timedelta(days=2), 10),
        True,
        "视频面试（腾讯会议）",
    )
    withdrawn = made[WITHDRAWN]
    made[WITHDRAWN] = withdraw_referral(
        actor=counsellor,
        referral_id=withdrawn.pk,
        seen_version=withdrawn.version,
        by="person",
        note="本人来电：决定先参加软件测试培训，结业后再求职。",
    )
    for name in (NOT_HIRED, HIRED):
        made[name] = _interview(employer, made[name], _at(today, 9), False, "麓谷大道公司二楼")
    not_hired = made[NOT_HIRED]
    made[NOT_HIRED] = record_not_hired(
        actor=employer,
        referral_id=not_hired.pk,
        seen_version=not_hired.version,
        reason="skills",
        note="岗位需要仓库记账经验，已建议本人参加会计软件培训。",
    )
    hired = made[HIRED]
    made[HIRED] = record_hire(
        actor=employer, referral_id=hired.pk, seen_version=hired.version, started_on=today
    )
    return made


def seed_referrals_demo(accounts: dict[str, User]) -> DemoReferrals:
    """The referrals described above (needs the postings, the seeker demo's `person_user` and
    岳麓区's market with `yuelu_counsellor` and `yuelu_employer`)."""
    today = timezone.localdate()
    with transaction.atomic():
        requested, asked_and_withdrawn = _rencheng(accounts)
        yuelu = _yuelu(accounts, today)
    return DemoReferrals(
        requested=requested,
        referred=yuelu[REFERRED],
        interview=yuelu[INTERVIEW],
        hired=yuelu[HIRED],
        not_hired=yuelu[NOT_HIRED],
        withdrawn=(asked_and_withdrawn, yuelu[WITHDRAWN]),
    )
