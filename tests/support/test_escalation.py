"""Escalation (升级帮扶): after Hunan's three referrals in a row without a job the refresh proposes
a public-welfare post, with its owner, deadline and the rule's source; a hire resets the count;
no proposal twice, none where no parameter applies; the decision is scoped, audited and
versioned; the list, the person's page, the queue's panel and completion show them."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from ablework.accounts.roles import Role
from ablework.core.errors import FieldsInvalid, Invalid
from ablework.core.models import AuditRecord
from ablework.demo.seeding import DEMO_PASSWORD, create_account
from ablework.support.models import CycleCase, EscalationProposal, Route
from ablework.support.services.cases import refresh_cases
from ablework.support.services.escalation import (
    DecisionInput,
    decide_escalation,
    reassign_escalation,
)
from ablework.support.services.proposals import months_before
from ablework.support.services.records import ServiceInput, record_service
from tests.helpers import signed_in
from tests.support.conftest import TODAY

pytestmark = pytest.mark.django_db

YUELU = "430104"


@pytest.fixture
def yuelu(db):
    """岳麓区 (Hunan, N = 3): a counsellor and the county's administrator."""
    return {
        "counsellor": create_account(
            ("yuelu_counsellor", Role.COUNSELLOR, YUELU, "岳麓区就业服务专员"),
            password=DEMO_PASSWORD,
        ),
        "admin": create_account(
            ("yuelu_admin", Role.COUNTY_ADMIN, YUELU, "岳麓区残联管理员"), password=DEMO_PASSWORD
        ),
    }


@pytest.fixture
def hunan_person(person, yuelu):
    return person(name="湖南甲", county_code=YUELU, address="岳麓区麓山南路1号")


def refer(actor, person, on, result="not_hired"):
    return record_service(
        actor=actor,
        person_id=person.pk,
        service=ServiceInput(
            on=on,
            kind="referral",
            channel="on_site",
            result=result,
            outcome="推荐到超市理货岗位",
            next_step="",
            next_due=None,
            given_by="王专员",
        ),
    )


def proposals(person):
    return list(EscalationProposal.objects.filter(person=person).order_by("pk"))


def test_three_failed_referrals_in_hunan_propose_a_public_welfare_post(today, yuelu, hunan_person):
    counsellor = yuelu["counsellor"]
    for days in (40, 30):
        refer(counsellor, hunan_person, TODAY - timedelta(days=days))
    assert proposals(hunan_person) == []  # N - 1 referrals: nothing yet
    third = refer(counsellor, hunan_person, TODAY - timedelta(days=20))
    [proposal] = proposals(hunan_person)
    assert proposal.threshold == 3
    assert proposal.parameter == "support.escalation_referrals"
    assert "连续3次岗位推荐仍无法实现就业" in proposal.source
    assert "方案4" in proposal.source
    assert len(proposal.referral_ids) == 3
    assert proposal.referral_ids[-1] == third.pk
    assert proposal.route == Route.PUBLIC_WELFARE
    assert proposal.owner == counsellor
    assert proposal.due_on == TODAY + timedelta(days=30)
    assert CycleCase.objects.get(person=hunan_person, year=2026).escalation_open


def test_a_hire_resets_the_count(today, yuelu, hunan_person):
    counsellor = yuelu["counsellor"]
    refer(counsellor, hunan_person, TODAY - timedelta(days=50))
    refer(counsellor, hunan_person, TODAY - timedelta(days=40))
    refer(counsellor, hunan_person, TODAY - timedelta(days=35), result="hired")
    refer(counsellor, hunan_person, TODAY - timedelta(days=30))
    refer(counsellor, hunan_person, TODAY - timedelta(days=20))
    assert proposals(hunan_person) == []
    refer(counsellor, hunan_person, TODAY - timedelta(days=10))
    assert len(proposals(hunan_person)) == 1


def test_refreshing_again_adds_no_second_proposal(today, yuelu, hunan_person):
    counsellor = yuelu["counsellor"]
    for days in (30, 20, 10, 5):
        refer(counsellor, hunan_person, TODAY - timedelta(days=days))
    refresh_cases(person_ids=[hunan_person.pk], on=TODAY)
    refresh_cases(person_ids=[hunan_person.pk], on=TODAY)
    assert len(proposals(hunan_person)) == 1


def test_no_proposal_where_no_parameter_applies(today, demo_data, guhuai_person):
    counsellor = demo_data["rencheng_counsellor"]  # 任城区, Shandong: no N, no M
    for days in (40, 30, 20, 10):
        refer(counsellor, guhuai_person, TODAY - timedelta(days=days))
    assert proposals(guhuai_person) == []
    html = signed_in(counsellor).get("/support/escalations/").content.decode()
    assert "没有规定升级帮扶的条件" in html


def _proposed(yuelu, person):
    for days in (30, 20, 10):
        refer(yuelu["counsellor"], person, TODAY - timedelta(days=days))
    return proposals(person)[0]


def test_the_decision_is_recorded_and_audited(today, yuelu, hunan_person):
    proposal = _proposed(yuelu, hunan_person)
    client = signed_in(yuelu["counsellor"])
    url = f"/support/escalations/{proposal.pk}/decide/"
    page = client.get(url).content.decode()
    assert "连续3次岗位推荐仍无法实现就业" in page
    response = client.post(
        url, {"version": proposal.version, "decision": "accepted", "placed_route": ""}
    )
    assert "请选择安置到哪一途径" in response.content.decode()
    response = client.post(
        url,
        {"version": proposal.version, "decision": "accepted", "placed_route": "public_welfare"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.decision, proposal.placed_route) == ("accepted", "public_welfare")
    assert proposal.decided_by == yuelu["counsellor"]
    audit = AuditRecord.objects.get(action="support.escalation.decide")
    assert audit.target_id == str(proposal.pk)
    assert audit.changes["placed_route"] == ["", "public_welfare"]
    case = CycleCase.objects.get(person=hunan_person, year=2026)
    assert not case.escalation_open
    # three more failures after the decision start a new count
    for days in (3, 2, 1):
        refer(yuelu["counsellor"], hunan_person, TODAY - timedelta(days=days))
    assert len(proposals(hunan_person)) == 2


def test_a_decision_over_anothers_is_refused_with_409(today, yuelu, hunan_person):
    proposal = _proposed(yuelu, hunan_person)
    decide_escalation(
        actor=yuelu["admin"],
        proposal_id=proposal.pk,
        seen_version=proposal.version,
        decision=DecisionInput(decision="declined", reason="本人已在亲属店里工作"),
    )
    response = signed_in(yuelu["counsellor"]).post(
        f"/support/escalations/{proposal.pk}/decide/",
        {"version": proposal.version, "decision": "accepted", "placed_route": "training"},
    )
    assert response.status_code == 409
    assert "不予安置" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.decision == "declined"


def test_a_counsellor_of_another_county_gets_404(today, yuelu, hunan_person, demo_data):
    proposal = _proposed(yuelu, hunan_person)
    client = signed_in(demo_data["rencheng_counsellor"])
    assert client.get(f"/support/escalations/{proposal.pk}/decide/").status_code == 404
    assert "湖南甲" not in client.get("/support/escalations/").content.decode()


def test_the_list_the_person_page_and_the_queue_panel_show_the_proposal(today, yuelu, hunan_person):
    proposal = _proposed(yuelu, hunan_person)
    client = signed_in(yuelu["counsellor"])
    listing = client.get("/support/escalations/").content.decode()
    assert "湖南甲" in listing
    assert "公益性岗位" in listing
    assert "连续3次岗位推荐仍无法实现就业" in listing  # the rule with its source
    mine = client.get(f"/support/escalations/?owner={yuelu['counsellor'].pk}").content.decode()
    assert "湖南甲" in mine
    others = client.get(f"/support/escalations/?owner={yuelu['admin'].pk}").content.decode()
    assert "湖南甲" not in others
    person_page = client.get(f"/support/persons/{hunan_person.pk}/").content.decode()
    assert "升级帮扶" in person_page
    assert f"/support/escalations/{proposal.pk}/decide/" in person_page
    queue = client.get("/support/queue/").content.decode()
    assert f"/support/escalations/{proposal.pk}/decide/" in queue


def test_completion_counts_open_escalations_and_plan_coverage(today, yuelu, hunan_person):
    client = signed_in(yuelu["admin"])

    def row() -> str:
        html = client.get("/support/completion/").content.decode()
        table = html[html.index("<caption>按县（市、区）：一人一策、逾期行动与升级帮扶") :]
        return table[: table.index("</table>")]

    refresh_cases(person_ids=[hunan_person.pk], on=TODAY)
    link = "/support/completion/persons/?what=escalation_open&amp;region=430104"
    before = row()
    assert "0 / 1" in before  # coverage: no approved plan of one in scope
    assert link not in before
    _proposed(yuelu, hunan_person)
    after = row()
    assert link in after
    assert "0 / 1" in after
    persons = client.get(link.replace("&amp;", "&")).content.decode()
    assert "湖南甲" in persons
    no_plan = client.get("/support/completion/persons/?what=no_plan&region=430104")
    assert "湖南甲" in no_plan.content.decode()
    response = client.get("/support/completion/export.xlsx")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book["一人一策与升级帮扶（县）"]
    header = [cell.value for cell in sheet[1]]
    values = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert values["待决定的升级帮扶建议"] == 1
    assert values["有已批准计划人数"] == 0


def test_months_before_keeps_the_day_or_the_months_last():
    assert months_before(date(2026, 6, 15), 6) == date(2025, 12, 15)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)


def test_an_open_proposal_is_given_to_another_owner_of_the_persons_place_audited(
    today, yuelu, hunan_person
):
    proposal = _proposed(yuelu, hunan_person)
    colleague = create_account(
        ("yuelu_counsellor2", Role.COUNSELLOR, YUELU, "岳麓区就业服务专员乙"),
        password=DEMO_PASSWORD,
    )
    elsewhere = create_account(
        ("furong_counsellor", Role.COUNSELLOR, "430102", "芙蓉区就业服务专员"),
        password=DEMO_PASSWORD,
    )
    assert proposal.owner == yuelu["counsellor"]
    client = signed_in(yuelu["admin"])
    url = f"/support/escalations/{proposal.pk}/owner/"
    assert (
        f'href="{url}"'
        in client.get(f"/support/escalations/{proposal.pk}/decide/").content.decode()
    )
    page = client.get(url).content.decode()
    # the choices: the county's other workers, not the owner, not another county's
    assert "岳麓区就业服务专员乙" in page
    assert "芙蓉区就业服务专员" not in page
    # another county's worker, or no reason: refused on the fields, nothing changed
    refused = client.post(url, {"version": proposal.version, "owner": elsewhere.pk, "reason": ""})
    text = refused.content.decode()
    assert "请写明改派的原因。" in text
    assert "新的负责人须是负责此人所在地就业服务的工作人员。" in text
    # the service checks it too, whatever the page offered
    with pytest.raises(FieldsInvalid) as refused_by_service:
        reassign_escalation(
            actor=yuelu["admin"],
            proposal_id=proposal.pk,
            seen_version=proposal.version,
            owner_id=elsewhere.pk,
            reason="芙蓉区的专员熟悉此人",
        )
    assert set(refused_by_service.value.problems) == {"owner"}
    proposal.refresh_from_db()
    assert proposal.owner == yuelu["counsellor"]
    assert proposal.version == 1
    saved = client.post(
        url, {"version": proposal.version, "owner": colleague.pk, "reason": "原负责人休产假"}
    )
    assert saved.status_code == 302
    proposal.refresh_from_db()
    assert proposal.owner == colleague
    assert proposal.version == 2
    audit = AuditRecord.objects.get(action="support.escalation.reassign")
    assert audit.target_id == str(proposal.pk)
    assert audit.changes["owner"] == ["岳麓区就业服务专员", "岳麓区就业服务专员乙"]
    assert audit.detail["reason"] == "原负责人休产假"
    # the list filtered by the new owner shows it
    listing = client.get(f"/support/escalations/?county={YUELU}&owner={colleague.pk}")
    assert "湖南甲" in listing.content.decode()


def test_a_reassignment_over_anothers_change_is_refused_with_409(today, yuelu, hunan_person):
    proposal = _proposed(yuelu, hunan_person)
    opened = proposal.version
    reassign_escalation(
        actor=yuelu["counsellor"],
        proposal_id=proposal.pk,
        seen_version=opened,
        owner_id=yuelu["admin"].pk,
        reason="县里统一安排公益性岗位",
    )
    response = signed_in(yuelu["admin"]).post(
        f"/support/escalations/{proposal.pk}/owner/",
        {"version": opened, "owner": yuelu["counsellor"].pk, "reason": "改回原负责人"},
    )
    assert response.status_code == 409
    assert "改派升级帮扶建议的负责人" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.owner == yuelu["admin"]
    # a decided proposal keeps its owner: the service refuses, the page offers no form
    decide_escalation(
        actor=yuelu["admin"],
        proposal_id=proposal.pk,
        seen_version=proposal.version,
        decision=DecisionInput(decision="declined", reason="本人已在亲属店里工作"),
    )
    proposal.refresh_from_db()
    page = signed_in(yuelu["admin"]).get(f"/support/escalations/{proposal.pk}/owner/")
    assert "不能再改派负责人" in page.content.decode()
    assert '<form method="post"' not in page.content.decode().split("<main", 1)[-1]
    with pytest.raises(Invalid):
        reassign_escalation(
            actor=yuelu["admin"],
            proposal_id=proposal.pk,
            seen_version=proposal.version,
            owner_id=yuelu["counsellor"].pk,
            reason="改回原负责人",
        )


def test_a_counsellor_of_another_county_cannot_reassign(today, yuelu, hunan_person, demo_data):
    proposal = _proposed(yuelu, hunan_person)
    client = signed_in(demo_data["rencheng_counsellor"])
    url = f"/support/escalations/{proposal.pk}/owner/"
    assert client.get(url).status_code == 404
    posted = client.post(
        url,
        {"version": proposal.version, "owner": demo_data["rencheng_counsellor"].pk, "reason": "x"},
    )
    assert posted.status_code == 404
    proposal.refresh_from_db()
    assert proposal.owner == yuelu["counsellor"]
