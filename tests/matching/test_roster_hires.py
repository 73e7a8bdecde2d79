"""A hire from a referral pre-fills the employer's quota roster of its year: the hire shows under
从推荐录用人员添加 on the employer's draft of that year, adding it makes a line with the person's
certificate and the start day as the contract's start (through quota's save, audited), a second
add is refused, a save over another's answers 409, another employer sees and adds nothing; with
no draft of the year the referral's page says so and where to start one."""

from __future__ import annotations

import pytest

from ablework.accounts.roles import Role
from ablework.core.errors import Conflict, NotFound
from ablework.core.models import AuditRecord
from ablework.core.versioning import StaleRecord
from ablework.demo.seeding import DEMO_PASSWORD, create_account
from ablework.demo.synthetic import uscc_with_check
from ablework.employers.services.register import EmployerDetails, create_employer
from ablework.matching.audit_actions import MatchingAction
from ablework.matching.selectors.roster_hires import hires_for_roster
from ablework.matching.services.referral_steps import record_hire
from ablework.matching.services.roster_hires import add_hire_to_roster
from ablework.quota.inputs import Headcount
from ablework.quota.models import Declaration, RosterLine
from ablework.quota.services.drafts import DraftChanges, open_declaration, save_draft
from ablework.registry.audit_actions import RegistryAction
from tests.helpers import signed_in
from tests.matching.referral_market import TODAY, YUELU, market, on_today, refer

pytestmark = pytest.mark.django_db
__all__ = ["market", "on_today"]  # fixtures


def _hire(market):
    referral = refer(market)
    return record_hire(
        actor=market.employer,
        referral_id=referral.pk,
        seen_version=referral.version,
        started_on=TODAY,
    )


def _draft(user, year=TODAY.year) -> Declaration:
    return open_declaration(actor=user, uscc=user.employer.uscc, levy_year=year)


def _post_add(client, referral, declaration, version=None):
    return client.post(
        f"/matching/referrals/{referral.pk}/to-roster/",
        {"declaration": declaration.pk, "version": version or declaration.version},
    )


def _other_employer_user(market):
    employer = create_employer(
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
    return create_account(
        ("other_employer", Role.EMPLOYER, "", "其他单位经办人"),
        password=DEMO_PASSWORD,
        employer=employer,
    )


def test_a_hire_is_suggested_on_the_draft_of_its_year_and_adding_it_makes_its_line(market):
    # given a referral hired from 2026-06-15 and the employer's 2026 draft
    hired = _hire(market)
    draft = _draft(market.employer)
    client = signed_in(market.employer)
    page = client.get(f"/quota/declarations/{draft.pk}/").content.decode()
    assert "从推荐录用人员添加" in page
    assert f"将{market.person.name}添加到名单" in page
    # the page named the person: a view of them is logged
    assert AuditRecord.objects.filter(
        action=RegistryAction.PERSON_VIEW.value,
        target_id=str(market.person.pk),
        actor_id=market.employer.pk,
    ).exists()

    # when the employer adds them
    response = _post_add(client, hired, draft)

    # then the roster has their line: certificate, name, grade, labour contract from the start day
    assert response.status_code == 302
    assert response["Location"] == f"/quota/declarations/{draft.pk}/#roster"
    [line] = RosterLine.objects.filter(declaration=draft)
    person = market.person
    assert line.certificate_number == person.certificate_number
    assert (line.name, line.grade) == (person.name, person.disability_grade)
    assert (line.employment_form, line.contract_start) == ("labour_contract", TODAY)
    assert line.post == hired.posting.title
    draft.refresh_from_db()
    assert draft.version == 2  # saved through the quota service
    assert AuditRecord.objects.filter(
        action="quota.declaration.save", target_id=str(draft.pk)
    ).exists()
    record = AuditRecord.objects.get(
        action=MatchingAction.REFERRAL_TO_ROSTER.value, target_id=str(hired.pk)
    )
    assert record.detail["declaration"] == draft.pk
    page = client.get(f"/quota/declarations/{draft.pk}/").content.decode()
    assert "从推荐录用人员添加" not in page  # nobody left to add
    assert person.certificate_masked in page  # the roster's line


def test_a_second_add_is_refused_and_adds_no_line(market):
    hired = _hire(market)
    draft = _draft(market.employer)
    add_hire_to_roster(
        actor=market.employer, referral_id=hired.pk, declaration_id=draft.pk, version=1
    )
    with pytest.raises(Conflict) as refused:
        add_hire_to_roster(
            actor=market.employer, referral_id=hired.pk, declaration_id=draft.pk, version=2
        )
    assert "已在 2026 年度的申报名单中" in refused.value.message
    # from the page too: back on the declaration, saying so
    client = signed_in(market.employer)
    draft.refresh_from_db()
    response = _post_add(client, hired, draft)
    assert response.status_code == 302
    followed = client.get(response["Location"]).content.decode()
    assert "已在 2026 年度的申报名单中" in followed
    assert RosterLine.objects.filter(declaration=draft).count() == 1


def test_an_add_over_another_users_save_answers_409_and_adds_nothing(market):
    hired = _hire(market)
    draft = _draft(market.employer)
    # another user of the employer saved the headcount after the page was opened (version 1)
    save_draft(
        actor=market.employer,
        declaration_id=draft.pk,
        version=1,
        changes=DraftChanges(headcount=Headcount(monthly=(50,) * 12)),
    )
    with pytest.raises(StaleRecord):
        add_hire_to_roster(
            actor=market.employer, referral_id=hired.pk, declaration_id=draft.pk, version=1
        )
    response = _post_add(signed_in(market.employer), hired, draft, version=1)
    assert response.status_code == 409
    assert "申报已被他人修改" in response.content.decode()
    assert not RosterLine.objects.filter(declaration=draft).exists()


def test_another_employer_neither_sees_nor_adds_the_hire(market):
    hired = _hire(market)
    other = _other_employer_user(market)
    theirs = _draft(other)
    assert hires_for_roster(other, theirs) == []
    page = signed_in(other).get(f"/quota/declarations/{theirs.pk}/").content.decode()
    assert "从推荐录用人员添加" not in page
    assert market.person.name not in page
    with pytest.raises(NotFound):
        add_hire_to_roster(actor=other, referral_id=hired.pk, declaration_id=theirs.pk, version=1)
    assert _post_add(signed_in(other), hired, theirs).status_code == 404
    assert not RosterLine.objects.filter(declaration=theirs).exists()


def test_a_hire_of_another_year_is_not_suggested_on_this_years_draft(market):
    _hire(market)  # 2026
    last_year = _draft(market.employer, year=2025)
    assert hires_for_roster(market.employer, last_year) == []


def test_without_a_draft_the_hired_referrals_page_says_so_and_where_to_start(market):
    hired = _hire(market)
    client = signed_in(market.employer)
    page = client.get(f"/matching/referrals/{hired.pk}/").content.decode()
    assert "本单位还没有 2026 年度的申报草稿" in page
    # on 2026-06-15 the 2025 declarations are being filled in; 2026's starts in 2027
    assert "2026 年度的申报从 2027 年开始填写" in page
    assert 'href="/quota/"' in page
    draft = _draft(market.employer)
    page = client.get(f"/matching/referrals/{hired.pk}/").content.decode()
    assert f'href="/quota/declarations/{draft.pk}/#referral-hires"' in page
    assert "在 2026 年度申报中添加" in page
