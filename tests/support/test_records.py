"""Recording the "四个一": each service names what is wrong field by field in plain Chinese;
a counsellor reaches only the persons of their area (404 otherwise, page and API alike); two
people correcting the same record never silently overwrite each other; what the check found
changed goes into the registry through its own services; the audit trail reads as words."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ablework.core.audit_reading import readable_records
from ablework.core.errors import NotFound
from ablework.core.models import AuditRecord
from ablework.core.versioning import StaleRecord
from ablework.registry.models import Person
from ablework.support.models import Assessment, InformationCheck, ServiceRecord
from ablework.support.services.records import (
    AssessmentInput,
    CheckInput,
    NeedsInput,
    RecordInvalid,
    RegistryCorrections,
    ServiceInput,
    record_assessment,
    record_check,
    record_needs,
    record_service,
)
from ablework.support.vocabulary import DEMANDS
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _messages(error: RecordInvalid) -> dict[str, list[str]]:
    return error.problems


def service_input(**overrides):
    values = {
        "on": TODAY,
        "kind": "referral",
        "channel": "phone",
        "result": "not_hired",
        "outcome": "推荐到济宁某客服中心面试，未录用",
        "next_step": "再推荐一个岗位",
        "next_due": TODAY + timedelta(days=14),
        "given_by": "李专员",
    }
    values.update(overrides)
    return ServiceInput(**values)


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


def assessment_input(**overrides):
    values = {
        "on": TODAY,
        "abilities": {"read_print": "cannot", "read_screen": {"with": ["screen_reader"]}},
        "hours_per_day": Decimal("8"),
        "needs": (),
        "pathway": "competitive",
        "methods": ("interview", "work_trial"),
        "summary": "会用读屏软件操作电脑，适合电话客服一类的工作。",
        "given_by": "李专员",
    }
    values.update(overrides)
    return AssessmentInput(**values)


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


def test_recording_a_service_on_the_page_shows_it_and_logs_the_view(demo_data, guhuai_person):
    client = signed_in(demo_data["rencheng_township"])
    url = reverse("support:record_service", args=[guhuai_person.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert "古槐街道就业服务专员" in form.content.decode()  # the worker's own name, filled in
    refused = client.post(
        url,
        {
            "on": TODAY.isoformat(),
            "kind": "guidance",
            "channel": "phone",
            "result": "given",
            "outcome": "",
            "given_by": "王专员",
        },
    )
    assert "请修改以下问题后再提交" in refused.content.decode()
    data = {
        "on": TODAY.isoformat(),
        "kind": "referral",
        "channel": "on_site",
        "result": "not_hired",
        "outcome": "推荐到超市理货岗位，面试未通过",
        "next_step": "联系辅助性就业机构",
        "next_due": (TODAY + timedelta(days=7)).isoformat(),
        "given_by": "王专员",
    }
    response = client.post(url, data, follow=True)
    page = response.content.decode()
    assert "已记录就业服务。" in page
    assert "职业介绍/岗位推荐（现场）：推荐未成功；下一步：联系辅助性就业机构" in page
    views = AuditRecord.objects.filter(
        action="registry.person.view", target_id=str(guhuai_person.pk)
    )
    assert views.exists()


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


def test_the_check_writes_its_changes_through_the_registry(demo_data, guhuai_person):
    counsellor = demo_data["rencheng_counsellor"]
    client = signed_in(counsellor)
    url = reverse("support:record_check", args=[guhuai_person.pk])
    status = "employed" if guhuai_person.employment_status != "employed" else "unemployed"
    response = client.post(
        url,
        {
            "on": TODAY.isoformat(),
            "channel": "home_visit",
            "verified": ["identity", "contact", "employment", "wishes"],
            "wants_work": "yes",
            "phone": "13705371234",
            "address": "任城区古槐路8号",
            "employment_status": status,
            "employer_name": "济宁某物流公司" if status == "employed" else "",
            "given_by": "李专员",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(pk=guhuai_person.pk)
    assert person.phone == "13705371234"
    assert person.address == "任城区古槐路8号"
    assert person.employment_status == status
    assert person.last_verified_on == TODAY
    check = InformationCheck.objects.get(person=person)
    assert check.changes.startswith("联系电话、居住地址、就业状况（")
    # the registry's own audit record of the change, masked, beside the check's
    registry_change = AuditRecord.objects.get(
        action="registry.person.update", target_id=str(person.pk)
    )
    assert registry_change.changes["phone"][1] == "137****1234"
    assert AuditRecord.objects.filter(action="registry.person.verify", target_id=str(person.pk))


def test_the_services_page_shows_the_latest_assessment_in_words(demo_data, guhuai_person):
    counsellor = demo_data["rencheng_counsellor"]
    record_assessment(
        actor=counsellor,
        person_id=guhuai_person.pk,
        assessment=assessment_input(needs=("step_free", "accessible_toilet")),
    )
    page = signed_in(counsellor).get(reverse("support:person", args=[guhuai_person.pk]))
    text = page.content.decode()
    assert "借助读屏软件能胜任" in text
    assert "不能胜任" in text
    assert "无障碍通道、无障碍卫生间" in text
    assert "面谈、工作试做" in text
    stored = Assessment.objects.get(person=guhuai_person)
    assert stored.abilities == {"read_print": "cannot", "read_screen": {"with": ["screen_reader"]}}


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


def _assessment_form(**overrides):
    data = {f"ability_{demand}": "can" for demand in DEMANDS}
    data.update(
        {
            "on": TODAY.isoformat(),
            "hours_per_day": "6",
            "pathway": "supported",
            "methods": ["interview", "observation"],
            "summary": "坐姿工作没有问题，需要无障碍通道。",
            "given_by": "李专员",
            "needs": ["step_free", "accessible_toilet"],
        }
    )
    data.update(overrides)
    return data


def test_the_assessment_form_takes_each_demand_with_its_accommodations(demo_data, guhuai_person):
    client = signed_in(demo_data["rencheng_counsellor"])
    url = reverse("support:record_assessment", args=[guhuai_person.pk])
    form = client.get(url).content.decode()
    # one fieldset per demand, its legend the demand, the choices in words
    assert form.count('<fieldset class="field-group demand">') == 16
    assert "<legend>长时间站立</legend>" in form
    assert "借助便利条件能胜任" in form
    # each demand's boxes are sent visible (the page without JavaScript shows them all), in a
    # box the page's script shows only while that demand's "with" is chosen
    box = re.search(
        r'<div class="shown-when" id="id_with_stairs_box"([^>]*)>(.*?)</div>\s*</fieldset>',
        form,
        re.S,
    )
    assert box is not None
    assert box[1] == ' data-shown-when-name="ability_stairs" data-shown-when-value="with"'
    assert box[2].count('type="checkbox"') == 16
    assert "support/shown-when.js" in form
    refused = client.post(url, _assessment_form(ability_stairs="with"))
    assert "“上下楼梯”选了借助便利条件，请至少选一项便利条件。" in refused.content.decode()
    # a box ticked for another ability (possible without the script) is refused on its field
    mixed = client.post(url, _assessment_form(with_stairs=["step_free"])).content.decode()
    only_with = "只有选“借助便利条件能胜任”时才选便利条件。"
    assert f'<ul class="errorlist" id="id_with_stairs_error"><li>{only_with}' in mixed
    assert '<a href="#id_with_stairs">' in mixed
    saved = client.post(
        url,
        _assessment_form(
            ability_stairs="cannot",
            ability_stand_long="with",
            with_stand_long=["seat", "adjustable_desk"],
        ),
    )
    assert saved.status_code == 302
    stored = Assessment.objects.get(person=guhuai_person)
    assert stored.abilities == {
        "stand_long": {"with": ["adjustable_desk", "seat"]},
        "stairs": "cannot",
    }
    assert stored.needs == ["step_free", "accessible_toilet"]
