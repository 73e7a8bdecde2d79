"""Recording the "四个一": each service names what is wrong field by field in plain Chinese;
a counsellor reaches only the persons of their area (404 otherwise, page and API alike); two
people correcting the same record never silently overwrite each other; the audit trail reads as
words. The record pages themselves: test_record_pages.py."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from ablework.core.audit_reading import readable_records
from ablework.core.errors import NotFound
from ablework.core.models import AuditRecord
from ablework.core.versioning import StaleRecord
from ablework.support.models import ServiceRecord
from ablework.support.services.records import (
    CheckInput,
    NeedsInput,
    RecordInvalid,
    RegistryCorrections,
    record_assessment,
    record_check,
    record_needs,
    record_service,
)
from tests.helpers import signed_in
from tests.support.record_inputs import TODAY, assessment_input, service_input

pytestmark = pytest.mark.django_db


def _messages(error: RecordInvalid) -> dict[str, list[str]]:
    return error.problems


def test_a_service_names_every_problem_on_its_field(demo_data, guhuai_person):
    counsellor = demo_data["rencheng_counsellor"]
    wrong = service_input(
        on=TODAY + timedelta(days=1),
        kind="guidance",
        result="hired",
        outcome="",
        next_due=None,
        given_by="",
    )
    with pytest.raises(RecordInvalid) as raised:
        record_service(actor=counsellor, person_id=guhuai_person.pk, service=wrong)
    assert _messages(raised.value) == {
        "on": ["服务日期不能晚于今天。"],
        "result": ["只有“职业介绍/岗位推荐”才有“推荐成功，已录用”的结果。"],
        "outcome": ["请填写服务情况。"],
        "next_due": ["写了下一步，请填写下一步期限。"],
        "given_by": ["请填写服务人员。"],
    }
    assert not ServiceRecord.objects.exists()


def test_a_next_step_is_due_after_the_service(demo_data, guhuai_person):
    counsellor = demo_data["rencheng_counsellor"]
    early = service_input(next_due=TODAY - timedelta(days=1))
    with pytest.raises(RecordInvalid) as raised:
        record_service(actor=counsellor, person_id=guhuai_person.pk, service=early)
    assert _messages(raised.value) == {"next_due": ["下一步期限不能早于服务日期。"]}


def test_a_check_names_its_problems(demo_data, guhuai_person):
    check = CheckInput(
        on=TODAY, channel="", verified=("wishes", "hobbies"), wants_work=None, given_by="李专员"
    )
    with pytest.raises(RecordInvalid) as raised:
        record_check(
            actor=demo_data["rencheng_counsellor"],
            person_id=guhuai_person.pk,
            check=check,
            corrections=RegistryCorrections(phone="电话"),
        )
    assert _messages(raised.value) == {
        "channel": ["请选择核对方式。"],
        "verified": ["没有这项核对内容：hobbies"],
        "wants_work": ["核对了就业意愿，请选择本人是否有就业意愿。"],
        "phone": ["新的联系电话应为 7 到 20 位数字（可含 +、- 和空格）。"],
    }


def test_an_assessment_names_its_problems_in_the_vocabulary(demo_data, guhuai_person):
    wrong = assessment_input(
        abilities={"read_screen": {"with": []}, "juggle": "can", "phone": "maybe"},
        hours_per_day=Decimal("25"),
        needs=("wings",),
        methods=(),
        summary=" ",
    )
    with pytest.raises(RecordInvalid) as raised:
        record_assessment(
            actor=demo_data["rencheng_counsellor"], person_id=guhuai_person.pk, assessment=wrong
        )
    assert _messages(raised.value) == {
        "abilities": [
            "“阅读屏幕文字”借助便利条件时，至少要选一项已有的便利条件。",
            "没有这项工作要求：juggle",
            "“电话沟通”的能力只能是能胜任、借助便利条件或不能胜任。",
        ],
        "hours_per_day": ["每天可工作小时数应在 0 到 24 之间，最多一位小数。"],
        "needs": ["没有这项便利条件：wings"],
        "methods": ["请至少选择一种评估方式。"],
        "summary": ["请填写评估结论。"],
    }


def test_needs_name_their_problems(demo_data, guhuai_person):
    wrong = NeedsInput(
        on=TODAY,
        occupations=("客户服务", "一个非常非常非常非常非常非常长的职业名称呀呀"),
        skills="",
        hours_per_week=0,
        places="",
        commute_km=None,
        wage_floor=Decimal("-1"),
        accepts_remote=False,
        needs=("lift",),
        training_wishes="",
        given_by="李专员",
    )
    with pytest.raises(RecordInvalid) as raised:
        record_needs(
            actor=demo_data["rencheng_counsellor"], person_id=guhuai_person.pk, needs=wrong
        )
    assert _messages(raised.value) == {
        "occupations": ["职业“一个非常非常非常…”太长：每个职业最多 20 个字。"],
        "hours_per_week": ["每周最多工作小时数应在 1 到 168 之间。"],
        "commute_km": ["请填写可接受的通勤距离。"],
        "wage_floor": ["期望月工资下限应为 0 或以上的金额（元）。"],
        "needs": ["没有这项便利条件：lift"],
    }


def test_a_counsellor_reaches_only_the_persons_of_their_area(
    demo_data, guhuai_person, weishan_person
):
    weishan = demo_data["weishan_counsellor"]
    with pytest.raises(NotFound):
        record_service(actor=weishan, person_id=guhuai_person.pk, service=service_input())
    client = signed_in(weishan)
    for name in ("person", "record_check", "record_assessment", "record_needs", "record_service"):
        assert client.get(reverse(f"support:{name}", args=[guhuai_person.pk])).status_code == 404
    assert client.get(reverse("support:person", args=[weishan_person.pk])).status_code == 200
    # a township's worker reaches their own street only
    township = signed_in(demo_data["rencheng_township"])
    assert township.get(reverse("support:person", args=[guhuai_person.pk])).status_code == 200
    assert township.get(reverse("support:person", args=[weishan_person.pk])).status_code == 404


def test_two_people_correcting_one_service_do_not_overwrite_each_other(demo_data, guhuai_person):
    counsellor, township = demo_data["rencheng_counsellor"], demo_data["rencheng_township"]
    service = record_service(actor=counsellor, person_id=guhuai_person.pk, service=service_input())
    url = reverse("support:record_service_correct", args=[guhuai_person.pk, service.pk])
    opened = {"version": "1", **_service_form(outcome="改为：已面试，等待结果")}
    # the first correction saves; the second, opened on the same version, is refused
    first = signed_in(counsellor).post(url, opened)
    assert first.status_code == 302
    second = signed_in(township).post(url, {**opened, "outcome": "改为：本人放弃"})
    assert second.status_code == 409
    page = second.content.decode()
    assert "此记录已被他人修改" in page
    assert "任城区就业服务专员" in page
    service.refresh_from_db()
    assert service.outcome == "改为：已面试，等待结果"
    assert service.version == 2
    with pytest.raises(StaleRecord):
        record_service(
            actor=township,
            person_id=guhuai_person.pk,
            service=service_input(outcome="再改"),
            record_id=service.pk,
            version=1,
        )


def _service_form(**overrides):
    data = {
        "on": TODAY.isoformat(),
        "kind": "referral",
        "channel": "phone",
        "result": "not_hired",
        "outcome": "推荐到客服中心",
        "next_step": "再推荐",
        "next_due": (TODAY + timedelta(days=14)).isoformat(),
        "given_by": "李专员",
    }
    data.update(overrides)
    return data


def test_the_records_audit_reads_as_words(demo_data, guhuai_person):
    counsellor = demo_data["rencheng_counsellor"]
    service = record_service(actor=counsellor, person_id=guhuai_person.pk, service=service_input())
    record_service(
        actor=counsellor,
        person_id=guhuai_person.pk,
        service=service_input(result="hired", next_step="", next_due=None),
        record_id=service.pk,
        version=service.version,
    )
    records = AuditRecord.objects.filter(action="support.service.record").order_by("pk")
    created, corrected = readable_records(list(records))
    assert created.action == "记录就业服务"
    assert created.target == f"{guhuai_person.name}的就业服务记录"
    assert created.region == "任城区古槐街道"
    assert "服务类型：— → 职业介绍/岗位推荐" in [str(change) for change in created.changes]
    assert corrected.kind == "修改"
    assert [str(change) for change in corrected.changes] == [
        "结果：推荐未成功 → 推荐成功，已录用",
        "下一步：再推荐一个岗位 → —",
        f"下一步期限：{service.next_due:%Y-%m-%d} → —",
    ]
