"""岗位候选人: staff open a posting and see the job seekers of their area who meet all its hard
constraints, best first, with the explanation and the same score their own page gives; the
page lists names and townships, no identifiers; it is logged once, naming each person listed;
another county's counsellor gets 404; the person's services page links to their jobs."""

from __future__ import annotations

from typing import Any

import pytest

from ablework.core.models import AuditPerson, AuditRecord
from ablework.matching.audit_actions import MatchingAction
from ablework.matching.selectors.person_market import person_jobs
from tests.helpers import signed_in
from tests.matching.batches import ON, seed_batch_market

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(demo_data: dict[str, Any]) -> dict[str, Any]:
    return seed_batch_market(demo_data)


def _page(user: Any, posting: Any) -> Any:
    return signed_in(user).get(
        f"/matching/postings/{posting.pk}/candidates/", {"on": ON.isoformat()}
    )


def test_staff_see_the_seekers_who_meet_every_hard_constraint_best_first(market, demo_data):
    phone_job = market["postings"][0]  # 电话客服: phone and screen reading essential
    response = _page(demo_data["rencheng_counsellor"], phone_job)

    assert response.status_code == 200
    body = response.content.decode()
    listed = body.split('<ol class="suggestions">')[1].split("</ol>")[0]
    for key in ("ready", "typist"):
        assert market[key].name in listed
    for key in ("no_phone", "short_hours", "dear"):  # phone, 20 hours, 9,000 yuan
        assert market[key].name not in listed
    assert "辖区内可参与匹配的求职者共 5 人，其中 2 人符合这个岗位的全部硬性条件。" in body
    assert "电话沟通（必需）：本人可直接胜任" in listed
    assert "1 人：还没有职业能力评估和就业需求登记，无法匹配岗位" in body
    for key in ("ready", "typist"):
        assert market[key].resident_id_masked not in body
    # the typist's skills (电脑打字 数据录入) are further from 电话客服 than the ready one's
    assert listed.index(market["ready"].name) < listed.index(market["typist"].name)


def test_a_candidates_score_is_the_one_on_their_own_page(market, demo_data):
    phone_job = market["postings"][0]
    body = _page(demo_data["rencheng_counsellor"], phone_job).content.decode()

    for key in ("ready", "typist"):
        mine = person_jobs(market[key], ON)
        score = next(s.score for s in mine.suggestions if s.posting_id == phone_job.pk)
        after = body.split(f">{market[key].name}</a>")[1]
        assert f"得分 {score}" in after.split("</article>")[0]


def test_the_view_is_logged_once_naming_each_person_listed(market, demo_data):
    counsellor = demo_data["rencheng_counsellor"]
    _page(counsellor, market["postings"][0])

    record = AuditRecord.objects.get(
        action=MatchingAction.CANDIDATES_VIEW.value, actor_id=counsellor.pk
    )
    assert record.target_id == str(market["postings"][0].pk)
    named = set(AuditPerson.objects.filter(record=record).values_list("person_id", flat=True))
    assert named == {market["ready"].pk, market["typist"].pk}


def test_another_countys_counsellor_gets_not_found(market, demo_data):
    response = _page(demo_data["weishan_counsellor"], market["postings"][0])

    assert response.status_code == 404
    assert market["ready"].name not in response.content.decode()
    assert not AuditRecord.objects.filter(action=MatchingAction.CANDIDATES_VIEW.value).exists()


def test_a_posting_that_cannot_be_matched_says_why(market, demo_data):
    # on 2026-06-01 no minimum wage is known for 任城区: its postings cannot be checked
    response = signed_in(demo_data["rencheng_counsellor"]).get(
        f"/matching/postings/{market['postings'][0].pk}/candidates/", {"on": "2026-06-01"}
    )

    body = response.content.decode()
    assert "这个岗位暂时不能匹配：" in body


def test_the_posting_and_the_persons_services_page_link_to_matching(market, demo_data):
    client = signed_in(demo_data["rencheng_counsellor"])
    posting = market["postings"][0]
    detail = client.get(f"/matching/postings/{posting.pk}/").content.decode()
    assert f"/matching/postings/{posting.pk}/candidates/" in detail

    person = market["ready"]
    services = client.get(f"/support/persons/{person.pk}/").content.decode()
    assert f'href="/matching/persons/{person.pk}/jobs/"' in services
    assert f"为{person.name}推荐岗位" in services

    auditor = signed_in(demo_data["jining_auditor"])
    assert "/candidates/" not in auditor.get(f"/matching/postings/{posting.pk}/").content.decode()
