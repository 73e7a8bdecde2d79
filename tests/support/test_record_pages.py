"""The pages of the "四个一" records: a service recorded on its page (a refused one shows its
problems, a saved one shows in words, the person's record viewed is logged); what the check
found changed written into the registry through its own services; the services page showing the
latest assessment in words; the assessment form taking each of the 16 demands with its
accommodations."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from ablework.core.models import AuditRecord
from ablework.registry.models import Person
from ablework.support.models import Assessment, InformationCheck
from ablework.support.services.records import record_assessment
from ablework.support.vocabulary import DEMANDS
from tests.helpers import signed_in
from tests.support.record_inputs import TODAY, assessment_input

pytestmark = pytest.mark.django_db


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
